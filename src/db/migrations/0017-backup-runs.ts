import type { Kysely } from 'kysely';
import { withId } from './helpers';

/**
 * Backups: one row per backup, scheduled or by hand. A scheduled backup claims its slot (the start of
 * its period) by inserting the row, so among instances sharing the database exactly one makes it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('backup_runs'))
    .addColumn('slot', 'text', (c) => c.notNull().unique())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('archive', 'text')
    .addColumn('size_bytes', 'bigint')
    .addColumn('duration_ms', 'integer')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('backup_runs_started').on('backup_runs').columns(['started_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('backup_runs').execute();
}
