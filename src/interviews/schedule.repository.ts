import type { DbOrTrx as Db } from '../db/database';
import type { InterviewStatus } from './scorecard';

/** A person on a panel, as a calendar invite needs them. */
export interface PanelMember {
  readonly id: number;
  readonly name: string;
  readonly email: string;
}

/** An interview with what scheduling, the calendar and its messages need. */
export interface ScheduledInterview {
  readonly id: number;
  readonly applicationId: number;
  readonly openingId: number;
  readonly openingTitle: string;
  readonly stageId: number;
  readonly stageName: string;
  /** Set while the stage is as seeded: letters and calendars name it in their reader's language. */
  readonly stageSeedKey: string | null;
  readonly candidateName: string;
  readonly scheduledAt: string | null;
  readonly durationMinutes: number;
  readonly location: string;
  readonly note: string;
  readonly timeZone: string;
  readonly status: InterviewStatus;
  readonly cancelReason: string;
  readonly sequence: number;
  readonly uid: string;
  readonly organizer: PanelMember | null;
  readonly panel: readonly PanelMember[];
}

function interviewQuery(db: Db) {
  return db
    .selectFrom('interviews')
    .innerJoin('interview_stages', 'interview_stages.id', 'interviews.stage_id')
    .innerJoin('applications', 'applications.id', 'interviews.application_id')
    .innerJoin('candidates', 'candidates.id', 'applications.candidate_id')
    .innerJoin('openings', 'openings.id', 'applications.opening_id')
    .leftJoin('users as organizer', 'organizer.id', 'interviews.created_by')
    .select([
      'interviews.id',
      'interviews.application_id',
      'openings.id as opening_id',
      'openings.title as opening_title',
      'interviews.stage_id',
      'interview_stages.name as stage_name',
      'interview_stages.seed_key as stage_seed_key',
      'candidates.name as candidate_name',
      'interviews.scheduled_at',
      'interviews.duration_minutes',
      'interviews.location',
      'interviews.note',
      'interviews.time_zone',
      'interviews.status',
      'interviews.cancel_reason',
      'interviews.sequence',
      'interviews.uid',
      'organizer.id as organizer_id',
      'organizer.name as organizer_name',
      'organizer.email as organizer_email',
    ]);
}

type InterviewRow = Awaited<ReturnType<ReturnType<typeof interviewQuery>['executeTakeFirstOrThrow']>>;

/** The panels of these interviews, by interview: one query. */
async function panelsOf(db: Db, interviewIds: readonly number[]): Promise<Map<number, PanelMember[]>> {
  const panels = new Map<number, PanelMember[]>(interviewIds.map((id) => [id, []]));
  if (interviewIds.length === 0) return panels;
  const rows = await db
    .selectFrom('interview_interviewers')
    .innerJoin('users', 'users.id', 'interview_interviewers.user_id')
    .select(['interview_interviewers.interview_id', 'users.id', 'users.name', 'users.email'])
    .where('interview_interviewers.interview_id', 'in', interviewIds)
    .orderBy('users.name')
    .execute();
  for (const r of rows) panels.get(r.interview_id)!.push({ id: r.id, name: r.name, email: r.email });
  return panels;
}

function toInterview(r: InterviewRow, panel: PanelMember[]): ScheduledInterview {
  return {
    id: r.id,
    applicationId: r.application_id,
    openingId: r.opening_id,
    openingTitle: r.opening_title,
    stageId: r.stage_id,
    stageName: r.stage_name,
    stageSeedKey: r.stage_seed_key,
    candidateName: r.candidate_name,
    scheduledAt: r.scheduled_at,
    durationMinutes: Number(r.duration_minutes),
    location: r.location,
    note: r.note,
    timeZone: r.time_zone,
    status: r.status,
    cancelReason: r.cancel_reason,
    sequence: Number(r.sequence),
    uid: r.uid ?? `interview-${r.id}@salesbench`,
    organizer: r.organizer_id === null ? null : { id: r.organizer_id, name: r.organizer_name ?? '', email: r.organizer_email ?? '' },
    panel,
  };
}

/** One interview with its panel: two queries. */
export async function findScheduledInterview(db: Db, interviewId: number): Promise<ScheduledInterview | undefined> {
  const row = await interviewQuery(db).where('interviews.id', '=', interviewId).executeTakeFirst();
  if (!row) return undefined;
  return toInterview(row, (await panelsOf(db, [row.id])).get(row.id)!);
}

