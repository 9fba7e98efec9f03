import type { ApplicationsTable, DbOrTrx as Db } from '../db/database';
import type { Language } from '../i18n/i18n';
import { stageLabel } from '../i18n/seeded-texts';

type ApplicationStatus = ApplicationsTable['status'];
import { type DimensionAggregate, emptyTally, type ScorecardAggregates, type SubmittedScorecard } from './scoring';

export interface CompareRow {
  readonly applicationId: number;
  readonly candidateId: number;
  readonly candidateName: string;
  readonly stageId: number | null;
  readonly stageName: string | null;
  readonly status: ApplicationStatus;
}

/** The applications of an opening to compare, filtered by stage and status: one indexed query. */
export async function listCompareRows(db: Db, openingId: number, filters: { stageId?: number; status?: ApplicationStatus }, language: Language): Promise<CompareRow[]> {
  let query = db
    .selectFrom('applications')
    .innerJoin('candidates', 'candidates.id', 'applications.candidate_id')
    .leftJoin('interview_stages', 'interview_stages.id', 'applications.stage_id')
    .select(['applications.id', 'applications.candidate_id', 'candidates.name', 'applications.stage_id', 'interview_stages.name as stage_name', 'interview_stages.seed_key as stage_seed_key', 'applications.status'])
    .where('applications.opening_id', '=', openingId);
  if (filters.status) query = query.where('applications.status', '=', filters.status);
  if (filters.stageId !== undefined) query = query.where('applications.stage_id', '=', filters.stageId);
  const rows = await query.orderBy('candidates.name').limit(200).execute();
  return rows.map((r) => ({ applicationId: r.id, candidateId: r.candidate_id, candidateName: r.name, stageId: r.stage_id, stageName: r.stage_name === null ? null : stageLabel(r.stage_name, r.stage_seed_key, language), status: r.status }));
}

/** Submitted scorecards with their ratings for many applications: two queries whatever the count. */
export async function loadSubmittedScorecards(db: Db, applicationIds: readonly number[], language: Language): Promise<Map<number, SubmittedScorecard[]>> {
  const byApplication = new Map<number, SubmittedScorecard[]>(applicationIds.map((id) => [id, []]));
  if (applicationIds.length === 0) return byApplication;
  const cards = await db
    .selectFrom('scorecards')
    .innerJoin('users', 'users.id', 'scorecards.interviewer_id')
    .innerJoin('interviews', 'interviews.id', 'scorecards.interview_id')
    .innerJoin('interview_stages', 'interview_stages.id', 'interviews.stage_id')
    .select(['scorecards.id', 'scorecards.application_id', 'scorecards.interviewer_id', 'users.name', 'interview_stages.name as stage_name', 'interview_stages.seed_key as stage_seed_key', 'interview_stages.position', 'scorecards.recommendation', 'scorecards.key_takeaways'])
    .where('scorecards.application_id', 'in', applicationIds)
    .where('scorecards.status', '=', 'submitted')
    .execute();
  if (cards.length === 0) return byApplication;
  const ratings = await db
    .selectFrom('scorecard_ratings')
    .select(['scorecard_id', 'dimension_key', 'rating', 'evidence'])
    .where(
      'scorecard_id',
      'in',
      cards.map((c) => c.id),
    )
    .execute();
  const ratingsByCard = new Map<number, { key: string; rating: number | null; evidence: string }[]>();
  for (const r of ratings) {
    const list = ratingsByCard.get(r.scorecard_id) ?? [];
    list.push({ key: r.dimension_key, rating: r.rating === null ? null : Number(r.rating), evidence: r.evidence });
    ratingsByCard.set(r.scorecard_id, list);
  }
  for (const c of cards.sort((a, b) => a.position - b.position || a.id - b.id)) {
    byApplication.get(c.application_id)?.push({ interviewerId: c.interviewer_id, interviewerName: c.name, stageName: stageLabel(c.stage_name, c.stage_seed_key, language), recommendation: c.recommendation, keyTakeaways: c.key_takeaways, ratings: ratingsByCard.get(c.id) ?? [] });
  }
  return byApplication;
}

