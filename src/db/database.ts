import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Role } from '../auth/permissions';
import type { ApplicationEventKind, ApplicationStatus } from '../candidates/candidate';
import type { Decision } from '../comparison/decision';
import type { InterviewStatus, Recommendation, ScorecardStatus } from '../interviews/scorecard';
import type { Language } from '../i18n/i18n';
import type { DimensionGroup, DimensionTrait } from '../rubrics/default-content';
import type { OpeningStatus } from '../openings/opening';
import type { UserStatus } from '../users/user';
import type { CareersTables } from './careers-tables';
import type { ApiTables } from './api-tables';
import type { BackupRunsTable } from './backup-tables';
import type { WebhookTables } from './webhook-tables';
import type { EmailChangesTable, NotificationOptOutsTable, OneTimeTokensTable, OutboxMessagesTable, RemindersTable, SchedulerLeasesTable, UnsubscribeTokensTable } from './mail-tables';
import type { CandidateActivityTable, CandidateImportsTable, CandidatesTable, ResumeTextsTable } from './candidate-tables';
import type { OnboardingPlanTasksTable, OnboardingPlansTable, OnboardingTemplateTasksTable, OnboardingTemplatesTable } from './onboarding-tables';
import type { CandidateSearchStaleTable } from './search-tables';
import type { CalibrationDelaysTable, CalibrationOutcomesTable, CalibrationTotalsTable, DataVersionTable, PipelineStageDaysTable, PipelineTotalsTable, ReportTotalsStaleTable, SourceTotalsTable } from './report-tables';

/**
 * Table types. Conventions shared by both dialects:
 * - timestamps are ISO-8601 UTC text (`Date#toISOString()`), so they sort and compare as strings;
 * - booleans are integers 0/1;
 * - ids are integers (identity on PostgreSQL, rowid on SQLite);
 * - columns that hold one of a fixed set of values are typed as that set (the domain's unions).
 */
export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  password_hash: string | null;
  language: Language | null;
  /** IANA time zone; null: the company's. */
  time_zone: string | null;
  created_at: string;
  updated_at: string;
}

export interface InvitesTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_by: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface SessionsTable {
  sid: string;
  user_id: number | null;
  data: string;
  expires_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  key: string;
  attempted_at: string;
}

export interface SalesRolesTable {
  id: Generated<number>;
  key: string;
  name: string;
  summary: string;
  hands_off_to: string;
  pay_model: string;
  rubric_note: string;
  position: number;
  updated_at: string;
  /** The catalogue entry this row was seeded from, shown in the reader's language; null once edited (or never seeded). */
  seed_key: string | null;
}

export interface RubricsTable {
  id: Generated<number>;
  role_id: number;
  current_version: number;
  created_at: string;
  updated_at: string;
}

export interface RubricVersionsTable {
  id: Generated<number>;
  rubric_id: number;
  version: number;
  note: string | null;
  created_by: number | null;
  created_at: string;
}

export interface RubricDimensionsTable {
  id: Generated<number>;
  version_id: number;
  key: string;
  dimension_group: DimensionGroup;
  name: string;
  description: string;
  weight: number;
  position: number;
  knockout: number;
  threshold: number | null;
  trait: DimensionTrait | null;
  anchor_1: string;
  anchor_2: string;
  anchor_3: string;
  anchor_4: string;
  /** One question or prompt per line. */
  questions: string;
  /** The catalogue entry this row was seeded from, shown in the reader's language; null once edited (or never seeded). */
  seed_key: string | null;
}

/** The company's current sales team as last entered in the team-plan advisor (a single row, id 1). */
export interface TeamPlansTable {
  id: number;
  data: string;
  updated_by: number | null;
  updated_at: string;
}

export interface StoredFilesTable {
  id: Generated<number>;
  storage_key: string;
  original_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: number | null;
  created_at: string;
}

/** A piece of a file kept in the database (FILE_STORAGE=database), numbered from 0. */
export interface FileChunksTable {
  storage_key: string;
  seq: number;
  data: Buffer;
}

export interface OpeningsTable {
  id: Generated<number>;
  title: string;
  role_id: number;
  rubric_id: number;
  rubric_version: number;
  hiring_manager_id: number;
  headcount: number;
  status: OpeningStatus;
  pay_plan: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  /** Raised by every change to what the opening's comparison shows (migration 0030). */
  compare_version: Generated<number>;
}

export interface OpeningRecruitersTable {
  opening_id: number;
  user_id: number;
}

export interface InterviewStagesTable {
  id: Generated<number>;
  opening_id: number;
  position: number;
  name: string;
  /** JSON array of rubric dimension keys. */
  focus: string;
  /** JSON array of user ids: the stage's default interviewers. */
  interviewer_ids: string;
  /** How long the stage's interviews last unless the scheduler says otherwise. */
  duration_minutes: Generated<number>;
  /** The catalogue entry this row was seeded from, shown in the reader's language; null once edited (or never seeded). */
  seed_key: string | null;
  /** What the stage is, whatever it is called: 'reference_check', or null for any other stage. */
  kind: string | null;
}

export interface ApplicationsTable {
  id: Generated<number>;
  candidate_id: number;
  opening_id: number;
  stage_id: number | null;
  status: ApplicationStatus;
  status_reason: string;
  created_at: string;
  updated_at: string;
}

export interface ApplicationEventsTable {
  id: Generated<number>;
  application_id: number;
  actor_id: number | null;
  kind: ApplicationEventKind;
  stage_id: number | null;
  status: ApplicationStatus | null;
  note: string;
  created_at: string;
}