/** Upcoming and recent interviews of one person that still happen, for their calendar feed: two queries. */
export async function listCalendarOf(db: Db, userId: number, since: Date, limit: number): Promise<ScheduledInterview[]> {
  const rows = await interviewQuery(db)
    .innerJoin('interview_interviewers as mine', 'mine.interview_id', 'interviews.id')
    .where('mine.user_id', '=', userId)
    .where('interviews.status', '=', 'scheduled')
    .where('interviews.scheduled_at', '>=', since.toISOString())
    .orderBy('interviews.scheduled_at')
    .orderBy('interviews.id')
    .limit(limit)
    .execute();
  const panels = await panelsOf(db, rows.map((r) => r.id));
  return rows.map((r) => toInterview(r, panels.get(r.id)!));
}

export interface ScheduleChange {
  readonly scheduledAt: string;
  readonly durationMinutes: number;
  readonly location: string;
  readonly note: string;
  readonly timeZone: string;
}

/** A new time, place or note: the calendar's SEQUENCE goes up by one. */
export async function updateSchedule(db: Db, interviewId: number, change: ScheduleChange, now: Date): Promise<void> {
  await db
    .updateTable('interviews')
    .set((eb) => ({
      scheduled_at: change.scheduledAt,
      duration_minutes: change.durationMinutes,
      location: change.location,
      note: change.note,
      time_zone: change.timeZone,
      sequence: eb('sequence', '+', 1),
      updated_at: now.toISOString(),
    }))
    .where('id', '=', interviewId)
    .execute();
}

/** Replaces an interview's panel. */
export async function replacePanel(db: Db, interviewId: number, userIds: readonly number[]): Promise<void> {
  await db.deleteFrom('interview_interviewers').where('interview_id', '=', interviewId).execute();
  if (userIds.length > 0) await db.insertInto('interview_interviewers').values(userIds.map((user_id) => ({ interview_id: interviewId, user_id }))).execute();
}

/** Cancels an interview with its reason: the SEQUENCE goes up, and the cancel carries it. */
export async function markCancelled(db: Db, interviewId: number, reason: string, now: Date): Promise<void> {
  await db
    .updateTable('interviews')
    .set((eb) => ({ status: 'cancelled' as const, cancel_reason: reason, sequence: eb('sequence', '+', 1), updated_at: now.toISOString() }))
    .where('id', '=', interviewId)
    .execute();
}

/** How many scorecards of the interview are submitted. */
export async function countSubmitted(db: Db, interviewId: number): Promise<number> {
  const row = await db.selectFrom('scorecards').select((eb) => eb.fn.countAll<number>().as('n')).where('interview_id', '=', interviewId).where('status', '=', 'submitted').executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface BusyInterview {
  readonly userId: number;
  readonly userName: string;
  readonly interviewId: number;
  readonly candidateName: string;
  readonly startsAt: Date;
  readonly durationMinutes: number;
}

/**
 * Interviews these people sit on that start before `until` and after `since` (the caller narrows
 * to real overlaps), not cancelled, other than `exceptId`: one query through the panel index.
 */
export async function listBusy(db: Db, userIds: readonly number[], since: Date, until: Date, exceptId: number | null): Promise<BusyInterview[]> {
  if (userIds.length === 0) return [];
  let query = db
    .selectFrom('interview_interviewers')
    .innerJoin('interviews', 'interviews.id', 'interview_interviewers.interview_id')
    .innerJoin('users', 'users.id', 'interview_interviewers.user_id')
    .innerJoin('applications', 'applications.id', 'interviews.application_id')
    .innerJoin('candidates', 'candidates.id', 'applications.candidate_id')
    .select(['users.id as user_id', 'users.name as user_name', 'interviews.id', 'candidates.name as candidate_name', 'interviews.scheduled_at', 'interviews.duration_minutes'])
    .where('interview_interviewers.user_id', 'in', userIds)
    .where('interviews.status', '=', 'scheduled')
    .where('interviews.scheduled_at', '>', since.toISOString())
    .where('interviews.scheduled_at', '<', until.toISOString());
  if (exceptId !== null) query = query.where('interviews.id', '!=', exceptId);
  const rows = await query.orderBy('interviews.scheduled_at').limit(200).execute();
  return rows.map((r) => ({ userId: r.user_id, userName: r.user_name, interviewId: r.id, candidateName: r.candidate_name, startsAt: new Date(r.scheduled_at!), durationMinutes: Number(r.duration_minutes) }));
}
