import { type Kysely, sql } from 'kysely';
import { isPostgres } from './helpers';

/**
 * Uploaded files kept in the database (FILE_STORAGE=database, PostgreSQL only): each file in pieces
 * of about 256 KB, numbered from 0 under its storage key, so that a file is written and read one
 * piece at a time. Made on SQLite too (a blob column), where it stays empty.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('file_chunks')
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', isPostgres(db) ? sql`bytea` : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('file_chunks_pk', ['storage_key', 'seq'])
    .execute();
  // The bytes are already compressed (PDF, DOCX, PNG, JPEG): PostgreSQL need not try again.
  if (isPostgres(db)) await sql`alter table file_chunks alter column data set storage external`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('file_chunks').execute();
}
