import { type Request, type Response, Router } from 'express';
import { allow } from '../auth/guard';
import { type Role, roleCan } from '../auth/permissions';
import type { Translate } from '../i18n/i18n';
import { listRoles } from '../roles/roles.service';
import { type FieldErrors, NotFoundError, ValidationError } from '../shared/errors';
import { positiveInt } from '../shared/ids';
import { inviteUrl } from '../shared/links';
import { addFlash } from '../web/flash';
import { keepValues } from '../web/forms';
import { languageOf } from '../web/locals';
import { renderPage } from '../web/render';
import { canViewPlan } from './access';
import { parseNewPlanForm, parseReviewForm, parseScheduleForm, PEOPLE_FORM_FIELDS, PLAN_FIELDS } from './onboarding.forms';
import { findPlan, listPeople, listPlans, listPlanStaff, type PersonOption, type PlanFilter, type PlanRecord, userIdsWithPlans } from './onboarding.repository';
import { commonLocals, idParam, type OnboardingRouterDeps } from './onboarding.views';
import { loadPlanViews, type PlanView } from './onboarding.service';
import { isReviewOpen, nextMonday, REVIEW_RATINGS, reviewOpensOn, todayOf } from './plan';
import { changePlan, createPlan, recordReview } from './plans.use-cases';

const PLAN_STATUSES = ['active', 'complete', 'all'] as const;

const t = (res: Response): Translate => res.locals.t as Translate;
const mayManagePlans = (p: PersonOption) => roleCan(p.role as Role, 'onboarding:plans');

function dashboardPage(deps: OnboardingRouterDeps) {
  return async (req: Request, res: Response) => {
    const all = roleCan(req.user!.role, 'onboarding:plans_all');
    const statusText = typeof req.query.status === 'string' ? req.query.status : 'active';
    const status = (PLAN_STATUSES as readonly string[]).includes(statusText) ? (statusText as PlanFilter['status']) : 'active';
    const roleId = positiveInt(req.query.role);
    const managerId = all ? positiveInt(req.query.manager) : undefined;
    const filter: PlanFilter = { status, ...(roleId ? { roleId } : {}), ...(managerId ? { managerId } : {}), ...(all ? {} : { managedBy: req.user!.id }) };
    const plans = await loadPlanViews(deps.db, await listPlans(deps.db, filter), todayOf(deps.clock.now()), languageOf(req));
    const [roles, people] = await Promise.all([listRoles(deps.db, languageOf(req)), listPlanStaff(deps.db)]);
    await renderPage(req, res, 'onboarding/plans', {
      title: 'onboarding.plans.title',
      plans,
      roles,
      managers: people.filter(mayManagePlans),
      showManagerFilter: all,
      filter: { role: roleId ? String(roleId) : '', manager: managerId ? String(managerId) : '', status },
      statuses: PLAN_STATUSES,
      ...commonLocals(deps, res),
    });
  };
}

function newPlanRenderer(deps: OnboardingRouterDeps) {
  return async (req: Request, res: Response, form: { values: Record<string, string>; fieldErrors?: FieldErrors }, status = 200) => {
    const [roles, people, staff, withPlans] = await Promise.all([listRoles(deps.db, languageOf(req)), listPeople(deps.db), listPlanStaff(deps.db), userIdsWithPlans(deps.db)]);
    await renderPage(req, res, 'onboarding/new-plan', { title: 'onboarding.newPlan.title', roles, people: staff, candidates: people.filter((p) => !withPlans.has(p.id)), managers: staff.filter(mayManagePlans), ...form }, status);
  };
}

function createHandler(deps: OnboardingRouterDeps, renderNewPlan: ReturnType<typeof newPlanRenderer>) {
  return async (req: Request, res: Response) => {
    const values = keepValues(req.body, PLAN_FIELDS);
    const parsed = parseNewPlanForm(req.body);
    if (!parsed.ok) return renderNewPlan(req, res, { values, fieldErrors: parsed.errors }, 422);
    try {
      const created = await createPlan(deps, req.user!, parsed.data);
      if (created.inviteToken && parsed.data.hire.mode === 'invite') addFlash(req, { kind: 'success', message: deps.mailConfigured ? 'onboarding.planCreatedInviteMailed' : 'onboarding.planCreatedInvite', params: { name: parsed.data.hire.name }, value: inviteUrl(deps.publicUrl, created.inviteToken) });
      else addFlash(req, { kind: 'success', message: 'onboarding.planCreated' });
      res.redirect(303, created.visible ? `/onboarding/plans/${created.planId}` : '/onboarding/plans');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      // A recorded hire that no longer qualifies is dropped from the form, so the next try starts without it.
      if (err.fieldErrors._form === 'onboarding.error.applicationInvalid') values.application_id = '';
      await renderNewPlan(req, res, { values, fieldErrors: err.fieldErrors }, 422);
    }
  };
}

type PlanForms = { schedule?: { values: Record<string, string>; errors: FieldErrors }; review?: { values: Record<string, string>; errors: FieldErrors } };

/** The pickers list the staff (not every account: most are new hires), and whoever the plan names already. */
function pickerPeople(db: OnboardingRouterDeps['db'], p: PlanView['people']): Promise<PersonOption[]> {
  return listPlanStaff(db, [p.buddyId, p.productLeadId, p.csLeadId, p.sdrLeadId].filter((id): id is number => id !== null));
}

