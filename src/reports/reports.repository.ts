import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { Database, DbOrTrx as Db } from '../db/database';
import { isPostgres } from '../db/migrations/helpers';
import type { Viewer } from '../candidates/access';
import { openingVisibleTo } from '../candidates/access';

/**
 * Openings whose data a viewer's reports include: admins every opening, hiring managers the openings
 * they manage (as everywhere), recruiters the openings they recruit for.
 */
export function openingInReportScope(viewer: Viewer) {
  return (eb: ExpressionBuilder<Database, 'openings'>) => {
    if (viewer.role === 'recruiter') {
      return eb.exists(eb.selectFrom('opening_recruiters').select('opening_recruiters.opening_id').whereRef('opening_recruiters.opening_id', '=', 'openings.id').where('opening_recruiters.user_id', '=', viewer.id));
    }
    if (viewer.role === 'admin') return openingVisibleTo(viewer)(eb);
    return eb('openings.hiring_manager_id', '=', viewer.id);
  };
}

/* Does the interview predict success ------------------------------------------------------------ */

export interface ReviewedHireRow {
  readonly applicationId: number;
  readonly candidateName: string;
  readonly reviewRating: number;
  readonly rubricId: number;
  readonly rubricVersion: number;
}

/** Hires with a 90-day review whose plan links back to the application they were hired from. */
export async function listReviewedHires(db: Db, viewer: Viewer): Promise<ReviewedHireRow[]> {
  const rows = await db
    .selectFrom('onboarding_plans')
    .innerJoin('applications', 'applications.id', 'onboarding_plans.application_id')
    .innerJoin('openings', 'openings.id', 'applications.opening_id')
    .innerJoin('candidates', 'candidates.id', 'applications.candidate_id')
    .select(['applications.id', 'candidates.name', 'onboarding_plans.review_rating', 'openings.rubric_id', 'openings.rubric_version'])
    .where('onboarding_plans.review_rating', 'is not', null)
    .where(openingInReportScope(viewer))
    .orderBy('candidates.name')
    .execute();
  return rows.map((r) => ({ applicationId: r.id, candidateName: r.name, reviewRating: Number(r.review_rating), rubricId: r.rubric_id, rubricVersion: r.rubric_version }));
}

/* Interviewer calibration ------------------------------------------------------------------------ */

/**
 * Submitted scorecards on applications in scope: the base every calibration query starts from. Every
 * scorecard belongs to an application on an opening, so an admin's reports need no join for scope;
 * anyone else's read the applications in scope once, as a set.
 */
function submittedInScope(db: Db, viewer: Viewer) {
  const submitted = db.selectFrom('scorecards').where('scorecards.status', '=', 'submitted');
  if (viewer.role === 'admin') return submitted;
  return submitted.where('scorecards.application_id', 'in', db.selectFrom('applications').innerJoin('openings', 'openings.id', 'applications.opening_id').select('applications.id').where(openingInReportScope(viewer)));
}

export interface InterviewerCounts {
  readonly interviewerId: number;
  readonly name: string;
  readonly scorecards: number;
  /** Focus dimensions the stages asked for, summed over the scorecards. */
  readonly focusExpected: number;
}

export interface RatingCount {
  readonly interviewerId: number;
  /** 1–4, null for "not assessed". */
  readonly rating: number | null;
  readonly count: number;
}

export interface CalibrationData {
  readonly interviewers: InterviewerCounts[];
  readonly ratings: RatingCount[];
  /** Hours from the interview to the scorecard, as a histogram per interviewer. */
  readonly delays: { interviewerId: number; hours: number; count: number }[];
  /** Own ratings beside the mean of the rest of the panel on the same application and dimension. */
  readonly panel: { interviewerId: number; pairs: number; own: number; others: number }[];
  readonly focusRated: { interviewerId: number; count: number }[];
  readonly outcomes: { interviewerId: number; recommendation: string; decision: string; count: number }[];
}

