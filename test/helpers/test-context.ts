import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Express } from 'express';
import type { Kysely } from 'kysely';
import pg from 'pg';
import pino, { type Logger } from 'pino';
import { createApp } from '../../src/app';
import type { Clock } from '../../src/clock';
import { type Config, loadConfig } from '../../src/config';
import type { Database } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { type Dialect, openDatabase } from '../../src/db/open-database';
import { DatabaseFileStorage } from '../../src/uploads/database-file-storage';
import { DiskFileStorage, type FileStorage } from '../../src/uploads/file-storage';

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is a postgres URL. Any other value is a mistake, not a fallback. */
export function testDialects(): Dialect[] {
  const url = process.env.TEST_DATABASE_URL;
  if (url === undefined || url === '') return ['sqlite'];
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`TEST_DATABASE_URL must be a postgres:// URL, got ${url}`);
  return ['sqlite', 'postgres'];
}

export class TestClock implements Clock {
  private current: number;
  constructor(start = Date.now()) {
    this.current = start;
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export interface TestContext {
  readonly dialect: Dialect;
  readonly db: Kysely<Database>;
  readonly app: Express;
  readonly config: Config;
  readonly clock: TestClock;
  /** The upload folders (tmp/ always; files/ when files are kept on disk). */
  readonly storage: DiskFileStorage;
  /** The store the app keeps files in: `storage`, or the database with `fileStorage: 'database'`. */
  readonly files: FileStorage;
  /** PostgreSQL: the throw-away schema the context runs in. */
  readonly schema: string | undefined;
  /** Every line the app logged, parsed. */
  readonly logs: Record<string, unknown>[];
  close(): Promise<void>;
}

function captureLogger(lines: Record<string, unknown>[]): Logger {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return pino({ level: 'info' }, sink);
}

async function dropSchema(schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.end();
}

/**
 * A fresh, migrated database (in-memory SQLite, or a throw-away PostgreSQL schema) and an app on it.
 * With `sqliteFile`, SQLite lives in a file in the data folder (what a backup can copy).
 */
export async function createTestContext(dialect: Dialect, env: Record<string, string> = {}, options: { sqliteFile?: boolean; onResumeQueued?: () => void; fileStorage?: 'disk' | 'database' } = {}): Promise<TestContext> {
  const clock = new TestClock();
  const logs: Record<string, unknown>[] = [];
  const logger = captureLogger(logs);
  let schema: string | undefined;
  let opened;
  if (dialect === 'postgres') {
    const url = process.env.TEST_DATABASE_URL as string;
    schema = `test_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    opened = openDatabase({ dialect: 'postgres', connectionString: url }, { searchPath: schema });
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesbench-test-'));
  const sqliteFile = options.sqliteFile ? path.join(dataDir, 'salesbench.sqlite') : ':memory:';
  if (dialect === 'sqlite') opened = openDatabase({ dialect: 'sqlite', filename: sqliteFile });
  if (!opened) throw new Error('no database opened');
  try {
    await migrateToLatest(opened.db);
  } catch (err) {
    await opened.close();
    if (schema) await dropSchema(schema);
    throw err;
  }
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, ...(dialect === 'sqlite' && options.sqliteFile ? { DATABASE_URL: `sqlite:${sqliteFile}` } : {}), ...env });
  const storage = new DiskFileStorage(config.uploadDir);
  storage.prepare();
  const files = options.fileStorage === 'database' ? new DatabaseFileStorage(opened.db, config.uploadDir) : storage;
  const app = createApp({ config, db: opened.db, logger, clock, sessionSecret: 'test-secret-that-is-long-enough-for-sessions', storage: files, onResumeQueued: options.onResumeQueued });
  return {
    dialect,
    db: opened.db,
    app,
    config,
    clock,
    storage,
    files,
    schema,
    logs,
    async close() {
      await opened.close();
      if (schema) await dropSchema(schema);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs a suite once per test dialect with a fresh context per test file and dialect.
 * `ctx()` returns the current context inside tests.
 */
export function describeEachDialect(name: string, suite: (ctx: () => TestContext) => void, env: Record<string, string> | (() => Record<string, string>) = {}): void {
  describe.each(testDialects())(`${name} [%s]`, (dialect) => {
    let context: TestContext | undefined;
    beforeAll(async () => {
      context = await createTestContext(dialect, typeof env === 'function' ? env() : env);
    });
    afterAll(async () => {
      await context?.close();
    });
    suite(() => {
      if (!context) throw new Error('test context not ready');
      return context;
    });
  });
}
