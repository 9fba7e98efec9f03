import { requirePermission } from '../auth/permissions';
import { canViewCandidate, type Viewer } from '../auth/scopes';
import type { DbOrTrx } from '../db/database';
import { lockCandidate, lockOpenings } from '../db/locks';
import { runInUnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import { type Language, type MessageKey, translator } from '../i18n/i18n';
import { DomainError, NotFoundError } from '../shared/errors';
import type { FileStorage } from '../uploads/file-storage';
import { discardStoredFile } from '../uploads/uploads.service';
import { findUserById } from '../users/users.service';
import { insertEvent } from './applications.repository';
import { refreshCandidateActivity } from './candidates.repository';
import { mergedDetails, sameOpeningOutcome } from './duplicates';
import {
  deleteMergedCandidate,
  emailHeldByAnother,
  findMergeCandidates,
  foldApplication,
  listMergeApplications,
  type MergeApplication,
  type MergeCandidate,
  isCareersResume,
  moveApplications,
  updateKeptCandidate,
} from './duplicates.repository';

/** A merge the rules refuse, with the message to show (and its parameters). */
export class MergeRefusedError extends DomainError {
  constructor(
    readonly messageKey: MessageKey,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(messageKey);
  }
}

/** What merging `merged` into `kept` would do, as the confirm page shows it and the merge does it. */
export interface MergePlan {
  readonly kept: MergeCandidate;
  readonly merged: MergeCandidate;
  /** The merged record's applications that move over as they are. */
  readonly moving: readonly MergeApplication[];
  /** The merged record's applications to an opening the kept one applies to as well, with nothing done on them yet: their history joins the kept application. */
  readonly folding: readonly { readonly from: MergeApplication; readonly into: MergeApplication }[];
  /** Openings both records apply to where the merged application has interviews, decisions or a plan: the merge is refused. */
  readonly blocked: readonly MergeApplication[];
  readonly keptApplications: readonly MergeApplication[];
  /** Whose résumé the kept record ends with, and whether the merged record's file is deleted. */
  readonly resume: { readonly keeps: 'kept' | 'merged' | 'none'; readonly discardsMerged: boolean };
  /** Details of the kept record filled from the merged one. */
  readonly filled: readonly ('email' | 'phone' | 'linkedin')[];
}

async function planMerge(db: DbOrTrx, keptId: number, mergedId: number): Promise<MergePlan | undefined> {
  const candidates = await findMergeCandidates(db, [keptId, mergedId]);
  const kept = candidates.get(keptId);
  const merged = candidates.get(mergedId);
  if (!kept || !merged) return undefined;
  const applications = await listMergeApplications(db, [keptId, mergedId]);
  const keptApplications = applications.filter((a) => a.candidateId === keptId);
  const byOpening = new Map(keptApplications.map((a) => [a.openingId, a]));
  const moving: MergeApplication[] = [];
  const folding: { from: MergeApplication; into: MergeApplication }[] = [];
  const blocked: MergeApplication[] = [];
  for (const application of applications.filter((a) => a.candidateId === mergedId)) {
    const into = byOpening.get(application.openingId);
    if (!into) moving.push(application);
    else if (sameOpeningOutcome(application) === 'fold') folding.push({ from: application, into });
    else blocked.push(application);
  }
  const keeps = kept.resumeFileId !== null ? 'kept' : merged.resumeFileId !== null ? 'merged' : 'none';
  const filled = [
    ...(kept.email === '' && merged.email !== '' ? (['email'] as const) : []),
    ...(kept.phone === '' && merged.phone !== '' ? (['phone'] as const) : []),
    ...(kept.linkedinUrl === '' && merged.linkedinUrl !== '' ? (['linkedin'] as const) : []),
  ];
  return { kept, merged, moving, folding, blocked, keptApplications, resume: { keeps, discardsMerged: keeps === 'kept' && merged.resumeFileId !== null }, filled };
}

/**
 * What merging would do, for the confirm page: undefined when either record is gone or hidden
 * from the viewer.
 */
export async function previewMerge(db: DbOrTrx, viewer: Viewer, keptId: number, mergedId: number): Promise<MergePlan | undefined> {
  if (keptId === mergedId) return undefined;
  if (!(await canViewCandidate(db, viewer, keptId)) || !(await canViewCandidate(db, viewer, mergedId))) return undefined;
  return planMerge(db, keptId, mergedId);
}

/**
 * Merges two records of one person into the kept one, in one transaction: the merged record's
 * applications move over with everything hanging on them (an application to an opening the kept
 * record applies to as well folds its history into the kept one when nothing else was done on it,
 * and refuses the merge otherwise); its résumé moves if the kept record has none (otherwise it is
 * deleted: personal data no page reaches); its notes are appended under a line naming it; its
 * e-mail, phone and LinkedIn fill the kept record's empty ones. Then it is deleted, each application
 * of the kept record says in its history who merged which record, and `CandidatesMerged` is recorded.
 *
 * Refused (MergeRefusedError) for a record merged into itself, either record gone meanwhile (erased
 * or merged a moment ago), and an opening both apply to that cannot be folded; NotFoundError when the
 * actor may not see either.
 */
export async function mergeCandidates(deps: UseCaseDeps & { readonly storage: FileStorage }, actor: Viewer, keptId: number, mergedId: number, language: Language): Promise<{ mergedName: string; movedApplications: number }> {
  requirePermission(actor, 'candidates:manage');
  if (keptId === mergedId) throw new MergeRefusedError('duplicates.error.self');
  return runInUnitOfWork(deps, async (uow) => {
    const { trx } = uow;
    // The lock order: candidates' rows (both, in id order, so two merges of the pair queue), then their openings.
    const [first, second] = keptId < mergedId ? [keptId, mergedId] : [mergedId, keptId];
    const found = [await lockCandidate(trx, first, 'update'), await lockCandidate(trx, second, 'update')];
    if (found.includes(false)) throw new MergeRefusedError('duplicates.error.gone');
    if (!(await canViewCandidate(trx, actor, keptId)) || !(await canViewCandidate(trx, actor, mergedId))) throw new NotFoundError();
    const plan = await planMerge(trx, keptId, mergedId);
    if (!plan) throw new MergeRefusedError('duplicates.error.gone');
    if (plan.blocked.length > 0) throw new MergeRefusedError('duplicates.error.sameOpening', { openings: plan.blocked.map((a) => `“${a.openingTitle}”`).join(', ') });
    const openingIds = [...new Set([...plan.keptApplications, ...plan.moving, ...plan.folding.map((f) => f.from)].map((a) => a.openingId))].sort((a, b) => a - b);
    await lockOpenings(trx, openingIds);

    const { kept, merged } = plan;
    for (const { from, into } of plan.folding) await foldApplication(trx, from.id, into.id);
    await moveApplications(trx, merged.id, kept.id);

    const t = translator(language);
    const actorName = (await findUserById(trx, actor.id))?.name ?? `#${actor.id}`;
    const header = t('duplicates.notesHeader', { name: merged.name, id: merged.id, date: uow.now.toISOString().slice(0, 10), actor: actorName });
    const details = mergedDetails(kept, merged, header);
    // The merged row goes first: its e-mail is free before the kept record takes it.
    await deleteMergedCandidate(trx, merged.id);
    const emailUnique = kept.emailUnique ?? (details.email !== '' && !(await emailHeldByAnother(trx, details.email, kept.id)) ? details.email : null);
    const resumeFileId = plan.resume.keeps === 'merged' ? merged.resumeFileId : kept.resumeFileId;
    await updateKeptCandidate(trx, kept.id, { ...details, emailUnique, resumeFileId }, uow.now);
    // A résumé sent through the careers page stays with that application (its entry on the kept record).
    if (plan.resume.discardsMerged && merged.resumeFileId !== null && !(await isCareersResume(trx, merged.resumeFileId))) await discardStoredFile(uow, deps.storage, merged.resumeFileId);
    await refreshCandidateActivity(trx, kept.id, uow.now);

    const applications = [...plan.keptApplications, ...plan.moving];
    for (const application of applications) {
      await insertEvent(trx, { applicationId: application.id, actorId: actor.id, kind: 'merged', stageId: application.stageId, status: null, note: `${merged.name} (#${merged.id})` }, uow.now);
    }
    uow.record({
      type: 'CandidatesMerged',
      actorId: actor.id,
      subject: { type: 'candidate', id: kept.id },
      counts: { mergedCandidateId: merged.id, applicationsMoved: plan.moving.length, applicationsFolded: plan.folding.length, resumeMoved: plan.resume.keeps === 'merged' ? 1 : 0, resumeDeleted: plan.resume.discardsMerged ? 1 : 0 },
      candidateId: kept.id,
      mergedCandidateId: merged.id,
      openingIds,
    });
    return { mergedName: merged.name, movedApplications: plan.moving.length + plan.folding.length };
  });
}
