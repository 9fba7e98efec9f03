import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import type { DatabaseConfig } from '../config';
import { migrateToLatest } from '../db/migrate';
import { openDatabase } from '../db/open-database';
import { BackupError, type Manifest, verifyArchive } from './archive';
import { findPostgresTool, run } from './snapshot';
import { readTar } from './tar';

export interface RestoreTarget {
  readonly database: DatabaseConfig;
  /** The PostgreSQL schema to restore into when it is not the connection's default (the archive's schema must match). */
  readonly searchPath?: string;
  readonly uploadDir: string;
}

export interface RestoreResult {
  readonly manifest: Manifest;
  /** Rows per table after the restore (and any migration). */
  readonly tables: Record<string, number>;
  readonly files: number;
  readonly migrated: boolean;
  readonly durationMs: number;
}

const KEY = /^[0-9a-f]{32}$/;

function filesDir(target: RestoreTarget): string {
  return path.join(target.uploadDir, 'files');
}

/** Refuses any target that holds data: a restore never writes over a live installation. */
async function assertEmptyTarget(target: RestoreTarget, manifest: Manifest): Promise<void> {
  const dir = filesDir(target);
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new BackupError(`the upload folder ${dir} is not empty: restore only into an empty data folder`);
  if (target.database.dialect === 'sqlite') {
    const file = target.database.filename;
    if (file === ':memory:') throw new BackupError('cannot restore into an in-memory database');
    for (const existing of [file, `${file}-wal`]) {
      if (fs.existsSync(existing) && fs.statSync(existing).size > 0) throw new BackupError(`${existing} already exists: restore only into an empty data folder`);
    }
    return;
  }
  const schema = manifest.database.schema ?? 'public';
  if ((await schemaState(target.database.connectionString, schema)).tables > 0) throw new BackupError(`the target PostgreSQL database already has tables in the schema ${schema}: restore only into an empty database`);
}

async function schemaState(connectionString: string, schema: string): Promise<{ exists: boolean; tables: number }> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const exists = (await client.query('select 1 from information_schema.schemata where schema_name = $1', [schema])).rowCount! > 0;
    const { rows } = await client.query<{ n: string }>('select count(*) as n from information_schema.tables where table_schema = $1', [schema]);
    return { exists, tables: Number(rows[0]!.n) };
  } finally {
    await client.end();
  }
}

/** pg_restore of the dump into its schema; the schema's own creation is skipped when the (empty) schema exists, as public always does. */
async function pgRestoreInto(pgRestore: string, connectionString: string, schema: string, dumpFile: string, work: string): Promise<void> {
  const args = ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${connectionString}`];
  if ((await schemaState(connectionString, schema)).exists) {
    const list = (await run(pgRestore, ['--list', dumpFile])).split('\n').filter((line) => !(/^\d+; \d+ \d+ SCHEMA - /.test(line) && line.includes(` SCHEMA - ${schema} `)));
    const listFile = path.join(work, 'restore.list');
    fs.writeFileSync(listFile, list.join('\n'));
    args.push(`--use-list=${listFile}`);
  }
  await run(pgRestore, [...args, dumpFile]);
}

/** Writes the archive's entries out, checking each one's SHA-256 again as it goes. */
async function extract(archive: string, manifest: Manifest, target: RestoreTarget, databaseFile: string): Promise<void> {
  const expected = new Map([manifest.database, ...manifest.files].map((e) => [e.entry, e.sha256]));
  fs.mkdirSync(filesDir(target), { recursive: true });
  await readTar(archive, (header) => {
    let destination: string | undefined;
    if (header.name === manifest.database.entry) destination = databaseFile;
    else if (header.name.startsWith('files/') && KEY.test(header.name.slice(6))) destination = path.join(filesDir(target), header.name.slice(6));
    if (!destination) return { data() {}, end() {} };
    const fd = fs.openSync(`${destination}.restoring`, 'wx');
    const hash = crypto.createHash('sha256');
    return {
      data(chunk) {
        hash.update(chunk);
        fs.writeSync(fd, chunk);
      },
      end() {
        fs.fsyncSync(fd);
        fs.closeSync(fd);
        if (hash.digest('hex') !== expected.get(header.name)) throw new BackupError(`${header.name} changed while it was restored`, header.name);
        fs.renameSync(`${destination}.restoring`, destination!);
      },
    };
  });
}

type Db = ReturnType<typeof openDatabase>['db'];

async function newestMigration(db: Db): Promise<string> {
  return (await sql<{ v: string | null }>`select max(name) as v from kysely_migration`.execute(db)).rows[0]?.v ?? '';
}

async function countTables(db: Db, dialect: DatabaseConfig['dialect']): Promise<Record<string, number>> {
  const names =
    dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not glob 'sqlite_*' order by name`.execute(db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db)).rows.map((r) => r.name);
  const tables: Record<string, number> = {};
  for (const name of names) tables[name] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(db)).rows[0]!.n);
  return tables;
}

