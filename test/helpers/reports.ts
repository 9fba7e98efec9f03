import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database';
import { updateApplication } from '../../src/candidates/applications.repository';
import { insertDecision } from '../../src/comparison/decisions.repository';
import { saveScorecard } from '../../src/interviews/interviews.repository';
import type { Recommendation } from '../../src/interviews/scorecard';
import { insertPlan, setPlanReview } from '../../src/onboarding/onboarding.repository';
import { findVersionDimensions } from '../../src/rubrics/rubrics.repository';
import { makeInterview } from './hiring';
import { createUser } from './web';

/** A candidate interviewed by `panel`, every dimension rated `ratings[i]` by the i-th interviewer. */
export async function scoredApplication(db: Kysely<Database>, openingId: number, panel: readonly number[], ratings: readonly (number | null)[], recommendation: Recommendation = 'yes') {
  const interview = await makeInterview(db, openingId, [...panel]);
  const opening = await db.selectFrom('openings').select(['rubric_id', 'rubric_version']).where('id', '=', openingId).executeTakeFirstOrThrow();
  const dims = (await findVersionDimensions(db, opening.rubric_id, opening.rubric_version))!;
  for (const [i, interviewerId] of panel.entries()) {
    await saveScorecard(
      db,
      { interviewId: interview.interviewId, applicationId: interview.applicationId, interviewerId, rubricId: opening.rubric_id, rubricVersion: opening.rubric_version, status: 'submitted', content: { ratings: dims.map((d) => ({ key: d.key, rating: ratings[i] ?? null, evidence: 'e' })), keyTakeaways: '', recommendation } },
      new Date(),
    );
  }
  return interview;
}

/** Hired, with an onboarding plan linked to the application and a 90-day review. */
export async function reviewedHire(db: Kysely<Database>, applicationId: number, options: { roleId: number; managerId: number; review: 1 | 2 | 3 | 4 | null; weightedScore?: number | null }) {
  await insertDecision(db, { applicationId, decision: 'hire', rationale: 'r', acknowledgements: {}, flags: [], weightedScore: options.weightedScore ?? null, decidedBy: options.managerId }, new Date());
  await updateApplication(db, applicationId, { status: 'hired' }, new Date());
  const newHire = await createUser(db, 'new_hire');
  const planId = await insertPlan(db, { roleId: options.roleId, startDate: '2026-01-05', people: { newHireId: newHire.id, managerId: options.managerId, buddyId: null, productLeadId: null, csLeadId: null, sdrLeadId: null }, createdBy: options.managerId, applicationId }, new Date());
  if (options.review !== null) await setPlanReview(db, planId, { rating: options.review, note: 'n', reviewedBy: options.managerId }, new Date());
  return planId;
}
