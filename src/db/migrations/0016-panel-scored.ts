import { type Kysely, sql } from 'kysely';

/**
 * Whether each panel member's scorecard is in, kept on the panel row: "what do I owe" (the count in
 * the navigation on every page, home, My interviews) then reads the few rows still owed through an
 * index instead of every interview a busy interviewer ever sat on. Indexes for the home page's lists.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('interview_interviewers').addColumn('scored', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`update interview_interviewers set scored = 1 where exists (select 1 from scorecards where scorecards.interview_id = interview_interviewers.interview_id and scorecards.interviewer_id = interview_interviewers.user_id and scorecards.status = 'submitted')`.execute(db);
  // Mine (scored or not, newest first) and everyone's still owed.
  await db.schema.createIndex('interview_interviewers_owed_idx').on('interview_interviewers').columns(['scored', 'user_id', 'interview_id']).execute();
  // Home: active applications newest (or longest waiting) first. (Those added this week come
  // through applications_created_idx, from the report totals.)
  await db.schema.createIndex('applications_status_updated_idx').on('applications').columns(['status', 'updated_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('applications_status_updated_idx').execute();
  await db.schema.dropIndex('interview_interviewers_owed_idx').execute();
  await db.schema.alterTable('interview_interviewers').dropColumn('scored').execute();
}
