import { type Kysely, sql } from 'kysely';

/**
 * What the candidates list sorts by, kept per candidate so each sort walks an index instead of
 * computing over every application: whether the candidate has an active application, and when
 * the candidate or any of their applications last changed ("last activity"). A row of its own, not
 * columns of `candidates`: a move of an application writes it after locking the opening, and
 * writing the candidate's row there would invert the lock order (candidate, then opening).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('candidate_activity')
    .addColumn('candidate_id', 'integer', (c) => c.primaryKey().references('candidates.id').onDelete('cascade'))
    .addColumn('has_active', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_activity_at', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into candidate_activity (candidate_id, has_active, last_activity_at)
    select c.id,
      case when exists (select 1 from applications a where a.candidate_id = c.id and a.status = 'active') then 1 else 0 end,
      coalesce((select max(a.updated_at) from applications a where a.candidate_id = c.id and a.updated_at > c.updated_at), c.updated_at)
    from candidates c`.execute(db);
  // "Newest, active first": has_active desc, candidate_id desc. "Last activity": newest first.
  await db.schema.createIndex('candidate_activity_active_idx').on('candidate_activity').columns(['has_active', 'candidate_id']).execute();
  await db.schema.createIndex('candidate_activity_last_idx').on('candidate_activity').columns(['last_activity_at', 'candidate_id']).execute();
  // "Name": A to Z, ties by id.
  await db.schema.createIndex('candidates_name_sort_idx').on('candidates').columns(['name_lower', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('candidates_name_sort_idx').execute();
  await db.schema.dropTable('candidate_activity').execute();
}
