import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { Client, candidateForm, expectedRating, kitDimensions, logLines, randomPdf, type Running, scorecardBody, seedCompany, sha256, startServer, type Target, runOnTargets, workerCounts, workersListening } from './support';
import { rng } from '../random';

/**
 * `npm run test:shutdown`: SIGTERM while 20 requests are in flight. The requests are naturally
 * slow — résumé uploads and scorecard submissions whose bodies trickle in over ~2.5 s — so no
 * test-only code path exists in the app. Asserts: every request in flight completes with a
 * redirect (success), busy keep-alive connections are let go after their current answer instead
 * of holding the server open until the deadline, a new connection is refused, the process exits 0 within 10 s, SQLite's WAL
 * is checkpointed, and every write is in the database (files byte-identical on disk).
 *
 * Runs with one process, then with WEB_CONCURRENCY=2 (`--workers 1,2`, SHUTDOWN_WORKERS): the
 * primary gets the SIGTERM, both workers have requests in flight, all of them finish, and the
 * primary exits 0 after both workers within the same 10 s.
 */
const UPLOADS = 12;
const SCORECARDS = 8;
const SEND_MS = 2_500;
const CHUNKS = 25;
/** Clients reusing one connection for request after request, as browsers do. */
const KEEP_ALIVE_BROWSERS = 4;

interface Answer {
  readonly status: number;
  readonly location?: string;
}

/** Sends the headers at once, then the body in `CHUNKS` pieces over `SEND_MS`, each on its own connection. */
function slowPost(port: number, urlPath: string, headers: Record<string, string>, body: Buffer, agent: http.Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: urlPath, agent, headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
    });
    req.on('error', reject);
    req.flushHeaders();
    const size = Math.ceil(body.length / CHUNKS);
    let sent = 0;
    const next = () => {
      if (sent >= body.length) return void req.end();
      req.write(body.subarray(sent, sent + size));
      sent += size;
      setTimeout(next, SEND_MS / CHUNKS);
    };
    setTimeout(next, SEND_MS / CHUNKS);
  });
}

/**
 * A busy browser: GET after GET on one keep-alive connection until the server goes away. Returns
 * how many answers came after `since()` turned true, the statuses that were not success, and how it ended.
 */
async function keepAliveLoop(port: number, cookie: string, since: () => boolean): Promise<{ afterSignal: number; bad: number[]; end: string }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let afterSignal = 0;
  const bad: number[] = [];
  try {
    for (;;) {
      const status = await new Promise<number>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path: '/candidates', agent, headers: { cookie } }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          })
          .on('error', reject);
      });
      if (since()) afterSignal += 1;
      if (status >= 400) bad.push(status);
    }
  } catch (err) {
    return { afterSignal, bad, end: (err as NodeJS.ErrnoException).code ?? String(err) };
  } finally {
    agent.destroy();
  }
}

/**
 * `count` connections of their own, open and idle, for the slow requests. With workers (each takes
 * connections from the shared socket as it comes to it), as many on each: every worker then has
 * requests in flight at the signal. Which worker holds a connection is learnt from the log line of a
 * first request on it.
 */
async function connections(server: Running, count: number, workers: number): Promise<http.Agent[]> {
  const byWorker = new Map<number, http.Agent[]>();
  for (let opened = 0; opened < count * 20; opened += 1) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const requestId = await new Promise<string>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: server.port, path: '/healthz', agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(String(res.headers['x-request-id'])));
      }).on('error', reject);
    });
    let worker: number | undefined;
    const deadline = Date.now() + 5_000;
    while (workers > 1 && worker === undefined && Date.now() < deadline) {
      worker = logLines(server).find((l) => (l.req as { id?: string } | undefined)?.id === requestId)?.worker;
      if (worker === undefined) await new Promise((r) => setTimeout(r, 10));
    }
    const held = byWorker.get(worker ?? 1) ?? [];
    if (held.length < Math.ceil(count / workers)) held.push(agent);
    else agent.destroy();
    byWorker.set(worker ?? 1, held);
    const all = [...byWorker.values()].flat();
    if (all.length === count && byWorker.size === workers) return all;
  }
  throw new Error(`could not open ${count} connections spread over ${workers} workers`);
}

/**
 * 'connected', an error code, or 'no answer' when neither came within `waitMs` (a connection attempt
 * the system retries, with waits that double from a second, can otherwise take many seconds to end).
 */
