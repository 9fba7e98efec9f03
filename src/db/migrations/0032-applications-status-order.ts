import type { Kysely } from 'kysely';

/**
 * Home lists active applications newest (or longest waiting) first, ten at a time, ordered by
 * `updated_at` then `id`. SQLite walks (status, updated_at) in that order already (every index
 * ends with the rowid); PostgreSQL needs the id in the index too, or it sorts every active
 * application to find ten (about 400 ms at 120k applications). This index replaces the shorter one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('applications_status_updated_id_idx').on('applications').columns(['status', 'updated_at', 'id']).execute();
  await db.schema.dropIndex('applications_status_updated_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('applications_status_updated_idx').on('applications').columns(['status', 'updated_at']).execute();
  await db.schema.dropIndex('applications_status_updated_id_idx').execute();
}
