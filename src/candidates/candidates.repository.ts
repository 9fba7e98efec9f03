import type { Database, DbOrTrx as Db } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { applicationVisibleTo, seesEverything, type Viewer } from '../auth/scopes';
import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { type ApplicationStatus, type CandidateSort, type CandidateSource, searchKeys } from './candidate';
import { duplicateKeys } from './duplicates';

export interface Candidate {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  readonly linkedinUrl: string;
  readonly source: CandidateSource;
  readonly sourceDetail: string;
  readonly resumeFileId: number | null;
  readonly notes: string;
  readonly createdAt: string;
}

export interface CandidateInput {
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  readonly linkedinUrl: string;
  readonly source: CandidateSource;
  readonly sourceDetail: string;
  readonly notes: string;
}

/** A search's matches, to join by candidate id: rank (0 = in the name, e-mail or phone) and relevance (higher is better). See src/search. */
export type CandidateMatches = RawBuilder<{ id: number; tier: number; score: number }>;

export interface CandidateFilters {
  /** What was typed in the search box; the candidates it finds come in `matches`. */
  readonly q?: string;
  readonly matches?: CandidateMatches;
  readonly openingId?: number;
  readonly stageId?: number;
  readonly source?: CandidateSource;
  readonly status?: ApplicationStatus;
  readonly sort?: CandidateSort;
}

export const PAGE_SIZE = 25;

export async function findCandidate(db: Db, id: number): Promise<Candidate | undefined> {
  const r = await db.selectFrom('candidates').selectAll().where('id', '=', id).executeTakeFirst();
  return (
    r && { id: r.id, name: r.name, email: r.email, phone: r.phone, linkedinUrl: r.linkedin_url, source: r.source, sourceDetail: r.source_detail, resumeFileId: r.resume_file_id, notes: r.notes, createdAt: r.created_at }
  );
}

/** The candidate with this e-mail address (the one holding it, should an older installation have several). */
export async function findCandidateIdByEmail(db: Db, email: string): Promise<number | undefined> {
  if (email === '') return undefined;
  return (await db.selectFrom('candidates').select('id').where('email', '=', email.toLowerCase()).orderBy('id').limit(1).executeTakeFirst())?.id;
}

/** The columns a candidate's form fills, with the lower-cased search keys and the duplicate keys kept in step. */
function candidateColumns(input: CandidateInput) {
  const { nameLower, lastNameLower } = searchKeys(input.name);
  const keys = duplicateKeys(input);
  return {
    name: input.name,
    name_lower: nameLower,
    last_name_lower: lastNameLower,
    email: input.email.toLowerCase(),
    phone: input.phone,
    linkedin_url: input.linkedinUrl,
    source: input.source,
    source_detail: input.sourceDetail,
    notes: input.notes,
    email_key: keys.emailKey,
    phone_key: keys.phoneKey,
    linkedin_key: keys.linkedinKey,
  };
}

/** The name of the unique index that keeps one candidate per e-mail address (migration 0026). */
const EMAIL_UNIQUE_INDEX = 'candidates_email_unique';

/**
 * Whether a database error is the e-mail's unique index refusing a second candidate with the same
 * address: PostgreSQL names the index, SQLite the column.
 */
export function isCandidateEmailTaken(err: unknown): boolean {
  if (!isUniqueViolation(err)) return false;
  const { constraint, message } = err as { constraint?: unknown; message?: unknown };
  return constraint === EMAIL_UNIQUE_INDEX || (typeof message === 'string' && message.includes('candidates.email_unique'));
}