/** Everything the calibration report needs, in four grouped queries. */
export async function loadCalibration(db: Db, viewer: Viewer): Promise<CalibrationData> {
  const pg = isPostgres(db as unknown as Kysely<unknown>);
  const focusLength = pg ? sql<number>`jsonb_array_length(interview_stages.focus::jsonb)` : sql<number>`json_array_length(interview_stages.focus)`;
  // Focus is a JSON array of keys made of [a-z0-9_]: finding the quoted key in the text is exact and
  // much cheaper than parsing the array for every rating.
  const quotedKey = sql`'"' || scorecard_ratings.dimension_key || '"'`;
  const inFocus = pg ? sql<boolean>`strpos(interview_stages.focus, ${quotedKey}) > 0` : sql<boolean>`instr(interview_stages.focus, ${quotedKey}) > 0`;
  const hours = pg
    ? sql<number>`floor(extract(epoch from (scorecards.submitted_at::timestamptz - coalesce(interviews.scheduled_at, interviews.created_at)::timestamptz)) / 3600)`
    : sql<number>`cast((julianday(scorecards.submitted_at) - julianday(coalesce(interviews.scheduled_at, interviews.created_at))) * 24 as integer)`;

  const [ratings, delays, panel, outcomes] = await Promise.all([
    // Ratings by value, and how many rated ones were on the stage's focus, in one pass: counted per
    // interviewer with a sum per value, so nothing is sorted by rating.
    submittedInScope(db, viewer)
      .innerJoin('interviews', 'interviews.id', 'scorecards.interview_id')
      .innerJoin('interview_stages', 'interview_stages.id', 'interviews.stage_id')
      .innerJoin('scorecard_ratings', 'scorecard_ratings.scorecard_id', 'scorecards.id')
      .select((eb) => [
        'scorecards.interviewer_id',
        ...([1, 2, 3, 4] as const).map((v) => eb.fn.sum<number>(sql`case when scorecard_ratings.rating = ${sql.lit(v)} then 1 else 0 end`).as(`r${v}`)),
        eb.fn.sum<number>(sql`case when scorecard_ratings.rating is null then 1 else 0 end`).as('unrated'),
        eb.fn.sum<number>(sql`case when scorecard_ratings.rating is not null and ${inFocus} then 1 else 0 end`).as('focus'),
      ])
      .groupBy('scorecards.interviewer_id')
      .execute(),
    // Scorecards per interviewer by whole hours from the interview to submission, with the number of
    // focus dimensions their stages asked for: counts, focus and the delay histogram in one pass.
    submittedInScope(db, viewer)
      .innerJoin('users', 'users.id', 'scorecards.interviewer_id')
      .innerJoin('interviews', 'interviews.id', 'scorecards.interview_id')
      .innerJoin('interview_stages', 'interview_stages.id', 'interviews.stage_id')
      .select((eb) => ['scorecards.interviewer_id', 'users.name', hours.as('hours'), eb.fn.countAll<number>().as('n'), eb.fn.sum<number>(focusLength).as('focus')])
      .groupBy(['scorecards.interviewer_id', 'users.name', hours])
      .execute(),
    // Each own rating beside the total and count on its application and dimension, in one pass (window
    // sums over the scorecards in application order), then kept where two or more rated it.
    db
      .with('panel', () =>
        submittedInScope(db, viewer)
          .innerJoin('scorecard_ratings', 'scorecard_ratings.scorecard_id', 'scorecards.id')
          .where('scorecard_ratings.rating', 'is not', null)
          .select([
            'scorecards.interviewer_id',
            'scorecard_ratings.rating',
            sql<number>`count(*) over (partition by scorecards.application_id, scorecard_ratings.dimension_key)`.as('n'),
            sql<number>`sum(scorecard_ratings.rating) over (partition by scorecards.application_id, scorecard_ratings.dimension_key)`.as('total'),
          ]),
      )
      .selectFrom('panel')
      .where('panel.n', '>', 1)
      .select((eb) => [
        'panel.interviewer_id',
        eb.fn.countAll<number>().as('pairs'),
        eb.fn.avg<number>(sql`1.0 * panel.rating`).as('own'),
        eb.fn.avg<number>(sql`(1.0 * panel.total - panel.rating) / (panel.n - 1)`).as('others'),
      ])
      .groupBy('panel.interviewer_id')
      .execute(),
    // Few applications have a decision: start from those, in scope, then their scorecards.
    db
      .selectFrom('decisions')
      .innerJoin('applications', 'applications.id', 'decisions.application_id')
      .innerJoin('openings', 'openings.id', 'applications.opening_id')
      .innerJoin('scorecards', (join) => join.onRef('scorecards.application_id', '=', 'decisions.application_id').on('scorecards.status', '=', 'submitted'))
      .where(openingInReportScope(viewer))
      .where('scorecards.recommendation', 'is not', null)
      .select((eb) => ['scorecards.interviewer_id', 'scorecards.recommendation', 'decisions.decision', eb.fn.countAll<number>().as('n')])
      .groupBy(['scorecards.interviewer_id', 'scorecards.recommendation', 'decisions.decision'])
      .execute(),
  ]);
  return {
    interviewers: [...delays.reduce((m, r) => {
      const before = m.get(r.interviewer_id) ?? { interviewerId: r.interviewer_id, name: r.name, scorecards: 0, focusExpected: 0 };
      return m.set(r.interviewer_id, { ...before, scorecards: before.scorecards + Number(r.n), focusExpected: before.focusExpected + Number(r.focus ?? 0) });
    }, new Map<number, InterviewerCounts>()).values()],
    ratings: ratings.flatMap((r) => ([[1, r.r1], [2, r.r2], [3, r.r3], [4, r.r4], [null, r.unrated]] as const).filter(([, n]) => Number(n ?? 0) > 0).map(([rating, n]) => ({ interviewerId: r.interviewer_id, rating, count: Number(n) }))),
    delays: delays.filter((r) => r.hours !== null).map((r) => ({ interviewerId: r.interviewer_id, hours: Math.max(0, Number(r.hours)), count: Number(r.n) })),
    panel: panel.map((r) => ({ interviewerId: r.interviewer_id, pairs: Number(r.pairs), own: Number(r.own), others: Number(r.others) })),
    focusRated: ratings.map((r) => ({ interviewerId: r.interviewer_id, count: Number(r.focus ?? 0) })),
    outcomes: outcomes.map((r) => ({ interviewerId: r.interviewer_id, recommendation: r.recommendation ?? '', decision: r.decision, count: Number(r.n) })),
  };
}

