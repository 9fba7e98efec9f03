import { type Kysely, type Migration, type MigrationProvider, type MigrationResultSet, Migrator, sql } from 'kysely';
import { isPostgres } from './migrations/helpers';
import * as m0001 from './migrations/0001-foundation';
import * as m0002 from './migrations/0002-roles-and-rubrics';
import * as m0003 from './migrations/0003-uploads';
import * as m0004 from './migrations/0004-hiring';
import * as m0005 from './migrations/0005-onboarding';
import * as m0006 from './migrations/0006-decisions';
import * as m0007 from './migrations/0007-privacy-audit';
import * as m0008 from './migrations/0008-onboarding-plan-application';
import * as m0009 from './migrations/0009-rating-aggregates-index';
import * as m0010 from './migrations/0010-report-indexes';
import * as m0011 from './migrations/0011-report-totals';
import * as m0012 from './migrations/0012-audit-filters';
import * as m0013 from './migrations/0013-mail';
import * as m0014 from './migrations/0014-calendar';
import * as m0015 from './migrations/0015-reminders';
import * as m0016 from './migrations/0016-panel-scored';
import * as m0017 from './migrations/0017-backup-runs';
import * as m0018 from './migrations/0018-reopened-decisions';
import * as m0020 from './migrations/0020-seed-keys';
import * as m0021 from './migrations/0021-candidate-activity';
import * as m0022 from './migrations/0022-report-figures';
import * as m0023 from './migrations/0023-one-plan-per-hire';
import * as m0024 from './migrations/0024-resume-texts';
import * as m0025 from './migrations/0025-careers';
import * as m0026 from './migrations/0026-candidate-duplicates';
import * as m0028 from './migrations/0028-candidate-search';
import * as m0029 from './migrations/0029-file-chunks';
import * as m0030 from './migrations/0030-comparison-version';
import * as m0031 from './migrations/0031-data-version';
import * as m0032 from './migrations/0032-applications-status-order';
import * as m0033 from './migrations/0033-candidate-imports';
import * as m0034 from './migrations/0034-webhooks';
import * as m0035 from './migrations/0035-api-tokens';

/** Every migration, in order. Frozen once landed: change the schema with a new file. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-roles-and-rubrics': m0002,
  '0003-uploads': m0003,
  '0004-hiring': m0004,
  '0005-onboarding': m0005,
  '0006-decisions': m0006,
  '0007-privacy-audit': m0007,
  '0008-onboarding-plan-application': m0008,
  '0009-rating-aggregates-index': m0009,
  '0010-report-indexes': m0010,
  '0011-report-totals': m0011,
  '0012-audit-filters': m0012,
  '0013-mail': m0013,
  '0014-calendar': m0014,
  '0015-reminders': m0015,
  '0016-panel-scored': m0016,
  '0017-backup-runs': m0017,
  '0018-reopened-decisions': m0018,
  '0020-seed-keys': m0020,
  '0021-candidate-activity': m0021,
  '0022-report-figures': m0022,
  '0023-one-plan-per-hire': m0023,
  '0024-resume-texts': m0024,
  '0025-careers': m0025,
  '0026-candidate-duplicates': m0026,
  '0028-candidate-search': m0028,
  '0029-file-chunks': m0029,
  '0030-comparison-version': m0030,
  '0031-data-version': m0031,
  '0032-applications-status-order': m0032,
  '0033-candidate-imports': m0033,
  '0034-webhooks': m0034,
  '0035-api-tokens': m0035,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function migratorFor(db: Kysely<any>): Promise<Migrator> {
  // On PostgreSQL, keep Kysely's bookkeeping tables in the connection's own schema: otherwise it may
  // find another schema's copy (several installations or test runs in one database) and skip creating its own.
  const schema = isPostgres(db) ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  return schema ? new Migrator({ db: ownSchemaOnly(db, schema), provider, migrationTableSchema: schema }) : new Migrator({ db, provider });
}

/**
 * The database handle the migrator is given on PostgreSQL: Kysely looks its bookkeeping tables up
 * by listing every table of every schema in the database, through functions that fail ("schema …
 * does not exist") when another installation's schema is dropped meanwhile. This handle lists only
 * the connection's own schema, from the catalog alone; everything else is the database's own.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function ownSchemaOnly(db: Kysely<any>, schema: string): Kysely<any> {
  const getTables = async () => {
    const { rows } = await sql<{ name: string }>`select c.relname as name from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace where n.nspname = ${schema} and c.relkind in ('r', 'p', 'v')`.execute(db);
    return rows.map((r) => ({ name: r.name, schema, isView: false, columns: [] }));
  };
  const introspection = { getSchemas: async () => [{ name: schema }], getTables, getMetadata: async () => ({ tables: await getTables() }) };
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection;
      const value: unknown = Reflect.get(target, property, target);
      // Kysely's methods read private fields: they are called on the handle itself, not the proxy.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The names of the migrations that ran; throws with the failing one's name. */
function throwIfFailed({ error, results }: MigrationResultSet): string[] {
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Brings the schema up to date and returns the names of the migrations it ran; throws with the failing migration's name. */
// Migrations see the schema as it was when they were written, not today's typed Database.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  return throwIfFailed(await (await migratorFor(db)).migrateToLatest());
}

/** Brings the schema to the named migration, undoing later ones: how an older installation's database is made in tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateTo(db: Kysely<any>, name: string): Promise<void> {
  throwIfFailed(await (await migratorFor(db)).migrateTo(name));
}
