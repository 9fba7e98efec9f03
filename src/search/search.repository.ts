import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database, DbOrTrx as Db } from '../db/database';
import { isPostgres } from '../db/migrations/helpers';
import { type CandidateText, ftsHeadQuery, ftsQuery, isCyrillic, prefixRange, type QueryChunk, type SearchFields, searchFields, type SearchQuery, stemmedColumns, tsqueryChunk } from './search-text';

const onPostgres = (db: Db) => isPostgres(db as unknown as Kysely<unknown>);

/** Rows per statement when writing or deleting entries. */
const WRITE_CHUNK = 200;

function chunked<T>(items: readonly T[], size = WRITE_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** What the index and the snippets are made from, per candidate: the résumé's text only once it was read. */
export async function readCandidateTexts(db: Db, ids: readonly number[]): Promise<Map<number, CandidateText>> {
  const out = new Map<number, CandidateText>();
  for (const part of chunked([...new Set(ids)], 500)) {
    const rows = await db
      .selectFrom('candidates')
      .leftJoin('resume_texts', (join) => join.onRef('resume_texts.file_id', '=', 'candidates.resume_file_id').on('resume_texts.status', '=', 'text'))
      .select(['candidates.id', 'candidates.name', 'candidates.email', 'candidates.phone', 'candidates.notes', 'resume_texts.text as resume'])
      .where('candidates.id', 'in', part)
      .execute();
    for (const r of rows) out.set(r.id, { name: r.name, email: r.email, phone: r.phone, notes: r.notes, resume: r.resume ?? '' });
  }
  return out;
}

/** Removes candidates' entries (erased, merged away): nothing of them stays in the index. */
export async function deleteSearchEntries(db: Db, ids: readonly number[]): Promise<void> {
  for (const part of chunked(ids)) {
    if (onPostgres(db)) await sql`delete from candidate_search where candidate_id in (${sql.join(part)})`.execute(db);
    else await sql`delete from candidate_search where rowid in (${sql.join(part)})`.execute(db);
    await db.deleteFrom('candidate_search_stale').where('candidate_id', 'in', part).execute();
  }
}

/** A document's words split by the language PostgreSQL stems them in. */
function byLanguage(words: readonly string[]): { english: string; russian: string } {
  return { english: words.filter((w) => !isCyrillic(w)).join(' '), russian: words.filter(isCyrillic).join(' ') };
}

/** Rows per statement on PostgreSQL: the rows travel as eight arrays, so the statement stays the same size. */
const PG_WRITE_CHUNK = 2000;

/**
 * PostgreSQL stems the words itself, each word once: Cyrillic ones with the `russian`
 * configuration, the others with `english` (half the size of both over every word, and the entries
 * are read for every match when ranking). Weights A (name, e-mail; the phone's tokens as they
 * are), B (notes), C (résumé). The rows are passed as arrays and unnested: parsing and binding a
 * statement of a value list per row cost more than the stemming itself.
 */
async function writePgEntries(db: Db, entries: readonly { id: number; fields: SearchFields }[]): Promise<void> {
  for (const part of chunked(entries, PG_WRITE_CHUNK)) {
    const head = part.map((e) => byLanguage(e.fields.head));
    const notes = part.map((e) => byLanguage(e.fields.notes));
    const resume = part.map((e) => byLanguage(e.fields.resume));
    const texts = (values: string[]) => sql`${values}::text[]`;
    await sql`insert into candidate_search (candidate_id, document)
      select e.id,
        setweight(to_tsvector('english'::regconfig, e.head_en) || to_tsvector('russian'::regconfig, e.head_ru) || to_tsvector('simple'::regconfig, e.phone), 'A')
        || setweight(to_tsvector('english'::regconfig, e.notes_en) || to_tsvector('russian'::regconfig, e.notes_ru), 'B')
        || setweight(to_tsvector('english'::regconfig, e.resume_en) || to_tsvector('russian'::regconfig, e.resume_ru), 'C')
      from unnest(${part.map((e) => e.id)}::integer[], ${texts(head.map((h) => h.english))}, ${texts(head.map((h) => h.russian))}, ${texts(part.map((e) => e.fields.phone.join(' ')))},
        ${texts(notes.map((n) => n.english))}, ${texts(notes.map((n) => n.russian))}, ${texts(resume.map((r) => r.english))}, ${texts(resume.map((r) => r.russian))})
        as e(id, head_en, head_ru, phone, notes_en, notes_ru, resume_en, resume_ru)
      on conflict (candidate_id) do update set document = excluded.document`.execute(db);
  }
}

/** Writes (or rewrites) the entries of these candidates from the texts given, one per candidate. */
async function writeEntries(db: Db, entries: readonly { id: number; fields: SearchFields }[]): Promise<void> {
  if (onPostgres(db)) return writePgEntries(db, entries);
  for (const part of chunked(entries)) {
    const rows = part.map((e) => {
      const c = stemmedColumns(e.fields);
      return sql`(${e.id}, ${c.head}, ${c.notes}, ${c.resume})`;
    });
    await sql`insert or replace into candidate_search (rowid, head, notes, resume) values ${sql.join(rows)}`.execute(db);
  }
}

/**
 * Brings these candidates' entries up to date with their data (inside the caller's transaction):
 * written from what they hold now, or removed when the candidate is gone. They are no longer stale.
 */
export async function indexCandidates(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const texts = await readCandidateTexts(db, ids);
  await deleteSearchEntries(db, ids.filter((id) => !texts.has(id)));
  await writeEntries(db, [...texts].map(([id, text]) => ({ id, fields: searchFields(text) })));
  for (const part of chunked([...texts.keys()])) await db.deleteFrom('candidate_search_stale').where('candidate_id', 'in', part).execute();
}

/**
 * Indexes candidates marked stale (all of them after the upgrade that brought search), a batch at a
 * time: texts are read and cut into words outside any transaction, then written in a short one,
 * only for those still stale then (an edit in between indexed the candidate itself). Instances
 * sharing a database may run it together: each stale row is taken by one. Returns how many were indexed.
 */
export async function indexStaleCandidates(db: Kysely<Database>, options: { batchSize?: number; shouldStop?: () => boolean } = {}): Promise<number> {
  const batchSize = options.batchSize ?? 100;
  let total = 0;
  let after = 0;
  while (!options.shouldStop?.()) {
    const ids = (await db.selectFrom('candidate_search_stale').select('candidate_id').where('candidate_id', '>', after).orderBy('candidate_id').limit(batchSize).execute()).map((r) => r.candidate_id);
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!;
    const texts = await readCandidateTexts(db, ids);
    const entries = [...texts].map(([id, text]) => ({ id, fields: searchFields(text) }));
    total += await db.transaction().execute(async (trx) => {
      const still = new Set((await trx.deleteFrom('candidate_search_stale').where('candidate_id', 'in', ids).returning('candidate_id').execute()).map((r) => r.candidate_id));
      await writeEntries(trx, entries.filter((e) => still.has(e.id)));
      return still.size;
    });
    // Let requests in between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return total;
}

/** Whether some candidates still wait to be indexed (found only by the start of their name until then). */
export async function hasStaleEntries(db: Db): Promise<boolean> {
  return (await db.selectFrom('candidate_search_stale').select('candidate_id').limit(1).executeTakeFirst()) !== undefined;
}

/** The rank of a match and its relevance: rank 0 for a match in the name, e-mail or phone (or the start of the name), 1 for notes and résumé only. */
export interface SearchHit {
  readonly id: number;
  readonly tier: number;
  readonly score: number;
}

/** Candidates whose name, last name or e-mail starts with `prefix` (indexed ranges; today's rule, and how candidates not yet indexed are found). */
function startsWith(prefix: string, also?: RawBuilder<unknown>): RawBuilder<unknown> {
  const { low, high } = prefixRange(prefix);
  return sql`select id, 0 as tier, cast(0 as real) as score from candidates
    where ((name_lower >= ${low} and name_lower < ${high}) or (last_name_lower >= ${low} and last_name_lower < ${high}) or (email >= ${low} and email < ${high}))${also ? sql` and ${also}` : sql``}`;
}

/** Plain ASCII: PostgreSQL's `russian` configuration stems such words with the English stemmer. */
const ASCII_ONLY = /^[\x20-\x7e]*$/;

function pgQuery(chunks: readonly QueryChunk[], headOnly: boolean): RawBuilder<unknown> {
  const parts = chunks.map((c) => {
    const q = tsqueryChunk(c, headOnly);
    // For ASCII words both configurations give the same query, and "x | x" doubles the planner's
    // estimate of the matches: a common name then reads every document instead of the index.
    const words = c.words.every((w) => ASCII_ONLY.test(w))
      ? sql`to_tsquery('english'::regconfig, ${q.words})`
      : sql`to_tsquery('english'::regconfig, ${q.words}) || to_tsquery('russian'::regconfig, ${q.words})`;
    return q.phone === undefined ? sql`(${words})` : sql`(${words} || to_tsquery('simple'::regconfig, ${q.phone}))`;
  });
  return sql.join(parts, headOnly ? sql` || ` : sql` && `);
}

/**
 * The candidates matching a query, as SQL to join: every chunk found in their words (stems, any
 * field), or the query as the start of their name, last name or e-mail, or (while typing) every
 * chunk but the last found and the last one as such a start. Each with its rank and relevance
 * (SQLite: bm25 with the name, e-mail and phone weighing 10, notes 4, the résumé 1; PostgreSQL:
 * ts_rank over weights A, B, C).
 */
export function searchHits(db: Db, query: SearchQuery): RawBuilder<SearchHit> {
  const pg = onPostgres(db);
  const full = ftsQuery(query.chunks);
  const head = ftsHeadQuery(query.chunks);
  const rest = query.chunks.slice(0, -1);
  const branches: RawBuilder<unknown>[] = [];
  if (full !== undefined && head !== undefined) {
    branches.push(
      pg
        ? sql`select s.candidate_id as id, case when s.document @@ query.h then 0 else 1 end as tier, ts_rank(s.document, query.q) as score
            from (select ${pgQuery(query.chunks, false)} as q, ${pgQuery(query.chunks, true)} as h) as query, candidate_search s where s.document @@ query.q`
        : sql`select rowid as id, case when rowid in (select rowid from candidate_search where candidate_search match ${head}) then 0 else 1 end as tier, -bm25(candidate_search, 10.0, 4.0, 1.0) as score
            from candidate_search where candidate_search match ${full}`,
    );
  }
  branches.push(startsWith(query.prefix));
  if (query.lastPrefix !== undefined && rest.length > 0) {
    const restMatch = pg
      ? sql`id in (select candidate_id from candidate_search where document @@ (${pgQuery(rest, false)}))`
      : // "+id": SQLite walks the name ranges and checks each against the matches, rather than looking up every match.
        sql`+id in (select rowid from candidate_search where candidate_search match ${ftsQuery(rest)})`;
    branches.push(startsWith(query.lastPrefix, restMatch));
  }
  return sql<SearchHit>`(select id, min(tier) as tier, max(score) as score from (${sql.join(branches, sql` union all `)}) as branches group by id)`;
}
