import type { Kysely } from 'kysely';

/**
 * The pipeline report walks each application's events in time order to find when the next one came:
 * an index in that order spares sorting every event of every application.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('application_events_timeline_idx').on('application_events').columns(['application_id', 'created_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('application_events_timeline_idx').execute();
}