/* Sources ------------------------------------------------------------------------------------------ */

/** Applications on openings in scope, with their candidate. */
function applicationsInScope(db: Db, viewer: Viewer) {
  return db
    .selectFrom('applications')
    .innerJoin('openings', 'openings.id', 'applications.opening_id')
    .innerJoin('candidates', 'candidates.id', 'applications.candidate_id')
    .where(openingInReportScope(viewer));
}

/** Per source: candidates, applications by furthest stage and status, mean score at decision, mean review. Five grouped queries. */
export async function loadSources(db: Db, viewer: Viewer) {
  const [candidates, positions, scores, reviews, stageNames] = await Promise.all([
    applicationsInScope(db, viewer)
      .select((eb) => ['candidates.source', eb.fn.count<number>('candidates.id').distinct().as('n')])
      .groupBy('candidates.source')
      .execute(),
    applicationsInScope(db, viewer)
      .leftJoin('interview_stages', 'interview_stages.id', 'applications.stage_id')
      .select((eb) => ['candidates.source', 'interview_stages.position', 'applications.status', eb.fn.countAll<number>().as('n')])
      .groupBy(['candidates.source', 'interview_stages.position', 'applications.status'])
      .execute(),
    applicationsInScope(db, viewer)
      .innerJoin('decisions', 'decisions.application_id', 'applications.id')
      .select((eb) => ['candidates.source', eb.fn.avg<number>('decisions.weighted_score').as('mean'), eb.fn.count<number>('decisions.weighted_score').as('n')])
      .groupBy('candidates.source')
      .execute(),
    applicationsInScope(db, viewer)
      .innerJoin('onboarding_plans', 'onboarding_plans.application_id', 'applications.id')
      .select((eb) => ['candidates.source', eb.fn.avg<number>('onboarding_plans.review_rating').as('mean'), eb.fn.count<number>('onboarding_plans.review_rating').as('n')])
      .groupBy('candidates.source')
      .execute(),
    db
      .selectFrom('interview_stages')
      .innerJoin('openings', 'openings.id', 'interview_stages.opening_id')
      .where(openingInReportScope(viewer))
      .select((eb) => ['interview_stages.position', 'interview_stages.name', eb.fn.countAll<number>().as('n')])
      .groupBy(['interview_stages.position', 'interview_stages.name'])
      .execute(),
  ]);
  const stat = (r: { source: string; mean: number | string | null; n: number | string }) => ({ source: r.source, mean: r.mean === null ? null : Number(r.mean), count: Number(r.n) });
  return {
    candidates: candidates.map((r) => ({ source: r.source, candidates: Number(r.n) })),
    positions: positions.map((r) => ({ source: r.source, position: r.position === null ? 0 : Number(r.position), status: r.status, count: Number(r.n) })),
    scores: scores.map(stat),
    reviews: reviews.map(stat),
    stageNames: stageNames.map((r) => ({ position: Number(r.position), name: r.name, count: Number(r.n) })),
  };
}