function connectOutcome(port: number, waitMs = 300): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('no answer');
    }, waitMs);
    socket.on('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve('connected');
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(err.code ?? err.message);
    });
  });
}

function check(condition: boolean, message: string, failures: string[]): void {
  if (!condition) failures.push(message);
}

async function run(target: Target, workers: number): Promise<string[]> {
  const failures: string[] = [];
  await target.create();
  const seeded = await seedCompany(target, { recruiters: 1, interviewers: 2, interviewsEach: SCORECARDS / 2 });
  const server = await startServer(target, 'info', undefined, workers > 1 ? { WEB_CONCURRENCY: String(workers) } : {});
  if (workers > 1) await workersListening(server, workers);
  const shuttingDown = () => logLines(server).filter((l) => l.msg.startsWith('shutting down: refusing new connections'));
  const random = rng(42);
  const recruiter = await Client.signIn(server.base, seeded.recruiters[0]!);
  const scorecards: { client: Client; interviewId: number; dimensions: string[]; marker: string }[] = [];
  for (const [email, ids] of seeded.interviews) {
    const client = await Client.signIn(server.base, email);
    for (const interviewId of ids) scorecards.push({ client, interviewId, dimensions: await kitDimensions(client, interviewId), marker: `shutdown-${interviewId}` });
  }
  const uploads = Array.from({ length: UPLOADS }, (_, i) => ({ email: `shutdown.${i}@stress.test`, resume: randomPdf(random, 200_000 + i * 1_000) }));

  const agents = await connections(server, UPLOADS + SCORECARDS, workers);
  const pending: Promise<Answer>[] = [
    ...uploads.map((u, i) => {
      const form = candidateForm({ name: `Shutdown ${i}`, email: u.email, source: 'outbound' }, u.resume, `resume-${i}.pdf`);
      return slowPost(server.port, `/candidates?_csrf=${encodeURIComponent(recruiter.csrf)}`, { cookie: recruiter.cookie, 'content-type': form.contentType }, form.body, agents[i]!);
    }),
    ...scorecards.map((s, i) => slowPost(server.port, `/interviews/${s.interviewId}/scorecard`, { cookie: s.client.cookie, 'content-type': 'application/x-www-form-urlencoded' }, Buffer.from(scorecardBody(s.client.csrf, s.dimensions, s.marker)), agents[UPLOADS + i]!)),
  ];
  const settled = Promise.allSettled(pending);
  let signalled = false;
  const browsers = Promise.all(Array.from({ length: KEEP_ALIVE_BROWSERS }, () => keepAliveLoop(server.port, recruiter.cookie, () => signalled)));
  // Headers are sent at once; let the server see all of them before the signal.
  await new Promise((r) => setTimeout(r, 400));
  const signalledAt = Date.now();
  server.child.kill('SIGTERM');
  signalled = true;
  // Timed by the server's own exit, whatever this process is waiting for meanwhile.
  const exited = server.exit.then((code) => ({ code, shutdownMs: Date.now() - signalledAt }));
  const answered = settled.then((answers) => ({ answers, answeredMs: Date.now() - signalledAt }));
  while (shuttingDown().length < workers && Date.now() - signalledAt < 2_000) await new Promise((r) => setTimeout(r, 10));
  // With workers, the primary holds the port until each has told it that it stopped listening.
  let duringShutdown = await connectOutcome(server.port);
  while (workers > 1 && duringShutdown !== 'ECONNREFUSED' && Date.now() - signalledAt < 1_000) duringShutdown = await connectOutcome(server.port);
  const probedMs = Date.now() - signalledAt;
  const { answers, answeredMs } = await answered;
  for (const agent of agents) agent.destroy();
  const { code, shutdownMs } = await exited;
  const busy = await browsers;

  const ok = answers.filter((a) => a.status === 'fulfilled' && a.value.status >= 200 && a.value.status < 400).length;
  const problems = answers.map((a, i) => (a.status === 'rejected' ? `#${i}: ${String(a.reason)}` : a.value.status >= 400 ? `#${i}: HTTP ${a.value.status}` : '')).filter(Boolean);
  check(ok === pending.length, `requests in flight that failed: ${problems.join(', ')}`, failures);
  check(duringShutdown === 'ECONNREFUSED', `a new connection during shutdown was ${duringShutdown}, not refused`, failures);
  check(code === 0, `exit code ${code}`, failures);
  check(shutdownMs < 10_000, `shutdown took ${shutdownMs} ms`, failures);
  // Keep-alive connections must not hold the server open until the deadline cuts requests off.
  check(!server.output().includes('cutting them off'), 'requests were cut off at the drain deadline', failures);
  check(busy.every((b) => b.bad.length === 0), `keep-alive browsers got errors: ${busy.flatMap((b) => b.bad).join(', ')}`, failures);
  check(!server.output().includes('already been destroyed'), 'a handler met a destroyed database', failures);
  const stopped = /"shutdownMs":(\d+),"finished":(\d+)/.exec(server.output());
  const inFlightPerWorker = shuttingDown().map((l) => Number(l.inFlight));
  if (workers > 1) {
    check(inFlightPerWorker.length === workers && inFlightPerWorker.every((n) => n > 0), `requests in flight per worker at the signal: ${inFlightPerWorker.join(', ')}`, failures);
    check(logLines(server).filter((l) => l.msg === 'stopped').length === workers, 'not every worker logged that it stopped', failures);
    check(logLines(server).some((l) => l.msg === 'all workers stopped' && l.pid === server.child.pid && l.exitCode === 0), 'the primary did not log that all workers stopped cleanly', failures);
    check(!server.output().includes('worker died'), 'a worker stopping was taken for a death', failures);
  }

  if (target.dialect === 'sqlite') {
    const wal = `${target.sqliteFile}-wal`;
    check(!fs.existsSync(wal) || fs.statSync(wal).size === 0, 'the WAL was not checkpointed', failures);
  }

  const database = target.open();
  try {
    const db = database.db;
    let filesOk = 0;
    for (const u of uploads) {
      const row = await db.selectFrom('candidates').innerJoin('stored_files', 'stored_files.id', 'candidates.resume_file_id').select(['stored_files.storage_key', 'stored_files.sha256']).where('candidates.email', '=', u.email).executeTakeFirst();
      const onDisk = row && path.join(target.uploadDir, 'files', row.storage_key);
      if (row && row.sha256 === sha256(u.resume) && onDisk && fs.existsSync(onDisk) && sha256(fs.readFileSync(onDisk)) === row.sha256) filesOk += 1;
    }
    check(filesOk === UPLOADS, `résumés stored intact: ${filesOk}/${UPLOADS}`, failures);
    let cardsOk = 0;
    for (const s of scorecards) {
      const card = await db.selectFrom('scorecards').select(['id', 'status', 'key_takeaways']).where('interview_id', '=', s.interviewId).executeTakeFirst();
      const ratings = card ? await db.selectFrom('scorecard_ratings').select(['dimension_key', 'rating']).where('scorecard_id', '=', card.id).execute() : [];
      const complete = ratings.length === s.dimensions.length && ratings.every((r) => r.rating === expectedRating(s.marker, r.dimension_key));
      if (card?.status === 'submitted' && card.key_takeaways === s.marker && complete) cardsOk += 1;
    }
    check(cardsOk === SCORECARDS, `scorecards stored with all ratings: ${cardsOk}/${SCORECARDS}`, failures);
  } finally {
    await database.close();
  }

  console.log(
    `[${target.dialect}] ${workers > 1 ? `${workers} workers, ` : ''}SIGTERM with ${pending.length} requests in flight${workers > 1 ? ` (${inFlightPerWorker.join(' + ')} per worker)` : ''}: ${ok}/${pending.length} completed with success; ` +
      `${KEEP_ALIVE_BROWSERS} keep-alive browsers got ${busy.reduce((n, b) => n + b.afterSignal, 0)} pages after the signal, then ${[...new Set(busy.map((b) => b.end))].join('/')}; ` +
      `new connection during shutdown: ${duringShutdown} (${probedMs} ms after the signal); requests answered after ${answeredMs} ms; exit code ${code} after ${shutdownMs} ms` +
      (stopped ? ` (server: drained in ${stopped[1]} ms, ${stopped[2]} requests finished after the signal)` : ''),
  );
  if (failures.length > 0) console.log(server.output().split('\n').slice(-30).join('\n'));
  return failures;
}

async function main(): Promise<void> {
  for (const workers of workerCounts('SHUTDOWN_WORKERS')) await runOnTargets(workers > 1 ? `shutdown (${workers} workers)` : 'shutdown', (target) => run(target, workers));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
