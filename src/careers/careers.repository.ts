import type { DbOrTrx as Db } from '../db/database';
import type { Language } from '../i18n/i18n';
import type { EmploymentType } from './posting';

/** An opening's careers-page posting, as stored. */
export interface Posting {
  readonly openingId: number;
  readonly published: boolean;
  readonly publicTitle: string;
  readonly description: string;
  readonly location: string;
  readonly employmentType: EmploymentType;
  readonly slug: string;
  readonly publishedAt: string | null;
}

export type PostingInput = Omit<Posting, 'openingId' | 'publishedAt'>;

/** A posting as the public sees it: published, and its opening open. */
export interface PublicPosting extends Posting {
  readonly publishedAt: string;
}

function toPosting(r: { opening_id: number; published: number; public_title: string; description: string; location: string; employment_type: EmploymentType; slug: string; published_at: string | null }): Posting {
  return { openingId: r.opening_id, published: Number(r.published) === 1, publicTitle: r.public_title, description: r.description, location: r.location, employmentType: r.employment_type, slug: r.slug, publishedAt: r.published_at };
}

export async function findPosting(db: Db, openingId: number): Promise<Posting | undefined> {
  const row = await db.selectFrom('opening_postings').selectAll().where('opening_id', '=', openingId).executeTakeFirst();
  return row && toPosting(row);
}

/** The slugs in use that start like `base` (to find a free one), other than this opening's. */
export async function slugsLike(db: Db, base: string, openingId: number): Promise<Set<string>> {
  const rows = await db.selectFrom('opening_postings').select('slug').where('slug', '>=', base).where('slug', '<', `${base}\uffff`).where('opening_id', '!=', openingId).execute();
  return new Set(rows.map((r) => r.slug));
}

/** Saves an opening's posting; `publishedAt` is set when it goes from unpublished to published. */
export async function savePostingRow(db: Db, openingId: number, input: PostingInput, publishedAt: string | null, now: Date): Promise<void> {
  const values = {
    published: input.published ? 1 : 0,
    public_title: input.publicTitle,
    description: input.description,
    location: input.location,
    employment_type: input.employmentType,
    slug: input.slug,
    published_at: publishedAt,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('opening_postings')
    .values({ opening_id: openingId, ...values })
    .onConflict((oc) => oc.column('opening_id').doUpdateSet(values))
    .execute();
}

function publicPostings(db: Db) {
  return db
    .selectFrom('opening_postings')
    .innerJoin('openings', 'openings.id', 'opening_postings.opening_id')
    .selectAll('opening_postings')
    .where('opening_postings.published', '=', 1)
    .where('openings.status', '=', 'open');
}

/** The postings shown on the careers page, newest first (the list is small: at most 200). One indexed query. */
export async function listPublicPostings(db: Db): Promise<PublicPosting[]> {
  const rows = await publicPostings(db).orderBy('opening_postings.published_at', 'desc').orderBy('opening_postings.opening_id', 'desc').limit(200).execute();
  return rows.map((r) => toPosting(r) as PublicPosting);
}

/** The public posting with this slug; undefined when unknown, unpublished or its opening not open. */
export async function findPublicPosting(db: Db, slug: string): Promise<PublicPosting | undefined> {
  const row = await publicPostings(db).where('opening_postings.slug', '=', slug).executeTakeFirst();
  return row && (toPosting(row) as PublicPosting);
}

/** Postings of these openings (the openings list shows which are on the careers page). */
export async function findPostingsOf(db: Db, openingIds: readonly number[]): Promise<Map<number, Posting>> {
  if (openingIds.length === 0) return new Map();
  const rows = await db.selectFrom('opening_postings').selectAll().where('opening_id', 'in', [...openingIds]).execute();
  return new Map(rows.map((r) => [r.opening_id, toPosting(r)]));
}

/** Applications that arrived from an address since `since`. */
export async function countArrivalsSince(db: Db, addressHash: string, since: Date): Promise<{ count: number; oldest: string | null }> {
  const row = await db
    .selectFrom('careers_arrivals')
    .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('address_hash', '=', addressHash)
    .where('created_at', '>', since.toISOString())
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), oldest: row.oldest ?? null };
}

/** Notes an arrival, and forgets those older than `forgetBefore` (they count no more). */
export async function recordArrival(db: Db, addressHash: string, now: Date, forgetBefore: Date): Promise<void> {
  await db.deleteFrom('careers_arrivals').where('created_at', '<', forgetBefore.toISOString()).execute();
  await db.insertInto('careers_arrivals').values({ address_hash: addressHash, created_at: now.toISOString() }).execute();
}

/** The known candidate an applicant is: first by e-mail (stored lower-cased), then by any of the ways their LinkedIn URL may have been recorded. */
export async function findMatchingCandidate(db: Db, email: string, linkedinUrls: readonly string[]): Promise<{ id: number; matchedBy: 'email' | 'linkedin' } | undefined> {
  const byEmail = await db.selectFrom('candidates').select('id').where('email', '=', email.toLowerCase()).orderBy('id').limit(1).executeTakeFirst();
  if (byEmail) return { id: byEmail.id, matchedBy: 'email' };
  if (linkedinUrls.length === 0) return undefined;
  const byLinkedIn = await db.selectFrom('candidates').select('id').where('linkedin_url', 'in', [...linkedinUrls]).orderBy('id').limit(1).executeTakeFirst();
  return byLinkedIn && { id: byLinkedIn.id, matchedBy: 'linkedin' };
}

