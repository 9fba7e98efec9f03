import type { Kysely } from 'kysely';
import { withId } from './helpers';

/**
 * A spreadsheet of candidates being imported: the file as uploaded (base64, so both databases keep
 * the exact bytes and the encoding can still be chosen), whose it is, and until when it is kept. The
 * row lives only for the import flow: the import deletes it, an expired one is deleted by the next
 * upload. Nothing of the file reaches the browser except the preview.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('candidate_imports'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('candidate_imports_user_idx').on('candidate_imports').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('candidate_imports_expires_idx').on('candidate_imports').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('candidate_imports').execute();
}
