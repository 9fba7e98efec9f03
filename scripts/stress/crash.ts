import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Client, candidateForm, expectedRating, kitDimensions, logLines, option, randomPdf, type Running, scorecardBody, seedCompany, sha256, startServer, type Target, runOnTargets, workersListening } from './support';
import { rng } from '../random';
import { SmtpSink } from './smtp-sink';
import { totalsDifferingFromRecords } from '../../src/reports/report-totals';
import type { FileStorageKind } from '../../src/config';

/**
 * `npm run test:crash`: 34 clients submit scorecards, upload résumés and invite people (each invite
 * writes a message to the outbox, sent to an SMTP server in this process that answers after a random
 * pause) while the server is killed with SIGKILL at a random moment, round after round. After every
 * restart, every write a client saw acknowledged (a 303 redirect) must be there — scorecards with all
 * their ratings and their edit history, résumés byte-identical when downloaded — and nothing may be
 * half-written: no submitted scorecard without ratings, no file row without its file, no file without
 * its row, no temporary upload left, and (SQLite) `PRAGMA integrity_check` ok. Mail: every message
 * whose invite committed is delivered once the restarted server has sent the outbox (a claim of the
 * killed server runs out after its 5-second lease), none whose invite was lost with the crash, and
 * a message delivered twice is always the same Message-ID.
 *
 * Then the same with WEB_CONCURRENCY=2, round after round: one worker (worker 1, which sends the
 * mail, then worker 2, in turn) is killed with SIGKILL mid-write while the other goes on serving.
 * The primary must log the death and start a replacement that serves; then the server is stopped
 * with SIGTERM (exit 0), started again (its start-up sweeps what the dead worker left) and checked as above.
 *
 * On PostgreSQL the same again, shorter, with the files kept in the database (FILE_STORAGE=database,
 * résumés up to 700 KB so that they span several pieces): every recorded file's pieces there and
 * byte-identical, no piece without its row (they are written in the same transaction), nothing on disk.
 *
 * Options: --rounds N (CRASH_ROUNDS, default 5), --cluster-rounds N (CRASH_CLUSTER_ROUNDS, default 2),
 * --storage-rounds N and --storage-cluster-rounds N (CRASH_STORAGE_ROUNDS, default 2;
 * CRASH_STORAGE_CLUSTER_ROUNDS, default 1) for the FILE_STORAGE=database run,
 * --seed S (CRASH_SEED, default random, printed),
 * --db sqlite|postgres|both (STRESS_DB; default both when TEST_DATABASE_URL is set).
 */
const ROUNDS = Number(option('rounds', 'CRASH_ROUNDS', '5'));
const CLUSTER_ROUNDS = Number(option('cluster-rounds', 'CRASH_CLUSTER_ROUNDS', '2'));
/** Rounds of the PostgreSQL run with FILE_STORAGE=database (shorter: the disk run above covers the rest). */
const STORAGE_ROUNDS = Number(option('storage-rounds', 'CRASH_STORAGE_ROUNDS', '2'));
const STORAGE_CLUSTER_ROUNDS = Number(option('storage-cluster-rounds', 'CRASH_STORAGE_CLUSTER_ROUNDS', '1'));
const WORKERS = 2;
const SEED = Number(option('seed', 'CRASH_SEED', String(Math.floor(Math.random() * 1e9))));
const RECRUITERS = 4;
const INTERVIEWERS = 8;
const CLIENTS_PER_USER = 3;
const INTERVIEWS_PER_CLIENT = 2;
/** Kill between these many milliseconds after the clients start. */
const KILL_AFTER_MS: [number, number] = [1_000, 3_500];

interface ScorecardLog {
  readonly interviewId: number;
  /** Markers in the order they were sent; the index of the last one acknowledged. */
  readonly sent: string[];
  readonly acked: Set<string>;
}

interface InviteLog {
  readonly email: string;
  acked: boolean;
}

