import { type Kysely, sql } from 'kysely';

/**
 * Report totals kept per opening, so reports sum a few rows per opening instead of reading every
 * rating and every stage move ever recorded. Calibration, per opening and interviewer:
 * - calibration_totals: scorecards, focus dimensions asked and rated, ratings by value, and own
 *   ratings beside the rest of the panel's on the same application (sums, so openings add up);
 * - calibration_delays: scorecards by whole hours from the interview to submission (for the median);
 * - calibration_outcomes: recommendations by the application's final decision.
 * Pipeline, per opening and month the applications arrived in (the cohort), and sources:
 * - pipeline_totals: applications by furthest stage position reached, status and month;
 * - pipeline_stage_days: moves into a stage position by whole days until the next event, and month;
 * - source_totals: applications by candidate source, furthest stage position reached and status.
 * And report_totals_stale: openings whose totals must be rebuilt before they are read. Every opening
 * that exists now starts stale, so installations that already hold data get their totals on the
 * first read of a report. Applications get an index on their arrival time for partial months.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const opening = (c: any) => c.notNull().references('openings.id').onDelete('cascade');
  const interviewer = (c: any) => c.notNull().references('users.id').onDelete('cascade');
  await db.schema
    .createTable('calibration_totals')
    .addColumn('opening_id', 'integer', opening)
    .addColumn('interviewer_id', 'integer', interviewer)
    .addColumn('scorecards', 'integer', (c) => c.notNull())
    .addColumn('focus_expected', 'integer', (c) => c.notNull())
    .addColumn('focus_rated', 'integer', (c) => c.notNull())
    .addColumn('rated_1', 'integer', (c) => c.notNull())
    .addColumn('rated_2', 'integer', (c) => c.notNull())
    .addColumn('rated_3', 'integer', (c) => c.notNull())
    .addColumn('rated_4', 'integer', (c) => c.notNull())
    .addColumn('not_assessed', 'integer', (c) => c.notNull())
    .addColumn('panel_pairs', 'integer', (c) => c.notNull())
    .addColumn('panel_own', 'double precision', (c) => c.notNull())
    .addColumn('panel_others', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('calibration_totals_pk', ['opening_id', 'interviewer_id'])
    .execute();
  await db.schema
    .createTable('calibration_delays')
    .addColumn('opening_id', 'integer', opening)
    .addColumn('interviewer_id', 'integer', interviewer)
    .addColumn('hours', 'integer', (c) => c.notNull())
    .addColumn('scorecards', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('calibration_delays_pk', ['opening_id', 'interviewer_id', 'hours'])
    .execute();
  await db.schema
    .createTable('calibration_outcomes')
    .addColumn('opening_id', 'integer', opening)
    .addColumn('interviewer_id', 'integer', interviewer)
    .addColumn('recommendation', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('scorecards', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('calibration_outcomes_pk', ['opening_id', 'interviewer_id', 'recommendation', 'decision'])
    .execute();
  await db.schema
    .createTable('pipeline_totals')
    .addColumn('opening_id', 'integer', opening)
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cohort_month', 'text', (c) => c.notNull())
    .addColumn('applications', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('pipeline_totals_pk', ['opening_id', 'position', 'status', 'cohort_month'])
    .execute();
  await db.schema
    .createTable('source_totals')
    .addColumn('opening_id', 'integer', opening)
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('applications', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('source_totals_pk', ['opening_id', 'source', 'position', 'status'])
    .execute();
  await db.schema
    .createTable('pipeline_stage_days')
    .addColumn('opening_id', 'integer', opening)
    .addColumn('cohort_month', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('moves', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('pipeline_stage_days_pk', ['opening_id', 'position', 'days', 'cohort_month'])
    .execute();
  await db.schema
    .createTable('report_totals_stale')
    .addColumn('opening_id', 'integer', (c) => c.primaryKey().references('openings.id').onDelete('cascade'))
    .execute();
  await sql`insert into report_totals_stale (opening_id) select id from openings`.execute(db);
  await db.schema.createIndex('applications_created_idx').on('applications').columns(['created_at', 'opening_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('applications_created_idx').execute();
  for (const table of ['report_totals_stale', 'source_totals', 'pipeline_stage_days', 'pipeline_totals', 'calibration_outcomes', 'calibration_delays', 'calibration_totals']) await db.schema.dropTable(table).execute();
}
