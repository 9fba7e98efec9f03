import type { Kysely } from 'kysely';
import { withId } from './helpers';

/**
 * Decisions that were reopened. `decisions` keeps the one standing decision of an application (what
 * reports, lists and flags read); reopening moves that row here with who reopened it, when and why,
 * so the history shows every decision ever made while every count reads only the final one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('reopened_decisions'))
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('acknowledgements', 'text', (c) => c.notNull())
    .addColumn('flags', 'text', (c) => c.notNull())
    .addColumn('weighted_score', 'integer')
    .addColumn('decided_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('reopened_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reopened_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reopened_decisions_application_idx').on('reopened_decisions').columns(['application_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reopened_decisions').execute();
}
