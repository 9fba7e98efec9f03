import type { Kysely } from 'kysely';

/**
 * Indexes the reports read in order, so they neither sort nor look up each row:
 * - the pipeline walks each application's events in time order to find when the next one came;
 * - calibration compares ratings on the same application (scorecards in application order, with the
 *   interviewer) and counts them per interviewer (with the interview and the submission time).
 * The two scorecard indexes extend the ones they replace, whose leading columns they keep.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('application_events_timeline_idx').on('application_events').columns(['application_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('scorecards_application_interviewer_idx').on('scorecards').columns(['application_id', 'status', 'interviewer_id']).execute();
  await db.schema.dropIndex('scorecards_application_idx').execute();
  await db.schema.createIndex('scorecards_interviewer_interview_idx').on('scorecards').columns(['interviewer_id', 'status', 'interview_id', 'submitted_at']).execute();
  await db.schema.dropIndex('scorecards_interviewer_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('scorecards_interviewer_idx').on('scorecards').columns(['interviewer_id', 'status']).execute();
  await db.schema.dropIndex('scorecards_interviewer_interview_idx').execute();
  await db.schema.createIndex('scorecards_application_idx').on('scorecards').columns(['application_id', 'status']).execute();
  await db.schema.dropIndex('scorecards_application_interviewer_idx').execute();
  await db.schema.dropIndex('application_events_timeline_idx').execute();
}
