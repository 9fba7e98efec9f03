import { type Kysely, sql } from 'kysely';
import { isPostgres } from './helpers';

/**
 * Full-text search over candidates: one index entry per candidate, made of its name, e-mail and
 * phone (weighted highest), its notes, and its résumé's text.
 * - SQLite: an FTS5 table of stems computed by the app (FTS5 has no Russian stemmer), rowid = the
 *   candidate's id; contentless (the text lives in `candidates` and `resume_texts`), with deletes.
 * - PostgreSQL: a `tsvector` per candidate (the `english` and `russian` configurations; weights A
 *   for name, e-mail and phone, B for notes, C for the résumé) under a GIN index.
 * The entries are written by the app (the words are cut the same way for both databases), so this
 * migration only marks every existing candidate in `candidate_search_stale`: the app indexes
 * those in batches after it starts, and finds them by the start of their name meanwhile.
 * Also an index on `candidates.resume_file_id`, which had none.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await db.schema
      .createTable('candidate_search')
      .addColumn('candidate_id', 'integer', (c) => c.primaryKey().references('candidates.id').onDelete('cascade'))
      .addColumn('document', sql`tsvector`, (c) => c.notNull())
      .execute();
    // Ranking reads each match's document: lz4 (where the server has it) unpacks several times faster than the default.
    const lz4 = await sql<{ ok: boolean }>`select 'lz4' = any(enumvals) as ok from pg_settings where name = 'default_toast_compression'`.execute(db);
    if (lz4.rows[0]?.ok === true) await sql`alter table candidate_search alter column document set compression lz4`.execute(db);
    await sql`create index candidate_search_document_idx on candidate_search using gin (document)`.execute(db);
  } else {
    await sql`create virtual table candidate_search using fts5(head, notes, resume, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(db);
  }
  await db.schema
    .createTable('candidate_search_stale')
    .addColumn('candidate_id', 'integer', (c) => c.primaryKey().references('candidates.id').onDelete('cascade'))
    .execute();
  await sql`insert into candidate_search_stale (candidate_id) select id from candidates`.execute(db);
  // A candidate's résumé is found by its file: the index joins résumé texts through it, and the
  // start-up sweep of unreferenced files asks, for every file, whether a candidate points at it.
  await db.schema.createIndex('candidates_resume_file_idx').on('candidates').column('resume_file_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('candidates_resume_file_idx').execute();
  await db.schema.dropTable('candidate_search_stale').execute();
  await db.schema.dropTable('candidate_search').execute();
}
