import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database, DbOrTrx as Db } from '../db/database';
import { isPostgres } from '../db/migrations/helpers';
import { PIPELINE_EVENT_KINDS } from '../candidates/candidate';
import { insertChunked, rebuildOpenings } from './totals-store';

/**
 * The pipeline and sources reports' totals, kept per opening and month of arrival (the cohort).
 * Whatever moves an application (arrival, a stage, a status, a decision: each records an event), edits
 * a candidate's source, reorders a plan or erases a candidate rebuilds the opening's rows in the same
 * transaction. Reports read whole months from here and only the days of a partial month from the
 * applications themselves.
 */

type ApplicationFilter = (eb: ExpressionBuilder<Database, 'applications' | 'openings'>) => Expression<SqlBool>;

const cohortMonth = sql<string>`substr(applications.created_at, 1, 7)`;

/**
 * Applications by opening, arrival month, candidate source, the furthest stage position they reached
 * and status. Every arrival and move records an event with its stage, so the furthest is the highest
 * position among the application's events (read through the timeline index), which counts an
 * application sent back a stage as having passed the later one; the current stage stands in for
 * history that has none.
 */
export function positionsQuery(db: Db, filter: ApplicationFilter) {
  const furthest = sql<number | null>`(select max(reached.position) from application_events inner join interview_stages as reached on reached.id = application_events.stage_id where application_events.application_id = applications.id and application_events.kind in ('applied', 'stage'))`;
  const position = sql<number>`coalesce(${furthest}, interview_stages.position, 0)`;
  return db
    .selectFrom('applications')
    .innerJoin('openings', 'openings.id', 'applications.opening_id')
    .innerJoin('candidates', 'candidates.id', 'applications.candidate_id')
    .leftJoin('interview_stages', 'interview_stages.id', 'applications.stage_id')
    .where(filter)
    .select((eb) => ['applications.opening_id', cohortMonth.as('cohort_month'), 'candidates.source', position.as('position'), 'applications.status', eb.fn.countAll<number>().as('n')])
    .groupBy(['applications.opening_id', cohortMonth, 'candidates.source', position, 'applications.status']);
}

/**
 * Moves into a stage position, by opening, arrival month and whole hours until the application's next
 * event (a later stage, a status change, a decision): one walk over the events in the timeline index's
 * order (no sort), the stage looked up on the way.
 */
export function stageDaysQuery(db: Db, filter: ApplicationFilter) {
  const pg = isPostgres(db as unknown as Kysely<unknown>);
  // Whole hours, rounded down; julianday's day fractions are rounded to the millisecond first, so a
  // stay of exactly 5 hours is 5 on both databases.
  const stageHours = pg
    ? sql<number>`floor(extract(epoch from (moves.next_at::timestamptz - moves.created_at::timestamptz)) / 3600)`
    : sql<number>`cast(round((julianday(moves.next_at) - julianday(moves.created_at)) * 86400000) / 3600000 as integer)`;
  return db
    .with('moves', () =>
      db
        .selectFrom('applications')
        .innerJoin('openings', 'openings.id', 'applications.opening_id')
        .where(filter)
        .innerJoin('application_events', 'application_events.application_id', 'applications.id')
        // Interview events are history, not moves: a stage lasts until the next move.
        .where('application_events.kind', 'in', PIPELINE_EVENT_KINDS)
        .leftJoin('interview_stages', 'interview_stages.id', 'application_events.stage_id')
        .select([
          'applications.opening_id',
          cohortMonth.as('cohort_month'),
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
    .select((eb) => ['moves.opening_id', 'moves.cohort_month', 'moves.position', stageHours.as('hours'), eb.fn.countAll<number>().as('n')])
    .groupBy(['moves.opening_id', 'moves.cohort_month', 'moves.position', stageHours]);
}

/** Rebuilds the pipeline totals of these openings from their applications and events, in the caller's transaction (or one of its own). */
export async function refreshPipelineTotals(db: Db, openingIds: readonly number[]): Promise<void> {
  await rebuildOpenings(db, openingIds, rebuildPipeline);
}

async function rebuildPipeline(db: Db, ids: number[]): Promise<void> {
  const inOpenings: ApplicationFilter = (eb) => eb('applications.opening_id', 'in', ids);
  const [positions, days] = await Promise.all([positionsQuery(db, inOpenings).execute(), stageDaysQuery(db, inOpenings).execute()]);
  const merged = new Map<string, Database['pipeline_stage_days']>();
  for (const d of days) {
    // A move recorded before the one it follows (clock skew) counts as the same hour.
    const whole = Math.max(0, Number(d.hours));
    const key = `${d.opening_id}:${d.cohort_month}:${d.position}:${whole}`;
    merged.set(key, { opening_id: d.opening_id, cohort_month: d.cohort_month, position: Number(d.position), hours: whole, moves: (merged.get(key)?.moves ?? 0) + Number(d.n) });
  }
  const byMonth = new Map<string, Database['pipeline_totals']>();
  const bySource = new Map<string, Database['source_totals']>();
  for (const p of positions) {
    const position = Number(p.position);
    const monthKey = `${p.opening_id}:${position}:${p.status}:${p.cohort_month}`;
    byMonth.set(monthKey, { opening_id: p.opening_id, position, status: p.status, cohort_month: p.cohort_month, applications: (byMonth.get(monthKey)?.applications ?? 0) + Number(p.n) });
    const sourceKey = `${p.opening_id}:${p.source}:${position}:${p.status}`;
    bySource.set(sourceKey, { opening_id: p.opening_id, source: p.source, position, status: p.status, applications: (bySource.get(sourceKey)?.applications ?? 0) + Number(p.n) });
  }
  for (const table of ['pipeline_totals', 'pipeline_stage_days', 'source_totals'] as const) await db.deleteFrom(table).where('opening_id', 'in', ids).execute();
  await insertChunked(db, 'pipeline_totals', [...byMonth.values()]);
  await insertChunked(db, 'pipeline_stage_days', [...merged.values()]);
  await insertChunked(db, 'source_totals', [...bySource.values()]);
}
