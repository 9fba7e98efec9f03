import type { Request } from 'express';
import { findDecision } from '../comparison/comparison.service';
import { recordDecision } from '../comparison/decisions.use-cases';
import type { UseCaseDeps } from '../events/unit-of-work';
import type { ApiRoutes } from './operations.routes';
import { panelVisible } from './scorecards-api.routes';
import { DecisionCreate, DecisionState } from './schemas';

/** The standing decision as the summary page shows it: none while the token's user still owes a scorecard here. */
async function decisionState(deps: UseCaseDeps, req: Request, applicationId: number) {
  const visible = await panelVisible(deps, req, applicationId);
  const decision = visible ? await findDecision(deps.db, applicationId) : undefined;
  return {
    decision: decision
      ? { decision: decision.decision as 'hire' | 'no_hire', rationale: decision.rationale, flags: decision.flags, acknowledgements: decision.acknowledgements, weighted_score: decision.weightedScore, decided_by_name: decision.decidedByName, decided_at: decision.decidedAt }
      : null,
    withheld: !visible,
  };
}

export function addDecisionRoutes(routes: ApiRoutes, deps: UseCaseDeps): void {
  routes.add(
    { method: 'get', path: '/api/v1/applications/:id/decision', operationId: 'getDecision', summary: 'The hire / no-hire decision on an application', tag: 'decisions', permission: 'comparison:view', scope: 'read', response: DecisionState },
    (req, { id }) => decisionState(deps, req, id),
  );

  routes.add(
    { method: 'post', path: '/api/v1/applications/:id/decision', operationId: 'recordDecision', summary: 'Record the hire / no-hire decision (an admin, or the opening’s hiring manager)', tag: 'decisions', permission: 'decisions:make', scope: 'write', body: DecisionCreate, response: DecisionState, status: 201 },
    async (req, { id, body }) => {
      await recordDecision(deps, req.user!, id, { decision: body.decision, rationale: body.rationale, acknowledgements: body.acknowledgements ?? {} });
      return decisionState(deps, req, id);
    },
  );
}