interface UploadLog {
  readonly email: string;
  readonly sha256: string;
  acked: boolean;
}

interface RoundCounts {
  acknowledged: number;
  unacknowledged: number;
  unexpected: string[];
  /** Writes the running server refused with 403: not acknowledged, so not a durability question, but printed. */
  refused: string[];
}

class Workload {
  readonly scorecards = new Map<number, ScorecardLog>();
  readonly uploads: UploadLog[] = [];
  readonly invites: InviteLog[] = [];
  private stopped = false;
  /**
   * With workers: a new connection for every request, so the workers share the clients (each takes
   * connections while it is free) and the one killed is always in the middle of some.
   */
  private connection: Record<string, string> = {};

  constructor(
    private readonly random: () => number,
    /** Résumés are up to this big (files kept in the database: several pieces each). */
    private readonly maxResumeBytes: number,
    readonly dimensions: string[],
    readonly recruiters: Client[],
    readonly interviewers: { client: Client; interviewIds: number[] }[],
    readonly admins: Client[],
  ) {
    for (const i of interviewers) for (const id of i.interviewIds) this.scorecards.set(id, { interviewId: id, sent: [], acked: new Set() });
  }

  /** Runs every client against `server` until `kill` (the server, or one of its workers); resolves when all have stopped. */
  async run(server: Running, round: number, kill: () => Promise<void>, clustered = false): Promise<RoundCounts> {
    this.stopped = false;
    this.connection = clustered ? { connection: 'close' } : {};
    const counts: RoundCounts = { acknowledged: 0, unacknowledged: 0, unexpected: [], refused: [] };
    let n = 0;
    const loop = async (step: () => Promise<'ack' | 'lost-connection'>) => {
      while (!this.stopped) {
        try {
          if ((await step()) === 'ack') counts.acknowledged += 1;
        } catch (err) {
          if (!this.stopped && server.child.exitCode === null && server.child.signalCode === null) (/ answered 403\b/.test(String(err)) ? counts.refused : counts.unexpected).push(String(err));
          counts.unacknowledged += 1;
          return;
        }
      }
    };
    const uploadStep = (client: Client) => async (): Promise<'ack'> => {
      n += 1;
      const email = `crash.${round}.${n}.${Math.floor(this.random() * 1e6)}@stress.test`;
      const resume = randomPdf(this.random, 10_000 + Math.floor(this.random() * (this.maxResumeBytes - 10_000)));
      const log: UploadLog = { email, sha256: sha256(resume), acked: false };
      this.uploads.push(log);
      const form = candidateForm({ name: `Crash ${round}.${n}`, email, source: 'outbound' }, resume, `cv-${n}.pdf`);
      const res = await fetch(`${server.base}/candidates?_csrf=${encodeURIComponent(client.csrf)}`, { method: 'POST', redirect: 'manual', headers: { ...this.connection, cookie: client.cookie, 'content-type': form.contentType }, body: new Uint8Array(form.body) });
      if (res.status !== 303 || !/^\/candidates\/\d+$/.test(res.headers.get('location') ?? '')) throw new Error(`upload answered ${res.status} ${res.headers.get('location')}`);
      log.acked = true;
      await res.arrayBuffer();
      return 'ack';
    };
    const scorecardStep = (client: Client, ids: number[]) => async (): Promise<'ack'> => {
      n += 1;
      const log = this.scorecards.get(ids[Math.floor(this.random() * ids.length)]!)!;
      const marker = `r${round}-${n}-${Math.floor(this.random() * 1e6)}`;
      log.sent.push(marker);
      const res = await fetch(`${server.base}/interviews/${log.interviewId}/scorecard`, { method: 'POST', redirect: 'manual', headers: { ...this.connection, cookie: client.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: scorecardBody(client.csrf, this.dimensions, marker) });
      if (res.status !== 303) throw new Error(`scorecard of interview ${log.interviewId} answered ${res.status}: ${/<h1[^>]*>([^<]*)/.exec(await res.text())?.[1] ?? ''}`);
      log.acked.add(marker);
      await res.arrayBuffer();
      return 'ack';
    };
    const inviteStep = (client: Client) => async (): Promise<'ack'> => {
      n += 1;
      const log: InviteLog = { email: `invitee.${round}.${n}.${Math.floor(this.random() * 1e6)}@stress.test`, acked: false };
      this.invites.push(log);
      const body = new URLSearchParams({ _csrf: client.csrf, name: `Invitee ${round}.${n}`, email: log.email, role: 'interviewer' }).toString();
      const res = await fetch(`${server.base}/users`, { method: 'POST', redirect: 'manual', headers: { ...this.connection, cookie: client.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body });
      if (res.status !== 303) throw new Error(`invite answered ${res.status}`);
      log.acked = true;
      await res.arrayBuffer();
      return 'ack';
    };
    const loops = [
      ...this.admins.map((c) => loop(inviteStep(c.withBase(server.base)))),
      ...this.recruiters.map((c) => loop(uploadStep(c.withBase(server.base)))),
      ...this.interviewers.map((i) => loop(scorecardStep(i.client.withBase(server.base), i.interviewIds))),
    ];
    const killAfter = KILL_AFTER_MS[0] + this.random() * (KILL_AFTER_MS[1] - KILL_AFTER_MS[0]);
    await new Promise((r) => setTimeout(r, killAfter));
    this.stopped = true;
    await kill();
    await Promise.all(loops);
    return counts;
  }
}

interface Verdict {
  lost: string[];
  halfWritten: string[];
  unackedPresent: number;
  orphansAwaitingSweep: number;
}

/** Checks the restarted server's data against what the clients saw acknowledged. */
async function verify(target: Target, server: Running, work: Workload, reader: Client, storage: FileStorageKind): Promise<Verdict> {
  const verdict: Verdict = { lost: [], halfWritten: [], unackedPresent: 0, orphansAwaitingSweep: 0 };
  const database = target.open();
  const db = database.db;
  try {
    const cards = await db.selectFrom('scorecards').select(['id', 'interview_id', 'status', 'key_takeaways']).execute();
    const ratings = await db.selectFrom('scorecard_ratings').select(['scorecard_id', 'dimension_key', 'rating']).execute();
    const history = await db.selectFrom('scorecard_history').select(['scorecard_id', 'snapshot']).execute();
    for (const log of work.scorecards.values()) {
      if (log.sent.length === 0) continue;
      const card = cards.find((c) => c.interview_id === log.interviewId);
      const seen = new Set<string>();
      if (card) {
        seen.add(card.key_takeaways);
        for (const h of history.filter((x) => x.scorecard_id === card.id)) seen.add((JSON.parse(h.snapshot) as { keyTakeaways: string }).keyTakeaways);
        const mine = ratings.filter((r) => r.scorecard_id === card.id);
        const complete = mine.length === work.dimensions.length && mine.every((r) => r.rating === expectedRating(card.key_takeaways, r.dimension_key));
        if (card.status !== 'submitted' || !complete) verdict.halfWritten.push(`scorecard of interview ${log.interviewId} (${card.status}, ${mine.length} ratings for "${card.key_takeaways}")`);
        const lastAcked = Math.max(-1, ...[...log.acked].map((m) => log.sent.indexOf(m)));
        if (log.sent.indexOf(card.key_takeaways) < lastAcked) verdict.lost.push(`scorecard of interview ${log.interviewId} went back to "${card.key_takeaways}"`);
      }
      for (const marker of log.acked) if (!seen.has(marker)) verdict.lost.push(`scorecard "${marker}" of interview ${log.interviewId}`);
      for (const marker of seen) {
        if (!log.sent.includes(marker)) verdict.halfWritten.push(`scorecard text nobody sent: "${marker}"`);
        else if (!log.acked.has(marker)) verdict.unackedPresent += 1;
      }
    }
    const bare = await db
      .selectFrom('scorecards')
      .select('id')
      .where('status', '=', 'submitted')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('scorecard_ratings').select('scorecard_id').whereRef('scorecard_ratings.scorecard_id', '=', 'scorecards.id'))))
      .execute();
    for (const b of bare) verdict.halfWritten.push(`submitted scorecard ${b.id} without ratings`);

