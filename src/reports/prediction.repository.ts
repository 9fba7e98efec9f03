import type { DbOrTrx as Db } from '../db/database';
import { openingInReportScope, type ReportViewer, withheldFrom } from './reports.repository';

/* Does the interview predict success ------------------------------------------------------------ */

export interface ReviewedHireRow {
  readonly applicationId: number;
  readonly candidateName: string;
  readonly reviewRating: number;
  readonly rubricId: number;
  readonly rubricVersion: number;
  /** The weighted score (0–100) frozen when the hire was decided; null when nothing weighted was rated then. */
  readonly weightedScore: number | null;
  /** True when the review was written by someone on the hire's interview panel, or by whoever decided the hire. */
  readonly reviewerInvolved: boolean;
}

/**
 * Hires with a 90-day review whose plan links back to the application they were hired from, with the
 * weighted score recorded at the decision and whether the reviewer also interviewed or decided.
 */
export async function listReviewedHires(db: Db, viewer: ReportViewer): Promise<ReviewedHireRow[]> {
  const rows = await db
    .selectFrom('onboarding_plans')
    .innerJoin('applications', 'applications.id', 'onboarding_plans.application_id')
    .innerJoin('openings', 'openings.id', 'applications.opening_id')
    .innerJoin('candidates', 'candidates.id', 'applications.candidate_id')
    .innerJoin('decisions', 'decisions.application_id', 'applications.id')
    .select((eb) => [
      'applications.id',
      'candidates.name',
      'onboarding_plans.review_rating',
      'openings.rubric_id',
      'openings.rubric_version',
      'decisions.weighted_score',
      eb
        .or([
          eb('onboarding_plans.reviewed_by', '=', eb.ref('decisions.decided_by')),
          eb.exists(
            eb
              .selectFrom('interview_interviewers')
              .innerJoin('interviews', 'interviews.id', 'interview_interviewers.interview_id')
              .select('interview_interviewers.user_id')
              .whereRef('interviews.application_id', '=', 'applications.id')
              .whereRef('interview_interviewers.user_id', '=', 'onboarding_plans.reviewed_by'),
          ),
          eb.exists(eb.selectFrom('scorecards').select('scorecards.id').whereRef('scorecards.application_id', '=', 'applications.id').whereRef('scorecards.interviewer_id', '=', 'onboarding_plans.reviewed_by')),
        ])
        .as('involved'),
    ])
    .where('onboarding_plans.review_rating', 'is not', null)
    .where(openingInReportScope(viewer))
    .where('applications.id', 'not in', withheldFrom(db, viewer))
    .orderBy('candidates.name')
    .execute();
  return rows.map((r) => ({
    applicationId: r.id,
    candidateName: r.name,
    reviewRating: Number(r.review_rating),
    rubricId: r.rubric_id,
    rubricVersion: r.rubric_version,
    weightedScore: r.weighted_score === null ? null : Number(r.weighted_score),
    reviewerInvolved: Boolean(Number(r.involved)),
  }));
}

/**
 * Each application's ratings as they stood when its decision was made: only scorecards submitted by
 * then, and for a scorecard changed after the decision, the content it had before that first change
 * (kept in its history). Two queries, whatever the number of hires.
 */
export async function loadRatingsAtDecision(db: Db, applicationIds: readonly number[]): Promise<Map<number, { key: string; rating: number }[]>> {
  const result = new Map<number, { key: string; rating: number }[]>();
  if (applicationIds.length === 0) return result;
  const [ratings, changes] = await Promise.all([
    db
      .selectFrom('scorecards')
      .innerJoin('decisions', 'decisions.application_id', 'scorecards.application_id')
      .innerJoin('scorecard_ratings', 'scorecard_ratings.scorecard_id', 'scorecards.id')
      .select(['scorecards.id', 'scorecards.application_id', 'scorecard_ratings.dimension_key', 'scorecard_ratings.rating'])
      .where('scorecards.application_id', 'in', applicationIds)
      .where('scorecards.status', '=', 'submitted')
      .whereRef('scorecards.submitted_at', '<=', 'decisions.decided_at')
      .execute(),
    db
      .selectFrom('scorecard_history')
      .innerJoin('scorecards', 'scorecards.id', 'scorecard_history.scorecard_id')
      .innerJoin('decisions', 'decisions.application_id', 'scorecards.application_id')
      .select(['scorecards.id', 'scorecards.application_id', 'scorecard_history.snapshot'])
      .where('scorecards.application_id', 'in', applicationIds)
      .where('scorecards.status', '=', 'submitted')
      .whereRef('scorecards.submitted_at', '<=', 'decisions.decided_at')
      .whereRef('scorecard_history.changed_at', '>', 'decisions.decided_at')
      .orderBy('scorecard_history.changed_at')
      .orderBy('scorecard_history.id')
      .execute(),
  ]);
  // The first change after the decision holds the scorecard as it was at the decision.
  const before = new Map<number, { applicationId: number; ratings: { key: string; rating: number | null }[] }>();
  for (const c of changes) {
    if (before.has(c.id)) continue;
    const snapshot = JSON.parse(c.snapshot) as { ratings?: { key: string; rating: number | null }[] };
    before.set(c.id, { applicationId: c.application_id, ratings: snapshot.ratings ?? [] });
  }
  const add = (applicationId: number, key: string, rating: number | null) => {
    if (rating === null) return;
    const list = result.get(applicationId) ?? [];
    list.push({ key, rating: Number(rating) });
    result.set(applicationId, list);
  };
  for (const r of ratings) if (!before.has(r.id)) add(r.application_id, r.dimension_key, r.rating);
  for (const [, b] of before) for (const r of b.ratings) add(b.applicationId, r.key, r.rating);
  return result;
}