function planRenderer(deps: OnboardingRouterDeps) {
  return async (req: Request, res: Response, view: PlanView, forms: PlanForms = {}, status = 200, staff?: PersonOption[]) => {
    const p = view.people;
    const people = staff ?? (await pickerPeople(deps.db, p));
    const scheduleValues = { start_date: view.startDate, manager_id: String(p.managerId), buddy_id: p.buddyId ? String(p.buddyId) : '', product_lead_id: p.productLeadId ? String(p.productLeadId) : '', cs_lead_id: p.csLeadId ? String(p.csLeadId) : '', sdr_lead_id: p.sdrLeadId ? String(p.sdrLeadId) : '' };
    await renderPage(
      req,
      res,
      'onboarding/plan',
      {
        title: { text: t(res)('onboarding.plan.title', { name: view.newHireName }) },
        plan: view,
        people: people.filter((x) => x.id !== view.newHireId),
        managers: people.filter((x) => x.id !== view.newHireId && mayManagePlans(x)),
        isManager: p.managerId === req.user!.id,
        reviewOpen: view.review !== null || isReviewOpen(view.startDate, todayOf(deps.clock.now())),
        reviewOpensOn: reviewOpensOn(view.startDate),
        schedule: forms.schedule ?? { values: scheduleValues, errors: {} },
        review: forms.review ?? { values: { rating: view.review ? String(view.review.rating) : '', note: view.review?.note ?? '' }, errors: {} },
        ratings: REVIEW_RATINGS,
        ...commonLocals(deps, res),
      },
      status,
    );
  };
}

/** The plans: dashboard, creation, one plan with its schedule and people, and the 90-day review. */
export function createOnboardingPlansRouter(deps: OnboardingRouterDeps): Router {
  const router = Router();
  const renderNewPlan = newPlanRenderer(deps);
  const renderPlan = planRenderer(deps);
  const today = () => todayOf(deps.clock.now());
  /** The plan a route names, with its tasks and progress, if the viewer may see it; 404 otherwise. */
  const planOf = async (req: Request): Promise<PlanRecord> => {
    const plan = await findPlan(deps.db, idParam(req.params.id));
    if (!plan || !canViewPlan(req.user!, plan)) throw new NotFoundError();
    return plan;
  };
  const viewOfPlan = async (req: Request, plan: PlanRecord): Promise<PlanView> => (await loadPlanViews(deps.db, [plan], today(), languageOf(req)))[0]!;
  const viewOf = async (req: Request): Promise<PlanView> => viewOfPlan(req, await planOf(req));

  router.get('/onboarding/plans', allow('onboarding:plans'), dashboardPage(deps));
  router.get('/onboarding/plans/new', allow('onboarding:plans'), async (req, res) => {
    // A recorded hire links here with the new hire's name, email, role and manager filled in.
    const prefill = Object.fromEntries(['hire_name', 'hire_email', 'role_id', 'manager_id', 'application_id'].flatMap((name) => (typeof req.query[name] === 'string' ? [[name, (req.query[name] as string).slice(0, 254)]] : [])));
    // Someone hired from a decision usually starts on a Monday: the next one.
    const startDate = prefill.application_id ? nextMonday(today()) : today();
    await renderNewPlan(req, res, { values: { hire_mode: 'invite', start_date: startDate, manager_id: String(req.user!.id), ...prefill } });
  });
  router.post('/onboarding/plans', allow('onboarding:plans'), createHandler(deps, renderNewPlan));
  router.get('/onboarding/plans/:id', allow('onboarding:plans'), async (req, res) => {
    const plan = await planOf(req);
    // The pickers' people need only the plan's row: read beside its tasks (on PostgreSQL, a round trip less).
    const [view, staff] = await Promise.all([viewOfPlan(req, plan), pickerPeople(deps.db, plan.people)]);
    await renderPlan(req, res, view, {}, 200, staff);
  });
  router.post('/onboarding/plans/:id', allow('onboarding:plans'), async (req, res) => {
    const view = await viewOf(req);
    const values = keepValues(req.body, ['start_date', ...PEOPLE_FORM_FIELDS]);
    const parsed = parseScheduleForm(req.body);
    try {
      if (!parsed.ok) throw new ValidationError(parsed.errors);
      const { moved, visible } = await changePlan(deps, req.user!, view.id, parsed.data);
      addFlash(req, { kind: 'success', message: 'onboarding.planSaved', params: { moved } });
      res.redirect(303, visible ? `/onboarding/plans/${view.id}` : '/onboarding/plans');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderPlan(req, res, view, { schedule: { values, errors: err.fieldErrors } }, 422);
    }
  });
  router.post('/onboarding/plans/:id/review', allow('onboarding:plans'), async (req, res) => {
    const view = await viewOf(req);
    const values = keepValues(req.body, ['rating', 'note']);
    const parsed = parseReviewForm(req.body);
    try {
      if (!parsed.ok) throw new ValidationError(parsed.errors);
      await recordReview(deps, req.user!, view.id, parsed.data);
      addFlash(req, { kind: 'success', message: 'onboarding.reviewSaved' });
      res.redirect(303, `/onboarding/plans/${view.id}#review`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderPlan(req, res, view, { review: { values, errors: err.fieldErrors } }, 422);
    }
  });
  return router;
}
