import { type Kysely, sql } from 'kysely';
import type { Database, DbOrTrx as Db } from '../db/database';
import { isPostgres } from '../db/migrations/helpers';
import { insertChunked, rebuildOpenings } from './totals-store';

/**
 * The calibration report's totals, kept per opening and interviewer. Whatever changes what they
 * count (a scorecard submitted or edited, a decision, a stage's focus, an erasure) rebuilds its
 * opening's rows in the same transaction, so the report sums a few rows per interviewer and is never
 * behind. Rebuilding one opening reads only that opening's scorecards through the indexes.
 */

/** Which scorecards a computation covers: those of whole openings (the kept totals), or of some applications. */
export type CalibrationScope = { readonly openingIds: readonly number[] } | { readonly applicationIds: readonly number[] };

/** Submitted scorecards in the scope. */
function submittedIn(db: Db, scope: CalibrationScope) {
  const base = db.selectFrom('scorecards').innerJoin('applications', 'applications.id', 'scorecards.application_id').where('scorecards.status', '=', 'submitted');
  return 'openingIds' in scope ? base.where('applications.opening_id', 'in', scope.openingIds) : base.where('applications.id', 'in', scope.applicationIds);
}

type Key = `${number}:${number}`;
const keyOf = (openingId: number, interviewerId: number): Key => `${openingId}:${interviewerId}`;

/** Rebuilds the totals of these openings from their scorecards, in the caller's transaction (or one of its own). */
export async function refreshCalibrationTotals(db: Db, openingIds: readonly number[]): Promise<void> {
  await rebuildOpenings(db, openingIds, rebuildCalibration);
}

/** The grouped queries behind the totals, per opening and interviewer. */
function calibrationQueries(db: Db, scope: CalibrationScope) {
  const pg = isPostgres(db as unknown as Kysely<unknown>);
  const focusLength = pg ? sql<number>`jsonb_array_length(interview_stages.focus::jsonb)` : sql<number>`json_array_length(interview_stages.focus)`;
  // Focus is a JSON array of keys made of [a-z0-9_]: finding the quoted key in the text is exact and
  // much cheaper than parsing the array for every rating.
  const quotedKey = sql`'"' || scorecard_ratings.dimension_key || '"'`;
  const inFocus = pg ? sql<boolean>`strpos(interview_stages.focus, ${quotedKey}) > 0` : sql<boolean>`instr(interview_stages.focus, ${quotedKey}) > 0`;
  // Whole minutes, rounded down (a negative delay, from clock skew, counts as none).
  const minutes = pg
    ? sql<number>`floor(extract(epoch from (scorecards.submitted_at::timestamptz - coalesce(interviews.scheduled_at, interviews.created_at)::timestamptz)) / 60)`
    : sql<number>`cast(round((julianday(scorecards.submitted_at) - julianday(coalesce(interviews.scheduled_at, interviews.created_at))) * 86400000) / 60000 as integer)`;
  const withStage = () => submittedIn(db, scope).innerJoin('interviews', 'interviews.id', 'scorecards.interview_id').innerJoin('interview_stages', 'interview_stages.id', 'interviews.stage_id');
  return {
    ratings: withStage()
      .innerJoin('scorecard_ratings', 'scorecard_ratings.scorecard_id', 'scorecards.id')
      .select((eb) => [
        'applications.opening_id',
        'scorecards.interviewer_id',
        ...([1, 2, 3, 4] as const).map((v) => eb.fn.sum<number>(sql`case when scorecard_ratings.rating = ${sql.lit(v)} then 1 else 0 end`).as(`r${v}`)),
        eb.fn.sum<number>(sql`case when scorecard_ratings.rating is null then 1 else 0 end`).as('unrated'),
        eb.fn.sum<number>(sql`case when scorecard_ratings.rating is not null and ${inFocus} then 1 else 0 end`).as('focus'),
      ])
      .groupBy(['applications.opening_id', 'scorecards.interviewer_id']),
    delays: withStage()
      .select((eb) => ['applications.opening_id', 'scorecards.interviewer_id', minutes.as('minutes'), eb.fn.countAll<number>().as('n'), eb.fn.sum<number>(focusLength).as('focus')])
      .groupBy(['applications.opening_id', 'scorecards.interviewer_id', minutes]),
    // Each own rating beside the total and count of everyone else's ratings on its application and
    // dimension (window sums over the application and dimension, less the interviewer's own there: a
    // recruiter's screen and reference check of one dimension are not a panel), kept where someone
    // else rated it too.
    panel: db
      .with('panel', () =>
        submittedIn(db, scope)
          .innerJoin('scorecard_ratings', 'scorecard_ratings.scorecard_id', 'scorecards.id')
          .where('scorecard_ratings.rating', 'is not', null)
          .select([
            'applications.opening_id',
            'scorecards.interviewer_id',
            'scorecard_ratings.rating',
            sql<number>`count(*) over (partition by scorecards.application_id, scorecard_ratings.dimension_key) - count(*) over (partition by scorecards.application_id, scorecard_ratings.dimension_key, scorecards.interviewer_id)`.as('n'),
            sql<number>`sum(scorecard_ratings.rating) over (partition by scorecards.application_id, scorecard_ratings.dimension_key) - sum(scorecard_ratings.rating) over (partition by scorecards.application_id, scorecard_ratings.dimension_key, scorecards.interviewer_id)`.as('total'),
          ]),
      )
      .selectFrom('panel')
      .where('panel.n', '>', 0)
      .select((eb) => ['panel.opening_id', 'panel.interviewer_id', eb.fn.countAll<number>().as('pairs'), eb.fn.sum<number>(sql`1.0 * panel.rating`).as('own'), eb.fn.sum<number>(sql`1.0 * panel.total / panel.n`).as('others')])
      .groupBy(['panel.opening_id', 'panel.interviewer_id']),
    outcomes: submittedIn(db, scope)
      .innerJoin('decisions', 'decisions.application_id', 'applications.id')
      .where('scorecards.recommendation', 'is not', null)
      .select((eb) => ['applications.opening_id', 'scorecards.interviewer_id', 'scorecards.recommendation', 'decisions.decision', eb.fn.countAll<number>().as('n')])
      .groupBy(['applications.opening_id', 'scorecards.interviewer_id', 'scorecards.recommendation', 'decisions.decision']),
  };
}

