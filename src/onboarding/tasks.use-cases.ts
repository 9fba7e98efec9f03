import type { Viewer } from '../auth/scopes';
import { runInUnitOfWork, type UnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import { NotFoundError, ValidationError } from '../shared/errors';
import type { AcceptedUpload } from '../uploads/accepted-upload';
import type { FileStorage } from '../uploads/file-storage';
import { keepUpload } from '../uploads/uploads.service';
import { isSignerOf } from './access';
import { refreshCompletion } from './completion';
import { findPlan, findPlanTask, markPlanTaskDone, type PlanRecord, type PlanTaskRecord, sendBackPlanTask, signOffPlanTask } from './onboarding.repository';
import { checkEvidence, NOTE_MAX, taskState } from './plan';

const COMMENT_MAX = 1000;

/** A task and its plan, when the actor may act on it as `as`; otherwise 404 (no hint that it exists). */
async function taskFor(uow: UnitOfWork, actor: Viewer, taskId: number, as: 'new_hire' | 'signer'): Promise<{ task: PlanTaskRecord; plan: PlanRecord }> {
  const task = await findPlanTask(uow.trx, taskId, null);
  const plan = task && (await findPlan(uow.trx, task.planId));
  if (!task || !plan) throw new NotFoundError();
  const allowed = as === 'new_hire' ? plan.people.newHireId === actor.id : isSignerOf(actor, plan, task);
  if (!allowed) throw new NotFoundError();
  return { task, plan };
}

/**
 * The new hire marks a task done, with an optional note and file (required when the task says so).
 * The file is kept in the unit of work; if anything fails it is removed again.
 */
export async function markTaskDone(deps: UseCaseDeps & { readonly storage: FileStorage }, actor: Viewer, taskId: number, evidence: { note: string; upload?: AcceptedUpload }): Promise<{ awaitingSignOff: boolean; title: string; track: string }> {
  return runInUnitOfWork(deps, async (uow) => {
    const { task } = await taskFor(uow, actor, taskId, 'new_hire');
    if (evidence.note.length > NOTE_MAX) throw new ValidationError({ note: 'validation.tooLong' });
    if (task.kind === 'review') throw new ValidationError({ _form: 'onboarding.error.reviewByManager' });
    if (task.doneAt !== null) throw new ValidationError({ _form: 'onboarding.error.alreadyDone' });
    const missing = checkEvidence(task, { note: evidence.note, hasFile: evidence.upload !== undefined || task.evidenceFile !== null });
    if (missing) throw new ValidationError({ note: missing });
    const file = evidence.upload ? await keepUpload(uow, deps.storage, evidence.upload, actor.id) : undefined;
    const note = evidence.note.trim();
    if (!(await markPlanTaskDone(uow.trx, taskId, { by: actor.id, note: note === '' ? null : note, fileId: file?.id ?? null }, uow.now))) throw new ValidationError({ _form: 'onboarding.error.alreadyDone' });
    await refreshCompletion(uow, task.planId, actor.id);
    const awaitingSignOff = task.signOff !== 'none';
    uow.record({ type: 'OnboardingTaskDone', actorId: actor.id, subject: { type: 'onboarding_task', id: taskId }, counts: { planId: task.planId }, planId: task.planId, taskId, awaitingSignOff });
    return { awaitingSignOff, title: task.title, track: task.track };
  });
}

/** The task's signer confirms it (it must be done and waiting for them). */
export async function signOffTask(deps: UseCaseDeps, actor: Viewer, taskId: number): Promise<void> {
  await runInUnitOfWork(deps, async (uow) => {
    const { task } = await taskFor(uow, actor, taskId, 'signer');
    if (taskState(task) !== 'awaiting_sign_off' || !(await signOffPlanTask(uow.trx, taskId, actor.id, uow.now))) throw new ValidationError({ _form: 'onboarding.error.notAwaiting' });
    await refreshCompletion(uow, task.planId, actor.id);
    uow.record({ type: 'OnboardingTaskSignedOff', actorId: actor.id, subject: { type: 'onboarding_task', id: taskId }, counts: { planId: task.planId }, planId: task.planId, taskId });
  });
}

/** The signer sends a task back to the new hire: it reopens, and the comment tells them what is missing. */
export async function sendBackTask(deps: UseCaseDeps, actor: Viewer, taskId: number, commentText: string): Promise<void> {
  await runInUnitOfWork(deps, async (uow) => {
    // Only the signer learns anything about the form; anyone else gets the 404 of a missing task.
    const { task } = await taskFor(uow, actor, taskId, 'signer');
    const comment = commentText.trim();
    if (comment === '') throw new ValidationError({ comment: 'onboarding.error.commentRequired' });
    if (comment.length > COMMENT_MAX) throw new ValidationError({ comment: 'validation.tooLong' });
    if (taskState(task) !== 'awaiting_sign_off' || !(await sendBackPlanTask(uow.trx, taskId, actor.id, comment, uow.now))) throw new ValidationError({ _form: 'onboarding.error.notAwaiting' });
    await refreshCompletion(uow, task.planId, actor.id);
    uow.record({ type: 'OnboardingTaskSentBack', actorId: actor.id, subject: { type: 'onboarding_task', id: taskId }, counts: { planId: task.planId }, planId: task.planId, taskId });
  });
}