export async function insertCandidate(db: Db, input: CandidateInput & { resumeFileId: number | null; createdBy: number | null }, now: Date): Promise<number> {
  const { id } = await db
    .insertInto('candidates')
    .values({
      ...candidateColumns(input),
      email_unique: input.email === '' ? null : input.email.toLowerCase(),
      resume_file_id: input.resumeFileId,
      created_by: input.createdBy,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('candidate_activity').values({ candidate_id: id, has_active: 0, last_activity_at: now.toISOString() }).execute();
  return id;
}

/**
 * Keeps the candidate's sort keys in step after a change to them or one of their applications:
 * whether any application is active, and the time of this change as their last activity.
 */
export async function refreshCandidateActivity(db: Db, candidateId: number, now: Date): Promise<void> {
  const active = await db.selectFrom('applications').select('id').where('candidate_id', '=', candidateId).where('status', '=', 'active').limit(1).executeTakeFirst();
  const values = { has_active: active ? 1 : 0, last_activity_at: now.toISOString() };
  await db
    .insertInto('candidate_activity')
    .values({ candidate_id: candidateId, ...values })
    .onConflict((oc) => oc.column('candidate_id').doUpdateSet(values))
    .execute();
}

/**
 * Saves a candidate's details. The e-mail's unique column follows the e-mail when it changes; an
 * unchanged one keeps it as it was (a later record of an address held by an earlier one, from
 * before addresses were unique, stays editable until the two are merged).
 */
export async function updateCandidate(db: Db, id: number, input: CandidateInput & { resumeFileId?: number }, now: Date): Promise<void> {
  const email = input.email.toLowerCase();
  await db
    .updateTable('candidates')
    .set({
      ...candidateColumns(input),
      email_unique: sql<string | null>`case when email = ${email} then email_unique else ${email === '' ? null : email} end`,
      ...(input.resumeFileId !== undefined ? { resume_file_id: input.resumeFileId } : {}),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
  await refreshCandidateActivity(db, id, now);
}

type CandidateQuery = ReturnType<typeof candidatesQuery>;

function candidatesQuery(db: Db) {
  return db.selectFrom('candidates').select(['candidates.id', 'candidates.name', 'candidates.email', 'candidates.source', 'candidates.source_detail', 'candidates.created_at']);
}

/**
 * The list's order. For admins and recruiters each sort walks an index (candidate_activity's
 * (has_active, candidate_id) and (last_activity_at, candidate_id); candidates' (name_lower, id)).
 * Anyone else sees only some applications, so "active" and "last activity" are read from those
 * alone (an order must not hint at applications they cannot see); their lists are the few
 * candidates of their openings and interviews.
 */
function sortCandidates(query: CandidateQuery, viewer: Viewer, sort: Exclude<CandidateSort, 'relevance'>): CandidateQuery {
  if (sort === 'name') return query.orderBy('candidates.name_lower', 'asc').orderBy('candidates.id', 'asc');
  if (seesEverything(viewer)) {
    const joined = query.innerJoin('candidate_activity', 'candidate_activity.candidate_id', 'candidates.id');
    return sort === 'activity'
      ? joined.orderBy('candidate_activity.last_activity_at', 'desc').orderBy('candidate_activity.candidate_id', 'desc')
      : joined.orderBy('candidate_activity.has_active', 'desc').orderBy('candidate_activity.candidate_id', 'desc');
  }
  const visible = (eb: ExpressionBuilder<Database, 'candidates'>) =>
    eb.selectFrom('applications').whereRef('applications.candidate_id', '=', 'candidates.id').where(applicationVisibleTo(viewer));
  if (sort === 'activity') {
    return query
      .orderBy((eb) => visible(eb).select((e) => e.fn.max('applications.updated_at').as('at')), 'desc')
      .orderBy('candidates.id', 'desc');
  }
  return query
    .orderBy((eb) => sql<number>`case when ${eb.exists(visible(eb).select('applications.id').where('applications.status', '=', 'active'))} then 1 else 0 end`, 'desc')
    .orderBy('candidates.id', 'desc');
}

/**
 * One page of candidates, in the chosen order (newest with active ones first by default; by
 * relevance while searching), as the viewer may see them. A search's matches (src/search: words
 * anywhere in the name, e-mail, phone, notes and résumé, and the indexed prefix match on the full
 * name, the last name or the e-mail) join in; filters on opening, stage and status apply to the
 * candidate's applications. Fetches one row more than a page to know whether a next page exists,
 * instead of counting every match.
 */
export async function searchCandidates(db: Db, viewer: Viewer, filters: CandidateFilters, page: number): Promise<{ rows: { id: number; name: string; email: string; source: CandidateSource; sourceDetail: string; createdAt: string }[]; hasNext: boolean }> {
  const rows = await candidateSearchQuery(db, viewer, filters, page).execute();
  return { rows: rows.slice(0, PAGE_SIZE).map((r) => ({ id: r.id, name: r.name, email: r.email, source: r.source, sourceDetail: r.source_detail, createdAt: r.created_at })), hasNext: rows.length > PAGE_SIZE };
}

/** The list's query (a page and one row more), unexecuted: the tests read its query plan. */
export function candidateSearchQuery(db: Db, viewer: Viewer, filters: CandidateFilters, page: number) {
  const query = filteredCandidatesQuery(db, viewer, filters);
  const search = filters.matches;
  const sort = filters.sort ?? (search ? 'relevance' : 'newest');
  const sorted =
    sort === 'relevance'
      ? search
        ? query.orderBy(sql.ref('hits.tier'), 'asc').orderBy(sql.ref('hits.score'), 'desc').orderBy('candidates.id', 'desc')
        : sortCandidates(query, viewer, 'newest')
      : sortCandidates(query, viewer, sort);
  return sorted.limit(PAGE_SIZE + 1).offset((page - 1) * PAGE_SIZE);
}

/**
 * The candidates the list's search and filters find, as the viewer may see them, by record: newest
 * first (by id), `limit` of them after `beforeId`. An order that never changes, so a client walking
 * the pages meets each candidate once however records change meanwhile (the JSON API's list).
 */
export async function listCandidatesBefore(db: Db, viewer: Viewer, filters: CandidateFilters, beforeId: number | undefined, limit: number): Promise<{ id: number; name: string; email: string; source: CandidateSource; sourceDetail: string; createdAt: string }[]> {
  const rows = await filteredCandidatesQuery(db, viewer, filters)
    .$if(beforeId !== undefined, (q) => q.where('candidates.id', '<', beforeId!))
    .orderBy('candidates.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, source: r.source, sourceDetail: r.source_detail, createdAt: r.created_at }));
}

/** The candidates the search and filters find, as the viewer may see them, in no order yet. */
function filteredCandidatesQuery(db: Db, viewer: Viewer, filters: CandidateFilters): CandidateQuery {
  let query = candidatesQuery(db);
  const search = filters.matches;
  if (search) {
    // The matches' table joins in; its rank and relevance are read by name below (the builder's type stays the list's).
    query = query.innerJoin(search.as('hits'), 'hits.id', 'candidates.id') as unknown as CandidateQuery;
  }
  if (filters.source) query = query.where('candidates.source', '=', filters.source);
  const needsApplication = filters.openingId !== undefined || filters.stageId !== undefined || filters.status !== undefined || !seesEverything(viewer);
  if (needsApplication) {
    query = query.where((eb) => {
      let sub = eb.selectFrom('applications').select('applications.id').whereRef('applications.candidate_id', '=', 'candidates.id').where(applicationVisibleTo(viewer));
      if (filters.openingId !== undefined) sub = sub.where('applications.opening_id', '=', filters.openingId);
      if (filters.stageId !== undefined) sub = sub.where('applications.stage_id', '=', filters.stageId);
      if (filters.status !== undefined) sub = sub.where('applications.status', '=', filters.status);
      return eb.exists(sub);
    });
  }
  return query;
}

/** Rows per insert when adding many candidates at once (about 16 values each, within both databases' limits). */
const INSERT_CHUNK = 500;

/**
 * Adds many candidates (an import): one insert per 500 candidates and one for their sort keys
 * (`active`: they get an active application in the same change). Returns their ids in the order
 * given: ids grow with the rows of one insert on both databases, so the returned ones are sorted.
 */
export async function insertCandidates(db: Db, inputs: readonly CandidateInput[], options: { createdBy: number; active: boolean }, now: Date): Promise<number[]> {
  const at = now.toISOString();
  const ids: number[] = [];
  for (let i = 0; i < inputs.length; i += INSERT_CHUNK) {
    const part = inputs.slice(i, i + INSERT_CHUNK);
    const rows = await db
      .insertInto('candidates')
      .values(part.map((input) => ({ ...candidateColumns(input), email_unique: input.email === '' ? null : input.email.toLowerCase(), resume_file_id: null, created_by: options.createdBy, created_at: at, updated_at: at })))
      .returning('id')
      .execute();
    const partIds = rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    await db.insertInto('candidate_activity').values(partIds.map((id) => ({ candidate_id: id, has_active: options.active ? 1 : 0, last_activity_at: at }))).execute();
    ids.push(...partIds);
  }
  return ids;
}

/** Of these e-mails (lower-cased), the candidate holding each (the earliest record, should an older installation have several): one query per 500. */
export async function findCandidateIdsByEmail(db: Db, emails: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < emails.length; i += INSERT_CHUNK) {
    const rows = await db.selectFrom('candidates').select(['id', 'email']).where('email', 'in', emails.slice(i, i + INSERT_CHUNK)).orderBy('id').execute();
    for (const r of rows) if (!out.has(r.email)) out.set(r.email, r.id);
  }
  return out;
}
