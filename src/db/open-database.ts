import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, Kysely, PostgresDialect, SqliteDialect, type SqliteDialectConfig, SqliteDriver, type TransactionSettings, sql } from 'kysely';
import pg from 'pg';
import { type DatabaseConfig, DEFAULT_SQLITE_CACHE_MB } from '../config';
import type { Database } from './database';

export type Dialect = DatabaseConfig['dialect'];

export interface OpenedDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** Flushes (SQLite: checkpoints the WAL) and closes every connection. */
  close(): Promise<void>;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * Opens the configured database. SQLite runs in WAL mode with synchronous=FULL: an acknowledged
 * write survives a crash and a power loss; its page cache is `cacheMb` (SQLITE_CACHE_MB). PostgreSQL
 * returns bigint and numeric as numbers here (counts and sums stay below 2^53 in this application).
 */
export function openDatabase(config: DatabaseConfig, options: { searchPath?: string } = {}): OpenedDatabase {
  if (config.dialect === 'postgres') {
    const types = {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    };
    const pool = new pg.Pool({
      connectionString: config.connectionString,
      max: 10,
      types,
      ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }

  if (config.filename !== ':memory:') fs.mkdirSync(path.dirname(config.filename), { recursive: true });
  const sqlite = new BetterSqlite3(config.filename);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Negative: a size in KiB rather than a number of pages.
  sqlite.pragma(`cache_size = ${-(config.cacheMb ?? DEFAULT_SQLITE_CACHE_MB) * 1024}`);
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    db,
    dialect: 'sqlite',
    async close() {
      if (sqlite.open && config.filename !== ':memory:') sqlite.pragma('wal_checkpoint(TRUNCATE)');
      await db.destroy();
    },
  };
}

/**
 * Kysely begins SQLite transactions with a deferred `begin`: the write lock is asked for only at the
 * first write. When another process (a cluster worker, a backup) has committed since this
 * transaction's first read, SQLite cannot upgrade it and answers SQLITE_BUSY at once, busy_timeout
 * or not. `begin immediate` takes the write lock first, waiting up to busy_timeout for it, so a
 * read-then-write transaction never fails that way. A transaction asked for as read only keeps the
 * deferred begin (it never needs the lock).
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(settings?.accessMode === 'read only' ? 'begin' : 'begin immediate'));
  }
}

/** Kysely's SQLite dialect whose transactions begin immediate (see ImmediateSqliteDriver). */
export class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

/** True when the database answers a trivial query within `timeoutMs`. */
export async function pingDatabase(db: Kysely<Database>, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('database ping timed out')), timeoutMs);
    });
    await Promise.race([sql`select 1`.execute(db), timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Kysely prepares every query anew; better-sqlite3 statements can be reused, and preparing is a
 * large share of a small query's cost. Keeps the most recent statements by SQL text.
 */
function withStatementCache(sqlite: BetterSqlite3.Database, size = 500): BetterSqlite3.Database {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  return new Proxy(sqlite, {
    get(target, property, receiver) {
      if (property !== 'prepare') {
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      }
      return (source: string) => {
        let statement = cache.get(source);
        if (statement) {
          cache.delete(source);
        } else {
          statement = prepare(source);
          if (cache.size >= size) cache.delete(cache.keys().next().value as string);
        }
        cache.set(source, statement);
        return statement;
      };
    },
  });
}
