import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { Language } from '../i18n/i18n';
import { seededRole, seededTask, stageLabel } from '../i18n/seeded-texts';
import type { Database, DbOrTrx as Db } from '../db/database';
import { isPostgres } from '../db/migrations/helpers';
import { applicationsOwedBy } from '../auth/independence';
import type { Viewer } from '../auth/scopes';
import { computeCalibration } from './calibration-totals';
import { positionsQuery, stageDaysQuery } from './pipeline-totals';
import { refreshStaleTotals } from './report-totals';
import { type DateRange, splitRange } from './range';

export type { DateRange } from './range';
import { openingVisibleTo } from '../auth/scopes';

/**
 * Who reads a report: their role and scope, and whether the company keeps feedback independent. Every
 * figure computed from scorecards leaves out the applications on which the reader still owes a
 * scorecard, as every page does (see auth/independence.ts): a mean, a count or a chart would
 * otherwise tell them what the rest of the panel said before they have said it themselves.
 */
export type ReportViewer = Viewer & { readonly independentFeedback: boolean };

/** Applications whose panel verdicts the viewer may not read yet, as a subquery of ids. */
export function withheldFrom(db: Db, viewer: ReportViewer) {
  return applicationsOwedBy(db, viewer);
}

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

/* Interviewer calibration ------------------------------------------------------------------------ */

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
  /** Hours from the interview to the scorecard (to the minute), as a histogram per interviewer. */
  readonly delays: { interviewerId: number; hours: number; count: number }[];
  /** Own ratings beside the mean of the rest of the panel on the same application and dimension. */
  readonly panel: { interviewerId: number; pairs: number; own: number; others: number }[];
  readonly focusRated: { interviewerId: number; count: number }[];
  readonly outcomes: { interviewerId: number; recommendation: string; decision: string; count: number }[];
}

type CalibrationSums = {
  totals: ({ interviewer_id: number; name: string } & Record<(typeof TOTAL_COLUMNS)[number], number | string | null>)[];
  delays: { interviewer_id: number; minutes: number; n: number | string | null }[];
  outcomes: { interviewer_id: number; recommendation: string; decision: string; n: number | string | null }[];
};

const TOTAL_COLUMNS = ['scorecards', 'focus_expected', 'focus_rated', 'rated_1', 'rated_2', 'rated_3', 'rated_4', 'not_assessed', 'panel_pairs', 'panel_own', 'panel_others'] as const;

/**
 * The summed totals less the scorecards of some applications (those whose panel the reader may not
 * see yet). Every figure is a sum over applications, so taking the applications' own totals away
 * leaves exactly the totals without them; an interviewer with nothing left drops out.
 */
async function withoutApplications(db: Db, sums: CalibrationSums, applicationIds: readonly number[]): Promise<CalibrationSums> {
  if (applicationIds.length === 0) return sums;
  const less = await computeCalibration(db, { applicationIds });
  const minus = (value: number | string | null, by: number) => Number(value ?? 0) - by;
  const totals = sums.totals
    .map((row) => {
      const mine = less.totals.filter((t) => t.interviewer_id === row.interviewer_id);
      return { ...row, ...Object.fromEntries(TOTAL_COLUMNS.map((c) => [c, minus(row[c], mine.reduce((s, t) => s + t[c], 0))])) };
    })
    .filter((row) => Number(row.scorecards) > 0);
  const delays = sums.delays
    .map((d) => ({ ...d, n: minus(d.n, less.delays.filter((x) => x.interviewer_id === d.interviewer_id && x.minutes === Number(d.minutes)).reduce((s, x) => s + x.scorecards, 0)) }))
    .filter((d) => d.n > 0);
  const outcomes = sums.outcomes
    .map((o) => ({ ...o, n: minus(o.n, less.outcomes.filter((x) => x.interviewer_id === o.interviewer_id && x.recommendation === o.recommendation && x.decision === o.decision).reduce((s, x) => s + x.scorecards, 0)) }))
    .filter((o) => o.n > 0);
  return { totals, delays, outcomes };
}

/**
 * Everything the calibration report needs, summed from the totals kept per opening and interviewer
 * (three grouped queries over a few rows per interviewer and opening in scope). Openings still marked
 * stale are rebuilt first.
 */