/**
 * Checks the restored database: SQLite's integrity and foreign-key checks, and that every file a
 * row records is on disk (or, for an archive made with FILE_STORAGE=database, in file_chunks) with the recorded size. Throws naming the first problem.
 */
async function checkRestored(db: Db, target: RestoreTarget, manifest: Manifest): Promise<void> {
  if (target.database.dialect === 'sqlite') {
    const integrity = (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)).rows.map((r) => r.integrity_check);
    if (integrity.join() !== 'ok') throw new BackupError(`the restored database fails its integrity check: ${integrity.slice(0, 3).join('; ')}`);
    const foreign = (await sql<{ table: string }>`pragma foreign_key_check`.execute(db)).rows;
    if (foreign.length > 0) throw new BackupError(`the restored database has ${foreign.length} rows pointing at missing rows (first in ${foreign[0]!.table})`);
  }
  if (manifest.filesInDatabase !== undefined) {
    // Kept in the database: every recorded file's pieces add up to its recorded size.
    const short = await sql<{ key: string }>`select f.storage_key as key from stored_files f left join (select storage_key, sum(length(data)) as n from file_chunks group by storage_key) c on c.storage_key = f.storage_key where coalesce(c.n, -1) <> f.size_bytes limit 1`.execute(db);
    if (short.rows[0]) throw new BackupError(`the restored database records the file ${short.rows[0].key}, whose pieces are missing or short`);
    return;
  }
  const files = await db.selectFrom('stored_files').select(['storage_key', 'size_bytes']).execute();
  for (const file of files) {
    const onDisk = path.join(filesDir(target), file.storage_key);
    if (!fs.existsSync(onDisk) || fs.statSync(onDisk).size !== Number(file.size_bytes)) throw new BackupError(`the restored database records the file ${file.storage_key}, which is not in the archive`);
  }
}

/**
 * Restores an archive into an empty target: verifies every entry first (nothing is written when
 * one is bad), refuses a target holding data, restores, migrates when the archive is older than
 * this version, and checks the result.
 */
export async function restoreBackup(archive: string, target: RestoreTarget): Promise<RestoreResult> {
  const startedAt = performance.now();
  const manifest = await verifyArchive(archive);
  const wanted = manifest.dialect;
  if (wanted !== target.database.dialect) throw new BackupError(`this archive holds a ${wanted === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database; set DATABASE_URL to ${wanted === 'sqlite' ? 'a sqlite: path (or leave it unset)' : 'an empty PostgreSQL database'} to restore it`);
  await assertEmptyTarget(target, manifest);
  const pgRestore = target.database.dialect === 'postgres' ? findPostgresTool('pg_restore') : undefined;
  fs.mkdirSync(target.uploadDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(target.uploadDir, '.restore-'));
  const databaseFile = target.database.dialect === 'sqlite' ? target.database.filename : path.join(work, 'salesbench.pgdump');
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  try {
    await extract(archive, manifest, target, databaseFile);
    if (target.database.dialect === 'postgres') {
      await pgRestoreInto(pgRestore!, target.database.connectionString, manifest.database.schema ?? 'public', databaseFile, work);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const opened = openDatabase(target.database, target.searchPath ? { searchPath: target.searchPath } : {});
  try {
    const before = await newestMigration(opened.db);
    await migrateToLatest(opened.db);
    // Backups in progress when the copy was taken (this one among them) have no outcome in the copy.
    await opened.db.deleteFrom('backup_runs').where('status', '=', 'running').execute();
    await checkRestored(opened.db, target, manifest);
    const tables = await countTables(opened.db, target.database.dialect);
    return { manifest, tables, files: manifest.files.length, migrated: before !== (await newestMigration(opened.db)), durationMs: Math.round(performance.now() - startedAt) };
  } finally {
    await opened.close();
  }
}
