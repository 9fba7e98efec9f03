import { applicationVisibleTo, seesEverything, type Viewer } from '../auth/scopes';
import type { DbOrTrx as Db } from '../db/database';
import { duplicateKeys, type DuplicateReason, duplicateReasons, type MatchableCandidate } from './duplicates';

export interface LikelyDuplicate {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  readonly linkedinUrl: string;
  readonly createdAt: string;
  readonly reasons: readonly DuplicateReason[];
}

/** At most this many likely duplicates are listed on a candidate's page. */
export const DUPLICATES_SHOWN = 20;

function matchable(row: { name_lower: string; email_key: string; phone_key: string; linkedin_key: string }): MatchableCandidate {
  return { nameLower: row.name_lower, emailKey: row.email_key, phoneKey: row.phone_key, linkedinKey: row.linkedin_key };
}

/**
 * The records that look like the same person as this candidate, among those the viewer may see,
 * oldest first, each with why it matched. Two queries: the candidate's keys, then one lookup whose
 * branches each walk an index (canonical e-mail; phone digits with the name; LinkedIn address).
 */
export async function findLikelyDuplicates(db: Db, viewer: Viewer, candidateId: number): Promise<LikelyDuplicate[]> {
  const self = await db.selectFrom('candidates').select(['id', 'name_lower', 'email_key', 'phone_key', 'linkedin_key']).where('id', '=', candidateId).executeTakeFirst();
  if (!self || (self.email_key === '' && self.phone_key === '' && self.linkedin_key === '')) return [];
  let query = db
    .selectFrom('candidates')
    .select(['id', 'name', 'name_lower', 'email', 'phone', 'linkedin_url', 'created_at', 'email_key', 'phone_key', 'linkedin_key'])
    .where('id', '!=', candidateId)
    .where((eb) =>
      eb.or([
        ...(self.email_key !== '' ? [eb('email_key', '=', self.email_key)] : []),
        ...(self.phone_key !== '' ? [eb.and([eb('phone_key', '=', self.phone_key), eb('name_lower', '=', self.name_lower)])] : []),
        ...(self.linkedin_key !== '' ? [eb('linkedin_key', '=', self.linkedin_key)] : []),
      ]),
    );
  if (!seesEverything(viewer)) {
    query = query.where((eb) => eb.exists(eb.selectFrom('applications').select('applications.id').whereRef('applications.candidate_id', '=', 'candidates.id').where(applicationVisibleTo(viewer))));
  }
  const rows = await query.orderBy('id').limit(DUPLICATES_SHOWN).execute();
  const mine = matchable(self);
  return rows
    .map((r) => ({ id: r.id, name: r.name, email: r.email, phone: r.phone, linkedinUrl: r.linkedin_url, createdAt: r.created_at, reasons: duplicateReasons(mine, matchable(r)) }))
    .filter((r) => r.reasons.length > 0);
}

/** A candidate as a merge reads and writes it. */
export interface MergeCandidate {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly emailUnique: string | null;
  readonly phone: string;
  readonly linkedinUrl: string;
  readonly notes: string;
  readonly resumeFileId: number | null;
}

export async function findMergeCandidates(db: Db, ids: readonly number[]): Promise<Map<number, MergeCandidate>> {
  const rows = await db.selectFrom('candidates').select(['id', 'name', 'email', 'email_unique', 'phone', 'linkedin_url', 'notes', 'resume_file_id']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, email: r.email, emailUnique: r.email_unique, phone: r.phone, linkedinUrl: r.linkedin_url, notes: r.notes, resumeFileId: r.resume_file_id }]));
}

export interface MergeApplication {
  readonly id: number;
  readonly candidateId: number;
  readonly openingId: number;
  readonly openingTitle: string;
  readonly stageId: number | null;
  /** What was done on it that only an application can hold: interviews, scorecards, decisions (current or reopened), onboarding plans. */
  readonly interviews: number;
  readonly scorecards: number;
  readonly decisions: number;
  readonly plans: number;
}

