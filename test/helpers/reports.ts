import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database';
import { updateApplication } from '../../src/candidates/applications.repository';
import { insertDecision } from '../../src/comparison/decisions.repository';
import type { Recommendation } from '../../src/interviews/scorecard';
import { insertPlan, setPlanReview } from '../../src/onboarding/onboarding.repository';
import { refreshReportTotals } from '../../src/reports/report-totals';
import { runInUnitOfWork } from '../../src/events/unit-of-work';
import { makeInterview } from './hiring';
import { useCaseDeps } from './use-cases';
import { createUser } from './web';
import { scoreInterview } from './writes';

/** A candidate interviewed by `panel`, every dimension rated `ratings[i]` by the i-th interviewer. */
export async function scoredApplication(db: Kysely<Database>, openingId: number, panel: readonly number[], ratings: readonly (number | null)[], recommendation: Recommendation = 'yes') {
  const interview = await makeInterview(db, openingId, [...panel]);
  for (const [i, interviewerId] of panel.entries()) await scoreInterview(useCaseDeps(db), interviewerId, { ...interview, openingId }, ratings[i] ?? null, 'submit', recommendation);
  return interview;
}

/**
 * Hired, with an onboarding plan linked to the application and a 90-day review. Written straight to
 * the tables (a fixed score at decision, a review on a fixed day) in one unit of work, like every
 * write of the app, then the opening's report totals are rebuilt as the app's own writes would have.
 */
export async function reviewedHire(db: Kysely<Database>, applicationId: number, options: { roleId: number; managerId: number; review: 1 | 2 | 3 | 4 | null; weightedScore?: number | null }) {
  const newHire = await createUser(db, 'new_hire');
  return runInUnitOfWork(useCaseDeps(db), async ({ trx }) => {
    await insertDecision(trx, { applicationId, decision: 'hire', rationale: 'r', acknowledgements: {}, flags: [], weightedScore: options.weightedScore ?? null, decidedBy: options.managerId }, new Date());
    await updateApplication(trx, applicationId, { status: 'hired' }, new Date());
    const planId = await insertPlan(trx, { roleId: options.roleId, startDate: '2026-01-05', people: { newHireId: newHire.id, managerId: options.managerId, buddyId: null, productLeadId: null, csLeadId: null, sdrLeadId: null }, createdBy: options.managerId, applicationId }, new Date());
    if (options.review !== null) await setPlanReview(trx, planId, { rating: options.review, note: 'n', reviewedBy: options.managerId }, new Date());
    const { opening_id: openingId } = await trx.selectFrom('applications').select('opening_id').where('id', '=', applicationId).executeTakeFirstOrThrow();
    await refreshReportTotals(trx, [openingId]);
    return planId;
  });
}
