import type { Request } from 'express';
import { roleCan } from '../auth/permissions';
import type { UseCaseDeps } from '../events/unit-of-work';
import { canViewPlan } from '../onboarding/access';
import { findPlan, listPlans, loadPlanViews, type PlanFilter, type PlanView } from '../onboarding/onboarding.service';
import { todayOf } from '../onboarding/plan';
import { NotFoundError } from '../shared/errors';
import { apiLanguage } from './candidates-api.routes';
import { type ApiRoutes, decodeCursor, encodeCursor } from './operations.routes';
import { OnboardingPlan, OnboardingPlanListQuery, OnboardingPlanPage } from './schemas';

const progressOf = (p: PlanView['overall']) => ({ total: p.total, complete: p.complete, awaiting_sign_off: p.awaitingSignOff, overdue: p.overdue, percent: p.percent });

function summaryOf(view: PlanView) {
  return {
    id: view.id,
    role_name: view.roleName,
    start_date: view.startDate,
    new_hire_id: view.newHireId,
    new_hire_name: view.newHireName,
    manager_id: view.people.managerId,
    manager_name: view.names.manager,
    completed_at: view.completedAt,
    progress: progressOf(view.overall),
  };
}

export function addOnboardingRoutes(routes: ApiRoutes, deps: UseCaseDeps): void {
  routes.add(
    { method: 'get', path: '/api/v1/onboarding/plans', operationId: 'listOnboardingPlans', summary: 'Onboarding plans and their progress, as the plans dashboard lists them (a hiring manager: the plans they manage), newest first', tag: 'onboarding', permission: 'onboarding:plans', scope: 'read', query: OnboardingPlanListQuery, response: OnboardingPlanPage },
    async (req: Request, { query }) => {
      const [beforeId] = (decodeCursor(query.cursor, ['number']) ?? []) as number[];
      const all = roleCan(req.user!.role, 'onboarding:plans_all');
      const filter: PlanFilter = { status: query.status, ...(all ? {} : { managedBy: req.user!.id }) };
      const plans = (await listPlans(deps.db, filter)).sort((a, b) => b.id - a.id).filter((p) => beforeId === undefined || p.id < beforeId);
      const page = plans.slice(0, query.limit);
      const views = await loadPlanViews(deps.db, page, todayOf(deps.clock.now()), apiLanguage(req));
      const last = page[page.length - 1];
      return { data: views.map(summaryOf), next_cursor: plans.length > query.limit && last ? encodeCursor([last.id]) : null };
    },
  );

  routes.add(
    { method: 'get', path: '/api/v1/onboarding/plans/:id', operationId: 'getOnboardingPlan', summary: 'An onboarding plan: its tasks and progress, overall and per track', tag: 'onboarding', permission: 'onboarding:plans', scope: 'read', response: OnboardingPlan },
    async (req, { id }) => {
      const plan = await findPlan(deps.db, id);
      if (!plan || !canViewPlan(req.user!, plan)) throw new NotFoundError();
      const view = (await loadPlanViews(deps.db, [plan], todayOf(deps.clock.now()), apiLanguage(req)))[0]!;
      return {
        ...summaryOf(view),
        tracks: view.tracks.map((t) => ({ track: t.track, progress: progressOf(t.progress) })),
        tasks: view.tasks.map((t) => ({
          id: t.id,
          title: t.title,
          track: t.track,
          owner_role: t.ownerRole,
          owner_name: t.ownerName,
          due_date: t.dueDate,
          overdue: t.overdue,
          state: t.state,
          required: t.required,
          sign_off: t.signOff,
          done_at: t.doneAt,
          signed_off_at: t.signedOffAt,
        })),
      };
    },
  );
}
