import { requirePermission } from '../auth/permissions';
import type { Language } from '../i18n/i18n';
import { canViewApplication, canViewCandidate, type Viewer } from '../auth/scopes';
import { lockCandidate, lockOpeningOfApplication, lockOpenings } from '../db/locks';
import { runInUnitOfWork, type UnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import { findOpening, listStages } from '../openings/openings.service';
import type { MessageKey } from '../i18n/i18n';
import { NotFoundError, ValidationError } from '../shared/errors';
import { applicationExists, findApplication, findFirstStageId, insertApplication, insertEvent, updateApplication } from './applications.repository';
import { findDecision } from '../comparison/comparison.service';
import type { ApplicationStatus, CareersHistoryKind } from './candidate';

/**
 * Applies a candidate to an open opening, at its plan's first stage (`actor` null: the applicant
 * themselves, through the careers page; `history` then says so in the application's history). With the candidate's row
 * (shared) and the opening's locked, it checks again that the candidate still exists (NotFoundError
 * if erased a moment before) and does not apply there yet (ValidationError: someone else's request
 * got there first).
 */
export async function addApplicationIn(uow: UnitOfWork, actor: { readonly id: number | null }, candidateId: number, openingId: number, options: { readonly history?: CareersHistoryKind } = {}): Promise<number> {
  // Who the candidate is (their source) counts in the opening's totals: wait for an edit under way.
  if (!(await lockCandidate(uow.trx, candidateId, 'share'))) throw new NotFoundError();
  await lockOpenings(uow.trx, [openingId]);
  const opening = await findOpening(uow.trx, openingId, 'en');
  if (!opening || opening.status === 'closed' || (await applicationExists(uow.trx, candidateId, openingId))) throw new ValidationError({ opening_id: 'applications.error.opening' });
  const stageId = await findFirstStageId(uow.trx, openingId);
  const applicationId = await insertApplication(uow.trx, { candidateId, openingId, stageId }, uow.now);
  await insertEvent(uow.trx, { applicationId, actorId: actor.id, kind: 'applied', stageId, status: 'active', note: '' }, uow.now);
  // How the application came (the careers page, and whether it joined someone already known) is a line of its own: reports read only 'applied'.
  if (options.history) await insertEvent(uow.trx, { applicationId, actorId: actor.id, kind: options.history, stageId: null, status: null, note: '' }, uow.now);
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

/** Moves an active application to another stage of its opening's plan, inside the caller's unit of work (nothing happens if it is there already). */
export async function moveApplicationIn(uow: UnitOfWork, actor: Viewer, applicationId: number, stageId: number | undefined, language: Language): Promise<{ stageName: string; stageSeedKey: string | null }> {
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
}

/** Moves an active application to another stage of its opening's plan (nothing happens if it is there already). */
export async function moveApplication(deps: UseCaseDeps, actor: Viewer, applicationId: number, stageId: number | undefined, language: Language): Promise<{ stageName: string; stageSeedKey: string | null }> {
  requirePermission(actor, 'candidates:manage');
  return runInUnitOfWork(deps, (uow) => moveApplicationIn(uow, actor, applicationId, stageId, language));
}

/** Statuses set by hand; "hired" is a decision with its own page and rules. */
export const MANUAL_STATUSES = ['active', 'rejected', 'withdrawn'] as const satisfies readonly ApplicationStatus[];
export type ManualStatus = (typeof MANUAL_STATUSES)[number];

/** Sets an application's status with a reason, inside the caller's unit of work; `onlyActive` refuses a closed one. */
async function changeApplicationStatusIn(uow: UnitOfWork, actor: Viewer, applicationId: number, input: { status: ManualStatus; reason: string }, onlyActive = false): Promise<void> {
  const application = await lockVisibleApplication(uow, actor, applicationId);
  if (onlyActive && application.status !== 'active') throw new ValidationError({ _form: 'applications.error.notActive' });
  // A decided application opens again only by reopening its decision (who may, a reason, the history).
  if (input.status === 'active' && application.status !== 'active' && (await findDecision(uow.trx, application.id))) throw new ValidationError({ status: 'applications.error.decided' });
  const reason = input.status === 'active' ? '' : input.reason;
  await updateApplication(uow.trx, application.id, { status: input.status, statusReason: reason }, uow.now);
  await insertEvent(uow.trx, { applicationId: application.id, actorId: actor.id, kind: 'status', stageId: application.stageId, status: input.status, note: input.reason }, uow.now);
  uow.record({ type: 'ApplicationStatusChanged', actorId: actor.id, subject: { type: 'application', id: application.id }, applicationId: application.id, openingId: application.openingId, status: input.status });
}

/** Sets an application's status with a reason (required to reject); the history records it. A decided application is made active again only by reopening its decision. */
export async function changeApplicationStatus(deps: UseCaseDeps, actor: Viewer, applicationId: number, input: { status: ManualStatus; reason: string }): Promise<void> {
  requirePermission(actor, 'candidates:manage');
  await runInUnitOfWork(deps, (uow) => changeApplicationStatusIn(uow, actor, applicationId, input));
}

/** Rejects an active application with a reason (a closed one is refused: ValidationError). */
export async function rejectApplication(deps: UseCaseDeps, actor: Viewer, applicationId: number, reason: string): Promise<void> {
  requirePermission(actor, 'candidates:manage');
  await runInUnitOfWork(deps, (uow) => changeApplicationStatusIn(uow, actor, applicationId, { status: 'rejected', reason }, true));
}

/** The most rows one bulk action takes (a page of candidates is 25; a form carries at most 1000 fields). */
export const MAX_BULK_ROWS = 500;

/** One selected row a bulk action refused, and why. */
export interface BulkRefusal {
  readonly id: number;
  readonly reason: MessageKey;
}

/** A bulk action refused for some of its rows: nothing was saved (the whole action rolled back). */
export class BulkRefusedError extends ValidationError {
  constructor(readonly refusals: readonly BulkRefusal[]) {
    super({ _form: 'bulk.error.rows' });
  }
}

/**
 * Runs one change per selected row in a single unit of work: all of them, or none. Every row is
 * tried, so the refusal names each row that failed (closed, gone from the viewer's sight, already
 * applied); then the whole action rolls back.
 */
async function runBulk(deps: UseCaseDeps, ids: readonly number[], change: (uow: UnitOfWork, id: number) => Promise<unknown>): Promise<number> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new ValidationError({ selection: 'bulk.error.none' });
  if (unique.length > MAX_BULK_ROWS) throw new ValidationError({ selection: 'bulk.error.tooMany' });
  return runInUnitOfWork(deps, async (uow) => {
    const refusals: BulkRefusal[] = [];
    // In id order: two bulk actions on the same rows take their locks in the same order.
    for (const id of [...unique].sort((a, b) => a - b)) {
      try {
        await change(uow, id);
      } catch (err) {
        if (err instanceof NotFoundError) refusals.push({ id, reason: 'bulk.error.notFound' });
        else if (err instanceof ValidationError) refusals.push({ id, reason: Object.values(err.fieldErrors)[0] ?? 'validation.invalid' });
        else throw err;
      }
    }
    if (refusals.length > 0) throw new BulkRefusedError(refusals);
    return unique.length;
  });
}

/**
 * Moves the selected applications to a stage, each as a single move would (history, events, audit),
 * in one transaction. A stage outside `openingId`'s plan is refused before anything else.
 */
export async function bulkMoveApplications(deps: UseCaseDeps, actor: Viewer, openingId: number, applicationIds: readonly number[], stageId: number | undefined, language: Language): Promise<{ count: number; stageName: string; stageSeedKey: string | null }> {
  requirePermission(actor, 'candidates:manage');
  const stage = (await listStages(deps.db, openingId, language)).find((s) => s.id === stageId);
  if (!stage) throw new ValidationError({ stage_id: 'applications.error.stage' });
  const count = await runBulk(deps, applicationIds, async (uow, id) => {
    const opening = await lockOpeningOfApplication(uow.trx, id);
    if (opening !== undefined && opening !== openingId) throw new NotFoundError();
    return moveApplicationIn(uow, actor, id, stage.id, language);
  });
  return { count, stageName: stage.name, stageSeedKey: stage.seedKey };
}

/** Rejects the selected active applications with one reason, each as a single rejection would, in one transaction. */
export async function bulkRejectApplications(deps: UseCaseDeps, actor: Viewer, openingId: number, applicationIds: readonly number[], reason: string): Promise<number> {
  requirePermission(actor, 'candidates:manage');
  const trimmed = reason.trim();
  if (trimmed === '') throw new ValidationError({ reason: 'applications.error.reason' });
  if (trimmed.length > 1000) throw new ValidationError({ reason: 'bulk.error.reasonLong' });
  return runBulk(deps, applicationIds, async (uow, id) => {
    const opening = await lockOpeningOfApplication(uow.trx, id);
    if (opening !== undefined && opening !== openingId) throw new NotFoundError();
    return changeApplicationStatusIn(uow, actor, id, { status: 'rejected', reason: trimmed }, true);
  });
}

/** Applies the selected candidates to an open opening, each as a single application would, in one transaction. */
export async function bulkAddApplications(deps: UseCaseDeps, actor: Viewer, candidateIds: readonly number[], openingId: number | undefined): Promise<number> {
  requirePermission(actor, 'candidates:manage');
  if (openingId === undefined) throw new ValidationError({ opening_id: 'applications.error.opening' });
  const opening = await findOpening(deps.db, openingId, 'en');
  if (!opening || opening.status === 'closed') throw new ValidationError({ opening_id: 'applications.error.opening' });
  return runBulk(deps, candidateIds, async (uow, candidateId) => {
    if (!(await canViewCandidate(uow.trx, actor, candidateId))) throw new NotFoundError();
    if (await applicationExists(uow.trx, candidateId, openingId)) throw new ValidationError({ opening_id: 'bulk.error.applied' });
    return addApplicationIn(uow, actor, candidateId, openingId);
  });
}

/** Closes an application as the outcome of a recorded decision: hired, or rejected with the rationale as its reason. */
export async function closeByDecisionIn(uow: UnitOfWork, actor: Viewer, application: { id: number; openingId: number; stageId: number | null }, outcome: { status: 'hired' | 'rejected'; rationale: string }): Promise<void> {
  await updateApplication(uow.trx, application.id, { status: outcome.status, statusReason: outcome.status === 'hired' ? '' : outcome.rationale }, uow.now);
  await insertEvent(uow.trx, { applicationId: application.id, actorId: actor.id, kind: 'decision', stageId: application.stageId, status: outcome.status, note: outcome.rationale }, uow.now);
  uow.record({ type: 'ApplicationStatusChanged', actorId: actor.id, subject: { type: 'application', id: application.id }, applicationId: application.id, openingId: application.openingId, status: outcome.status });
}

/** Opens an application again when its decision is reopened: active at the stage it was at, awaiting a decision; the history records who, when and why. */
export async function reopenByDecisionIn(uow: UnitOfWork, actor: Viewer, application: { id: number; openingId: number; stageId: number | null }, reason: string): Promise<void> {
  await updateApplication(uow.trx, application.id, { status: 'active', statusReason: '' }, uow.now);
  await insertEvent(uow.trx, { applicationId: application.id, actorId: actor.id, kind: 'reopened', stageId: application.stageId, status: 'active', note: reason }, uow.now);
  uow.record({ type: 'ApplicationStatusChanged', actorId: actor.id, subject: { type: 'application', id: application.id }, applicationId: application.id, openingId: application.openingId, status: 'active' });
}