/* Pipeline ----------------------------------------------------------------------------------------- */

export interface DateRange {
  /** Inclusive, YYYY-MM-DD. */
  readonly from?: string;
  readonly to?: string;
}

function inRange(range: DateRange) {
  return (eb: ExpressionBuilder<Database, 'applications'>) => {
    const parts = [];
    if (range.from) parts.push(eb('applications.created_at', '>=', `${range.from}T00:00:00.000Z`));
    // ISO timestamps sort as text: everything on the last day is before the next day's midnight.
    if (range.to) parts.push(eb('applications.created_at', '<', `${range.to}T24:00:00.000Z`));
    return eb.and(parts);
  };
}

/**
 * Days spent in each stage: each move into a stage and when the next event (a later stage, a status
 * change, a decision) came, found in one walk over the events in the timeline index's order (no sort),
 * the stage looked up on the way.
 */
export function stageMovesQuery(db: Db, viewer: Viewer, range: DateRange) {
  const pg = isPostgres(db as unknown as Kysely<unknown>);
  const stageDays = pg ? sql<number>`floor(extract(epoch from (moves.next_at::timestamptz - moves.created_at::timestamptz)) / 86400)` : sql<number>`cast(julianday(moves.next_at) - julianday(moves.created_at) as integer)`;
  return db
    .with('moves', () =>
      db
        .selectFrom('applications')
        .innerJoin('openings', 'openings.id', 'applications.opening_id')
        .where(openingInReportScope(viewer))
        .where(inRange(range))
        .innerJoin('application_events', 'application_events.application_id', 'applications.id')
        .leftJoin('interview_stages', 'interview_stages.id', 'application_events.stage_id')
        .select([
          'applications.opening_id',
          'application_events.kind',
          'interview_stages.position',
          'application_events.created_at',
          sql<string | null>`lead(application_events.created_at) over (partition by application_events.application_id order by application_events.created_at, application_events.id)`.as('next_at'),
        ]),
    )
    .selectFrom('moves')
    .where('moves.position', 'is not', null)
    .where('moves.kind', 'in', ['applied', 'stage'])
    .where('moves.next_at', 'is not', null)
    .select((eb) => ['moves.opening_id', 'moves.position', stageDays.as('days'), eb.fn.countAll<number>().as('n')])
    .groupBy(['moves.opening_id', 'moves.position', stageDays]);
}

/** Per opening in scope: stage positions reached, days in each stage, days to decision, decisions. Five grouped queries. */
export async function loadPipeline(db: Db, viewer: Viewer, range: DateRange) {
  const pg = isPostgres(db as unknown as Kysely<unknown>);
  const decisionDays = pg
    ? sql<number>`floor(extract(epoch from (decisions.decided_at::timestamptz - applications.created_at::timestamptz)) / 86400)`
    : sql<number>`cast(julianday(decisions.decided_at) - julianday(applications.created_at) as integer)`;
  const scoped = () => db.selectFrom('applications').innerJoin('openings', 'openings.id', 'applications.opening_id').where(openingInReportScope(viewer)).where(inRange(range));

  const [openings, positions, days, toDecision, decisions] = await Promise.all([
    db
      .selectFrom('openings')
      .innerJoin('sales_roles', 'sales_roles.id', 'openings.role_id')
      .leftJoin('interview_stages', 'interview_stages.opening_id', 'openings.id')
      .where(openingInReportScope(viewer))
      .select((eb) => ['openings.id', 'openings.title', 'openings.role_id', 'sales_roles.name', eb.fn.count<number>('interview_stages.id').as('stages')])
      .groupBy(['openings.id', 'openings.title', 'openings.role_id', 'sales_roles.name'])
      .execute(),
    scoped()
      .leftJoin('interview_stages', 'interview_stages.id', 'applications.stage_id')
      .select((eb) => ['applications.opening_id', 'interview_stages.position', 'applications.status', eb.fn.countAll<number>().as('n')])
      .groupBy(['applications.opening_id', 'interview_stages.position', 'applications.status'])
      .execute(),
    stageMovesQuery(db, viewer, range).execute(),
    scoped()
      .innerJoin('decisions', 'decisions.application_id', 'applications.id')
      .select((eb) => ['applications.opening_id', decisionDays.as('days'), eb.fn.countAll<number>().as('n')])
      .groupBy(['applications.opening_id', decisionDays])
      .execute(),
    scoped()
      .innerJoin('decisions', 'decisions.application_id', 'applications.id')
      .select((eb) => ['applications.opening_id', 'decisions.decision', eb.fn.countAll<number>().as('n')])
      .groupBy(['applications.opening_id', 'decisions.decision'])
      .execute(),
  ]);
  return {
    openings: openings.map((o) => ({ openingId: o.id, title: o.title, roleId: o.role_id, roleName: o.name, stages: Number(o.stages) })),
    positions: positions.map((p) => ({ openingId: p.opening_id, position: p.position === null ? 0 : Number(p.position), status: p.status, count: Number(p.n) })),
    stageDays: days.map((d) => ({ openingId: d.opening_id, position: Number(d.position), days: Math.max(0, Number(d.days)), count: Number(d.n) })),
    decisionDays: toDecision.map((d) => ({ openingId: d.opening_id, days: Math.max(0, Number(d.days)), count: Number(d.n) })),
    decisions: decisions.map((d) => ({ openingId: d.opening_id, decision: d.decision, count: Number(d.n) })),
  };
}