    const candidates = await db.selectFrom('candidates').leftJoin('stored_files', 'stored_files.id', 'candidates.resume_file_id').select(['candidates.id', 'candidates.email', 'stored_files.sha256']).where('candidates.email', 'like', 'crash.%').execute();
    const byEmail = new Map(candidates.map((c) => [c.email, c]));
    for (const upload of work.uploads) {
      const found = byEmail.get(upload.email);
      if (!found) {
        if (upload.acked) verdict.lost.push(`candidate ${upload.email}`);
        continue;
      }
      if (!upload.acked) verdict.unackedPresent += 1;
      if (found.sha256 !== upload.sha256) {
        verdict.halfWritten.push(`candidate ${upload.email} without its résumé`);
        continue;
      }
      // The file as a user gets it: downloaded through the app, compared with what was sent.
      const res = await reader.withBase(server.base).get(`/candidates/${found.id}/resume`);
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200 || sha256(body) !== upload.sha256) (upload.acked ? verdict.lost : verdict.halfWritten).push(`résumé of ${upload.email} (${res.status}, ${body.length} bytes)`);
    }

    const files = await db.selectFrom('stored_files').select(['storage_key', 'sha256']).execute();
    const recorded = new Set(files.map((f) => f.storage_key));
    const filesDir = path.join(target.uploadDir, 'files');
    const onDisk = fs.existsSync(filesDir) ? fs.readdirSync(filesDir) : [];
    if (storage === 'database') {
      // Pieces are written in the transaction that records their file: all there, or none, never without a row.
      for (const f of files) {
        const pieces = await db.selectFrom('file_chunks').select('data').where('storage_key', '=', f.storage_key).orderBy('seq').execute();
        if (pieces.length === 0 || sha256(Buffer.concat(pieces.map((p) => p.data))) !== f.sha256) verdict.halfWritten.push(`stored file ${f.storage_key} missing or different in the database`);
      }
      const keys = await db.selectFrom('file_chunks').select('storage_key').distinct().execute();
      for (const { storage_key: key } of keys) if (!recorded.has(key)) verdict.halfWritten.push(`pieces of ${key} without a row`);
      if (onDisk.length > 0) verdict.halfWritten.push(`${onDisk.length} files kept on disk with FILE_STORAGE=database`);
    } else {
      for (const f of files) {
        const file = path.join(filesDir, f.storage_key);
        if (!fs.existsSync(file) || sha256(fs.readFileSync(file)) !== f.sha256) verdict.halfWritten.push(`stored file ${f.storage_key} missing or different on disk`);
      }
      for (const name of onDisk) {
        if (recorded.has(name)) continue;
        // PostgreSQL: start-up leaves unrecorded files younger than 10 minutes (another instance may be mid-upload).
        if (target.dialect === 'postgres') verdict.orphansAwaitingSweep += 1;
        else verdict.halfWritten.push(`file ${name} without a row`);
      }
    }
    // Report totals are rebuilt in the transaction of each write: they must match the records.
    const openings = (await db.selectFrom('openings').select('id').execute()).map((o) => o.id);
    const { differing } = await totalsDifferingFromRecords(db, openings);
    for (const table of differing) verdict.halfWritten.push(`${table} differ from the records`);
    const temps = fs.readdirSync(path.join(target.uploadDir, 'tmp'));
    if (temps.length > 0) verdict.halfWritten.push(`${temps.length} temporary uploads left after start-up`);
  } finally {
    await database.db.destroy();
  }
  if (target.dialect === 'sqlite') {
    const sqlite = new BetterSqlite3(target.sqliteFile, { readonly: true });
    try {
      const integrity = sqlite.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') verdict.halfWritten.push(`integrity_check: ${String(integrity)}`);
      const foreign = sqlite.pragma('foreign_key_check') as unknown[];
      if (foreign.length > 0) verdict.halfWritten.push(`${foreign.length} foreign key violations`);
    } finally {
      sqlite.close();
    }
  }
  return verdict;
}

