import { roleCan } from '../auth/permissions';
import type { Viewer } from '../auth/scopes';
import type { PlanRecord, PlanTaskRecord } from './onboarding.repository';
import { personFor, signerOf } from './plan';

/** Admins and recruiters see every plan; a hiring manager sees the plans they manage. */
export function canViewPlan(viewer: Viewer, plan: Pick<PlanRecord, 'people'>): boolean {
  if (roleCan(viewer.role, 'onboarding:plans_all')) return true;
  return roleCan(viewer.role, 'onboarding:plans') && plan.people.managerId === viewer.id;
}

/** The new hire, whoever may view the plan, and the task's owner and signer. */
export function canSeeTask(viewer: Viewer, plan: Pick<PlanRecord, 'people'>, task: Pick<PlanTaskRecord, 'ownerRole' | 'signOff'>): boolean {
  return plan.people.newHireId === viewer.id || canViewPlan(viewer, plan) || personFor(plan.people, task.ownerRole) === viewer.id || signerOf(plan.people, task) === viewer.id;
}

/** Whether the viewer is the one who signs this task off (its owner or the manager, as the task says). */
export function isSignerOf(viewer: Viewer, plan: Pick<PlanRecord, 'people'>, task: Pick<PlanTaskRecord, 'ownerRole' | 'signOff'>): boolean {
  return signerOf(plan.people, task) === viewer.id;
}
