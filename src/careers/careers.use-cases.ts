import { requirePermission } from '../auth/permissions';
import type { Viewer } from '../auth/scopes';
import { addApplicationIn } from '../candidates/applications.use-cases';
import { linkedInVariants } from '../candidates/candidate';
import { applicationExists, findCandidate, insertCandidate, updateCandidate } from '../candidates/candidates.service';
import { isUniqueViolation } from '../db/errors';
import { lockCandidateOpenings, lockCareersApplication, lockOpenings } from '../db/locks';
import { runInUnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import type { Language } from '../i18n/i18n';
import { findOpening } from '../openings/openings.service';
import { NotFoundError, TooManyAttemptsError, ValidationError } from '../shared/errors';
import type { AcceptedUpload } from '../uploads/accepted-upload';
import type { FileStorage } from '../uploads/file-storage';
import { keepUpload } from '../uploads/uploads.service';
import { countArrivalsSince, findMatchingCandidate, findPosting, findPublicPosting, insertCareersApplication, type PostingInput, recordArrival, savePostingRow, slugsLike } from './careers.repository';
import { LIMIT_WINDOW_MS, withinHourlyLimit } from './form-guard';
import { firstFreeSlug, slugFrom } from './posting';

/**
 * Saves an opening's careers-page posting. An empty slug is made from the public title (the first
 * free one); a slug typed by hand must be free. Publishing dates the posting (schema.org's
 * datePosted); unpublishing hides it at once. Records OpeningPublished / OpeningUnpublished when that
 * changed and OpeningPostingEdited when its words did. Returns the slug.
 */
export async function savePosting(deps: UseCaseDeps, actor: Viewer, openingId: number, input: Omit<PostingInput, 'slug'> & { slug: string }): Promise<string> {
  requirePermission(actor, 'openings:manage');
  try {
    return await runInUnitOfWork(deps, async (uow) => {
      await lockOpenings(uow.trx, [openingId]);
      if (!(await findOpening(uow.trx, openingId, 'en'))) throw new NotFoundError();
      const before = await findPosting(uow.trx, openingId);
      let slug = input.slug;
      if (slug === '') {
        const base = slugFrom(input.publicTitle) || `opening-${openingId}`;
        slug = firstFreeSlug(base, await slugsLike(uow.trx, base, openingId));
      } else if ((await slugsLike(uow.trx, slug, openingId)).has(slug)) {
        throw new ValidationError({ slug: 'careers.error.slugTaken' });
      }
      const publishedAt = input.published && !before?.published ? uow.now.toISOString() : (before?.publishedAt ?? null);
      const next = { ...input, slug };
      await savePostingRow(uow.trx, openingId, next, publishedAt, uow.now);
      const subject = { type: 'opening' as const, id: openingId };
      const wasPublished = before?.published ?? false;
      if (next.published && !wasPublished) uow.record({ type: 'OpeningPublished', actorId: actor.id, subject, openingId });
      if (!next.published && wasPublished) uow.record({ type: 'OpeningUnpublished', actorId: actor.id, subject, openingId });
      const reworded = !before || before.publicTitle !== next.publicTitle || before.description !== next.description || before.location !== next.location || before.employmentType !== next.employmentType || before.slug !== next.slug;
      if (reworded) uow.record({ type: 'OpeningPostingEdited', actorId: actor.id, subject, openingId });
      return slug;
    });
  } catch (err) {
    // Two postings saved at once with the same slug: the second is told, as if it had been taken before.
    if (isUniqueViolation(err)) throw new ValidationError({ slug: 'careers.error.slugTaken' });
    throw err;
  }
}

/** What an applicant sent, checked by the form. */
export interface ApplicantInput {
  readonly name: string;
  /** Trimmed and lower-cased. */
  readonly email: string;
  readonly phone: string;
  /** Normalised ('' when none). */
  readonly linkedinUrl: string;
  readonly coverNote: string;
}

export interface CareersApplication {
  readonly slug: string;
  readonly applicant: ApplicantInput;
  readonly resume?: AcceptedUpload;
  readonly language: Language;
  /** The privacy text shown beside the consent box, and the retention period it named. */
  readonly privacyText: string;
  readonly retentionMonths: number;
  /** The keyed hash of the sender's address (the hourly limit counts these). */
  readonly addressHash: string;
}

export type CareersOutcome = 'created' | 'joined' | 'already_applied';

/** How long until one more application from an address is accepted, from the oldest one in the window. */
function retryAfterSeconds(oldest: string | null, now: Date): number {
  if (!oldest) return Math.ceil(LIMIT_WINDOW_MS / 1000);
  return Math.max(1, Math.ceil((new Date(oldest).getTime() + LIMIT_WINDOW_MS - now.getTime()) / 1000));
}

/** Whether an address may send one more application now (read before the form is even checked). */
export async function mayApplyFrom(deps: UseCaseDeps, addressHash: string): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const now = deps.clock.now();
  const { count, oldest } = await countArrivalsSince(deps.db, addressHash, new Date(now.getTime() - LIMIT_WINDOW_MS));
  return withinHourlyLimit(count) ? { ok: true } : { ok: false, retryAfterSeconds: retryAfterSeconds(oldest, now) };
}

