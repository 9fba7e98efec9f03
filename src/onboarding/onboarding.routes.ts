import { Router, type Request, type Response } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { allow, signedIn } from '../auth/guard';
import { roleCan } from '../auth/permissions';
import type { Language, MessageKey, Translate } from '../i18n/i18n';
import { canViewApplication } from '../candidates/access';
import { findApplication } from '../candidates/applications.repository';
import { listRoles } from '../roles/roles.repository';
import type { FileStorage } from '../uploads/file-storage';
import { FILE_KINDS } from '../uploads/file-kind';
import { findStoredFile } from '../uploads/stored-files.repository';
import { acceptUpload, sendStoredFile, uploadOutcome } from '../uploads/upload';
import { inviteUserIn } from '../users/users.service';
import { field, positiveInt } from '../web/body';
import { type FieldErrors, NotFoundError, ValidationError } from '../web/errors';
import { addFlash } from '../web/flash';
import { emailField, requiredText } from '../web/forms';
import { renderPage } from '../web/render';
import {
  deleteTemplateTask,
  findPlan,
  findPlanOfNewHire,
  findPlanTask,
  findTemplate,
  insertTemplateTask,
  listPeople,
  listPlans,
  listPlansInvolving,
  listTemplates,
  listTemplateTasks,
  type PlanFilter,
  planExistsForApplication,
  touchTemplate,
  updateTemplateTask,
  userIdsWithPlans,
} from './onboarding.repository';
import {
  canSeeTask,
  canViewPlan,
  changePlan,
  createPlanFromTemplate,
  loadPlanViews,
  markTaskDone,
  PEOPLE_FIELDS,
  type PlanView,
  recordReview,
  sendBackTask,
  signOffTask,
} from './onboarding.service';
import {
  checkTaskTemplate,
  DESCRIPTION_MAX,
  isIsoDate,
  isOwnerRole,
  isSignOff,
  isTrack,
  MAX_DUE_DAY,
  NOTE_MAX,
  OWNER_ROLES,
  personFor,
  REVIEW_RATINGS,
  type ReviewRating,
  SIGN_OFFS,
  signerOf,
  type TaskKind,
  type TaskTemplate,
  TITLE_MAX,
  todayOf,
  TRACKS,
} from './plan';

export interface OnboardingRouterDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly storage: FileStorage;
  readonly uploadMaxBytes: number;
  readonly inviteTtlMs: number;
}

const COMMENT_MAX = 1000;
const PLAN_STATUSES = ['active', 'complete', 'all'] as const;

function idParam(value: unknown): number {
  const id = positiveInt(value);
  if (id === undefined) throw new NotFoundError();
  return id;
}