export interface InterviewsTable {
  id: Generated<number>;
  application_id: number;
  stage_id: number;
  /** The start (UTC); null for interviews recorded without a time. */
  scheduled_at: string | null;
  duration_minutes: Generated<number>;
  /** A place, or a video link. */
  location: Generated<string>;
  /** A note to the panel (it goes into the calendar invite). */
  note: Generated<string>;
  /** The zone the time was typed in: the calendar invite's TZID. */
  time_zone: Generated<string>;
  status: Generated<InterviewStatus>;
  cancel_reason: Generated<string>;
  /** Raised at each change the panel is told of (the calendar's SEQUENCE). */
  sequence: Generated<number>;
  /** The calendar UID: the same in every invite, update, cancel and feed. */
  uid: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string | null;
}

export interface CalendarFeedsTable {
  user_id: number;
  token_hash: string;
  created_at: string;
  expires_at: string;
}

export interface InterviewInterviewersTable {
  interview_id: number;
  user_id: number;
  /** 1 once this panel member's scorecard is submitted (kept with the scorecard; indexed with user_id). */
  scored: Generated<number>;
}

export interface ScorecardsTable {
  id: Generated<number>;
  interview_id: number;
  application_id: number;
  interviewer_id: number;
  rubric_id: number;
  rubric_version: number;
  status: ScorecardStatus;
  recommendation: Recommendation | null;
  key_takeaways: string;
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ScorecardRatingsTable {
  scorecard_id: number;
  dimension_key: string;
  /** 1–4, or null for "not assessed". */
  rating: number | null;
  evidence: string;
}

export interface ScorecardHistoryTable {
  id: Generated<number>;
  scorecard_id: number;
  changed_by: number | null;
  changed_at: string;
  /** JSON of the submitted scorecard as it was before the change. */
  snapshot: string;
}

export interface DecisionsTable {
  id: Generated<number>;
  application_id: number;
  decision: Decision;
  rationale: string;
  /** JSON: flag → the written reason to hire anyway. */
  acknowledgements: string;
  /** JSON: the flags shown when the decision was made. */
  flags: string;
  weighted_score: number | null;
  decided_by: number | null;
  decided_at: string;
}

/** A decision that was reopened: the decision as it stood, and who reopened it, when and why. */
export interface ReopenedDecisionsTable extends DecisionsTable {
  reopened_by: number | null;
  reopened_at: string;
  reason: string;
}

/** What was done to which record; `detail` is JSON of counts and kinds, never names or contact details. */
export interface AuditLogTable {
  id: Generated<number>;
  actor_id: number | null;
  action: string;
  subject_type: string;
  subject_id: number;
  detail: string;
  created_at: string;
}

/** The careers page's tables are in careers-tables.ts, the API's in api-tables.ts, the webhooks' in webhook-tables.ts. */
export interface Database extends CareersTables, ApiTables, WebhookTables {
  users: UsersTable;
  invites: InvitesTable;
  sessions: SessionsTable;
  settings: SettingsTable;
  login_attempts: LoginAttemptsTable;
  sales_roles: SalesRolesTable;
  rubrics: RubricsTable;
  rubric_versions: RubricVersionsTable;
  rubric_dimensions: RubricDimensionsTable;
  team_plans: TeamPlansTable;
  stored_files: StoredFilesTable;
  file_chunks: FileChunksTable;
  resume_texts: ResumeTextsTable;
  openings: OpeningsTable;
  opening_recruiters: OpeningRecruitersTable;
  interview_stages: InterviewStagesTable;
  candidates: CandidatesTable;
  candidate_activity: CandidateActivityTable;
  candidate_imports: CandidateImportsTable;
  candidate_search_stale: CandidateSearchStaleTable;
  applications: ApplicationsTable;
  application_events: ApplicationEventsTable;
  interviews: InterviewsTable;
  interview_interviewers: InterviewInterviewersTable;
  calendar_feeds: CalendarFeedsTable;
  scorecards: ScorecardsTable;
  scorecard_ratings: ScorecardRatingsTable;
  scorecard_history: ScorecardHistoryTable;
  decisions: DecisionsTable;
  reopened_decisions: ReopenedDecisionsTable;
  onboarding_templates: OnboardingTemplatesTable;
  onboarding_template_tasks: OnboardingTemplateTasksTable;
  onboarding_plans: OnboardingPlansTable;
  onboarding_plan_tasks: OnboardingPlanTasksTable;
  audit_log: AuditLogTable;
  calibration_totals: CalibrationTotalsTable;
  calibration_delays: CalibrationDelaysTable;
  calibration_outcomes: CalibrationOutcomesTable;
  pipeline_totals: PipelineTotalsTable;
  pipeline_stage_days: PipelineStageDaysTable;
  source_totals: SourceTotalsTable;
  report_totals_stale: ReportTotalsStaleTable;
  data_version: DataVersionTable;
  outbox_messages: OutboxMessagesTable;
  password_resets: OneTimeTokensTable;
  email_changes: EmailChangesTable;
  unsubscribe_tokens: UnsubscribeTokensTable;
  notification_opt_outs: NotificationOptOutsTable;
  reminders: RemindersTable;
  scheduler_leases: SchedulerLeasesTable;
  backup_runs: BackupRunsTable;
}

export type { OutboxState } from './mail-tables';
export type { WebhookDeliveryState } from './webhook-tables';
export type { ResumeTextStatus } from './candidate-tables';
export type DB = Kysely<Database>;
/** Repository functions take either the database or an open transaction first. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;
export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Timestamp = ColumnType<string, string, string>;
