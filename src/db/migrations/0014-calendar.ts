import { type Kysely, sql } from 'kysely';

/**
 * Interviews that land in calendars: a duration (and a default per stage), a place or video link, a
 * note to the panel, the zone the time was typed in, a cancelled state with its reason, and the
 * calendar identity (a UID that never changes, a SEQUENCE raised at each change); each person's
 * secret calendar feed (stored hashed).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('interview_stages').addColumn('duration_minutes', 'integer', (c) => c.notNull().defaultTo(45)).execute();
  const columns: [string, 'integer' | 'text', (c: any) => any][] = [
    ['duration_minutes', 'integer', (c) => c.notNull().defaultTo(45)],
    ['location', 'text', (c) => c.notNull().defaultTo('')],
    ['note', 'text', (c) => c.notNull().defaultTo('')],
    ['time_zone', 'text', (c) => c.notNull().defaultTo('UTC')],
    ['status', 'text', (c) => c.notNull().defaultTo('scheduled')],
    ['cancel_reason', 'text', (c) => c.notNull().defaultTo('')],
    ['sequence', 'integer', (c) => c.notNull().defaultTo(0)],
    ['uid', 'text', (c) => c],
    ['updated_at', 'text', (c) => c],
  ];
  for (const [name, type, build] of columns) await db.schema.alterTable('interviews').addColumn(name, type, build).execute();
  await sql`update interviews set uid = 'interview-' || id || '@salesbench', updated_at = created_at`.execute(db);
  await db.schema.createIndex('interviews_uid_idx').on('interviews').column('uid').unique().execute();
  await db.schema.createIndex('interviews_scheduled_idx').on('interviews').columns(['scheduled_at', 'id']).execute();

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_feeds').execute();
  await db.schema.dropIndex('interviews_scheduled_idx').execute();
  await db.schema.dropIndex('interviews_uid_idx').execute();
  for (const name of ['updated_at', 'uid', 'sequence', 'cancel_reason', 'status', 'time_zone', 'note', 'location', 'duration_minutes']) await db.schema.alterTable('interviews').dropColumn(name).execute();
  await db.schema.alterTable('interview_stages').dropColumn('duration_minutes').execute();
}