export async function loadCalibration(db: Kysely<Database>, viewer: ReportViewer): Promise<CalibrationData> {
  await refreshStaleTotals(db);
  const [kept, keptDelays, keptOutcomes, withheld] = await Promise.all([
    db
      .selectFrom('calibration_totals')
      .where('calibration_totals.opening_id', 'in', openingsInScope(db, viewer))
      .innerJoin('users', 'users.id', 'calibration_totals.interviewer_id')
      .select((eb) => [
        'calibration_totals.interviewer_id',
        'users.name',
        ...(['scorecards', 'focus_expected', 'focus_rated', 'rated_1', 'rated_2', 'rated_3', 'rated_4', 'not_assessed', 'panel_pairs', 'panel_own', 'panel_others'] as const).map((c) => eb.fn.sum<number>(`calibration_totals.${c}`).as(c)),
      ])
      .groupBy(['calibration_totals.interviewer_id', 'users.name'])
      .execute(),
    db
      .selectFrom('calibration_delays')
      .where('calibration_delays.opening_id', 'in', openingsInScope(db, viewer))
      .select((eb) => ['calibration_delays.interviewer_id', 'calibration_delays.minutes', eb.fn.sum<number>('calibration_delays.scorecards').as('n')])
      .groupBy(['calibration_delays.interviewer_id', 'calibration_delays.minutes'])
      .execute(),
    db
      .selectFrom('calibration_outcomes')
      .where('calibration_outcomes.opening_id', 'in', openingsInScope(db, viewer))
      .select((eb) => ['calibration_outcomes.interviewer_id', 'calibration_outcomes.recommendation', 'calibration_outcomes.decision', eb.fn.sum<number>('calibration_outcomes.scorecards').as('n')])
      .groupBy(['calibration_outcomes.interviewer_id', 'calibration_outcomes.recommendation', 'calibration_outcomes.decision'])
      .execute(),
    viewer.independentFeedback ? applicationsInScope(db, viewer).select('applications.id').where('applications.id', 'in', withheldFrom(db, viewer)).execute() : Promise.resolve([]),
  ]);
  const { totals, delays, outcomes } = await withoutApplications(db, { totals: kept, delays: keptDelays, outcomes: keptOutcomes }, withheld.map((r) => r.id));
  const n = (v: number | string | null) => Number(v ?? 0);
  return {
    interviewers: totals.map((t) => ({ interviewerId: t.interviewer_id, name: t.name, scorecards: n(t.scorecards), focusExpected: n(t.focus_expected) })),
    ratings: totals.flatMap((t) => ([[1, t.rated_1], [2, t.rated_2], [3, t.rated_3], [4, t.rated_4], [null, t.not_assessed]] as const).filter(([, c]) => n(c) > 0).map(([rating, c]) => ({ interviewerId: t.interviewer_id, rating, count: n(c) }))),
    delays: delays.map((d) => ({ interviewerId: d.interviewer_id, hours: Number(d.minutes) / 60, count: n(d.n) })),
    panel: totals.filter((t) => n(t.panel_pairs) > 0).map((t) => ({ interviewerId: t.interviewer_id, pairs: n(t.panel_pairs), own: n(t.panel_own) / n(t.panel_pairs), others: n(t.panel_others) / n(t.panel_pairs) })),
    focusRated: totals.map((t) => ({ interviewerId: t.interviewer_id, count: n(t.focus_rated) })),
    outcomes: outcomes.map((o) => ({ interviewerId: o.interviewer_id, recommendation: o.recommendation, decision: o.decision, count: n(o.n) })),
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

/**
 * Per source: candidates, applications by opening, furthest stage reached and status (from the
 * totals), mean score at decision, mean review, and where each opening's reference check stands in
 * its plan (by the stage's kind). Six grouped queries.
 */
export async function loadSources(db: Kysely<Database>, viewer: ReportViewer, language: Language) {
  await refreshStaleTotals(db);
  const [candidates, positions, scores, reviews, stageNames, referenceChecks] = await Promise.all([
    // Each candidate with an application in scope, once: a semi-join rather than sorting every application for a distinct count.
    db
      .selectFrom('candidates')
      .select((eb) => ['candidates.source', eb.fn.countAll<number>().as('n')])
      .where((eb) => eb.exists(eb.selectFrom('applications').innerJoin('openings', 'openings.id', 'applications.opening_id').select('applications.id').whereRef('applications.candidate_id', '=', 'candidates.id').where(openingInReportScope(viewer))))
      .groupBy('candidates.source')
      .execute(),
    db
      .selectFrom('source_totals')
      .where('source_totals.opening_id', 'in', openingsInScope(db, viewer))
      .select((eb) => ['source_totals.source', 'source_totals.opening_id', 'source_totals.position', 'source_totals.status', eb.fn.sum<number>('source_totals.applications').as('n')])
      .groupBy(['source_totals.source', 'source_totals.opening_id', 'source_totals.position', 'source_totals.status'])
      .execute(),
    applicationsInScope(db, viewer)
      .innerJoin('decisions', 'decisions.application_id', 'applications.id')
      .where('applications.id', 'not in', withheldFrom(db, viewer))
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
      .select((eb) => ['interview_stages.position', 'interview_stages.name', 'interview_stages.seed_key', eb.fn.countAll<number>().as('n')])
      .groupBy(['interview_stages.position', 'interview_stages.name', 'interview_stages.seed_key'])
      .execute(),
    db
      .selectFrom('interview_stages')
      .where('interview_stages.opening_id', 'in', openingsInScope(db, viewer))
      .where('interview_stages.kind', '=', 'reference_check')
      .select((eb) => ['interview_stages.opening_id', eb.fn.min<number>('interview_stages.position').as('position')])
      .groupBy('interview_stages.opening_id')
      .execute(),
  ]);
  const stat = (r: { source: string; mean: number | string | null; n: number | string }) => ({ source: r.source, mean: r.mean === null ? null : Number(r.mean), count: Number(r.n) });
  return {
    candidates: candidates.map((r) => ({ source: r.source, candidates: Number(r.n) })),
    positions: positions.map((r) => ({ source: r.source, openingId: r.opening_id, position: Number(r.position), status: r.status, count: Number(r.n) })),
    referenceChecks: referenceChecks.map((r) => ({ openingId: r.opening_id, position: Number(r.position) })),
    scores: scores.map(stat),
    reviews: reviews.map(stat),
    stageNames: stageNames.map((r) => ({ position: Number(r.position), name: stageLabel(r.name, r.seed_key, language), count: Number(r.n) })),
  };
}

/* Pipeline ----------------------------------------------------------------------------------------- */

function inRange(range: DateRange) {
  return (eb: ExpressionBuilder<Database, 'applications' | 'openings'>) => {
    const parts = [];
    if (range.from) parts.push(eb('applications.created_at', '>=', `${range.from}T00:00:00.000Z`));
    // ISO timestamps sort as text: everything on the last day is before the next day's midnight.
    if (range.to) parts.push(eb('applications.created_at', '<', `${range.to}T24:00:00.000Z`));
    return eb.and(parts);
  };
}

/** Openings whose data a viewer's reports include, as a subquery of ids. */
function openingsInScope(db: Db, viewer: Viewer) {
  return db.selectFrom('openings').select('openings.id').where(openingInReportScope(viewer));
}

/**
 * Per opening in scope: applications by furthest stage reached and status, days in each stage, days to
 * decision, decisions. Whole months of the range come from the totals kept per opening and month;
 * the days of a partial month at either end from the applications (through their arrival index).
 */
export async function loadPipeline(db: Kysely<Database>, viewer: Viewer, range: DateRange, language: Language) {
  await refreshStaleTotals(db);
  const pg = isPostgres(db as unknown as Kysely<unknown>);
  // Whole hours (read back as days with their fraction): a 3-day-and-20-hour wait is not "3 days".
  const decisionHours = pg
    ? sql<number>`floor(extract(epoch from (decisions.decided_at::timestamptz - applications.created_at::timestamptz)) / 3600)`
    : sql<number>`cast(round((julianday(decisions.decided_at) - julianday(applications.created_at)) * 86400000) / 3600000 as integer)`;
  const scoped = () => db.selectFrom('applications').innerJoin('openings', 'openings.id', 'applications.opening_id').where(openingInReportScope(viewer)).where(inRange(range));
  const split = splitRange(range);
  const partial = (part: DateRange) => (eb: ExpressionBuilder<Database, 'applications' | 'openings'>) => eb.and([eb('applications.opening_id', 'in', openingsInScope(db, viewer)), inRange(part)(eb)]);
  const inMonths = <T extends 'pipeline_totals' | 'pipeline_stage_days'>(eb: ExpressionBuilder<Database, T>) => {
    const months = split.months!;
    const column = sql.ref<string>('cohort_month');
    return eb.and([...(months.from ? [eb(column, '>=', months.from)] : []), ...(months.to ? [eb(column, '<=', months.to)] : [])]);
  };

  const [openings, monthPositions, monthDays, dayParts, toDecision, decisions] = await Promise.all([
    db
      .selectFrom('openings')
      .innerJoin('sales_roles', 'sales_roles.id', 'openings.role_id')
      .leftJoin('interview_stages', 'interview_stages.opening_id', 'openings.id')
      .where(openingInReportScope(viewer))
      .select((eb) => ['openings.id', 'openings.title', 'openings.role_id', 'sales_roles.name', 'sales_roles.seed_key', eb.fn.count<number>('interview_stages.id').as('stages')])
      .groupBy(['openings.id', 'openings.title', 'openings.role_id', 'sales_roles.name', 'sales_roles.seed_key'])
      .execute(),
    split.months
      ? db
          .selectFrom('pipeline_totals')
          .where('pipeline_totals.opening_id', 'in', openingsInScope(db, viewer))
          .where(inMonths)
          .select((eb) => ['pipeline_totals.opening_id', 'pipeline_totals.position', 'pipeline_totals.status', eb.fn.sum<number>('pipeline_totals.applications').as('n')])
          .groupBy(['pipeline_totals.opening_id', 'pipeline_totals.position', 'pipeline_totals.status'])
          .execute()
      : [],
    split.months
      ? db
          .selectFrom('pipeline_stage_days')
          .where('pipeline_stage_days.opening_id', 'in', openingsInScope(db, viewer))
          .where(inMonths)
          .select((eb) => ['pipeline_stage_days.opening_id', 'pipeline_stage_days.position', 'pipeline_stage_days.hours', eb.fn.sum<number>('pipeline_stage_days.moves').as('n')])
          .groupBy(['pipeline_stage_days.opening_id', 'pipeline_stage_days.position', 'pipeline_stage_days.hours'])
          .execute()
      : [],
    Promise.all(split.days.map(async (part) => ({ positions: await positionsQuery(db, partial(part)).execute(), days: await stageDaysQuery(db, partial(part)).execute() }))),
    scoped()
      .innerJoin('decisions', 'decisions.application_id', 'applications.id')
      .select((eb) => ['applications.opening_id', decisionHours.as('hours'), eb.fn.countAll<number>().as('n')])
      .groupBy(['applications.opening_id', decisionHours])
      .execute(),
    scoped()
      .innerJoin('decisions', 'decisions.application_id', 'applications.id')
      .select((eb) => ['applications.opening_id', 'decisions.decision', eb.fn.countAll<number>().as('n')])
      .groupBy(['applications.opening_id', 'decisions.decision'])
      .execute(),
  ]);
  const positions = [
    ...monthPositions.map((p) => ({ openingId: p.opening_id, position: Number(p.position), status: p.status, count: Number(p.n) })),
    ...dayParts.flatMap((part) => part.positions.map((p) => ({ openingId: p.opening_id, position: Number(p.position), status: p.status, count: Number(p.n) }))),
  ];
  // Kept by whole hours, given as days with their fraction.
  const stageDays = [
    ...monthDays.map((d) => ({ openingId: d.opening_id, position: Number(d.position), days: Number(d.hours) / 24, count: Number(d.n) })),
    ...dayParts.flatMap((part) => part.days.map((d) => ({ openingId: d.opening_id, position: Number(d.position), days: Math.max(0, Number(d.hours)) / 24, count: Number(d.n) }))),
  ];
  return {
    openings: openings.map((o) => ({ openingId: o.id, title: o.title, roleId: o.role_id, roleName: seededRole(o.seed_key, language)?.name ?? o.name, stages: Number(o.stages) })),
    positions,
    stageDays,
    decisionDays: toDecision.map((d) => ({ openingId: d.opening_id, days: Math.max(0, Number(d.hours)) / 24, count: Number(d.n) })),
    decisions: decisions.map((d) => ({ openingId: d.opening_id, decision: d.decision, count: Number(d.n) })),
  };
}

/* Onboarding --------------------------------------------------------------------------------------- */

/** Plans a viewer's onboarding report covers: all for admins and recruiters, their own for hiring managers (as on the plans dashboard). */
function planInReportScope(viewer: Viewer) {
  return (eb: ExpressionBuilder<Database, 'onboarding_plans'>) => (viewer.role === 'admin' || viewer.role === 'recruiter' ? sql<boolean>`1 = 1` : eb('onboarding_plans.manager_id', '=', viewer.id));
}

/** Plans with their overdue count, per-track progress, and the tasks most often overdue. Three grouped queries. */
export async function loadOnboarding(db: Db, viewer: Viewer, today: string, language: Language) {
  const overdue = sql<number>`case when onboarding_plan_tasks.done_at is null and onboarding_plan_tasks.due_date < ${today} then 1 else 0 end`;
  const late = sql<number>`case when (onboarding_plan_tasks.done_at is null and onboarding_plan_tasks.due_date < ${today}) or substr(onboarding_plan_tasks.done_at, 1, 10) > onboarding_plan_tasks.due_date then 1 else 0 end`;
  const tasksInScope = () => db.selectFrom('onboarding_plan_tasks').innerJoin('onboarding_plans', 'onboarding_plans.id', 'onboarding_plan_tasks.plan_id').where(planInReportScope(viewer));
  const [plans, tracks, tasks] = await Promise.all([
    db
      .selectFrom('onboarding_plans')
      .innerJoin('sales_roles', 'sales_roles.id', 'onboarding_plans.role_id')
      .leftJoin('onboarding_plan_tasks', 'onboarding_plan_tasks.plan_id', 'onboarding_plans.id')
      .where(planInReportScope(viewer))
      .select((eb) => ['onboarding_plans.id', 'sales_roles.name', 'sales_roles.seed_key', 'onboarding_plans.start_date', 'onboarding_plans.completed_at', eb.fn.sum<number>(overdue).as('overdue')])
      .groupBy(['onboarding_plans.id', 'sales_roles.name', 'sales_roles.seed_key', 'onboarding_plans.start_date', 'onboarding_plans.completed_at'])
      .execute(),
    tasksInScope()
      .select((eb) => ['onboarding_plan_tasks.plan_id', 'onboarding_plan_tasks.track', eb.fn.countAll<number>().as('n'), eb.fn.count<number>('onboarding_plan_tasks.done_at').as('done'), eb.fn.max('onboarding_plan_tasks.done_at').as('last')])
      .groupBy(['onboarding_plan_tasks.plan_id', 'onboarding_plan_tasks.track'])
      .execute(),
    tasksInScope()
      .select((eb) => ['onboarding_plan_tasks.title', 'onboarding_plan_tasks.seed_key', eb.fn.sum<number>(late).as('late'), eb.fn.countAll<number>().as('n')])
      .groupBy(['onboarding_plan_tasks.title', 'onboarding_plan_tasks.seed_key'])
      .orderBy('late', 'desc')
      .orderBy('onboarding_plan_tasks.title')
      .limit(10)
      .execute(),
  ]);
  return {
    plans: plans.map((p) => ({ planId: p.id, roleName: seededRole(p.seed_key, language)?.name ?? p.name, startDate: p.start_date, completedAt: p.completed_at, overdue: Number(p.overdue ?? 0) })),
    tracks: tracks.map((t) => ({ planId: t.plan_id, track: t.track, tasks: Number(t.n), done: Number(t.done), lastDoneAt: (t.last as string | null) ?? null })),
    tasks: tasks.map((t) => ({ title: seededTask(t.seed_key, language)?.title ?? t.title, late: Number(t.late ?? 0), total: Number(t.n) })),
  };
}

/* Stage names ------------------------------------------------------------------------------------ */

/** The interview plan of every opening in the viewer's scope (names by position), for the reports' column headers. One query. */
export async function listPlanStages(db: Db, viewer: Viewer, language: Language): Promise<{ openingId: number; roleId: number; position: number; name: string }[]> {
  const rows = await db
    .selectFrom('interview_stages')
    .innerJoin('openings', 'openings.id', 'interview_stages.opening_id')
    .where(openingInReportScope(viewer))
    .select(['interview_stages.opening_id', 'openings.role_id', 'interview_stages.position', 'interview_stages.name', 'interview_stages.seed_key'])
    .execute();
  return rows.map((r) => ({ openingId: r.opening_id, roleId: r.role_id, position: Number(r.position), name: stageLabel(r.name, r.seed_key, language) }));
}

