import type { Kysely } from 'kysely';
import { addApplication } from '../../src/candidates/applications.use-cases';
import type { Database } from '../../src/db/database';
import { FLAGS_NEEDING_ACKNOWLEDGEMENT } from '../../src/comparison/scoring';
import type { UseCaseDeps } from '../../src/events/unit-of-work';
import { submitScorecard } from '../../src/interviews/interviews.use-cases';
import { findVersionDimensions } from '../../src/rubrics/rubrics.repository';
import { actingAs, useCaseDeps } from './use-cases';

/** Every dimension rated `rating` (null: not assessed) with evidence, a recommendation, submitted or kept as a draft. */
export async function scorecardInput(db: Kysely<Database>, openingId: number, rating: number | null, mode: 'draft' | 'submit' = 'submit', recommendation = 'yes') {
  const opening = await db.selectFrom('openings').select(['rubric_id', 'rubric_version']).where('id', '=', openingId).executeTakeFirstOrThrow();
  const dims = (await findVersionDimensions(db, opening.rubric_id, opening.rubric_version, 'en')) ?? [];
  return { mode, ratings: Object.fromEntries(dims.map((d) => [d.key, { choice: rating === null ? 'na' : String(rating), evidence: 'e' }])), keyTakeaways: '', recommendation };
}

/** An interviewer's scorecard through the app's own use case. */
export async function scoreInterview(deps: UseCaseDeps, interviewerId: number, interview: { interviewId: number; openingId: number }, rating: number | null, mode: 'draft' | 'submit' = 'submit', recommendation = 'yes') {
  return submitScorecard(deps, actingAs(interviewerId, 'interviewer'), interview.interviewId, await scorecardInput(deps.db, interview.openingId, rating, mode, recommendation));
}

/** A decision's form with a reason for every flag that could need one. */
export function decisionInput(decision: 'hire' | 'no_hire', rationale = 'r') {
  return { decision, rationale, acknowledgements: Object.fromEntries(FLAGS_NEEDING_ACKNOWLEDGEMENT.map((f) => [f, 'Reason to go ahead anyway.'])) };
}

/** Applies a candidate to an opening through the app's own use case. */
export async function applyCandidate(db: Kysely<Database>, candidateId: number, openingId: number, actorId: number, deps: UseCaseDeps = useCaseDeps(db)): Promise<number> {
  return addApplication(deps, actingAs(actorId), candidateId, openingId);
}
