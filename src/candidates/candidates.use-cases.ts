import { requirePermission } from '../auth/permissions';
import type { Viewer } from '../auth/scopes';
import { lockCandidateOpenings } from '../db/locks';
import { runInUnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import { NotFoundError, ValidationError } from '../shared/errors';
import type { AcceptedUpload } from '../uploads/accepted-upload';
import type { FileStorage } from '../uploads/file-storage';
import { discardStoredFile, keepUpload } from '../uploads/uploads.service';
import { addApplicationIn } from './applications.use-cases';
import { type CandidateInput, findCandidate, insertCandidate, isCandidateEmailTaken, updateCandidate } from './candidates.repository';

export type CandidateDeps = UseCaseDeps & { readonly storage: FileStorage };

/**
 * The database keeps one candidate per e-mail address (a unique index): a second one, even saved at
 * the same moment by someone else, is refused there and shown as the usual message by the field.
 */
async function refusingTakenEmail<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (isCandidateEmailTaken(err)) throw new ValidationError({ email: 'candidates.error.emailTaken' });
    throw err;
  }
}

/**
 * Adds a candidate, with their résumé and, when an opening is given, an application to it at the
 * plan's first stage. Refuses a taken e-mail and a closed or unknown opening (ValidationError).
 */
export async function addCandidate(deps: CandidateDeps, actor: Viewer, input: { candidate: CandidateInput; openingId?: number; resume?: AcceptedUpload }): Promise<number> {
  requirePermission(actor, 'candidates:manage');
  return refusingTakenEmail(runInUnitOfWork(deps, async (uow) => {
    const file = input.resume ? await keepUpload(uow, deps.storage, input.resume, actor.id) : undefined;
    const candidateId = await insertCandidate(uow.trx, { ...input.candidate, resumeFileId: file?.id ?? null, createdBy: actor.id }, uow.now);
    uow.record({ type: 'CandidateAdded', actorId: actor.id, subject: { type: 'candidate', id: candidateId }, candidateId });
    if (input.openingId !== undefined) {
      try {
        await addApplicationIn(uow, actor, candidateId, input.openingId);
      } catch (err) {
        if (err instanceof ValidationError) throw new ValidationError({ opening_id: 'validation.invalid' });
        throw err;
      }
    }
    return candidateId;
  }));
}

/**
 * Saves a candidate's details, and a new résumé when one is given (the replaced file is deleted,
 * not just unlinked: it is personal data no page reaches any more).
 */
export async function editCandidate(deps: CandidateDeps, actor: Viewer, candidateId: number, input: { candidate: CandidateInput; resume?: AcceptedUpload }): Promise<void> {
  requirePermission(actor, 'candidates:manage');
  await refusingTakenEmail(runInUnitOfWork(deps, async (uow) => {
    // With the candidate locked no application can be added meanwhile: these are all their openings.
    const openingIds = await lockCandidateOpenings(uow.trx, candidateId);
    const before = await findCandidate(uow.trx, candidateId);
    if (!before) throw new NotFoundError();
    const file = input.resume ? await keepUpload(uow, deps.storage, input.resume, actor.id) : undefined;
    await updateCandidate(uow.trx, candidateId, { ...input.candidate, ...(file ? { resumeFileId: file.id } : {}) }, uow.now);
    if (file && before.resumeFileId !== null) await discardStoredFile(uow, deps.storage, before.resumeFileId);
    uow.record({ type: 'CandidateEdited', actorId: actor.id, subject: { type: 'candidate', id: candidateId }, counts: { resumeReplaced: file ? 1 : 0 }, candidateId, openingIds });
  }));
}
