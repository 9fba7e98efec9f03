import { type Kysely, sql } from 'kysely';

/**
 * Report figures that mean what they say. The calibration totals leave an interviewer's own other
 * ratings of the same application and dimension out of "the rest of the panel": every opening's
 * totals are marked stale and rebuilt (at start-up, or before the first report reads them).
 *
 * Medians to a resolution that cannot mislead: time in stage is kept by whole hours (was whole days,
 * so a stay of 3 days and 20 hours read 3), time to submit a scorecard by whole minutes (was whole
 * hours). The histograms keep one row per distinct value, so they never hold more rows than the
 * moves or scorecards they count.
 *
 * Stages get a kind (what the stage is, whatever it is called): 'reference_check', or null for any
 * other. Seeded stages take it from their seed key; renaming a stage keeps it. The sources report
 * counts "reached reference check" by it, not by a stage's place in the plan.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('interview_stages').addColumn('kind', 'text').execute();
  await db.updateTable('interview_stages').set({ kind: 'reference_check' }).where('seed_key', '=', 'stage.referenceCheck').execute();
  await db.deleteFrom('pipeline_stage_days').execute();
  await db.deleteFrom('calibration_delays').execute();
  await db.schema.alterTable('pipeline_stage_days').renameColumn('days', 'hours').execute();
  await db.schema.alterTable('calibration_delays').renameColumn('hours', 'minutes').execute();
  await sql`insert into report_totals_stale (opening_id) select id from openings where id not in (select opening_id from report_totals_stale)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('interview_stages').dropColumn('kind').execute();
  await db.deleteFrom('pipeline_stage_days').execute();
  await db.deleteFrom('calibration_delays').execute();
  await db.schema.alterTable('pipeline_stage_days').renameColumn('hours', 'days').execute();
  await db.schema.alterTable('calibration_delays').renameColumn('minutes', 'hours').execute();
  await sql`insert into report_totals_stale (opening_id) select id from openings where id not in (select opening_id from report_totals_stale)`.execute(db);
}
