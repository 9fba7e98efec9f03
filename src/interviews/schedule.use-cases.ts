import { requirePermission } from '../auth/permissions';
import { canViewApplication, type Viewer } from '../auth/scopes';
import { findApplication, recordInterviewInHistory } from '../candidates/candidates.service';
import { lockOpeningOfApplication } from '../db/locks';
import type { DbOrTrx } from '../db/database';
import { runInUnitOfWork, type UnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import { listStaff } from '../openings/openings.service';
import { NotFoundError, ValidationError } from '../shared/errors';
import { endOf, MAX_DURATION_MINUTES, overlaps, panelChange } from './schedule';
import type { SchedulingInput } from './schedule.forms';
import { countSubmitted, findScheduledInterview, listBusy, markCancelled, replacePanel, type ScheduledInterview, updateSchedule } from './schedule.repository';

/**
 * The interview, locked through its opening, if the actor may schedule it: visible to them, not
 * cancelled, and not scored yet (a submitted scorecard means it happened).
 */
async function changeableInterview(uow: UnitOfWork, actor: Viewer, interviewId: number): Promise<ScheduledInterview> {
  const found = await findScheduledInterview(uow.trx, interviewId);
  const openingId = found && (await lockOpeningOfApplication(uow.trx, found.applicationId));
  if (!found || openingId === undefined || !(await canViewApplication(uow.trx, actor, found.applicationId))) throw new NotFoundError();
  if (found.status === 'cancelled') throw new ValidationError({ _form: 'interviews.error.cancelled' });
  if ((await countSubmitted(uow.trx, interviewId)) > 0) throw new ValidationError({ _form: 'interviews.error.alreadyScored' });
  return found;
}

/** The panel as ids of active staff; a ValidationError when empty or holding anyone else. */
async function checkedPanel(db: DbOrTrx, ids: readonly (number | undefined)[]): Promise<number[]> {
  const staff = await listStaff(db);
  if (ids.length === 0 || ids.some((id) => id === undefined || !staff.some((p) => p.id === id))) throw new ValidationError({ interviewer_ids: 'interviews.error.interviewers' });
  return ids as number[];
}

/**
 * A new time, place, note or panel for an interview of an active application. Its calendar SEQUENCE
 * goes up; the panel gets an update with the same UID, and whoever left the panel a cancellation.
 */
export async function rescheduleInterview(deps: UseCaseDeps, actor: Viewer, interviewId: number, input: Omit<SchedulingInput, 'stageId'>): Promise<void> {
  requirePermission(actor, 'interviews:schedule');
  await runInUnitOfWork(deps, async (uow) => {
    const interview = await changeableInterview(uow, actor, interviewId);
    const application = await findApplication(uow.trx, interview.applicationId, 'en');
    if (application?.status !== 'active') throw new ValidationError({ _form: 'applications.error.notActive' });
    const panel = await checkedPanel(uow.trx, input.interviewerIds);
    await updateSchedule(uow.trx, interviewId, { scheduledAt: input.startsAt.toISOString(), durationMinutes: input.durationMinutes, location: input.location, note: input.note, timeZone: input.timeZone }, uow.now);
    await replacePanel(uow.trx, interviewId, panel);
    const { removed } = panelChange(
      interview.panel.map((p) => p.id),
      panel,
    );
    await recordInterviewInHistory(uow.trx, { applicationId: interview.applicationId, actorId: actor.id, kind: 'interview_rescheduled', stageId: interview.stageId, note: '' }, uow.now);
    uow.record({ type: 'InterviewRescheduled', actorId: actor.id, subject: { type: 'interview', id: interviewId }, counts: { interviewers: panel.length, removed: removed.length }, interviewId, applicationId: interview.applicationId, openingId: interview.openingId, interviewerIds: panel, removedIds: removed });
  });
}

/** Cancels an interview that has not been scored, with a reason the panel reads in the cancellation. */
export async function cancelInterview(deps: UseCaseDeps, actor: Viewer, interviewId: number, reason: string): Promise<void> {
  requirePermission(actor, 'interviews:schedule');
  await runInUnitOfWork(deps, async (uow) => {
    const interview = await changeableInterview(uow, actor, interviewId);
    await markCancelled(uow.trx, interviewId, reason, uow.now);
    await recordInterviewInHistory(uow.trx, { applicationId: interview.applicationId, actorId: actor.id, kind: 'interview_cancelled', stageId: interview.stageId, note: reason }, uow.now);
    const panel = interview.panel.map((p) => p.id);
    uow.record({ type: 'InterviewCancelled', actorId: actor.id, subject: { type: 'interview', id: interviewId }, counts: { interviewers: panel.length }, interviewId, applicationId: interview.applicationId, openingId: interview.openingId, interviewerIds: panel });
  });
}

/** An interview that the actor may see and reschedule or cancel, for its forms; NotFoundError otherwise. */
export async function interviewToChange(deps: UseCaseDeps, actor: Viewer, interviewId: number): Promise<ScheduledInterview> {
  requirePermission(actor, 'interviews:schedule');
  const found = await findScheduledInterview(deps.db, interviewId);
  if (!found || !(await canViewApplication(deps.db, actor, found.applicationId))) throw new NotFoundError();
  return found;
}

export interface Clash {
  readonly userName: string;
  readonly candidateName: string;
  readonly startsAt: Date;
  readonly durationMinutes: number;
}

/** Interviews the panel already sits on at that time (a warning, never a refusal): one query. */
export async function findClashes(db: DbOrTrx, panel: readonly number[], slot: { startsAt: Date; durationMinutes: number }, exceptId: number | null): Promise<Clash[]> {
  const since = new Date(slot.startsAt.getTime() - MAX_DURATION_MINUTES * 60_000);
  const busy = await listBusy(db, panel, since, endOf(slot.startsAt, slot.durationMinutes), exceptId);
  return busy.filter((b) => overlaps(b, slot)).map((b) => ({ userName: b.userName, candidateName: b.candidateName, startsAt: b.startsAt, durationMinutes: b.durationMinutes }));
}
