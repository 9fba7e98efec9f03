import { requirePermission } from '../auth/permissions';
import type { Viewer } from '../auth/scopes';
import { runInUnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import type { Team } from './advisor';
import { saveTeam } from './team-plan.repository';

/** Saves today's team and lead flow, which the advisor answers from. */
export async function saveTeamPlan(deps: UseCaseDeps, actor: Viewer, team: Team): Promise<void> {
  requirePermission(actor, 'team_plan:use');
  await runInUnitOfWork(deps, async (uow) => {
    await saveTeam(uow.trx, team, actor.id, uow.now);
    uow.record({ type: 'TeamPlanSaved', actorId: actor.id, subject: { type: 'team_plan', id: 1 }, counts: { leadMonths: team.leadsPerMonth.length } });
  });
}
