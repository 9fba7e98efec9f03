import type { UnitOfWork } from '../events/unit-of-work';
import { findPlan, listPlanTasks, setPlanCompletedAt } from './onboarding.repository';
import { isPlanComplete } from './plan';

/**
 * Sets the completion time when the plan has just become complete (kept), and records that it was
 * completed; clears the time if the plan no longer is complete (a task sent back).
 */
export async function refreshCompletion(uow: UnitOfWork, planId: number, actorId: number): Promise<void> {
  const plan = await findPlan(uow.trx, planId);
  if (!plan) return;
  const complete = isPlanComplete(await listPlanTasks(uow.trx, [planId], null));
  if (complete && plan.completedAt === null) {
    await setPlanCompletedAt(uow.trx, planId, uow.now.toISOString());
    uow.record({ type: 'OnboardingPlanCompleted', actorId, subject: { type: 'onboarding_plan', id: planId }, planId });
  }
  if (!complete && plan.completedAt !== null) await setPlanCompletedAt(uow.trx, planId, null);
}
