import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { hashPassword } from '../../src/auth/passwords';
import { addApplication } from '../../src/candidates/applications.use-cases';
import { insertCandidate } from '../../src/candidates/candidates.repository';
import type { DatabaseConfig } from '../../src/config';
import type { Database } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { type OpenedDatabase, openDatabase } from '../../src/db/open-database';
import { scheduleInterview } from '../../src/interviews/interviews.use-cases';
import { listStages } from '../../src/openings/openings.repository';
import { createOpening } from '../../src/openings/openings.use-cases';
import { createEventHandlers } from '../../src/event-handlers';
import { listRoles } from '../../src/roles/roles.repository';
import { seedRolesAndRubrics } from '../../src/rubrics/seed-catalog';
import { SETTING_KEYS, putSetting } from '../../src/settings/settings.repository';
import { insertUser } from '../../src/users/users.repository';
import { PROJECT_ROOT } from '../../src/paths';

export const SERVER = path.join(PROJECT_ROOT, 'dist/src/server.js');
export const PASSWORD = 'stress test staple orbit';

/** `--name value` from argv, else the environment variable, else the default. */
export function option(name: string, env: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  if (at >= 0 && process.argv[at + 1] !== undefined) return process.argv[at + 1]!;
  return process.env[env] ?? fallback;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** A fresh database for one run: a new SQLite file in a new data folder, or a new PostgreSQL schema. */
export class Target {
  readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesbench-stress-'));
  private readonly schema = `stress_${crypto.randomBytes(5).toString('hex')}`;

  constructor(
    readonly dialect: 'sqlite' | 'postgres',
    private readonly postgresUrl?: string,
  ) {
    if (dialect === 'postgres' && !postgresUrl?.startsWith('postgres')) throw new Error('PostgreSQL needs TEST_DATABASE_URL (or DATABASE_URL) set to a postgres:// URL');
  }

  get sqliteFile(): string {
    return path.join(this.dataDir, 'salesbench.sqlite');
  }

  get uploadDir(): string {
    return path.join(this.dataDir, 'uploads');
  }

  /** Environment for the server process. */
  env(): Record<string, string> {
    if (this.dialect === 'sqlite') return { DATA_DIR: this.dataDir };
    const url = new URL(this.postgresUrl!);
    url.searchParams.set('options', `-c search_path=${this.schema}`);
    return { DATA_DIR: this.dataDir, DATABASE_URL: url.toString() };
  }

  /** Another fresh target on the same database server. */
  sibling(): Target {
    return new Target(this.dialect, this.postgresUrl);
  }

  async create(): Promise<void> {
    if (this.dialect === 'postgres') await this.admin(`create schema ${this.schema}`);
  }

  open(): OpenedDatabase {
    const config: DatabaseConfig = this.dialect === 'sqlite' ? { dialect: 'sqlite', filename: this.sqliteFile } : { dialect: 'postgres', connectionString: this.postgresUrl! };
    return openDatabase(config, this.dialect === 'postgres' ? { searchPath: this.schema } : {});
  }

  async drop(): Promise<void> {
    if (this.dialect === 'postgres') await this.admin(`drop schema if exists ${this.schema} cascade`);
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async admin(statement: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.postgresUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  }
}

function targetFromArgs(): Target[] {
  const choice = option('db', 'STRESS_DB', process.env.TEST_DATABASE_URL ? 'both' : 'sqlite');
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  const dialects: ('sqlite' | 'postgres')[] = choice === 'both' ? ['sqlite', 'postgres'] : choice === 'postgres' ? ['postgres'] : ['sqlite'];
  return dialects.map((d) => new Target(d, url));
}

/**
 * Runs a stress check on each chosen database (its folder or schema dropped afterwards), prints the
 * failures and exits 1 if there are any, else prints "<name>: ok".
 */
export function runOnTargets(name: string, check: (target: Target) => Promise<string[]>, seed?: number): Promise<void> {
  return runChecks(name, targetFromArgs(), check, seed);
}

/** runOnTargets for a check the database plays no part in: SQLite only, whatever `--db` says. */
export function runOnSqlite(name: string, check: (target: Target) => Promise<string[]>): Promise<void> {
  return runChecks(name, [new Target('sqlite')], check);
}

async function runChecks(name: string, targets: Target[], check: (target: Target) => Promise<string[]>, seed?: number): Promise<void> {
  const failures: string[] = [];
  for (const target of targets) {
    try {
      failures.push(...(await check(target)).map((f) => `[${target.dialect}] ${f}`));
    } finally {
      await target.drop();
    }
  }
  if (failures.length > 0) {
    console.error(`FAILED${seed === undefined ? '' : ` (seed ${seed})`}:\n- ${failures.join('\n- ')}`);
    process.exit(1);
  }
  console.log(`${name}: ok`);
}

export interface Running {
  readonly child: ChildProcess;
  readonly port: number;
  readonly base: string;
  readonly exit: Promise<number | null>;
  output(): string;
}

/** Starts the built server and resolves once /healthz answers 200. */
export async function startServer(target: Target, logLevel = 'warn', port?: number, extraEnv: Record<string, string> = {}): Promise<Running> {
  const listenPort = port ?? (await freePort());
  const child = spawn(process.execPath, [SERVER], { env: { PATH: process.env.PATH ?? '', PORT: String(listenPort), LOG_LEVEL: logLevel, ...target.env(), ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // A failed check must not leave a server behind.
  const reap = () => child.kill('SIGKILL');
  process.on('exit', reap);
  void exit.then(() => process.off('exit', reap));
  const base = `http://127.0.0.1:${listenPort}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) return { child, port: listenPort, base, exit, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start:\n${output}`);
}

/** One JSON line of the server's log. */
export interface LogLine {
  readonly pid: number;
  /** The cluster worker that wrote it (WEB_CONCURRENCY > 1). */
  readonly worker?: number;
  readonly msg: string;
  readonly [key: string]: unknown;
}

/** The JSON lines the server has logged so far. */
export function logLines(server: Running): LogLine[] {
  return server
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine);
}

/**
 * With WEB_CONCURRENCY=`count` (logging at "info"): resolves once `count` different workers listen, with
 * each worker's latest "listening" line (a replacement's, after a worker died).
 */
export async function workersListening(server: Running, count: number, ms = 30_000): Promise<LogLine[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const latest = new Map<number, LogLine>();
    for (const line of logLines(server)) if (line.worker !== undefined && line.msg.includes('listening')) latest.set(line.worker, line);
    if (latest.size === count) return [...latest.values()].sort((a, b) => a.worker! - b.worker!);
    if (Date.now() > deadline || server.child.exitCode !== null) throw new Error(`${latest.size} of ${count} workers listening:\n${server.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** `--workers 1,2` (or the environment variable): the WEB_CONCURRENCY values to run a check with. */
export function workerCounts(env: string): number[] {
  return option('workers', env, '1,2')
    .split(',')
    .map((w) => Number(w.trim()))
    .filter((w) => Number.isInteger(w) && w >= 1);
}

export interface Seeded {
  readonly recruiters: string[];
  /** Interviewer email → the interviews they sit on. */
  readonly interviews: Map<string, number[]>;
}

/** A company ready to use, written with the app's own repositories before the server starts. */
export async function seedCompany(target: Target, options: { recruiters: number; interviewers: number; interviewsEach: number }): Promise<Seeded> {
  const database = target.open();
  const db: Kysely<Database> = database.db;
  try {
    await migrateToLatest(db);
    const now = new Date();
    const hash = await hashPassword(PASSWORD);
    const user = (role: 'admin' | 'recruiter' | 'interviewer' | 'hiring_manager', i: number) =>
      insertUser(db, { email: `${role}${i}@stress.test`, name: `${role} ${i}`, role, status: 'active', passwordHash: hash, language: 'en' }, now);
    const adminId = await user('admin', 1);
    await putSetting(db, SETTING_KEYS.setupCompletedAt, now.toISOString());
    await putSetting(db, SETTING_KEYS.companyLanguage, 'en');
    await db.transaction().execute((trx) => seedRolesAndRubrics(trx, 'en', now));
    const managerId = await user('hiring_manager', 1);
    const role = (await listRoles(db, 'en')).find((r) => r.key === 'ae')!;
    const deps = { db, clock: { now: () => now }, handlers: createEventHandlers() };
    const admin = { id: adminId, role: 'admin' as const };
    const openingId = await createOpening(deps, admin, { title: 'Account Executive', roleId: role.id, hiringManagerId: managerId, recruiterIds: [], headcount: 1, status: 'open', payPlan: '' }, 'en');
    const stage = (await listStages(db, openingId, 'en'))[1]!;
    const recruiters: string[] = [];
    for (let i = 1; i <= options.recruiters; i += 1) {
      await user('recruiter', i);
      recruiters.push(`recruiter${i}@stress.test`);
    }
    const interviews = new Map<string, number[]>();
    for (let i = 1; i <= options.interviewers; i += 1) {
      const interviewerId = await user('interviewer', i);
      const ids: number[] = [];
      for (let k = 0; k < options.interviewsEach; k += 1) {
        const candidateId = await insertCandidate(db, { name: `Seeded ${i}.${k}`, email: `seeded.${i}.${k}@stress.test`, phone: '', linkedinUrl: '', source: 'outbound', sourceDetail: '', notes: '', resumeFileId: null, createdBy: adminId }, now);
        const applicationId = await addApplication(deps, admin, candidateId, openingId);
        ids.push(await scheduleInterview(deps, admin, applicationId, { stageId: stage.id, scheduledAt: null, interviewerIds: [interviewerId] }));
      }
      interviews.set(`interviewer${i}@stress.test`, ids);
    }
    return { recruiters, interviews };
  } finally {
    await database.close();
  }
}

/** A signed-in browser: its session cookie and CSRF token survive server restarts (both live in the database). */
export class Client {
  constructor(
    readonly base: string,
    readonly cookie: string,
    readonly csrf: string,
  ) {}

  static async signIn(base: string, email: string): Promise<Client> {
    const page = await fetch(`${base}/login`, { redirect: 'manual' });
    const first = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
    if (!token) throw new Error('no CSRF token on /login');
    const res = await fetch(`${base}/login`, { method: 'POST', redirect: 'manual', headers: { cookie: first, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: token, email, password: PASSWORD }).toString() });
    if (res.status !== 303) throw new Error(`sign-in as ${email} failed: ${res.status}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const home = await fetch(`${base}/candidates`, { headers: { cookie }, redirect: 'manual' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await home.text())?.[1];
    if (!csrf) throw new Error(`no CSRF token for ${email} (status ${home.status} ${home.headers.get('location') ?? ''})`);
    return new Client(base, cookie, csrf);
  }

  withBase(base: string): Client {
    return new Client(base, this.cookie, this.csrf);
  }

  get(urlPath: string): Promise<Response> {
    return fetch(`${this.base}${urlPath}`, { headers: { cookie: this.cookie }, redirect: 'manual' });
  }
}

/** A PDF by its header (the app judges files by content) with `size` random bytes: unique and checkable by hash. */
export function randomPdf(random: () => number, size: number): Buffer {
  const body = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4) body.writeUInt32LE(Math.floor(random() * 0x1_0000_0000), Math.min(i, size - 4));
  return Buffer.concat([Buffer.from('%PDF-1.4\n'), body, Buffer.from('\n%%EOF\n')]);
}

/** A multipart body for the new-candidate form with a résumé. */
export function candidateForm(fields: Record<string, string>, resume: Buffer, fileName: string): { body: Buffer; contentType: string } {
  const boundary = `----stress${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="resume"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`), resume, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function sha256(content: Buffer): string {
  return crypto.createHash('sha256').update(content).digest('hex');
}

/** The rubric dimensions a kit form asks about (its `rating_<key>` fields). */
export async function kitDimensions(client: Client, interviewId: number): Promise<string[]> {
  const res = await client.get(`/interviews/${interviewId}`);
  if (res.status !== 200) throw new Error(`interview kit ${interviewId} answered ${res.status}`);
  return [...new Set([...(await res.text()).matchAll(/name="rating_([a-z0-9_]+)"/g)].map((m) => m[1]!))];
}

/** The rating a scorecard carrying `marker` gives a dimension: derived, so a check can recompute it. */
export function expectedRating(marker: string, key: string): number {
  return 1 + (crypto.createHash('sha256').update(`${marker}/${key}`).digest()[0]! % 4);
}

/** A submitted scorecard whose take-aways are `marker` and whose every rating follows from it. */
export function scorecardBody(csrf: string, dimensions: readonly string[], marker: string): string {
  const form = new URLSearchParams({ _csrf: csrf, action: 'submit', recommendation: 'yes', key_takeaways: marker });
  for (const key of dimensions) {
    form.set(`rating_${key}`, String(expectedRating(marker, key)));
    form.set(`evidence_${key}`, `${marker} ${key}`);
  }
  return form.toString();
}