export interface CalibrationRows {
  readonly totals: Database['calibration_totals'][];
  readonly delays: Database['calibration_delays'][];
  readonly outcomes: Database['calibration_outcomes'][];
}

/**
 * The calibration totals of the scorecards in a scope, per opening and interviewer, as rows of the
 * totals tables. Every figure is a sum over applications, so the totals of some applications can be
 * taken away from their openings' kept totals.
 */
export async function computeCalibration(db: Db, scope: CalibrationScope): Promise<CalibrationRows> {
  const empty = 'openingIds' in scope ? scope.openingIds.length === 0 : scope.applicationIds.length === 0;
  if (empty) return { totals: [], delays: [], outcomes: [] };
  const queries = calibrationQueries(db, scope);
  const [ratings, delays, panel, outcomes] = await Promise.all([queries.ratings.execute(), queries.delays.execute(), queries.panel.execute(), queries.outcomes.execute()]);

  const totals = new Map<Key, Database['calibration_totals']>();
  const row = (openingId: number, interviewerId: number) => {
    const key = keyOf(openingId, interviewerId);
    const existing = totals.get(key);
    if (existing) return existing;
    const fresh = { opening_id: openingId, interviewer_id: interviewerId, scorecards: 0, focus_expected: 0, focus_rated: 0, rated_1: 0, rated_2: 0, rated_3: 0, rated_4: 0, not_assessed: 0, panel_pairs: 0, panel_own: 0, panel_others: 0 };
    totals.set(key, fresh);
    return fresh;
  };
  for (const d of delays) {
    const t = row(d.opening_id, d.interviewer_id);
    t.scorecards += Number(d.n);
    t.focus_expected += Number(d.focus ?? 0);
  }
  for (const r of ratings) {
    Object.assign(row(r.opening_id, r.interviewer_id), { rated_1: Number(r.r1 ?? 0), rated_2: Number(r.r2 ?? 0), rated_3: Number(r.r3 ?? 0), rated_4: Number(r.r4 ?? 0), not_assessed: Number(r.unrated ?? 0), focus_rated: Number(r.focus ?? 0) });
  }
  for (const p of panel) Object.assign(row(p.opening_id, p.interviewer_id), { panel_pairs: Number(p.pairs), panel_own: Number(p.own), panel_others: Number(p.others) });

  const delayRows = new Map<string, Database['calibration_delays']>();
  for (const d of delays) {
    if (d.minutes === null) continue;
    const minutesAfter = Math.max(0, Number(d.minutes));
    const key = `${d.opening_id}:${d.interviewer_id}:${minutesAfter}`;
    const before = delayRows.get(key);
    delayRows.set(key, { opening_id: d.opening_id, interviewer_id: d.interviewer_id, minutes: minutesAfter, scorecards: (before?.scorecards ?? 0) + Number(d.n) });
  }
  return {
    totals: [...totals.values()],
    delays: [...delayRows.values()],
    outcomes: outcomes.map((o) => ({ opening_id: o.opening_id, interviewer_id: o.interviewer_id, recommendation: o.recommendation ?? '', decision: o.decision, scorecards: Number(o.n) })),
  };
}

async function rebuildCalibration(db: Db, ids: number[]): Promise<void> {
  const computed = await computeCalibration(db, { openingIds: ids });
  for (const table of ['calibration_totals', 'calibration_delays', 'calibration_outcomes'] as const) await db.deleteFrom(table).where('opening_id', 'in', ids).execute();
  await insertChunked(db, 'calibration_totals', computed.totals);
  await insertChunked(db, 'calibration_delays', computed.delays);
  await insertChunked(db, 'calibration_outcomes', computed.outcomes);
}