/** Interviews held (time reached, or no time set; not cancelled) whose interviewer has not submitted, per application. */
export async function countMissingScorecards(db: Db, applicationIds: readonly number[], now: Date): Promise<Map<number, number>> {
  const counts = new Map<number, number>(applicationIds.map((id) => [id, 0]));
  if (applicationIds.length === 0) return counts;
  const rows = await db
    .selectFrom('interviews')
    .innerJoin('interview_interviewers', 'interview_interviewers.interview_id', 'interviews.id')
    .leftJoin('scorecards', (join) => join.onRef('scorecards.interview_id', '=', 'interviews.id').onRef('scorecards.interviewer_id', '=', 'interview_interviewers.user_id'))
    .select(['interviews.application_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('interviews.application_id', 'in', applicationIds)
    .where('interviews.status', '!=', 'cancelled')
    .where((eb) => eb.or([eb('interviews.scheduled_at', 'is', null), eb('interviews.scheduled_at', '<=', now.toISOString())]))
    .where((eb) => eb.or([eb('scorecards.id', 'is', null), eb('scorecards.status', '!=', 'submitted')]))
    .groupBy('interviews.application_id')
    .execute();
  for (const r of rows) counts.set(r.application_id, Number(r.n));
  return counts;
}

/** A panel seat whose scorecard is not submitted, on an interview not cancelled: missing once the interview's time is reached. */
export interface PendingScorecard {
  readonly applicationId: number;
  /** ISO time; null when the interview has no time set (held). */
  readonly scheduledAt: string | null;
}

/**
 * The panel seats still owing a scorecard on these applications, whatever the time: one indexed
 * query. Which of them are missing depends on the clock, so the caller counts them at `now`.
 */
export async function listPendingScorecards(db: Db, applicationIds: readonly number[]): Promise<PendingScorecard[]> {
  if (applicationIds.length === 0) return [];
  const rows = await db
    .selectFrom('interviews')
    .innerJoin('interview_interviewers', 'interview_interviewers.interview_id', 'interviews.id')
    .leftJoin('scorecards', (join) => join.onRef('scorecards.interview_id', '=', 'interviews.id').onRef('scorecards.interviewer_id', '=', 'interview_interviewers.user_id'))
    .select(['interviews.application_id', 'interviews.scheduled_at'])
    .where('interviews.application_id', 'in', applicationIds)
    .where('interviews.status', '!=', 'cancelled')
    .where((eb) => eb.or([eb('scorecards.id', 'is', null), eb('scorecards.status', '!=', 'submitted')]))
    .execute();
  return rows.map((r) => ({ applicationId: r.application_id, scheduledAt: r.scheduled_at }));
}

/** Raises the comparison version of these openings (every opening with `all`, or those pinned to one of `rubricIds`). */
export async function raiseCompareVersions(db: Db, target: { openingIds: readonly number[]; rubricIds: readonly number[]; all: boolean }): Promise<void> {
  if (target.all) {
    await db.updateTable('openings').set((eb) => ({ compare_version: eb('compare_version', '+', 1) })).execute();
    return;
  }
  if (target.openingIds.length === 0 && target.rubricIds.length === 0) return;
  await db
    .updateTable('openings')
    .set((eb) => ({ compare_version: eb('compare_version', '+', 1) }))
    .where((eb) => eb.or([...(target.openingIds.length > 0 ? [eb('id', 'in', target.openingIds)] : []), ...(target.rubricIds.length > 0 ? [eb('rubric_id', 'in', target.rubricIds)] : [])]))
    .execute();
}

/** Ratings per application and dimension: count, sum, min, max. Answered from an index of (scorecard, dimension, rating). */
export function ratingAggregatesQuery(db: Db, applicationIds: readonly number[]) {
  return db
    .selectFrom('scorecard_ratings')
    .innerJoin('scorecards', 'scorecards.id', 'scorecard_ratings.scorecard_id')
    .select((eb) => [
      'scorecards.application_id',
      'scorecard_ratings.dimension_key',
      eb.fn.count<number>('scorecard_ratings.rating').as('n'),
      eb.fn.sum<number>('scorecard_ratings.rating').as('total'),
      eb.fn.min<number>('scorecard_ratings.rating').as('low'),
      eb.fn.max<number>('scorecard_ratings.rating').as('high'),
    ])
    .where('scorecards.application_id', 'in', applicationIds)
    .where('scorecards.status', '=', 'submitted')
    .where('scorecard_ratings.rating', 'is not', null)
    .groupBy(['scorecards.application_id', 'scorecard_ratings.dimension_key']);
}

/**
 * The aggregates scoring needs, for many applications, computed by the database: ratings per
 * application and dimension (count, sum, min, max) and the recommendation tally. Two grouped
 * queries, however many scorecards there are.
 */
export async function loadScorecardAggregates(db: Db, applicationIds: readonly number[]): Promise<Map<number, ScorecardAggregates>> {
  const result = new Map<number, { dimensions: Map<string, DimensionAggregate>; scorecardCount: number; recommendations: ReturnType<typeof emptyTally> }>(
    applicationIds.map((id) => [id, { dimensions: new Map(), scorecardCount: 0, recommendations: emptyTally() }]),
  );
  if (applicationIds.length === 0) return result;
  const [ratings, tallies] = await Promise.all([
    ratingAggregatesQuery(db, applicationIds).execute(),
    db
      .selectFrom('scorecards')
      .select((eb) => ['application_id', 'recommendation', eb.fn.countAll<number>().as('n')])
      .where('application_id', 'in', applicationIds)
      .where('status', '=', 'submitted')
      .groupBy(['application_id', 'recommendation'])
      .execute(),
  ]);
  for (const r of ratings) {
    result.get(r.application_id)?.dimensions.set(r.dimension_key, { count: Number(r.n), sum: Number(r.total), min: Number(r.low), max: Number(r.high) });
  }
  for (const t of tallies) {
    const entry = result.get(t.application_id);
    if (!entry) continue;
    entry.scorecardCount += Number(t.n);
    if (t.recommendation && t.recommendation in entry.recommendations) entry.recommendations[t.recommendation as keyof typeof entry.recommendations] += Number(t.n);
  }
  return result;
}
