import { requirePermission } from '../auth/permissions';
import type { Viewer } from '../auth/scopes';
import { lockCandidateOpenings } from '../db/locks';
import { runInUnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import type { FileStorage } from '../uploads/file-storage';
import { discardStorageKey } from '../uploads/uploads.service';
import type { CandidateRecord, ErasureCounts } from './privacy';
import { collectCandidateRecord, deleteCandidateRows } from './privacy.repository';

/** What an export or erasure covers, per kind of row: the audit log keeps these counts. */
export function summarise(record: CandidateRecord): Record<string, number> {
  return {
    applications: record.applications.length,
    applicationEvents: record.events.length,
    interviews: record.interviews.length,
    scorecards: record.scorecards.length,
    scorecardRatings: record.ratings.length,
    scorecardHistory: record.history.length,
    decisions: record.decisions.length + record.reopenedDecisions.length,
    careersApplications: record.careersApplications.length,
    files: record.files.length,
  };
}

/** Records that the actor exported a candidate's data, and returns what to put in the archive (undefined when the candidate is gone). */
export async function exportCandidate(deps: UseCaseDeps, actor: Viewer, candidateId: number): Promise<CandidateRecord | undefined> {
  requirePermission(actor, 'privacy:manage');
  return runInUnitOfWork(deps, async (uow) => {
    const record = await collectCandidateRecord(uow.trx, candidateId);
    if (!record) return undefined;
    uow.record({ type: 'CandidateExported', actorId: actor.id, subject: { type: 'candidate', id: candidateId }, counts: summarise(record), candidateId });
    return record;
  });
}

/**
 * Erases a candidate: every row in one transaction, then the files once it has committed (kept in
 * the database, they go in the same transaction). File
 * rows go in the transaction, so after a crash between the two steps no record points at the files
 * any more, and the start-up sweep of unreferenced files removes them. Undefined when the candidate
 * is already gone.
 */
export async function eraseCandidate(deps: UseCaseDeps & { readonly storage: FileStorage }, actor: Viewer, candidateId: number): Promise<ErasureCounts | undefined> {
  requirePermission(actor, 'privacy:manage');
  return runInUnitOfWork(deps, async (uow) => {
    // Lock the candidate first, so an application added at the same time is either waited for and
    // erased with the rest or waits and then finds no candidate.
    const openingIds = await lockCandidateOpenings(uow.trx, candidateId);
    const deleted = await deleteCandidateRows(uow.trx, candidateId);
    if (!deleted) return undefined;
    for (const key of deleted.storageKeys) await discardStorageKey(uow, deps.storage, key);
    uow.record({ type: 'CandidateErased', actorId: actor.id, subject: { type: 'candidate', id: candidateId }, counts: { ...deleted.counts }, candidateId, openingIds });
    return deleted.counts;
  });
}