/** Both candidates' applications with what was done on each: one query. */
export async function listMergeApplications(db: Db, candidateIds: readonly number[]): Promise<MergeApplication[]> {
  const rows = await db
    .selectFrom('applications')
    .innerJoin('openings', 'openings.id', 'applications.opening_id')
    .select(['applications.id', 'applications.candidate_id', 'applications.opening_id', 'openings.title', 'applications.stage_id'])
    .select((eb) => [
      eb.selectFrom('interviews').select((e) => e.fn.countAll<number | string>().as('n')).whereRef('interviews.application_id', '=', 'applications.id').as('interviews'),
      eb.selectFrom('scorecards').select((e) => e.fn.countAll<number | string>().as('n')).whereRef('scorecards.application_id', '=', 'applications.id').as('scorecards'),
      eb.selectFrom('decisions').select((e) => e.fn.countAll<number | string>().as('n')).whereRef('decisions.application_id', '=', 'applications.id').as('decisions'),
      eb.selectFrom('reopened_decisions').select((e) => e.fn.countAll<number | string>().as('n')).whereRef('reopened_decisions.application_id', '=', 'applications.id').as('reopened'),
      eb.selectFrom('onboarding_plans').select((e) => e.fn.countAll<number | string>().as('n')).whereRef('onboarding_plans.application_id', '=', 'applications.id').as('plans'),
    ])
    .where('applications.candidate_id', 'in', [...candidateIds])
    .orderBy('applications.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    candidateId: r.candidate_id,
    openingId: r.opening_id,
    openingTitle: r.title,
    stageId: r.stage_id,
    interviews: Number(r.interviews ?? 0),
    scorecards: Number(r.scorecards ?? 0),
    decisions: Number(r.decisions ?? 0) + Number(r.reopened ?? 0),
    plans: Number(r.plans ?? 0),
  }));
}

/** Moves an application's history lines onto another application of the same opening, and deletes it (it holds nothing else). */
export async function foldApplication(db: Db, fromId: number, intoId: number): Promise<void> {
  await db.updateTable('application_events').set({ application_id: intoId }).where('application_id', '=', fromId).execute();
  await db.deleteFrom('applications').where('id', '=', fromId).execute();
}

/**
 * Moves every application of one candidate (with its stages, interviews, scorecards, decisions and
 * history, which hang on it) to another, and what they sent through the careers page with them (the
 * consent they gave must outlive the merged record).
 */
export async function moveApplications(db: Db, fromCandidateId: number, toCandidateId: number): Promise<void> {
  await db.updateTable('applications').set({ candidate_id: toCandidateId }).where('candidate_id', '=', fromCandidateId).execute();
  await db.updateTable('careers_applications').set({ candidate_id: toCandidateId }).where('candidate_id', '=', fromCandidateId).execute();
}

/** Whether an application through the careers page keeps this file as the résumé it sent. */
export async function isCareersResume(db: Db, fileId: number): Promise<boolean> {
  return (await db.selectFrom('careers_applications').select('id').where('resume_file_id', '=', fileId).limit(1).executeTakeFirst()) !== undefined;
}

/** Deletes a candidate's row and its list sort keys (their applications must have moved first). */
export async function deleteMergedCandidate(db: Db, id: number): Promise<void> {
  await db.deleteFrom('candidate_activity').where('candidate_id', '=', id).execute();
  await db.deleteFrom('candidates').where('id', '=', id).execute();
}

/**
 * Whether another record than this one holds the address in the unique column (only possible for
 * an installation that had several records of one address before addresses were unique).
 */
export async function emailHeldByAnother(db: Db, email: string, candidateId: number): Promise<boolean> {
  if (email === '') return false;
  return (await db.selectFrom('candidates').select('id').where('email_unique', '=', email).where('id', '!=', candidateId).limit(1).executeTakeFirst()) !== undefined;
}

/** The kept record's details after a merge, with its duplicate keys kept in step. */
export async function updateKeptCandidate(db: Db, id: number, details: { email: string; emailUnique: string | null; phone: string; linkedinUrl: string; notes: string; resumeFileId: number | null }, now: Date): Promise<void> {
  const keys = duplicateKeys(details);
  await db
    .updateTable('candidates')
    .set({
      email: details.email,
      email_unique: details.emailUnique,
      phone: details.phone,
      linkedin_url: details.linkedinUrl,
      notes: details.notes,
      resume_file_id: details.resumeFileId,
      email_key: keys.emailKey,
      phone_key: keys.phoneKey,
      linkedin_key: keys.linkedinKey,
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}
