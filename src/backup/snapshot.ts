import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import type { DatabaseConfig } from '../config';

/** What a consistent copy of the database holds, read from that same copy (or snapshot). */
export interface SnapshotContents {
  /** The newest migration applied. */
  readonly schemaVersion: string;
  /** Rows per table. */
  readonly tables: Record<string, number>;
  /** PostgreSQL: the schema dumped (the app's). */
  readonly schema?: string;
  /** Every uploaded file a row records, as the row recorded it. */
  readonly files: readonly { readonly storageKey: string; readonly sha256: string; readonly sizeBytes: number }[];
}

export interface Snapshot extends SnapshotContents {
  /** The copy on disk: an SQLite database file, or a pg_dump custom-format file. */
  readonly file: string;
  readonly format: 'sqlite' | 'pg_dump';
}

export class BackupToolMissing extends Error {
  constructor(tool: string) {
    super(`${tool} was not found: install Debian's postgresql-client package (the same major version as the server, or newer), or put ${tool} on the PATH`);
    this.name = 'BackupToolMissing';
  }
}

/**
 * SQLite: `VACUUM INTO` from a connection of its own, in a worker thread, so the app keeps
 * answering while the copy is made. VACUUM INTO reads in one transaction: the copy is the database
 * as of one moment, whatever writers do meanwhile (WAL mode lets them carry on). The contents are
 * then read from the copy itself, so they match it exactly.
 */
const SQLITE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
try {
  const source = new Database(workerData.source, { fileMustExist: true });
  source.pragma('busy_timeout = 10000');
  source.prepare('VACUUM INTO ?').run(workerData.target);
  source.close();
  const copy = new Database(workerData.target, { readonly: true });
  const tables = {};
  for (const { name } of copy.prepare("select name from sqlite_master where type = 'table' and name not glob 'sqlite_*' order by name").all()) {
    tables[name] = copy.prepare('select count(*) as n from "' + name.replace(/"/g, '""') + '"').get().n;
  }
  const schemaVersion = tables.kysely_migration ? copy.prepare('select max(name) as v from kysely_migration').get().v : '';
  const files = tables.stored_files ? copy.prepare('select storage_key as storageKey, sha256, size_bytes as sizeBytes from stored_files order by id').all() : [];
  copy.close();
  parentPort.postMessage({ ok: true, contents: { schemaVersion: schemaVersion || '', tables, files } });
} catch (err) {
  parentPort.postMessage({ ok: false, message: err && err.message ? err.message : String(err) });
}
`;

function sqliteSnapshot(source: string, target: string): Promise<SnapshotContents> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SQLITE_WORKER, { eval: true, workerData: { driver: require.resolve('better-sqlite3'), source, target } });
    worker.once('message', (message: { ok: true; contents: SnapshotContents } | { ok: false; message: string }) => {
      if (message.ok) resolve(message.contents);
      else reject(new Error(`copying the SQLite database failed: ${message.message}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the SQLite copy stopped (exit ${code})`));
    });
  });
}

/** The first of `names` found on the PATH or in Debian's PostgreSQL folders (newest version first). */
export function findPostgresTool(name: 'pg_dump' | 'pg_restore'): string {
  const fromEnv = process.env[name === 'pg_dump' ? 'PG_DUMP' : 'PG_RESTORE'];
  if (fromEnv) return fromEnv;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    const versions = fs.readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const candidate = path.join(debian, version, 'bin', name);
      if (fs.existsSync(candidate)) return candidate;
    }
  }
  throw new BackupToolMissing(name);
}

/** Runs a command and resolves with what it printed; rejects with its last error lines when it fails. */
export function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const stdout: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(Buffer.concat(stdout).toString('utf8'));
      else reject(new Error(`${path.basename(command)} failed (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`));
    });
  });
}

/**
 * PostgreSQL: one REPEATABLE READ transaction exports its snapshot; pg_dump dumps exactly that
 * snapshot (custom format, the app's schema only) while the same transaction reads the row counts
 * and the list of files. Both see the database as of one moment.
 */
async function postgresSnapshot(connectionString: string, searchPath: string | undefined, target: string): Promise<SnapshotContents> {
  const pgDump = findPostgresTool('pg_dump');
  const client = new pg.Client({ connectionString, ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}) });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const snapshotId = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]!.id;
    const schema = (await client.query<{ schema: string }>('select current_schema() as schema')).rows[0]!.schema;
    const dump = run(pgDump, ['--format=custom', `--snapshot=${snapshotId}`, `--schema=${schema}`, '--no-owner', '--no-privileges', `--file=${target}`, `--dbname=${connectionString}`]);
    // The dump runs in its own process; read the contents meanwhile, in the same snapshot.
    const names = (await client.query<{ name: string }>("select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name")).rows.map((r) => r.name);
    const tables: Record<string, number> = {};
    for (const name of names) tables[name] = Number((await client.query<{ n: string }>(`select count(*) as n from "${name.replace(/"/g, '""')}"`)).rows[0]!.n);
    const schemaVersion = names.includes('kysely_migration') ? ((await client.query<{ v: string | null }>('select max(name) as v from kysely_migration')).rows[0]!.v ?? '') : '';
    const files = names.includes('stored_files')
      ? (await client.query<{ storageKey: string; sha256: string; sizeBytes: string }>('select storage_key as "storageKey", sha256, size_bytes as "sizeBytes" from stored_files order by id')).rows.map((r) => ({ storageKey: r.storageKey, sha256: r.sha256, sizeBytes: Number(r.sizeBytes) }))
      : [];
    await dump;
    await client.query('commit');
    return { schema, schemaVersion, tables, files };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A consistent copy of the configured database at `target` and what it holds. */
export async function takeSnapshot(database: DatabaseConfig, target: string, options: { searchPath?: string } = {}): Promise<Snapshot> {
  if (database.dialect === 'sqlite') {
    if (database.filename === ':memory:') throw new Error('an in-memory database cannot be backed up');
    return { file: target, format: 'sqlite', ...(await sqliteSnapshot(database.filename, target)) };
  }
  return { file: target, format: 'pg_dump', ...(await postgresSnapshot(database.connectionString, options.searchPath, target)) };
}