/* Onboarding --------------------------------------------------------------------------------------- */

/** Plans a viewer's onboarding report covers: all for admins and recruiters, their own for hiring managers (as on the plans dashboard). */
function planInReportScope(viewer: Viewer) {
  return (eb: ExpressionBuilder<Database, 'onboarding_plans'>) => (viewer.role === 'admin' || viewer.role === 'recruiter' ? sql<boolean>`1 = 1` : eb('onboarding_plans.manager_id', '=', viewer.id));
}

/** Plans with their overdue count, per-track progress, and the tasks most often overdue. Three grouped queries. */
export async function loadOnboarding(db: Db, viewer: Viewer, today: string) {
  const overdue = sql<number>`case when onboarding_plan_tasks.done_at is null and onboarding_plan_tasks.due_date < ${today} then 1 else 0 end`;
  const late = sql<number>`case when (onboarding_plan_tasks.done_at is null and onboarding_plan_tasks.due_date < ${today}) or substr(onboarding_plan_tasks.done_at, 1, 10) > onboarding_plan_tasks.due_date then 1 else 0 end`;
  const tasksInScope = () => db.selectFrom('onboarding_plan_tasks').innerJoin('onboarding_plans', 'onboarding_plans.id', 'onboarding_plan_tasks.plan_id').where(planInReportScope(viewer));
  const [plans, tracks, tasks] = await Promise.all([
    db
      .selectFrom('onboarding_plans')
      .innerJoin('sales_roles', 'sales_roles.id', 'onboarding_plans.role_id')
      .leftJoin('onboarding_plan_tasks', 'onboarding_plan_tasks.plan_id', 'onboarding_plans.id')
      .where(planInReportScope(viewer))
      .select((eb) => ['onboarding_plans.id', 'sales_roles.name', 'onboarding_plans.start_date', 'onboarding_plans.completed_at', eb.fn.sum<number>(overdue).as('overdue')])
      .groupBy(['onboarding_plans.id', 'sales_roles.name', 'onboarding_plans.start_date', 'onboarding_plans.completed_at'])
      .execute(),
    tasksInScope()
      .select((eb) => ['onboarding_plan_tasks.plan_id', 'onboarding_plan_tasks.track', eb.fn.countAll<number>().as('n'), eb.fn.count<number>('onboarding_plan_tasks.done_at').as('done'), eb.fn.max('onboarding_plan_tasks.done_at').as('last')])
      .groupBy(['onboarding_plan_tasks.plan_id', 'onboarding_plan_tasks.track'])
      .execute(),
    tasksInScope()
      .select((eb) => ['onboarding_plan_tasks.title', eb.fn.sum<number>(late).as('late'), eb.fn.countAll<number>().as('n')])
      .groupBy('onboarding_plan_tasks.title')
      .orderBy('late', 'desc')
      .orderBy('onboarding_plan_tasks.title')
      .limit(10)
      .execute(),
  ]);
  return {
    plans: plans.map((p) => ({ planId: p.id, roleName: p.name, startDate: p.start_date, completedAt: p.completed_at, overdue: Number(p.overdue ?? 0) })),
    tracks: tracks.map((t) => ({ planId: t.plan_id, track: t.track, tasks: Number(t.n), done: Number(t.done), lastDoneAt: (t.last as string | null) ?? null })),
    tasks: tasks.map((t) => ({ title: t.title, late: Number(t.late ?? 0), total: Number(t.n) })),
  };
}
