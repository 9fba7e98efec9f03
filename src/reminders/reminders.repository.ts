import type { DbOrTrx as Db } from '../db/database';

/** What a reminder row is about. */
export type ReminderKind = 'scorecard' | 'scorecard_nudge' | 'task_due' | 'overdue_digest' | 'debrief';

/**
 * Claims a reminder: true when this call wrote its row, false when it was already there (sent by
 * another instance, or before a restart). Call inside the transaction that writes its message.
 */
export async function claimReminder(db: Db, row: { kind: ReminderKind; subjectId: number; userId: number; occurrence: number; sentBy: number | null }, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('reminders')
    .values({ kind: row.kind, subject_id: row.subjectId, user_id: row.userId, occurrence: row.occurrence, sent_by: row.sentBy, sent_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['kind', 'subject_id', 'user_id', 'occurrence']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** How many reminders of a kind went to a person about a subject. */
export async function countReminders(db: Db, kind: ReminderKind, subjectId: number, userId: number): Promise<number> {
  const row = await db.selectFrom('reminders').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', kind).where('subject_id', '=', subjectId).where('user_id', '=', userId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Takes (or keeps) the lease on a periodic job for `ms`: true when this owner holds it now. Only one
 * instance runs the scheduler at a time; the lease runs out if it dies.
 */
export async function takeLease(db: Db, name: string, owner: string, now: Date, ms: number): Promise<boolean> {
  const until = new Date(now.getTime() + ms).toISOString();
  const renewed = await db
    .updateTable('scheduler_leases')
    .set({ owner, lease_until: until })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('owner', '=', owner), eb('lease_until', '<', now.toISOString())]))
    .executeTakeFirst();
  if (Number(renewed.numUpdatedRows) > 0) return true;
  const taken = await db.insertInto('scheduler_leases').values({ name, owner, lease_until: until }).onConflict((oc) => oc.column('name').doNothing()).executeTakeFirst();
  return Number(taken.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function releaseLease(db: Db, name: string, owner: string): Promise<void> {
  await db.deleteFrom('scheduler_leases').where('name', '=', name).where('owner', '=', owner).execute();
}

export interface OwedForReminder {
  readonly interviewId: number;
  readonly applicationId: number;
  readonly openingId: number;
  readonly interviewerId: number;
  readonly scheduledAt: string;
  readonly durationMinutes: number;
  readonly sent: number;
  readonly lastSentAt: string | null;
}

/**
 * Scorecards owed on active applications for interviews that started between `since` and `until`
 * (not cancelled, the interviewer active), with how many scheduler reminders went and when the last
 * reminder of any kind went. One query through the interviews' time index.
 */
export async function listOwedForReminders(db: Db, since: Date, until: Date, limit: number): Promise<OwedForReminder[]> {
  const rows = await db
    .selectFrom('interviews')
    .innerJoin('interview_interviewers', 'interview_interviewers.interview_id', 'interviews.id')
    .innerJoin('users', 'users.id', 'interview_interviewers.user_id')
    .innerJoin('applications', 'applications.id', 'interviews.application_id')
    .leftJoin('scorecards', (join) => join.onRef('scorecards.interview_id', '=', 'interviews.id').onRef('scorecards.interviewer_id', '=', 'interview_interviewers.user_id'))
    .select((eb) => [
      'interviews.id as interviewId',
      'interviews.application_id as applicationId',
      'applications.opening_id as openingId',
      'interview_interviewers.user_id as interviewerId',
      'interviews.scheduled_at as scheduledAt',
      'interviews.duration_minutes as durationMinutes',
      eb
        .selectFrom('reminders')
        .select((s) => s.fn.countAll<number>().as('n'))
        .where('reminders.kind', '=', 'scorecard')
        .whereRef('reminders.subject_id', '=', 'interviews.id')
        .whereRef('reminders.user_id', '=', 'interview_interviewers.user_id')
        .as('sent'),
      eb
        .selectFrom('reminders')
        .select((s) => s.fn.max('reminders.sent_at').as('at'))
        .where('reminders.kind', 'in', ['scorecard', 'scorecard_nudge'])
        .whereRef('reminders.subject_id', '=', 'interviews.id')
        .whereRef('reminders.user_id', '=', 'interview_interviewers.user_id')
        .as('lastSentAt'),
    ])
    .where('interviews.status', '!=', 'cancelled')
    .where('interviews.scheduled_at', '>=', since.toISOString())
    .where('interviews.scheduled_at', '<=', until.toISOString())
    .where('applications.status', '=', 'active')
    .where('users.status', '=', 'active')
    .where((w) => w.or([w('scorecards.id', 'is', null), w('scorecards.status', '!=', 'submitted')]))
    .orderBy('interviews.scheduled_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, scheduledAt: r.scheduledAt!, durationMinutes: Number(r.durationMinutes), sent: Number(r.sent ?? 0), lastSentAt: (r.lastSentAt as string | null) ?? null }));
}

/** The last reminder (scheduled or pressed) per interview and interviewer: key "interviewId:userId". */
export async function lastRemindersFor(db: Db, pairs: readonly { interviewId: number; userId: number }[]): Promise<Map<string, string>> {
  const last = new Map<string, string>();
  if (pairs.length === 0) return last;
  const rows = await db
    .selectFrom('reminders')
    .select(['subject_id', 'user_id', (eb) => eb.fn.max('sent_at').as('at')])
    .where('kind', 'in', ['scorecard', 'scorecard_nudge'])
    .where(
      'subject_id',
      'in',
      pairs.map((p) => p.interviewId),
    )
    .groupBy(['subject_id', 'user_id'])
    .execute();
  const wanted = new Set(pairs.map((p) => `${p.interviewId}:${p.userId}`));
  for (const r of rows) if (wanted.has(`${r.subject_id}:${r.user_id}`)) last.set(`${r.subject_id}:${r.user_id}`, String(r.at));
  return last;
}

export interface TaskForNotice {
  readonly taskId: number;
  readonly planId: number;
  readonly ownerRole: string;
  readonly dueDate: string;
  readonly people: { managerId: number; buddyId: number | null; productLeadId: number | null; csLeadId: number | null; sdrLeadId: number | null };
}

/** Open tasks of running plans due between two days (inclusive), owned by someone other than the new hire. */
export async function listTasksDueBetween(db: Db, from: string, to: string, limit: number): Promise<TaskForNotice[]> {
  const rows = await db
    .selectFrom('onboarding_plan_tasks')
    .innerJoin('onboarding_plans', 'onboarding_plans.id', 'onboarding_plan_tasks.plan_id')
    .select([
      'onboarding_plan_tasks.id',
      'onboarding_plan_tasks.plan_id',
      'onboarding_plan_tasks.owner_role',
      'onboarding_plan_tasks.due_date',
      'onboarding_plans.manager_id',
      'onboarding_plans.buddy_id',
      'onboarding_plans.product_lead_id',
      'onboarding_plans.cs_lead_id',
      'onboarding_plans.sdr_lead_id',
    ])
    .where('onboarding_plan_tasks.done_at', 'is', null)
    .where('onboarding_plan_tasks.owner_role', '!=', 'new_hire')
    .where('onboarding_plans.completed_at', 'is', null)
    .where('onboarding_plan_tasks.due_date', '>=', from)
    .where('onboarding_plan_tasks.due_date', '<=', to)
    .orderBy('onboarding_plan_tasks.due_date')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ taskId: r.id, planId: r.plan_id, ownerRole: r.owner_role, dueDate: r.due_date, people: { managerId: r.manager_id, buddyId: r.buddy_id, productLeadId: r.product_lead_id, csLeadId: r.cs_lead_id, sdrLeadId: r.sdr_lead_id } }));
}

/** Managers of running plans with open tasks due before `today`, and those tasks' ids. */
export async function listOverdueByManager(db: Db, today: string, limit: number): Promise<Map<number, number[]>> {
  const rows = await db
    .selectFrom('onboarding_plan_tasks')
    .innerJoin('onboarding_plans', 'onboarding_plans.id', 'onboarding_plan_tasks.plan_id')
    .select(['onboarding_plans.manager_id', 'onboarding_plan_tasks.id'])
    .where('onboarding_plan_tasks.done_at', 'is', null)
    .where('onboarding_plans.completed_at', 'is', null)
    .where('onboarding_plan_tasks.due_date', '<', today)
    .orderBy('onboarding_plans.manager_id')
    .orderBy('onboarding_plan_tasks.due_date')
    .limit(limit)
    .execute();
  const byManager = new Map<number, number[]>();
  for (const r of rows) byManager.set(r.manager_id, [...(byManager.get(r.manager_id) ?? []), r.id]);
  return byManager;
}

/** The interviewer's scorecard state on an interview, and the opening's hiring manager: what "remind" checks. */
export async function reminderTarget(db: Db, interviewId: number, interviewerId: number): Promise<{ scorecard: 'none' | 'draft' | 'submitted'; onPanel: boolean; hiringManagerId: number } | undefined> {
  const row = await db
    .selectFrom('interviews')
    .innerJoin('applications', 'applications.id', 'interviews.application_id')
    .innerJoin('openings', 'openings.id', 'applications.opening_id')
    .leftJoin('interview_interviewers', (join) => join.onRef('interview_interviewers.interview_id', '=', 'interviews.id').on('interview_interviewers.user_id', '=', interviewerId))
    .leftJoin('scorecards', (join) => join.onRef('scorecards.interview_id', '=', 'interviews.id').on('scorecards.interviewer_id', '=', interviewerId))
    .select(['openings.hiring_manager_id', 'interview_interviewers.user_id', 'scorecards.status'])
    .where('interviews.id', '=', interviewId)
    .executeTakeFirst();
  if (!row) return undefined;
  return { scorecard: row.status ?? 'none', onPanel: row.user_id !== null, hiringManagerId: row.hiring_manager_id };
}
