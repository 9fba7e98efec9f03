import type { Kysely } from 'kysely';
import { withId } from './helpers';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('openings'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('role_id', 'integer', (c) => c.notNull().references('sales_roles.id'))
    .addColumn('rubric_id', 'integer', (c) => c.notNull().references('rubrics.id'))
    .addColumn('rubric_version', 'integer', (c) => c.notNull())
    .addColumn('hiring_manager_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('headcount', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('pay_plan', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('openings_status_idx').on('openings').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('openings_hiring_manager_idx').on('openings').column('hiring_manager_id').execute();

  await db.schema
    .createTable('opening_recruiters')
    .addColumn('opening_id', 'integer', (c) => c.notNull().references('openings.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('opening_recruiters_pk', ['opening_id', 'user_id'])
    .execute();

  await withId(db, db.schema.createTable('interview_stages'))
    .addColumn('opening_id', 'integer', (c) => c.notNull().references('openings.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('focus', 'text', (c) => c.notNull())
    .addColumn('interviewer_ids', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('interview_stages_opening_idx').on('interview_stages').columns(['opening_id', 'position']).execute();

  await withId(db, db.schema.createTable('candidates'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_lower', 'text', (c) => c.notNull())
    .addColumn('last_name_lower', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('linkedin_url', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_detail', 'text', (c) => c.notNull())
    .addColumn('resume_file_id', 'integer', (c) => c.references('stored_files.id').onDelete('set null'))
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('candidates_name_lower_idx').on('candidates').column('name_lower').execute();
  await db.schema.createIndex('candidates_last_name_lower_idx').on('candidates').column('last_name_lower').execute();
  await db.schema.createIndex('candidates_email_idx').on('candidates').column('email').execute();
  await db.schema.createIndex('candidates_source_idx').on('candidates').columns(['source', 'id']).execute();

  await withId(db, db.schema.createTable('applications'))
    .addColumn('candidate_id', 'integer', (c) => c.notNull().references('candidates.id').onDelete('cascade'))
    .addColumn('opening_id', 'integer', (c) => c.notNull().references('openings.id').onDelete('cascade'))
    .addColumn('stage_id', 'integer', (c) => c.references('interview_stages.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('applications_candidate_opening_uq', ['candidate_id', 'opening_id'])
    .execute();
  await db.schema.createIndex('applications_opening_status_idx').on('applications').columns(['opening_id', 'status', 'stage_id']).execute();
  await db.schema.createIndex('applications_stage_idx').on('applications').column('stage_id').execute();

  await withId(db, db.schema.createTable('application_events'))
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('actor_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('stage_id', 'integer', (c) => c.references('interview_stages.id').onDelete('set null'))
    .addColumn('status', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('application_events_application_idx').on('application_events').columns(['application_id', 'id']).execute();

  await withId(db, db.schema.createTable('interviews'))
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('stage_id', 'integer', (c) => c.notNull().references('interview_stages.id'))
    .addColumn('scheduled_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('interviews_application_idx').on('interviews').column('application_id').execute();

  await db.schema
    .createTable('interview_interviewers')
    .addColumn('interview_id', 'integer', (c) => c.notNull().references('interviews.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('interview_interviewers_pk', ['interview_id', 'user_id'])
    .execute();
  await db.schema.createIndex('interview_interviewers_user_idx').on('interview_interviewers').columns(['user_id', 'interview_id']).execute();

  await withId(db, db.schema.createTable('scorecards'))
    .addColumn('interview_id', 'integer', (c) => c.notNull().references('interviews.id').onDelete('cascade'))
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('interviewer_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('rubric_id', 'integer', (c) => c.notNull().references('rubrics.id'))
    .addColumn('rubric_version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('recommendation', 'text')
    .addColumn('key_takeaways', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('scorecards_interview_interviewer_uq', ['interview_id', 'interviewer_id'])
    .execute();
  await db.schema.createIndex('scorecards_application_idx').on('scorecards').columns(['application_id', 'status']).execute();
  await db.schema.createIndex('scorecards_interviewer_idx').on('scorecards').columns(['interviewer_id', 'status']).execute();

  await db.schema
    .createTable('scorecard_ratings')
    .addColumn('scorecard_id', 'integer', (c) => c.notNull().references('scorecards.id').onDelete('cascade'))
    .addColumn('dimension_key', 'text', (c) => c.notNull())
    .addColumn('rating', 'integer')
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scorecard_ratings_pk', ['scorecard_id', 'dimension_key'])
    .execute();

  await withId(db, db.schema.createTable('scorecard_history'))
    .addColumn('scorecard_id', 'integer', (c) => c.notNull().references('scorecards.id').onDelete('cascade'))
    .addColumn('changed_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('scorecard_history_scorecard_idx').on('scorecard_history').column('scorecard_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['scorecard_history', 'scorecard_ratings', 'scorecards', 'interview_interviewers', 'interviews', 'application_events', 'applications', 'candidates', 'interview_stages', 'opening_recruiters', 'openings']) {
    await db.schema.dropTable(table).execute();
  }
}
