import type { Language } from '../i18n/i18n';
import { Router, type Request, type Response } from 'express';
import { signedIn } from '../auth/guard';
import { type FieldErrors, NotFoundError, ValidationError } from '../shared/errors';
import { FILE_KINDS } from '../uploads/file-kind';
import { acceptUpload, sendStoredFile, uploadOutcome } from '../uploads/upload.middleware';
import { findStoredFile } from '../uploads/uploads.service';
import { field } from '../web/body';
import { addFlash } from '../web/flash';
import { languageOf } from '../web/locals';
import { renderPage } from '../web/render';
import { canSeeTask } from './access';
import { parseDoneForm } from './onboarding.forms';
import { findPlan, findPlanOfNewHire, findPlanTask } from './onboarding.repository';
import { loadPlanViews, onboardingWorkOf } from './onboarding.service';
import { commonLocals, idParam, type OnboardingRouterDeps, type TaskFormState } from './onboarding.views';
import { todayOf } from './plan';
import { markTaskDone, sendBackTask, signOffTask } from './tasks.use-cases';


/** The tasks a person signs off, the reviews they owe, and the tasks they run for someone's plan. */
async function assignedTo(deps: OnboardingRouterDeps, userId: number, language: Language) {
  return onboardingWorkOf(deps.db, userId, todayOf(deps.clock.now()), language);
}

function checklistRenderer(deps: OnboardingRouterDeps) {
  return async (req: Request, res: Response, taskForm?: TaskFormState, status = 200) => {
    const plan = await findPlanOfNewHire(deps.db, req.user!.id);
    const [view] = plan ? await loadPlanViews(deps.db, [plan], todayOf(deps.clock.now()), languageOf(req)) : [];
    const assignedCount = (await assignedTo(deps, req.user!.id, languageOf(req))).waiting.length;
    await renderPage(req, res, 'onboarding/checklist', { title: 'onboarding.checklist.title', plan: view, taskForm, assignedCount, ...commonLocals(deps, res) }, status);
  };
}

function assignedRenderer(deps: OnboardingRouterDeps) {
  return async (req: Request, res: Response, taskForm?: TaskFormState, status = 200) => {
    const assigned = await assignedTo(deps, req.user!.id, languageOf(req));
    await renderPage(req, res, 'onboarding/tasks', { title: 'onboarding.tasks.title', ...assigned, taskForm, ...commonLocals(deps, res) }, status);
  };
}

function doneHandler(deps: OnboardingRouterDeps) {
  return async (req: Request, res: Response) => {
    const taskId = idParam(req.params.id);
    const values = { note: field(req.body, 'note') };
    const { file, error } = uploadOutcome(req);
    const parsed = parseDoneForm(req.body);
    const errors: FieldErrors = { ...(parsed.ok ? {} : parsed.errors), ...(error ? { file: error } : {}) };
    // Someone else's task gets a 404 before any message about the form.
    const task = await findPlanTask(deps.db, taskId, languageOf(req));
    const plan = task && (await findPlan(deps.db, task.planId));
    if (!task || !plan || plan.people.newHireId !== req.user!.id) throw new NotFoundError();
    // Refused: back to the task on the checklist's own address (the form posts to one that carries
    // its token), with what was typed and the messages by the fields.
    const refuse = (fieldErrors: FieldErrors) => {
      req.session.refusedForm = { key: `task-${taskId}`, errors: fieldErrors as Record<string, string>, values };
      res.redirect(303, `/onboarding#task-${taskId}`);
    };
    if (!parsed.ok || Object.keys(errors).length > 0) return refuse(errors);
    try {
      const done = await markTaskDone(deps, req.user!, taskId, { note: parsed.data.note, ...(file ? { upload: file } : {}) });
      addFlash(req, { kind: 'success', message: done.awaitingSignOff ? 'onboarding.doneAwaiting' : 'onboarding.done', params: { title: task.title } });
      res.redirect(303, `/onboarding#track-${done.track}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      refuse(err.fieldErrors);
    }
  };
}

/** The refused mark-done form kept for the checklist, once. */
function takeRefusedTaskForm(req: Request): TaskFormState | undefined {
  const refused = req.session.refusedForm;
  const taskId = refused && /^task-(\d+)$/.exec(refused.key)?.[1];
  if (!refused || !taskId) return undefined;
  delete req.session.refusedForm;
  return { taskId: Number(taskId), errors: refused.errors as FieldErrors, values: refused.values };
}

function signerHandler(deps: OnboardingRouterDeps, renderAssigned: ReturnType<typeof assignedRenderer>, action: 'sign-off' | 'send-back') {
  return async (req: Request, res: Response) => {
    const taskId = idParam(req.params.id);
    const values: Record<string, string> = action === 'send-back' ? { comment: field(req.body, 'comment') } : {};
    try {
      if (action === 'sign-off') await signOffTask(deps, req.user!, taskId);
      else await sendBackTask(deps, req.user!, taskId, values.comment ?? '');
      addFlash(req, { kind: 'success', message: action === 'sign-off' ? 'onboarding.signedOff' : 'onboarding.sentBack' });
      res.redirect(303, '/onboarding/tasks');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderAssigned(req, res, { taskId, errors: err.fieldErrors, values }, 422);
    }
  };
}

/** Onboarding as people live it: a new hire's checklist and the tasks assigned to me. */
export function createOnboardingRouter(deps: OnboardingRouterDeps): Router {
  const router = Router();
  const renderChecklist = checklistRenderer(deps);
  const renderAssigned = assignedRenderer(deps);
  const evidenceUpload = acceptUpload({ storage: deps.storage, field: 'file', kinds: FILE_KINDS, maxBytes: deps.uploadMaxBytes });

  router.get('/onboarding', signedIn(), async (req, res) => {
    await renderChecklist(req, res, takeRefusedTaskForm(req));
  });
  router.post('/onboarding/tasks/:id/done', signedIn(), ...evidenceUpload, doneHandler(deps));
  router.get('/onboarding/tasks/:id/evidence', signedIn(), async (req, res) => {
    const task = await findPlanTask(deps.db, idParam(req.params.id), languageOf(req));
    const plan = task && (await findPlan(deps.db, task.planId));
    if (!task || !plan || !task.evidenceFile || !canSeeTask(req.user!, plan, task)) throw new NotFoundError();
    const stored = await findStoredFile(deps.db, task.evidenceFile.id);
    if (!stored) throw new NotFoundError();
    await sendStoredFile(res, deps.storage, stored);
  });
  router.get('/onboarding/tasks', signedIn(), async (req, res) => {
    await renderAssigned(req, res);
  });
  router.post('/onboarding/tasks/:id/sign-off', signedIn(), signerHandler(deps, renderAssigned, 'sign-off'));
  router.post('/onboarding/tasks/:id/send-back', signedIn(), signerHandler(deps, renderAssigned, 'send-back'));
  return router;
}