function inviteLink(req: Request, token: string): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}/invite/${token}`;
}

/** Dates as people read them, in the page's language ("3 Mar 2025" / "3 мар. 2025 г."). */
function dateFormatter(language: Language): (iso: string | null | undefined) => string {
  const format = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return (iso) => (iso ? format.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : '');
}

/* Form parsing ----------------------------------------------------------------------------------- */

type PeopleValues = { managerId: number | null; buddyId: number | null; productLeadId: number | null; csLeadId: number | null; sdrLeadId: number | null };

function readId(body: unknown, name: string, required: boolean, errors: FieldErrors): number | null {
  const text = field(body, name).trim();
  if (text === '') {
    if (required) errors[name] = 'validation.required';
    return null;
  }
  const id = positiveInt(text);
  if (id === undefined) errors[name] = 'validation.invalid';
  return id ?? null;
}

function readSchedule(body: unknown, errors: FieldErrors): { startDate: string } & PeopleValues {
  const startDate = field(body, 'start_date').trim();
  if (startDate === '') errors.start_date = 'validation.required';
  else if (!isIsoDate(startDate)) errors.start_date = 'onboarding.error.date';
  const [managerId, buddyId, productLeadId, csLeadId, sdrLeadId] = PEOPLE_FIELDS.map((name) => readId(body, name, name === 'manager_id', errors)) as [number | null, number | null, number | null, number | null, number | null];
  return { startDate, managerId, buddyId, productLeadId, csLeadId, sdrLeadId };
}

const inviteSchema = z.object({ hire_name: requiredText(120), hire_email: emailField });

type NewPlanForm = { startDate: string; roleId: number; managerId: number } & Omit<PeopleValues, 'managerId'> & ({ mode: 'existing'; userId: number } | { mode: 'invite'; name: string; email: string });

function parseNewPlan(body: unknown): { ok: true; data: NewPlanForm } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const schedule = readSchedule(body, errors);
  const roleId = readId(body, 'role_id', true, errors);
  const mode = field(body, 'hire_mode');
  let hire: { mode: 'existing'; userId: number } | { mode: 'invite'; name: string; email: string } | undefined;
  if (mode === 'invite') {
    const parsed = inviteSchema.safeParse({ hire_name: field(body, 'hire_name'), hire_email: field(body, 'hire_email') });
    if (parsed.success) hire = { mode, name: parsed.data.hire_name, email: parsed.data.hire_email };
    else for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message as MessageKey;
  } else if (mode === 'existing') {
    const userId = readId(body, 'hire_user_id', true, errors);
    if (userId !== null) hire = { mode, userId };
  } else {
    errors.hire_mode = 'validation.required';
  }
  if (Object.keys(errors).length > 0 || !hire || roleId === null || schedule.managerId === null) return { ok: false, errors };
  return { ok: true, data: { ...schedule, roleId, managerId: schedule.managerId, ...hire } };
}

function parseTaskTemplate(body: unknown, kind: TaskKind): { ok: true; task: TaskTemplate } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const track = field(body, 'track');
  if (!isTrack(track)) errors.track = 'validation.invalid';
  const title = requiredText(TITLE_MAX).safeParse(field(body, 'title'));
  if (!title.success) errors.title = title.error.issues[0]?.message as MessageKey;
  const description = field(body, 'description').trim();
  if (description.length > DESCRIPTION_MAX) errors.description = 'validation.tooLong';
  const ownerRole = field(body, 'owner_role');
  if (!isOwnerRole(ownerRole)) errors.owner_role = 'validation.invalid';
  const signOff = field(body, 'sign_off');
  if (!isSignOff(signOff)) errors.sign_off = 'validation.invalid';
  const dueText = field(body, 'due_day').trim();
  const dueDay = /^\d{1,3}$/.test(dueText) ? Number(dueText) : -1;
  if (dueText === '') errors.due_day = 'validation.required';
  else if (dueDay < 0 || dueDay > MAX_DUE_DAY) errors.due_day = 'onboarding.error.dueDay';
  if (Object.keys(errors).length > 0 || !isTrack(track) || !isOwnerRole(ownerRole) || !isSignOff(signOff) || !title.success) return { ok: false, errors };
  const task: TaskTemplate = { track, title: title.data, description, ownerRole, dueDay, signOff, evidenceRequired: field(body, 'evidence_required') === 'on', required: field(body, 'required') === 'on', kind };
  const rules = checkTaskTemplate(task);
  const ruleErrors: FieldErrors = { due_day: rules.dueDay, sign_off: rules.signOff, owner_role: rules.ownerRole };
  for (const [name, key] of Object.entries(ruleErrors)) if (key) errors[name] = key;
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, task };
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

const TASK_FIELDS = ['track', 'title', 'description', 'owner_role', 'due_day', 'sign_off', 'evidence_required', 'required'];
const PLAN_FIELDS = ['hire_mode', 'hire_user_id', 'hire_name', 'hire_email', 'role_id', 'start_date', 'application_id', ...PEOPLE_FIELDS];

function valuesOf(body: unknown, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, field(body, name)]));
}

/* Router ----------------------------------------------------------------------------------------- */

/** Onboarding: templates (admins edit), plans (dashboard, creation, detail), a new hire's checklist, owners' tasks. */
export function createOnboardingRouter({ db, clock, storage, uploadMaxBytes, inviteTtlMs }: OnboardingRouterDeps): Router {
  const router = Router();
  const t = (res: Response): Translate => res.locals.t as Translate;
  const today = () => todayOf(clock.now());
  const common = (res: Response) => ({
    fmtDate: dateFormatter(res.locals.lang as Language),
    today: today(),
    uploadMaxMb: Math.round(uploadMaxBytes / (1024 * 1024)),
    fileTypes: FILE_KINDS.map((k) => k.toUpperCase()).join(', '),
  });
  const evidenceUpload = acceptUpload({ storage, field: 'file', kinds: FILE_KINDS, maxBytes: uploadMaxBytes });

  /* A new hire's checklist ------------------------------------------------------------------------- */

  type TaskFormState = { taskId: number; errors: FieldErrors; values: Record<string, string> };

  const renderChecklist = async (req: Request, res: Response, taskForm?: TaskFormState, status = 200) => {
    const plan = await findPlanOfNewHire(db, req.user!.id);
    const [view] = plan ? await loadPlanViews(db, [plan], today()) : [];
    const assignedCount = (await assignedTo(req.user!.id)).waiting.length;
    await renderPage(req, res, 'onboarding/checklist', { title: 'onboarding.checklist.title', plan: view, taskForm, assignedCount, ...common(res) }, status);
  };

  router.get('/onboarding', signedIn(), async (req, res) => {
    await renderChecklist(req, res);
  });

  router.post('/onboarding/tasks/:id/done', signedIn(), ...evidenceUpload, async (req, res) => {
    const taskId = idParam(req.params.id);
    const values = { note: field(req.body, 'note') };
    const { file, error } = uploadOutcome(req);
    const errors: FieldErrors = {};
    if (error) errors.file = error;
    if (values.note.length > NOTE_MAX) errors.note = 'validation.tooLong';
    // Someone else's task gets a 404 before any message about the form.
    const task = await findPlanTask(db, taskId);
    const plan = task && (await findPlan(db, task.planId));
    if (!task || !plan || plan.people.newHireId !== req.user!.id) throw new NotFoundError();
    if (Object.keys(errors).length > 0) return renderChecklist(req, res, { taskId, errors, values }, 422);
    try {
      const { awaitingSignOff } = await markTaskDone({ db, storage }, req.user!.id, taskId, { note: values.note, ...(file ? { upload: file } : {}) }, clock.now());
      addFlash(req, { kind: 'success', text: t(res)(awaitingSignOff ? 'onboarding.doneAwaiting' : 'onboarding.done', { title: task.title }) });
      res.redirect(303, `/onboarding#track-${task.track}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderChecklist(req, res, { taskId, errors: err.fieldErrors, values }, 422);
    }
  });

  router.get('/onboarding/tasks/:id/evidence', signedIn(), async (req, res) => {
    const task = await findPlanTask(db, idParam(req.params.id));
    const plan = task && (await findPlan(db, task.planId));
    if (!task || !plan || !task.evidenceFile || !canSeeTask(req.user!, plan, task)) throw new NotFoundError();
    const stored = await findStoredFile(db, task.evidenceFile.id);
    if (!stored) throw new NotFoundError();
    sendStoredFile(res, storage, stored);
  });

  /* Tasks assigned to me (owners and signers) ------------------------------------------------------ */

  const assignedTo = async (userId: number) => {
    const plans = await listPlansInvolving(db, userId);
    const views = await loadPlanViews(db, plans, today());
    const rows = views.flatMap((plan) => plan.tasks.map((task) => ({ plan, task })));
    return {
      waiting: rows.filter(({ task }) => task.state === 'awaiting_sign_off' && task.signerId === userId),
      reviews: rows.filter(({ plan, task }) => task.kind === 'review' && task.doneAt === null && plan.people.managerId === userId),
      running: rows
        .filter(({ plan, task }) => task.kind !== 'review' && task.doneAt === null && task.ownerRole !== 'new_hire' && plan.completedAt === null && personFor(plan.people, task.ownerRole) === userId)
        .sort((a, b) => a.task.dueDate.localeCompare(b.task.dueDate)),
    };
  };

  const renderAssigned = async (req: Request, res: Response, taskForm?: TaskFormState, status = 200) => {
    const assigned = await assignedTo(req.user!.id);
    await renderPage(req, res, 'onboarding/tasks', { title: 'onboarding.tasks.title', ...assigned, taskForm, ...common(res) }, status);
  };

  router.get('/onboarding/tasks', signedIn(), async (req, res) => {
    await renderAssigned(req, res);
  });

  router.post('/onboarding/tasks/:id/sign-off', signedIn(), async (req, res) => {
    const taskId = idParam(req.params.id);
    try {
      await signOffTask(db, req.user!.id, taskId, clock.now());
      addFlash(req, { kind: 'success', text: t(res)('onboarding.signedOff') });
      res.redirect(303, '/onboarding/tasks');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderAssigned(req, res, { taskId, errors: err.fieldErrors, values: {} }, 422);
    }
  });

  router.post('/onboarding/tasks/:id/send-back', signedIn(), async (req, res) => {
    const taskId = idParam(req.params.id);
    // Only the signer learns anything about the form; anyone else gets the 404 of a missing task.
    const task = await findPlanTask(db, taskId);
    const plan = task && (await findPlan(db, task.planId));
    if (!task || !plan || signerOf(plan.people, task) !== req.user!.id) throw new NotFoundError();
    const values = { comment: field(req.body, 'comment') };
    const comment = values.comment.trim();
    try {
      if (comment === '') throw new ValidationError({ comment: 'onboarding.error.commentRequired' });
      if (comment.length > COMMENT_MAX) throw new ValidationError({ comment: 'validation.tooLong' });
      await sendBackTask(db, req.user!.id, taskId, comment, clock.now());
      addFlash(req, { kind: 'success', text: t(res)('onboarding.sentBack') });
      res.redirect(303, '/onboarding/tasks');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderAssigned(req, res, { taskId, errors: err.fieldErrors, values }, 422);
    }
  });

  /* Plans: dashboard, creation, detail ------------------------------------------------------------- */

  router.get('/onboarding/plans', allow('onboarding:plans'), async (req, res) => {
    const all = roleCan(req.user!.role, 'onboarding:plans_all');
    const statusText = typeof req.query.status === 'string' ? req.query.status : 'active';
    const status = (PLAN_STATUSES as readonly string[]).includes(statusText) ? (statusText as PlanFilter['status']) : 'active';
    const roleId = positiveInt(req.query.role);
    const managerId = all ? positiveInt(req.query.manager) : undefined;
    const filter: PlanFilter = { status, ...(roleId ? { roleId } : {}), ...(managerId ? { managerId } : {}), ...(all ? {} : { managedBy: req.user!.id }) };
    const plans = await loadPlanViews(db, await listPlans(db, filter), today());
    const [roles, people] = await Promise.all([listRoles(db), listPeople(db)]);
    const managers = people.filter((p) => roleCan(p.role as Parameters<typeof roleCan>[0], 'onboarding:plans'));
    await renderPage(req, res, 'onboarding/plans', {
      title: 'onboarding.plans.title',
      plans,
      roles,
      managers,
      showManagerFilter: all,
      filter: { role: roleId ? String(roleId) : '', manager: managerId ? String(managerId) : '', status },
      statuses: PLAN_STATUSES,
      ...common(res),
    });
  });

  const renderNewPlan = async (req: Request, res: Response, form: { values: Record<string, string>; fieldErrors?: FieldErrors }, status = 200) => {
    const [roles, people, withPlans] = await Promise.all([listRoles(db), listPeople(db), userIdsWithPlans(db)]);
    await renderPage(
      req,
      res,
      'onboarding/new-plan',
      {
        title: 'onboarding.newPlan.title',
        roles,
        people,
        candidates: people.filter((p) => !withPlans.has(p.id)),
        managers: people.filter((p) => roleCan(p.role as Parameters<typeof roleCan>[0], 'onboarding:plans')),
        ...form,
      },
      status,
    );
  };

  /** The recorded hire a plan starts from: null when none was given, false when it is not a hired application the creator may see or it already has a plan. */
  const readHiredApplication = async (req: Request): Promise<number | null | false> => {
    const text = field(req.body, 'application_id').trim();
    if (text === '') return null;
    const id = positiveInt(text);
    if (id === undefined || !(await canViewApplication(db, req.user!, id))) return false;
    const application = await findApplication(db, id);
    if (!application || application.status !== 'hired' || (await planExistsForApplication(db, id))) return false;
    return id;
  };

  router.get('/onboarding/plans/new', allow('onboarding:plans'), async (req, res) => {
    // A recorded hire links here with the new hire's name, email, role and manager filled in.
    const prefill = Object.fromEntries(['hire_name', 'hire_email', 'role_id', 'manager_id', 'application_id'].flatMap((name) => (typeof req.query[name] === 'string' ? [[name, (req.query[name] as string).slice(0, 254)]] : [])));
    await renderNewPlan(req, res, { values: { hire_mode: 'invite', start_date: today(), manager_id: String(req.user!.id), ...prefill } });
  });

  router.post('/onboarding/plans', allow('onboarding:plans'), async (req, res) => {
    const values = valuesOf(req.body, PLAN_FIELDS);
    const parsed = parseNewPlan(req.body);
    const applicationId = await readHiredApplication(req);
    if (!parsed.ok || applicationId === false) {
      const fieldErrors: FieldErrors = { ...(parsed.ok ? {} : parsed.errors), ...(applicationId === false ? { _form: 'onboarding.error.applicationInvalid' as MessageKey } : {}) };
      if (applicationId === false) values.application_id = '';
      return renderNewPlan(req, res, { values, fieldErrors }, 422);
    }
    const form = parsed.data;
    const now = clock.now();
    try {
      const { planId, token } = await db.transaction().execute(async (trx) => {
        let newHireId: number;
        let inviteToken: string | undefined;
        if (form.mode === 'invite') {
          try {
            const invited = await inviteUserIn(trx, inviteTtlMs, req.user!.id, { name: form.name, email: form.email, role: 'new_hire' }, now);
            newHireId = invited.userId;
            inviteToken = invited.token;
          } catch (err) {
            if (err instanceof ValidationError && err.fieldErrors.email) throw new ValidationError({ hire_email: err.fieldErrors.email });
            throw err;
          }
        } else {
          newHireId = form.userId;
        }
        const id = await createPlanFromTemplate(trx, { newHireId, roleId: form.roleId, startDate: form.startDate, managerId: form.managerId, buddyId: form.buddyId, productLeadId: form.productLeadId, csLeadId: form.csLeadId, sdrLeadId: form.sdrLeadId, applicationId }, req.user!.id, now);
        return { planId: id, token: inviteToken };
      });
      const name = form.mode === 'invite' ? form.name : '';
      if (token) addFlash(req, { kind: 'success', text: t(res)('onboarding.planCreatedInvite', { name }), value: inviteLink(req, token) });
      else addFlash(req, { kind: 'success', text: t(res)('onboarding.planCreated') });
      const plan = await findPlan(db, planId);
      res.redirect(303, plan && canViewPlan(req.user!, plan) ? `/onboarding/plans/${planId}` : '/onboarding/plans');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderNewPlan(req, res, { values, fieldErrors: err.fieldErrors }, 422);
    }
  });

  const visiblePlan = async (req: Request) => {
    const plan = await findPlan(db, idParam(req.params.id));
    if (!plan || !canViewPlan(req.user!, plan)) throw new NotFoundError();
    return plan;
  };

  const renderPlan = async (req: Request, res: Response, view: PlanView, forms: { schedule?: { values: Record<string, string>; errors: FieldErrors }; review?: { values: Record<string, string>; errors: FieldErrors } } = {}, status = 200) => {
    const people = await listPeople(db);
    const scheduleValues = {
      start_date: view.startDate,
      manager_id: String(view.people.managerId),
      buddy_id: view.people.buddyId ? String(view.people.buddyId) : '',
      product_lead_id: view.people.productLeadId ? String(view.people.productLeadId) : '',
      cs_lead_id: view.people.csLeadId ? String(view.people.csLeadId) : '',
      sdr_lead_id: view.people.sdrLeadId ? String(view.people.sdrLeadId) : '',
    };
    await renderPage(
      req,
      res,
      'onboarding/plan',
      {
        title: { text: t(res)('onboarding.plan.title', { name: view.newHireName }) },
        plan: view,
        people: people.filter((p) => p.id !== view.newHireId),
        managers: people.filter((p) => p.id !== view.newHireId && roleCan(p.role as Parameters<typeof roleCan>[0], 'onboarding:plans')),
        isManager: view.people.managerId === req.user!.id,
        schedule: forms.schedule ?? { values: scheduleValues, errors: {} },
        review: forms.review ?? { values: { rating: view.review ? String(view.review.rating) : '', note: view.review?.note ?? '' }, errors: {} },
        ratings: REVIEW_RATINGS,
        ...common(res),
      },
      status,
    );
  };

  router.get('/onboarding/plans/:id', allow('onboarding:plans'), async (req, res) => {
    const plan = await visiblePlan(req);
    const [view] = await loadPlanViews(db, [plan], today());
    await renderPlan(req, res, view!);
  });

  router.post('/onboarding/plans/:id', allow('onboarding:plans'), async (req, res) => {
    const plan = await visiblePlan(req);
    const values = valuesOf(req.body, ['start_date', ...PEOPLE_FIELDS]);
    const errors: FieldErrors = {};
    const schedule = readSchedule(req.body, errors);
    try {
      if (Object.keys(errors).length > 0 || schedule.managerId === null) throw new ValidationError(errors);
      const { moved } = await changePlan(db, plan.id, { ...schedule, managerId: schedule.managerId }, clock.now());
      addFlash(req, { kind: 'success', text: t(res)('onboarding.planSaved', { moved }) });
      const after = await findPlan(db, plan.id);
      res.redirect(303, after && canViewPlan(req.user!, after) ? `/onboarding/plans/${plan.id}` : '/onboarding/plans');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const [view] = await loadPlanViews(db, [plan], today());
      await renderPlan(req, res, view!, { schedule: { values, errors: err.fieldErrors } }, 422);
    }
  });

  router.post('/onboarding/plans/:id/review', allow('onboarding:plans'), async (req, res) => {
    const plan = await visiblePlan(req);
    const values = { rating: field(req.body, 'rating'), note: field(req.body, 'note') };
    const errors: FieldErrors = {};
    const rating = Number(values.rating);
    if (!(REVIEW_RATINGS as readonly number[]).includes(rating) || !/^\d$/.test(values.rating)) errors.rating = 'onboarding.error.rating';
    const note = values.note.trim();
    if (note === '') errors.note = 'onboarding.error.reviewNote';
    else if (note.length > NOTE_MAX) errors.note = 'validation.tooLong';
    try {
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      await recordReview(db, req.user!.id, plan.id, { rating: rating as ReviewRating, note }, clock.now());
      addFlash(req, { kind: 'success', text: t(res)('onboarding.reviewSaved') });
      res.redirect(303, `/onboarding/plans/${plan.id}#review`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const [view] = await loadPlanViews(db, [plan], today());
      await renderPlan(req, res, view!, { review: { values, errors: err.fieldErrors } }, 422);
    }
  });

  /* Templates -------------------------------------------------------------------------------------- */

  router.get('/onboarding/templates', allow('onboarding:templates_read'), async (req, res) => {
    await renderPage(req, res, 'onboarding/templates', { title: 'onboarding.templates.title', templates: await listTemplates(db), ...common(res) });
  });

  const templateOf = async (req: Request) => {
    const template = await findTemplate(db, idParam(req.params.id));
    if (!template) throw new NotFoundError();
    return template;
  };

  router.get('/onboarding/templates/:id', allow('onboarding:templates_read'), async (req, res) => {
    const template = await templateOf(req);
    const tasks = await listTemplateTasks(db, template.id);
    const tracks = TRACKS.map((track) => ({ track, tasks: tasks.filter((task) => task.track === track).sort((a, b) => a.dueDay - b.dueDay || a.position - b.position) })).filter((g) => g.tasks.length > 0);
    await renderPage(req, res, 'onboarding/template', { title: { text: t(res)('onboarding.template.title', { role: template.roleName }) }, template, tracks, taskCount: tasks.length, ...common(res) });
  });

  const renderTaskForm = async (req: Request, res: Response, template: { id: number; roleName: string }, form: { taskId?: number; kind: TaskKind; values: Record<string, string>; fieldErrors?: FieldErrors }, status = 200) => {
    await renderPage(
      req,
      res,
      'onboarding/task-form',
      { title: { text: t(res)(form.taskId ? 'onboarding.taskForm.editTitle' : 'onboarding.taskForm.newTitle', { role: template.roleName }) }, template, tracks: TRACKS, ownerRoles: OWNER_ROLES, signOffs: SIGN_OFFS, maxDueDay: MAX_DUE_DAY, ...form },
      status,
    );
  };

  router.get('/onboarding/templates/:id/tasks/new', allow('onboarding:templates_edit'), async (req, res) => {
    const template = await templateOf(req);
    await renderTaskForm(req, res, template, { kind: 'task', values: { track: 'product', owner_role: 'new_hire', sign_off: 'none', due_day: '7', required: 'on' } });
  });

  router.post('/onboarding/templates/:id/tasks', allow('onboarding:templates_edit'), async (req, res) => {
    const template = await templateOf(req);
    const parsed = parseTaskTemplate(req.body, 'task');
    if (!parsed.ok) return renderTaskForm(req, res, template, { kind: 'task', values: valuesOf(req.body, TASK_FIELDS), fieldErrors: parsed.errors }, 422);
    await db.transaction().execute(async (trx) => {
      const position = (await listTemplateTasks(trx, template.id)).reduce((max, task) => Math.max(max, task.position + 1), 0);
      await insertTemplateTask(trx, template.id, parsed.task, position);
      await touchTemplate(trx, template.id, req.user!.id, clock.now());
    });
    addFlash(req, { kind: 'success', text: t(res)('onboarding.taskAdded', { title: parsed.task.title }) });
    res.redirect(303, `/onboarding/templates/${template.id}`);
  });

  const templateTaskOf = async (req: Request, templateId: number) => {
    const taskId = idParam(req.params.taskId);
    const task = (await listTemplateTasks(db, templateId)).find((candidate) => candidate.id === taskId);
    if (!task) throw new NotFoundError();
    return task;
  };

  router.get('/onboarding/templates/:id/tasks/:taskId', allow('onboarding:templates_edit'), async (req, res) => {
    const template = await templateOf(req);
    const task = await templateTaskOf(req, template.id);
    await renderTaskForm(req, res, template, { taskId: task.id, kind: task.kind, values: taskToValues(task) });
  });

  router.post('/onboarding/templates/:id/tasks/:taskId', allow('onboarding:templates_edit'), async (req, res) => {
    const template = await templateOf(req);
    const task = await templateTaskOf(req, template.id);
    const parsed = parseTaskTemplate(req.body, task.kind);
    if (!parsed.ok) return renderTaskForm(req, res, template, { taskId: task.id, kind: task.kind, values: valuesOf(req.body, TASK_FIELDS), fieldErrors: parsed.errors }, 422);
    await db.transaction().execute(async (trx) => {
      await updateTemplateTask(trx, task.id, parsed.task);
      await touchTemplate(trx, template.id, req.user!.id, clock.now());
    });
    addFlash(req, { kind: 'success', text: t(res)('onboarding.taskSaved', { title: parsed.task.title }) });
    res.redirect(303, `/onboarding/templates/${template.id}`);
  });

  router.post('/onboarding/templates/:id/tasks/:taskId/delete', allow('onboarding:templates_edit'), async (req, res) => {
    const template = await templateOf(req);
    const task = await templateTaskOf(req, template.id);
    if (task.kind === 'review') {
      addFlash(req, { kind: 'error', text: t(res)('onboarding.error.reviewKept') });
      return res.redirect(303, `/onboarding/templates/${template.id}`);
    }
    await db.transaction().execute(async (trx) => {
      await deleteTemplateTask(trx, task.id);
      await touchTemplate(trx, template.id, req.user!.id, clock.now());
    });
    addFlash(req, { kind: 'success', text: t(res)('onboarding.taskDeleted', { title: task.title }) });
    res.redirect(303, `/onboarding/templates/${template.id}`);
  });

  return router;
}
