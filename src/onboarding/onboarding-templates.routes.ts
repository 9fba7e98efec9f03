import { Router, type Request, type Response } from 'express';
import { allow } from '../auth/guard';
import type { UseCaseDeps } from '../events/unit-of-work';
import type { Language, Translate } from '../i18n/i18n';
import { type FieldErrors, NotFoundError, ValidationError } from '../shared/errors';
import { positiveInt } from '../shared/ids';
import { addFlash } from '../web/flash';
import { keepValues } from '../web/forms';
import { languageOf } from '../web/locals';
import { renderPage } from '../web/render';
import { parseTaskTemplateForm, TASK_FIELDS } from './onboarding.forms';
import { findTemplate, listTemplates, listTemplateTasks, type TemplateSummary } from './onboarding-templates.repository';
import { dateFormatter } from '../web/format';
import { MAX_DUE_DAY, OWNER_ROLES, SIGN_OFFS, type TaskKind, type TaskTemplate, TRACKS } from './plan';
import { addTemplateTask, deleteTemplateTaskOf, editTemplateTask } from './templates.use-cases';

const t = (res: Response): Translate => res.locals.t as Translate;

function idParam(value: unknown): number {
  const id = positiveInt(value);
  if (id === undefined) throw new NotFoundError();
  return id;
}

function taskToValues(task: TaskTemplate): Record<string, string> {
  return {
    track: task.track,
    title: task.title,
    description: task.description,
    owner_role: task.ownerRole,
    due_day: String(task.dueDay),
    sign_off: task.signOff,
    evidence_required: task.evidenceRequired ? 'on' : '',
    required: task.required ? 'on' : '',
  };
}

type TaskForm = { taskId?: number; kind: TaskKind; values: Record<string, string>; fieldErrors?: FieldErrors };

async function renderTaskForm(req: Request, res: Response, template: TemplateSummary, form: TaskForm, status = 200): Promise<void> {
  await renderPage(
    req,
    res,
    'onboarding/task-form',
    { title: { text: t(res)(form.taskId ? 'onboarding.taskForm.editTitle' : 'onboarding.taskForm.newTitle', { role: template.roleName }) }, template, tracks: TRACKS, ownerRoles: OWNER_ROLES, signOffs: SIGN_OFFS, maxDueDay: MAX_DUE_DAY, ...form },
    status,
  );
}

/** Onboarding templates, one per sales role: everyone who plans onboarding reads them, admins edit their tasks. */
export function createOnboardingTemplatesRouter(deps: UseCaseDeps): Router {
  const { db } = deps;
  const router = Router();
  const templateOf = async (req: Request) => {
    const template = await findTemplate(db, idParam(req.params.id), languageOf(req));
    if (!template) throw new NotFoundError();
    return template;
  };
  const templateTaskOf = async (req: Request, templateId: number) => {
    const taskId = idParam(req.params.taskId);
    const task = (await listTemplateTasks(db, templateId, languageOf(req))).find((candidate) => candidate.id === taskId);
    if (!task) throw new NotFoundError();
    return task;
  };
  const common = (res: Response) => ({ fmtDate: dateFormatter(res.locals.lang as Language) });

  router.get('/onboarding/templates', allow('onboarding:templates_read'), async (req, res) => {
    await renderPage(req, res, 'onboarding/templates', { title: 'onboarding.templates.title', templates: await listTemplates(db, languageOf(req)), ...common(res) });
  });
  router.get('/onboarding/templates/:id', allow('onboarding:templates_read'), async (req, res) => {
    const template = await templateOf(req);
    const tasks = await listTemplateTasks(db, template.id, languageOf(req));
    const tracks = TRACKS.map((track) => ({ track, tasks: tasks.filter((task) => task.track === track).sort((a, b) => a.dueDay - b.dueDay || a.position - b.position) })).filter((g) => g.tasks.length > 0);
    await renderPage(req, res, 'onboarding/template', { title: { text: t(res)('onboarding.template.title', { role: template.roleName }) }, template, tracks, taskCount: tasks.length, ...common(res) });
  });
  router.get('/onboarding/templates/:id/tasks/new', allow('onboarding:templates_edit'), async (req, res) => {
    await renderTaskForm(req, res, await templateOf(req), { kind: 'task', values: { track: 'product', owner_role: 'new_hire', sign_off: 'none', due_day: '7', required: 'on' } });
  });
  router.post('/onboarding/templates/:id/tasks', allow('onboarding:templates_edit'), async (req, res) => {
    const template = await templateOf(req);
    const parsed = parseTaskTemplateForm(req.body, 'task');
    if (!parsed.ok) return renderTaskForm(req, res, template, { kind: 'task', values: keepValues(req.body, TASK_FIELDS), fieldErrors: parsed.errors }, 422);
    await addTemplateTask(deps, req.user!, template.id, parsed.data);
    addFlash(req, { kind: 'success', message: 'onboarding.taskAdded', params: { title: parsed.data.title } });
    res.redirect(303, `/onboarding/templates/${template.id}`);
  });
  router.get('/onboarding/templates/:id/tasks/:taskId', allow('onboarding:templates_edit'), async (req, res) => {
    const template = await templateOf(req);
    const task = await templateTaskOf(req, template.id);
    await renderTaskForm(req, res, template, { taskId: task.id, kind: task.kind, values: taskToValues(task) });
  });
  router.post('/onboarding/templates/:id/tasks/:taskId', allow('onboarding:templates_edit'), async (req, res) => {
    const template = await templateOf(req);
    const task = await templateTaskOf(req, template.id);
    const parsed = parseTaskTemplateForm(req.body, task.kind);
    if (!parsed.ok) return renderTaskForm(req, res, template, { taskId: task.id, kind: task.kind, values: keepValues(req.body, TASK_FIELDS), fieldErrors: parsed.errors }, 422);
    await editTemplateTask(deps, req.user!, template.id, task.id, parsed.data);
    addFlash(req, { kind: 'success', message: 'onboarding.taskSaved', params: { title: parsed.data.title } });
    res.redirect(303, `/onboarding/templates/${template.id}`);
  });
  router.post('/onboarding/templates/:id/tasks/:taskId/delete', allow('onboarding:templates_edit'), async (req, res) => {
    const template = await templateOf(req);
    const task = await templateTaskOf(req, template.id);
    try {
      await deleteTemplateTaskOf(deps, req.user!, template.id, task.id);
      addFlash(req, { kind: 'success', message: 'onboarding.taskDeleted', params: { title: task.title } });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      addFlash(req, { kind: 'error', message: 'onboarding.error.reviewKept' });
    }
    res.redirect(303, `/onboarding/templates/${template.id}`);
  });
  return router;
}
