import { mayDecideOn, requirePermission } from '../auth/permissions';
import { canViewApplication, type Viewer } from '../auth/scopes';
import { lockOpeningOfApplication } from '../db/locks';
import { runInUnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import { closeByDecisionIn } from '../candidates/applications.use-cases';
import { findApplication } from '../candidates/candidates.service';
import { findOpening } from '../openings/openings.service';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';
import { buildComparison } from './comparison.service';
import { type DecisionInput, validateDecision } from './decision';
import { findDecision, insertDecision } from './decisions.repository';

/**
 * Records the hire / no-hire decision on an active application, by an admin or the opening's hiring
 * manager who may read its whole panel. The flags and weighted score shown at that moment are kept
 * with it; hiring over a serious flag needs a written reason per flag. The application becomes hired
 * or rejected (with the rationale) and its history says so.
 */
export async function recordDecision(deps: UseCaseDeps, actor: Viewer, applicationId: number, input: DecisionInput): Promise<{ decision: 'hire' | 'no_hire'; candidateName: string }> {
  requirePermission(actor, 'decisions:make');
  return runInUnitOfWork(deps, async (uow) => {
    const openingId = await lockOpeningOfApplication(uow.trx, applicationId);
    const application = openingId === undefined ? undefined : await findApplication(uow.trx, applicationId, 'en');
    const opening = application && (await findOpening(uow.trx, application.openingId, 'en'));
    if (!application || !opening || !(await canViewApplication(uow.trx, actor, applicationId)) || !mayDecideOn(actor, opening)) throw new NotFoundError();
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
