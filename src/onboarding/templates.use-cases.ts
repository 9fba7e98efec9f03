import { requirePermission } from '../auth/permissions';
import type { Viewer } from '../auth/scopes';
import { runInUnitOfWork, type UnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import { keptSeedKey, seededTask } from '../i18n/seeded-texts';
import { NotFoundError, ValidationError } from '../shared/errors';
import { deleteTemplateTask, findTemplate, insertTemplateTask, listTemplateTasks, touchTemplate, updateTemplateTask } from './onboarding-templates.repository';
import type { TaskTemplate } from './plan';

async function changeTemplate(deps: UseCaseDeps, actor: Viewer, templateId: number, change: (uow: UnitOfWork) => Promise<void>): Promise<void> {
  requirePermission(actor, 'onboarding:templates_edit');
  await runInUnitOfWork(deps, async (uow) => {
    if (!(await findTemplate(uow.trx, templateId, 'en'))) throw new NotFoundError();
    await change(uow);
    await touchTemplate(uow.trx, templateId, actor.id, uow.now);
    uow.record({ type: 'OnboardingTemplateChanged', actorId: actor.id, subject: { type: 'onboarding_template', id: templateId }, templateId });
  });
}

async function taskOf(uow: UnitOfWork, templateId: number, taskId: number) {
  const task = (await listTemplateTasks(uow.trx, templateId, null)).find((candidate) => candidate.id === taskId);
  if (!task) throw new NotFoundError();
  return task;
}

/** Adds a task at the end of a template; plans created later copy it. */
export async function addTemplateTask(deps: UseCaseDeps, actor: Viewer, templateId: number, task: TaskTemplate): Promise<void> {
  await changeTemplate(deps, actor, templateId, async (uow) => {
    const position = (await listTemplateTasks(uow.trx, templateId, null)).reduce((max, t) => Math.max(max, t.position + 1), 0);
    await insertTemplateTask(uow.trx, templateId, { ...task, seedKey: null }, position);
  });
}

export async function editTemplateTask(deps: UseCaseDeps, actor: Viewer, templateId: number, taskId: number, task: TaskTemplate): Promise<void> {
  await changeTemplate(deps, actor, templateId, async (uow) => {
    const current = await taskOf(uow, templateId, taskId);
    // Saved with its seeded words (in any language) it keeps following each reader's language; reworded, it shows as written.
    await updateTemplateTask(uow.trx, taskId, { ...task, seedKey: keptSeedKey(current.seedKey ?? null, seededTask, { title: task.title, description: task.description }) });
  });
}

/** Removes a task from a template; the 90-day review stays (ValidationError). */
export async function deleteTemplateTaskOf(deps: UseCaseDeps, actor: Viewer, templateId: number, taskId: number): Promise<void> {
  await changeTemplate(deps, actor, templateId, async (uow) => {
    const task = await taskOf(uow, templateId, taskId);
    if (task.kind === 'review') throw new ValidationError({ _form: 'onboarding.error.reviewKept' });
    await deleteTemplateTask(uow.trx, taskId);
  });
}