interface MailVerdict {
  problems: string[];
  messages: number;
  duplicates: number;
}

/**
 * Waits for the restarted server to send the outbox, then checks it against what arrived: every
 * message of a committed invite delivered, nothing delivered that the database does not hold, and
 * every second delivery the same Message-ID as the first.
 */
async function verifyMail(target: Target, work: Workload, sink: SmtpSink): Promise<MailVerdict> {
  const verdict: MailVerdict = { problems: [], messages: 0, duplicates: 0 };
  const database = target.open();
  const db = database.db;
  try {
    const deadline = Date.now() + 60_000;
    let waiting = Infinity;
    while (Date.now() < deadline) {
      waiting = (await db.selectFrom('outbox_messages').select('id').where('state', 'in', ['pending', 'sending']).execute()).length;
      if (waiting === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    if (waiting > 0) verdict.problems.push(`${waiting} messages still unsent 60 s after the restart`);
    // Every message the database holds (invites, and the notices the scorecards cause), and the invites among them.
    const all = await db.selectFrom('outbox_messages').select(['message_id', 'recipient_email', 'state', 'kind']).execute();
    const rows = all.filter((r) => r.kind === 'invite');
    const invited = new Set((await db.selectFrom('users').select('email').where('email', 'like', 'invitee.%').execute()).map((u) => u.email));
    verdict.messages = rows.length;
    const byId = new Map(all.map((r) => [r.message_id, r]));
    const delivered = new Map<string, number>();
    for (const d of sink.deliveries) {
      const row = byId.get(d.messageId);
      if (!row) verdict.problems.push(`delivered ${d.messageId} to ${d.to}, which the database does not hold (the change that wrote it was rolled back)`);
      else if (row.recipient_email !== d.to) verdict.problems.push(`${d.messageId} went to ${d.to}, not ${row.recipient_email}`);
      delivered.set(d.messageId, (delivered.get(d.messageId) ?? 0) + 1);
    }
    for (const row of all) {
      const times = delivered.get(row.message_id) ?? 0;
      if (row.state !== 'sent' || times === 0) verdict.problems.push(`${row.kind} message ${row.message_id} to ${row.recipient_email}: ${row.state}, delivered ${times} times`);
      verdict.duplicates += Math.max(0, times - 1);
    }
    for (const row of rows) if (!invited.has(row.recipient_email)) verdict.problems.push(`message to ${row.recipient_email}, who was never invited`);
    const recipients = new Set(rows.map((r) => r.recipient_email));
    for (const email of invited) if (!recipients.has(email)) verdict.problems.push(`${email} invited without a message`);
    for (const invite of work.invites) if (invite.acked && !invited.has(invite.email)) verdict.problems.push(`acknowledged invite of ${invite.email} lost`);
  } finally {
    await database.db.destroy();
  }
  return verdict;
}

/** One crash run on `target` with its files kept in `storage`, for `rounds` single-process and `clusterRounds` clustered rounds. */
async function run(target: Target, storage: FileStorageKind, rounds: number, clusterRounds: number): Promise<string[]> {
  const label = storage === 'database' ? `${target.dialect}, FILE_STORAGE=database` : target.dialect;
  const storageEnv: Record<string, string> = storage === 'database' ? { FILE_STORAGE: 'database' } : {};
  const failures: string[] = [];
  const random = rng(SEED + (target.dialect === 'postgres' ? 1 : 0) + (storage === 'database' ? 2 : 0));
  await target.create();
  const seeded = await seedCompany(target, { recruiters: RECRUITERS, interviewers: INTERVIEWERS, interviewsEach: CLIENTS_PER_USER * INTERVIEWS_PER_CLIENT });
  const sink = await SmtpSink.start(random, 400);
  const start = () => startServer(target, 'warn', undefined, { ...sink.env(), ...storageEnv });
  let server = await start();
  const admins = [await Client.signIn(server.base, 'admin1@stress.test'), await Client.signIn(server.base, 'admin1@stress.test')];
  const recruiters: Client[] = [];
  for (const email of seeded.recruiters) for (let k = 0; k < CLIENTS_PER_USER - 1; k += 1) recruiters.push(await Client.signIn(server.base, email));
  const interviewers: { client: Client; interviewIds: number[] }[] = [];
  for (const [email, ids] of seeded.interviews) {
    for (let k = 0; k < CLIENTS_PER_USER; k += 1) interviewers.push({ client: await Client.signIn(server.base, email), interviewIds: ids.slice(k * INTERVIEWS_PER_CLIENT, (k + 1) * INTERVIEWS_PER_CLIENT) });
  }
  const dimensions = await kitDimensions(interviewers[0]!.client, interviewers[0]!.interviewIds[0]!);
  const work = new Workload(random, storage === 'database' ? 700_000 : 160_000, dimensions, recruiters, interviewers, admins);
  console.log(
    `[${label}] ${recruiters.length + interviewers.length + admins.length} clients (${recruiters.length} uploading résumés, ${interviewers.length} submitting scorecards, ${admins.length} inviting), ${rounds} rounds, then ${clusterRounds} with ${WORKERS} workers, seed ${SEED}`,
  );
  let totalAcked = 0;
  let totalLost = 0;
  const startCluster = async () => {
    const running = await startServer(target, 'info', undefined, { ...sink.env(), ...storageEnv, WEB_CONCURRENCY: String(WORKERS) });
    await workersListening(running, WORKERS);
    return running;
  };
  const killServer = (running: Running) => async () => {
    running.child.kill('SIGKILL');
    await running.exit;
  };
  /** Kills one worker and waits for its replacement to listen; says what went wrong. */
  const killWorker = (running: Running, worker: number, problems: string[]) => async () => {
    const victim = (await workersListening(running, WORKERS)).find((l) => l.worker === worker)!;
    process.kill(victim.pid, 'SIGKILL');
    try {
      const deadline = Date.now() + 30_000;
      while ((await workersListening(running, WORKERS)).find((l) => l.worker === worker)!.pid === victim.pid) {
        if (running.child.exitCode !== null) throw new Error(`the primary exited (code ${running.child.exitCode}) instead:\n${running.output().slice(-1500)}`);
        if (Date.now() > deadline) throw new Error('not replaced within 30 s');
        await new Promise((r) => setTimeout(r, 25));
      }
      const died = logLines(running).find((l) => l.msg.includes('worker died') && l.workerPid === victim.pid);
      if (!died) throw new Error('replaced without its death logged');
      if (died.signal !== 'SIGKILL' || died.worker !== worker) problems.push(`the death of worker ${worker} was logged as ${JSON.stringify(died)}`);
    } catch (err) {
      problems.push(`worker ${worker} (pid ${victim.pid}) killed: ${String(err)}`);
    }
  };
  for (let round = 1; round <= rounds + clusterRounds; round += 1) {
    const clustered = round > rounds;
    const worker = clustered ? ((round - rounds - 1) % WORKERS) + 1 : undefined;
    if (round === rounds + 1) {
      server.child.kill('SIGTERM');
      await server.exit;
      server = await startCluster();
    }
    const clusterProblems: string[] = [];
    const startedAt = Date.now();
    const counts = await work.run(server, round, worker === undefined ? killServer(server) : killWorker(server, worker, clusterProblems), clustered);
    const killedAfter = Date.now() - startedAt;
    if (clustered) {
      // The replacement serves; then a clean stop and a start whose sweep removes what the dead worker left.
      const health = await fetch(`${server.base}/healthz`).then((r) => r.status, (err: unknown) => String(err));
      if (health !== 200) clusterProblems.push(`/healthz after the replacement: ${health}`);
      server.child.kill('SIGTERM');
      const code = await server.exit;
      if (code !== 0) clusterProblems.push(`SIGTERM after the replacement: exit code ${code}`);
      server = await startCluster();
    } else {
      server = await start();
    }
    const verdict = await verify(target, server, work, recruiters[0]!, storage);
    const mail = await verifyMail(target, work, sink);
    const swept = Number(/"files":(\d+)/.exec(server.output())?.[1] ?? 0);
    const leftovers = Number(/"leftovers":(\d+)/.exec(server.output())?.[1] ?? 0);
    totalAcked += counts.acknowledged;
    totalLost = verdict.lost.length;
    const killed = worker === undefined ? 'killed' : `${WORKERS} workers, worker ${worker}${worker === 1 ? ' (the one sending mail)' : ''} killed and replaced${clusterProblems.length > 0 ? ' (NOT as expected)' : ''}`;
    console.log(
      `[${label}] round ${round}: ${killed} after ${(killedAfter / 1000).toFixed(1)} s; writes acknowledged ${counts.acknowledged}, ` +
        `lost ${verdict.lost.length}, unacknowledged ${counts.unacknowledged} (${verdict.unackedPresent} of all unacknowledged so far committed), ` +
        `half-written ${verdict.halfWritten.length}; start-up removed ${leftovers} temporary uploads and ${swept} unrecorded files${target.dialect === 'postgres' && storage === 'disk' ? `, unrecorded files awaiting the 10-minute sweep ${verdict.orphansAwaitingSweep}` : ''}`,
    );
    console.log(`[${label}] round ${round}: mail: ${mail.messages} invites in the outbox, all delivered: ${mail.problems.length === 0 ? 'yes' : 'no'}; delivered twice (same Message-ID) ${mail.duplicates}`);
    for (const refusal of counts.refused) console.log(`[${label}] round ${round}: refused (not acknowledged): ${refusal}`);
    for (const list of [verdict.lost, verdict.halfWritten, counts.unexpected, mail.problems, clusterProblems]) failures.push(...list.slice(0, 10).map((f) => `round ${round}: ${f}`));
  }
  server.child.kill('SIGTERM');
  await server.exit;
  await sink.close();
  console.log(`[${label}] total: ${totalAcked} writes acknowledged, ${totalLost} lost (${work.uploads.filter((u) => u.acked).length} résumés, ${[...work.scorecards.values()].reduce((n, s) => n + s.acked.size, 0)} scorecard saves)`);
  return failures;
}

/**
 * Disk storage on every chosen database; then, on PostgreSQL, a shorter run with the files kept in
 * the database (FILE_STORAGE=database) on a fresh schema.
 */
async function runEach(target: Target): Promise<string[]> {
  const failures = await run(target, 'disk', ROUNDS, CLUSTER_ROUNDS);
  if (target.dialect !== 'postgres' || STORAGE_ROUNDS + STORAGE_CLUSTER_ROUNDS === 0) return failures;
  const fresh = target.sibling();
  try {
    return [...failures, ...(await run(fresh, 'database', STORAGE_ROUNDS, STORAGE_CLUSTER_ROUNDS)).map((f) => `FILE_STORAGE=database: ${f}`)];
  } finally {
    await fresh.drop();
  }
}

runOnTargets('crash', runEach, SEED).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
