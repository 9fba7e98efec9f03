import { type Kysely, sql } from 'kysely';

/**
 * The text of each résumé, read after the upload commits. A row is written as 'pending' in the
 * transaction that keeps the file (it is the job: whoever reads texts claims pending rows until
 * `claimed_until`), and becomes 'text' with what was read or 'none' with the reason none could be
 * (malformed, encrypted, scanned, not a document). It goes with its file.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('resume_texts')
    .addColumn('file_id', 'integer', (c) => c.primaryKey().references('stored_files.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index resume_texts_pending_idx on resume_texts (file_id) where status = 'pending'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('resume_texts').execute();
}
