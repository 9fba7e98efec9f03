import { requirePermission } from '../auth/permissions';
import type { Language } from '../i18n/i18n';
import { canViewApplication, type Viewer } from '../auth/scopes';
import { lockCandidate, lockOpeningOfApplication, lockOpenings } from '../db/locks';
import { runInUnitOfWork, type UnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import { findOpening, listStages } from '../openings/openings.service';
import { NotFoundError, ValidationError } from '../shared/errors';
import { applicationExists, findApplication, findFirstStageId, insertApplication, insertEvent, updateApplication } from './applications.repository';
import type { ApplicationStatus } from './candidate';

/**
 * Applies a candidate to an open opening, at its plan's first stage. With the candidate's row
 * (shared) and the opening's locked, it checks again that the candidate still exists (NotFoundError
 * if erased a moment before) and does not apply there yet (ValidationError: someone else's request
 * got there first).
 */
export async function addApplicationIn(uow: UnitOfWork, actor: Viewer, candidateId: number, openingId: number): Promise<number> {
  // Who the candidate is (their source) counts in the opening's totals: wait for an edit under way.
  if (!(await lockCandidate(uow.trx, candidateId, 'share'))) throw new NotFoundError();
  await lockOpenings(uow.trx, [openingId]);
  const opening = await findOpening(uow.trx, openingId, 'en');
  if (!opening || opening.status === 'closed' || (await applicationExists(uow.trx, candidateId, openingId))) throw new ValidationError({ opening_id: 'applications.error.opening' });
  const stageId = await findFirstStageId(uow.trx, openingId);
  const applicationId = await insertApplication(uow.trx, { candidateId, openingId, stageId }, uow.now);
  await insertEvent(uow.trx, { applicationId, actorId: actor.id, kind: 'applied', stageId, status: 'active', note: '' }, uow.now);
  uow.record({ type: 'ApplicationAdded', actorId: actor.id, subject: { type: 'application', id: applicationId }, counts: { openingId }, applicationId, candidateId, openingId });
  return applicationId;
}

export async function addApplication(deps: UseCaseDeps, actor: Viewer, candidateId: number, openingId: number): Promise<number> {
  requirePermission(actor, 'candidates:manage');
  return runInUnitOfWork(deps, (uow) => addApplicationIn(uow, actor, candidateId, openingId));
}

/** The application, locked with its opening, if the actor may see it; NotFoundError otherwise. */
async function lockVisibleApplication(uow: UnitOfWork, actor: Viewer, applicationId: number) {
  const openingId = await lockOpeningOfApplication(uow.trx, applicationId);
  const application = openingId === undefined ? undefined : await findApplication(uow.trx, applicationId, 'en');
  if (!application || !(await canViewApplication(uow.trx, actor, applicationId))) throw new NotFoundError();
  return application;
}

/** Moves an active application to another stage of its opening's plan (nothing happens if it is there already). */
export async function moveApplication(deps: UseCaseDeps, actor: Viewer, applicationId: number, stageId: number | undefined, language: Language): Promise<{ stageName: string; stageSeedKey: string | null }> {
  requirePermission(actor, 'candidates:manage');
  return runInUnitOfWork(deps, async (uow) => {
    const application = await lockVisibleApplication(uow, actor, applicationId);
    const stage = (await listStages(uow.trx, application.openingId, language)).find((s) => s.id === stageId);
    if (application.status !== 'active') throw new ValidationError({ _form: 'applications.error.notActive' });
    if (!stage) throw new ValidationError({ stage_id: 'applications.error.stage' });
    if (stage.id !== application.stageId) {
      await updateApplication(uow.trx, application.id, { stageId: stage.id }, uow.now);
      await insertEvent(uow.trx, { applicationId: application.id, actorId: actor.id, kind: 'stage', stageId: stage.id, status: null, note: '' }, uow.now);
      uow.record({ type: 'ApplicationMoved', actorId: actor.id, subject: { type: 'application', id: application.id }, counts: { stageId: stage.id }, applicationId: application.id, openingId: application.openingId, stageId: stage.id });
    }
    return { stageName: stage.name, stageSeedKey: stage.seedKey };
  });
}

/** Statuses set by hand; "hired" is a decision with its own page and rules. */
export const MANUAL_STATUSES = ['active', 'rejected', 'withdrawn'] as const satisfies readonly ApplicationStatus[];
export type ManualStatus = (typeof MANUAL_STATUSES)[number];

/** Sets an application's status with a reason (required to reject); the history records it. */
export async function changeApplicationStatus(deps: UseCaseDeps, actor: Viewer, applicationId: number, input: { status: ManualStatus; reason: string }): Promise<void> {
  requirePermission(actor, 'candidates:manage');
  await runInUnitOfWork(deps, async (uow) => {
    const application = await lockVisibleApplication(uow, actor, applicationId);
    const reason = input.status === 'active' ? '' : input.reason;
    await updateApplication(uow.trx, application.id, { status: input.status, statusReason: reason }, uow.now);
    await insertEvent(uow.trx, { applicationId: application.id, actorId: actor.id, kind: 'status', stageId: application.stageId, status: input.status, note: input.reason }, uow.now);
    uow.record({ type: 'ApplicationStatusChanged', actorId: actor.id, subject: { type: 'application', id: application.id }, applicationId: application.id, openingId: application.openingId, status: input.status });
  });
}

/** Closes an application as the outcome of a recorded decision: hired, or rejected with the rationale as its reason. */
export async function closeByDecisionIn(uow: UnitOfWork, actor: Viewer, application: { id: number; openingId: number; stageId: number | null }, outcome: { status: 'hired' | 'rejected'; rationale: string }): Promise<void> {
  await updateApplication(uow.trx, application.id, { status: outcome.status, statusReason: outcome.status === 'hired' ? '' : outcome.rationale }, uow.now);
  await insertEvent(uow.trx, { applicationId: application.id, actorId: actor.id, kind: 'decision', stageId: application.stageId, status: outcome.status, note: outcome.rationale }, uow.now);
  uow.record({ type: 'ApplicationStatusChanged', actorId: actor.id, subject: { type: 'application', id: application.id }, applicationId: application.id, openingId: application.openingId, status: outcome.status });
}
