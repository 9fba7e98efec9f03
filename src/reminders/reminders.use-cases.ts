import { roleCan } from '../auth/permissions';
import { canViewApplication, type Viewer } from '../auth/scopes';
import type { DomainEvent } from '../events/domain-events';
import { runInUnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import { findScheduledInterview } from '../interviews/interviews.service';
import { endOf } from '../interviews/schedule';
import { type OwnerRole, personFor, todayOf } from '../onboarding/plan';
import { getCompanySettings } from '../settings/settings.service';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { dueScorecardReminder, isoWeekKey, mayRemindAgain, TASK_NOTICE_DAYS } from './reminder-rules';
import { claimReminder, countReminders, lastRemindersFor, listOverdueByManager, listOwedForReminders, listTasksDueBetween, reminderTarget } from './reminders.repository';

const DAY_MS = 86_400_000;
/** How far back the scheduler looks for owed scorecards: the third reminder, and a scheduler that was down for a while. */
const LOOK_BACK_MS = 14 * DAY_MS;
/** At most this many reminders of a kind per run; the rest go on the next run. */
const BATCH = 500;

export interface ReminderRun {
  readonly scorecards: number;
  readonly tasks: number;
  readonly digests: number;
}


/** Claims one reminder and records its event in one unit of work: true when this call sent it. */
function sendOnce(deps: UseCaseDeps, claim: Parameters<typeof claimReminder>[1], event: DomainEvent): Promise<boolean> {
  return runInUnitOfWork(deps, async (uow) => {
    if (!(await claimReminder(uow.trx, claim, uow.now))) return false;
    uow.record(event);
    return true;
  });
}

/**
 * Sends what is due now: scorecard reminders, notices of onboarding tasks due soon, and the weekly
 * digest of overdue tasks. Each goes once: its row is claimed in the transaction that writes its
 * message, so two instances, or a run repeated after a crash, cannot send it twice.
 */
export async function sendDueReminders(deps: UseCaseDeps): Promise<ReminderRun> {
  const now = deps.clock.now();
  const today = todayOf(now);
  const { reminderHours } = await getCompanySettings(deps.db);
  const owed = await listOwedForReminders(deps.db, new Date(now.getTime() - reminderHours * 3_600_000 - LOOK_BACK_MS), new Date(now.getTime() - reminderHours * 3_600_000), BATCH);
  let scorecards = 0;
  for (const o of owed) {
    const occurrence = dueScorecardReminder({ endsAt: endOf(new Date(o.scheduledAt), o.durationMinutes), delayHours: reminderHours, sent: o.sent, lastSentAt: o.lastSentAt ? new Date(o.lastSentAt) : null, now });
    if (occurrence === undefined) continue;
    const claim = { kind: 'scorecard' as const, subjectId: o.interviewId, userId: o.interviewerId, occurrence, sentBy: null };
    const event: DomainEvent = { type: 'ScorecardReminderSent', actorId: null, subject: { type: 'interview', id: o.interviewId }, counts: { occurrence }, interviewId: o.interviewId, applicationId: o.applicationId, openingId: o.openingId, interviewerId: o.interviewerId, occurrence, byHand: false };
    if (await sendOnce(deps, claim, event)) scorecards += 1;
  }

  let tasks = 0;
  const dueSoon = await listTasksDueBetween(deps.db, today, todayOf(new Date(now.getTime() + TASK_NOTICE_DAYS * DAY_MS)), BATCH);
  for (const task of dueSoon) {
    const ownerId = personFor({ newHireId: 0, ...task.people }, task.ownerRole as OwnerRole);
    const claim = { kind: 'task_due' as const, subjectId: task.taskId, userId: ownerId, occurrence: 1, sentBy: null };
    if (await sendOnce(deps, claim, { type: 'OnboardingTaskDueSoon', actorId: null, subject: { type: 'onboarding_task', id: task.taskId }, taskId: task.taskId, planId: task.planId, ownerId })) tasks += 1;
  }

  let digests = 0;
  const week = isoWeekKey(today);
  for (const [managerId, taskIds] of await listOverdueByManager(deps.db, today, BATCH)) {
    const claim = { kind: 'overdue_digest' as const, subjectId: managerId, userId: managerId, occurrence: week, sentBy: null };
    if (await sendOnce(deps, claim, { type: 'OnboardingOverdueDigest', actorId: null, subject: { type: 'user', id: managerId }, counts: { tasks: taskIds.length }, managerId, taskIds })) digests += 1;
  }
  return { scorecards, tasks, digests };
}

/**
 * "Remind": a recruiter, an admin or the opening's hiring manager reminds an interviewer of a held
 * interview's scorecard, at most once a day per interviewer and interview.
 */
export async function remindInterviewer(deps: UseCaseDeps, actor: Viewer, interviewId: number, interviewerId: number): Promise<void> {
  await runInUnitOfWork(deps, async (uow) => {
    const interview = await findScheduledInterview(uow.trx, interviewId);
    if (!interview || !(await canViewApplication(uow.trx, actor, interview.applicationId))) throw new NotFoundError();
    const target = await reminderTarget(uow.trx, interviewId, interviewerId);
    if (!target?.onPanel) throw new NotFoundError();
    if (!roleCan(actor.role, 'interviews:schedule') && target.hiringManagerId !== actor.id) throw new ForbiddenError();
    if (interview.status === 'cancelled') throw new ValidationError({ _form: 'interviews.error.cancelled' });
    if (target.scorecard === 'submitted') throw new ValidationError({ _form: 'reminders.error.submitted' });
    if (interview.scheduledAt !== null && Date.parse(interview.scheduledAt) > uow.now.getTime()) throw new ValidationError({ _form: 'reminders.error.notHeld' });
    const last = (await lastRemindersFor(uow.trx, [{ interviewId, userId: interviewerId }])).get(`${interviewId}:${interviewerId}`);
    if (!mayRemindAgain(last ? new Date(last) : null, uow.now)) throw new ValidationError({ _form: 'reminders.error.tooSoon' });
    // Two presses at once compute the same occurrence: the second claim fails.
    const occurrence = (await countReminders(uow.trx, 'scorecard_nudge', interviewId, interviewerId)) + 1;
    if (!(await claimReminder(uow.trx, { kind: 'scorecard_nudge', subjectId: interviewId, userId: interviewerId, occurrence, sentBy: actor.id }, uow.now))) throw new ValidationError({ _form: 'reminders.error.tooSoon' });
    uow.record({ type: 'ScorecardReminderSent', actorId: actor.id, subject: { type: 'interview', id: interviewId }, interviewId, applicationId: interview.applicationId, openingId: interview.openingId, interviewerId, occurrence: 0, byHand: true });
  });
}