/** What an application through the careers page keeps: the consent given (the text shown, the period) and what was sent. */
interface CareersApplicationFields {
  readonly openingId: number;
  readonly language: Language;
  readonly privacyText: string;
  readonly retentionMonths: number;
  readonly applicant: { readonly name: string; readonly email: string; readonly phone: string; readonly linkedinUrl: string };
  readonly coverNote: string;
  readonly resumeFileId: number | null;
}

export interface CareersApplicationInput extends CareersApplicationFields {
  readonly candidateId: number;
  readonly matchedBy: '' | 'email' | 'linkedin';
}

export async function insertCareersApplication(db: Db, input: CareersApplicationInput, now: Date): Promise<number> {
  const { id } = await db
    .insertInto('careers_applications')
    .values({
      candidate_id: input.candidateId,
      opening_id: input.openingId,
      language: input.language,
      privacy_text: input.privacyText,
      retention_months: input.retentionMonths,
      applicant_name: input.applicant.name,
      applicant_email: input.applicant.email,
      applicant_phone: input.applicant.phone,
      applicant_linkedin_url: input.applicant.linkedinUrl,
      cover_note: input.coverNote,
      resume_file_id: input.resumeFileId,
      matched_by: input.matchedBy,
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** What staff see of an application sent through the careers page: the consent, what was typed, the note and the file sent. */
export interface CareersApplicationRecord extends CareersApplicationFields {
  readonly id: number;
  readonly openingTitle: string;
  readonly resumeName: string | null;
  readonly matchedBy: string;
  readonly createdAt: string;
}

/** A candidate's applications through the careers page, newest first: one query (indexed by candidate). */
export async function listCareersApplications(db: Db, candidateId: number): Promise<CareersApplicationRecord[]> {
  const rows = await db
    .selectFrom('careers_applications')
    .innerJoin('openings', 'openings.id', 'careers_applications.opening_id')
    .leftJoin('stored_files', 'stored_files.id', 'careers_applications.resume_file_id')
    .selectAll('careers_applications')
    .select(['openings.title as opening_title', 'stored_files.original_name as resume_name'])
    .where('careers_applications.candidate_id', '=', candidateId)
    .orderBy('careers_applications.id', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    openingId: r.opening_id,
    openingTitle: r.opening_title,
    language: r.language,
    privacyText: r.privacy_text,
    retentionMonths: Number(r.retention_months),
    applicant: { name: r.applicant_name, email: r.applicant_email, phone: r.applicant_phone, linkedinUrl: r.applicant_linkedin_url },
    coverNote: r.cover_note,
    resumeFileId: r.resume_file_id,
    resumeName: r.resume_name ?? null,
    matchedBy: r.matched_by,
    createdAt: r.created_at,
  }));
}

/** The résumé sent with one careers application of a candidate, and the application it made (for the download's access check). */
export async function findCareersResume(db: Db, candidateId: number, id: number): Promise<{ resumeFileId: number | null; applicationId: number | null } | undefined> {
  const row = await db
    .selectFrom('careers_applications')
    .leftJoin('applications', (join) => join.onRef('applications.candidate_id', '=', 'careers_applications.candidate_id').onRef('applications.opening_id', '=', 'careers_applications.opening_id'))
    .select(['careers_applications.resume_file_id', 'applications.id as application_id'])
    .where('careers_applications.id', '=', id)
    .where('careers_applications.candidate_id', '=', candidateId)
    .executeTakeFirst();
  return row && { resumeFileId: row.resume_file_id, applicationId: row.application_id ?? null };
}

/** A candidate with no activity since the retention cutoff. */
export interface StaleCandidate {
  readonly id: number;
  readonly name: string;
  readonly lastActivityAt: string;
}

export const STALE_PAGE_SIZE = 25;

/**
 * One page of the candidates whose last activity is before `cutoff`, longest idle first. Walks the
 * (last_activity_at, candidate_id) index of candidate_activity; one row more than a page says
 * whether another page follows.
 */
export async function listStaleCandidates(db: Db, cutoff: Date, page: number): Promise<{ rows: StaleCandidate[]; hasNext: boolean }> {
  const rows = await db
    .selectFrom('candidate_activity')
    .innerJoin('candidates', 'candidates.id', 'candidate_activity.candidate_id')
    .select(['candidates.id', 'candidates.name', 'candidate_activity.last_activity_at'])
    .where('candidate_activity.last_activity_at', '<', cutoff.toISOString())
    .orderBy('candidate_activity.last_activity_at', 'asc')
    .orderBy('candidate_activity.candidate_id', 'asc')
    .limit(STALE_PAGE_SIZE + 1)
    .offset((page - 1) * STALE_PAGE_SIZE)
    .execute();
  return { rows: rows.slice(0, STALE_PAGE_SIZE).map((r) => ({ id: r.id, name: r.name, lastActivityAt: r.last_activity_at })), hasNext: rows.length > STALE_PAGE_SIZE };
}
