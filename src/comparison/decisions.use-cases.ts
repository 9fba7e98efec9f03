import { mayDecideOn, requirePermission } from '../auth/permissions';
import { canViewApplication, type Viewer } from '../auth/scopes';
import { lockOpeningOfApplication } from '../db/locks';
import { runInUnitOfWork, type UnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import { closeByDecisionIn, reopenByDecisionIn } from '../candidates/applications.use-cases';
import { findApplication, findCandidate } from '../candidates/candidates.service';
import { findPlanOfApplication } from '../onboarding/onboarding.service';
import { findOpening } from '../openings/openings.service';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';
import { buildComparison } from './comparison.service';
import { type DecisionInput, validateDecision, validateReopening } from './decision';
import { findDecision, insertDecision, moveDecisionToReopened } from './decisions.repository';

/** Locks the application's opening and loads both, if the actor may decide on it (an admin, or the opening's hiring manager who may see it); NotFoundError otherwise. */
async function lockDecidableApplication(uow: UnitOfWork, actor: Viewer, applicationId: number) {
  const openingId = await lockOpeningOfApplication(uow.trx, applicationId);
  const application = openingId === undefined ? undefined : await findApplication(uow.trx, applicationId, 'en');
  const opening = application && (await findOpening(uow.trx, application.openingId, 'en'));
  if (!application || !opening || !(await canViewApplication(uow.trx, actor, applicationId)) || !mayDecideOn(actor, opening)) throw new NotFoundError();
  return { application, opening };
}

/**
 * Records the hire / no-hire decision on an active application, by an admin or the opening's hiring
 * manager who may read its whole panel. The flags and weighted score shown at that moment are kept
 * with it; hiring over a serious flag needs a written reason per flag. The application becomes hired
 * or rejected (with the rationale) and its history says so.
 */
export async function recordDecision(deps: UseCaseDeps, actor: Viewer, applicationId: number, input: DecisionInput): Promise<{ decision: 'hire' | 'no_hire'; candidateName: string }> {
  requirePermission(actor, 'decisions:make');
  return runInUnitOfWork(deps, async (uow) => {
    const { application, opening } = await lockDecidableApplication(uow, actor, applicationId);
    const comparison = await buildComparison(uow.trx, actor, opening, { applicationIds: [application.id] }, uow.now, 'en', 'detail');
    const candidate = comparison.candidates.find((c) => c.applicationId === application.id);
    if (!candidate) throw new NotFoundError();
    if (application.status !== 'active' || candidate.hidden || (await findDecision(uow.trx, application.id))) throw new ConflictError('decision.error.closed');
    const result = validateDecision(input, candidate.score.flags);
    if (!result.ok) throw new ValidationError(result.errors);
    const status = result.decision === 'hire' ? 'hired' : 'rejected';
    await insertDecision(
      uow.trx,
      { applicationId: application.id, decision: result.decision, rationale: result.rationale, acknowledgements: result.acknowledgements, flags: candidate.score.flags, weightedScore: candidate.score.weightedScore, decidedBy: actor.id },
      uow.now,
    );
    await closeByDecisionIn(uow, actor, application, { status, rationale: result.rationale });
    uow.record({ type: 'DecisionRecorded', actorId: actor.id, subject: { type: 'application', id: application.id }, counts: { flags: candidate.score.flags.length }, applicationId: application.id, openingId: opening.id, decision: result.decision });
    return { decision: result.decision, candidateName: candidate.candidateName };
  });
}

/** Reopening refused: an onboarding plan was made from this hire. Names the plan so the page can say which. */
export class HirePlanExistsError extends ConflictError {
  constructor(readonly plan: { id: number; newHireName: string; startDate: string }) {
    super('decision.reopen.planExists');
  }
}

/**
 * Reopens the decision on an application, by an admin or the opening's hiring manager, with a
 * written reason. The decision moves to the application's earlier decisions (shown in its history,
 * never counted again); the application is active again at the stage it was at, awaiting a new
 * decision. A hire from which an onboarding plan was made stays (HirePlanExistsError): the new hire
 * has an account and tasks by then. ConflictError when there is no decision to reopen.
 */
export async function reopenDecision(deps: UseCaseDeps, actor: Viewer, applicationId: number, input: { reason: string }): Promise<{ candidateName: string }> {
  requirePermission(actor, 'decisions:make');
  return runInUnitOfWork(deps, async (uow) => {
    const { application, opening } = await lockDecidableApplication(uow, actor, applicationId);
    if (!(await findDecision(uow.trx, application.id))) throw new ConflictError('decision.reopen.nothing');
    const plan = await findPlanOfApplication(uow.trx, application.id);
    if (plan) throw new HirePlanExistsError(plan);
    const result = validateReopening(input);
    if (!result.ok) throw new ValidationError(result.errors);
    const moved = await moveDecisionToReopened(uow.trx, application.id, { reopenedBy: actor.id, reason: result.reason }, uow.now);
    if (!moved) throw new ConflictError('decision.reopen.nothing');
    await reopenByDecisionIn(uow, actor, application, result.reason);
    uow.record({ type: 'DecisionReopened', actorId: actor.id, subject: { type: 'application', id: application.id }, applicationId: application.id, openingId: opening.id, decision: moved.decision });
    const person = await findCandidate(uow.trx, application.candidateId);
    return { candidateName: person?.name ?? '' };
  });
}
