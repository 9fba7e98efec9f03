import type { UnitOfWork } from '../events/unit-of-work';
import { findPlan, listPlanTasks, setPlanCompletedAt } from './onboarding.repository';
import { isPlanComplete } from './plan';

/** Sets the completion time when the plan has just become complete (kept), clears it if it no longer is. */
export async function refreshCompletion(uow: UnitOfWork, planId: number): Promise<void> {
  const plan = await findPlan(uow.trx, planId);
  if (!plan) return;
  const complete = isPlanComplete(await listPlanTasks(uow.trx, [planId], null));
  if (complete && plan.completedAt === null) await setPlanCompletedAt(uow.trx, planId, uow.now.toISOString());
  if (!complete && plan.completedAt !== null) await setPlanCompletedAt(uow.trx, planId, null);
}