/**
 * An application through the careers page, in one transaction: the hourly limit of the sender's
 * address (counted in the database, so every instance shares it; TooManyAttemptsError past it), then
 * the candidate — a known one when the e-mail or the LinkedIn URL matches (their details are kept as
 * recruiters recorded them; the résumé becomes theirs only if they had none), otherwise a new inbound
 * candidate from the careers page — the application at the plan's first stage, the consent with the
 * text shown, and the confirmation to the applicant (CareersApplicationReceived). A candidate who has
 * applied to the opening already gets nothing new ('already_applied'; the visitor is told the same).
 * NotFoundError when the posting is no longer public.
 */
export async function applyThroughCareersPage(deps: UseCaseDeps & { readonly storage: FileStorage }, input: CareersApplication): Promise<CareersOutcome> {
  return runInUnitOfWork(deps, async (uow) => {
    await lockCareersApplication(uow.trx, input.addressHash, input.applicant.email);
    const windowStart = new Date(uow.now.getTime() - LIMIT_WINDOW_MS);
    const { count, oldest } = await countArrivalsSince(uow.trx, input.addressHash, windowStart);
    if (!withinHourlyLimit(count)) throw new TooManyAttemptsError(retryAfterSeconds(oldest, uow.now));
    await recordArrival(uow.trx, input.addressHash, uow.now, windowStart);

    const posting = await findPublicPosting(uow.trx, input.slug);
    if (!posting) throw new NotFoundError();
    const { applicant } = input;
    const applicantActor = { id: null };
    const match = await findMatchingCandidate(uow.trx, applicant.email, linkedInVariants(applicant.linkedinUrl));

    let candidateId: number;
    let resumeFileId: number | null = null;
    if (match) {
      candidateId = match.id;
      const openingIds = await lockCandidateOpenings(uow.trx, candidateId);
      const known = await findCandidate(uow.trx, candidateId);
      if (!known) throw new NotFoundError();
      if (await applicationExists(uow.trx, candidateId, posting.openingId)) return 'already_applied';
      if (input.resume) resumeFileId = (await keepUpload(uow, deps.storage, input.resume, null)).id;
      // Nothing recruiters recorded is replaced: a résumé is attached only to a candidate who has none.
      if (resumeFileId !== null && known.resumeFileId === null) {
        await updateCandidate(uow.trx, candidateId, { ...known, resumeFileId }, uow.now);
        uow.record({ type: 'CandidateEdited', actorId: null, subject: { type: 'candidate', id: candidateId }, counts: { resumeAdded: 1 }, candidateId, openingIds });
      }
    } else {
      if (input.resume) resumeFileId = (await keepUpload(uow, deps.storage, input.resume, null)).id;
      candidateId = await insertCandidate(
        uow.trx,
        { name: applicant.name, email: applicant.email, phone: applicant.phone, linkedinUrl: applicant.linkedinUrl, source: 'inbound', sourceDetail: 'careers', notes: '', resumeFileId, createdBy: null },
        uow.now,
      );
      uow.record({ type: 'CandidateAdded', actorId: null, subject: { type: 'candidate', id: candidateId }, candidateId });
    }
    const history = match ? (match.matchedBy === 'email' ? 'careers_email' : 'careers_linkedin') : 'careers';
    let applicationId: number;
    try {
      applicationId = await addApplicationIn(uow, applicantActor, candidateId, posting.openingId, { history });
    } catch (err) {
      // Closed a moment ago: the posting is no longer public.
      if (err instanceof ValidationError) throw new NotFoundError();
      throw err;
    }
    await insertCareersApplication(
      uow.trx,
      { candidateId, openingId: posting.openingId, language: input.language, privacyText: input.privacyText, retentionMonths: input.retentionMonths, applicant, coverNote: applicant.coverNote, resumeFileId, matchedBy: match?.matchedBy ?? '' },
      uow.now,
    );
    uow.record({
      type: 'CareersApplicationReceived',
      actorId: null,
      subject: { type: 'application', id: applicationId },
      counts: { openingId: posting.openingId, joined: match ? 1 : 0 },
      candidateId,
      openingId: posting.openingId,
      applicationId,
      applicantEmail: applicant.email,
      applicantName: applicant.name,
      language: input.language,
      postingTitle: posting.publicTitle,
      retentionMonths: input.retentionMonths,
    });
    return match ? 'joined' : 'created';
  });
}
