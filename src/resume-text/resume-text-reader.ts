import type { Logger } from 'pino';
import { lockCandidate } from '../db/locks';
import { runInUnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import type { FileStorage } from '../uploads/file-storage';
import { afterUnfinishedRead, countWords, type ExtractionOutcome, MAX_READ_ATTEMPTS } from './resume-text';
import { type ClaimedResume, claimPendingResumes, findCandidateOfResume, queueUnreadResumes, releaseResume, saveResumeText } from './resume-texts.repository';
import { createTextExtractor, type TextExtractor, type TextExtractorOptions } from './text-extractor';
import { createPassLoop } from '../shared/pass-loop';

export interface ResumeTextReaderOptions extends UseCaseDeps {
  readonly storage: FileStorage;
  readonly logger: Logger;
  /** The extraction thread; one is made from `extractor` options when not given. */
  readonly extractor?: TextExtractor | TextExtractorOptions;
  readonly batchSize?: number;
  /** How often to look for pending texts (a crashed instance's claims run out without anyone kicking). */
  readonly pollMs?: number;
  /** How long a claim holds (5 minutes: a whole batch of files that each run to the timeout): a reader that dies mid-read gives its files back after this. */
  readonly leaseMs?: number;
  readonly maxAttempts?: number;
}

export interface ResumeTextReader {
  /** Starts reading pending texts, now and every `pollMs`. */
  start(): void;
  /** Looks at once (a change has just queued a résumé). */
  kick(): void;
  /** Reads every pending text, batch after batch; resolves with how many were finished. */
  readPending(): Promise<number>;
  /** Resolves when the reading started by `kick`/`start` is done (tests wait on it). */
  idle(): Promise<void>;
  /** Stops: the read in progress is abandoned and its file goes back to pending, the try not counted. */
  stop(): Promise<void>;
}

/** Files of candidates from before texts were read get pending rows in batches of this many, each batch its own statement. */
export const BACKFILL_BATCH = 300;

/** Queues every résumé that has no text row yet, batch by batch; returns how many were queued. */
export async function queueExistingResumes(deps: Pick<UseCaseDeps, 'db' | 'clock'>, batchSize: number = BACKFILL_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const queued = await queueUnreadResumes(deps.db, deps.clock.now(), batchSize);
    total += queued;
    if (queued < batchSize) return total;
  }
}

function isExtractor(value: TextExtractor | TextExtractorOptions | undefined): value is TextExtractor {
  return value !== undefined && typeof (value as TextExtractor).extract === 'function';
}

/** Records what was read (or why nothing could be) and, for the candidate whose résumé it still is, the `ResumeTextRead` event — in one unit of work. */
async function finishResume(deps: UseCaseDeps, fileId: number, outcome: ExtractionOutcome): Promise<void> {
  await runInUnitOfWork(deps, async (uow) => {
    // The candidate's row first, as an erasure or a merge takes it: the two then wait for each other.
    // Saving the text first locked the text's row before the candidate's, and an erasure under way
    // (the candidate's row, then the file and its text) deadlocked with it.
    const holder = await findCandidateOfResume(uow.trx, fileId);
    if (holder !== undefined) await lockCandidate(uow.trx, holder, 'share');
    if (!(await saveResumeText(uow.trx, fileId, outcome, uow.now))) return;
    const candidateId = await findCandidateOfResume(uow.trx, fileId);
    if (candidateId === undefined) return;
    const counts: Record<string, number> = outcome.status === 'text' ? { words: countWords(outcome.text) } : {};
    uow.record({ type: 'ResumeTextRead', actorId: null, subject: { type: 'candidate', id: candidateId }, counts, candidateId, fileId });
  });
}

interface ReadingDeps {
  readonly deps: UseCaseDeps;
  readonly storage: FileStorage;
  readonly logger: Logger;
  readonly extractor: TextExtractor;
  readonly maxAttempts: number;
  readonly stopping: () => boolean;
}

/** Reads one claimed file; true when its outcome was recorded, false when it goes back to the queue. */
async function readClaimedResume(reading: ReadingDeps, job: ClaimedResume): Promise<boolean> {
  const { deps, logger, extractor, maxAttempts } = reading;
  // The reading thread reads a path: a file kept in the database is copied out to tmp/ for it first.
  const result = await reading.storage.withLocalCopy(job.storageKey, (path) => extractor.extract({ path, mimeType: job.mimeType }));
  if (reading.stopping()) return false;
  if (result.status === 'missing') {
    logger.warn({ fileId: job.fileId }, 'résumé file missing from storage: no text can be read');
    await finishResume(deps, job.fileId, { status: 'none', reason: 'malformed' });
    return true;
  }
  if (result.status !== 'unfinished') {
    await finishResume(deps, job.fileId, result);
    return true;
  }
  const next = afterUnfinishedRead(job.attempts, maxAttempts);
  logger.warn({ fileId: job.fileId, attempts: job.attempts, why: result.why, givenUp: next !== 'retry' }, 'résumé text not read: the reading thread was ended');
  if (next === 'retry') {
    await releaseResume(deps.db, job.fileId, deps.clock.now(), false);
    return false;
  }
  await finishResume(deps, job.fileId, next);
  return true;
}

/**
 * Reads the text of queued résumés off the request path: claims pending rows with a lease, has the
 * extraction thread read each file from storage and parse it, and records the text (or why there is
 * none) with the `ResumeTextRead` event in one unit of work. A damaged, locked or image-only file is
 * an outcome, never an error; a file that times out or kills the thread is tried again a few times
 * and then kept as damaged.
 */
export function createResumeTextReader(options: ResumeTextReaderOptions): ResumeTextReader {
  const { db, clock, logger } = options;
  const batchSize = options.batchSize ?? 5;
  const pollMs = options.pollMs ?? 30_000;
  const leaseMs = options.leaseMs ?? 300_000;
  const ownsExtractor = !isExtractor(options.extractor);
  const extractor = isExtractor(options.extractor) ? options.extractor : createTextExtractor(options.extractor);
  let inFlight: number | undefined;
  const reading: ReadingDeps = { deps: options, storage: options.storage, logger, extractor, maxAttempts: options.maxAttempts ?? MAX_READ_ATTEMPTS, stopping: () => loop.stopping };

  const readPending = async (): Promise<number> => {
    let finished = 0;
    for (;;) {
      if (loop.stopping) return finished;
      const batch = await claimPendingResumes(db, clock.now(), leaseMs, batchSize);
      for (const job of batch) {
        if (loop.stopping) {
          await releaseResume(db, job.fileId, clock.now(), true);
          continue;
        }
        inFlight = job.fileId;
        try {
          if (await readClaimedResume(reading, job)) finished += 1;
        } finally {
          inFlight = undefined;
        }
      }
      if (batch.length === 0) {
        if (finished > 0) logger.info({ finished }, 'résumé texts read');
        return finished;
      }
    }
  };

  const loop = createPassLoop(readPending, (err: unknown) => logger.error({ err }, 'reading résumé texts failed'), pollMs);

  return {
    start: () => loop.start(),
    kick: () => loop.kick(),
    readPending,
    async idle() {
      while (loop.running) await loop.running;
    },
    async stop() {
      loop.stop();
      const abandoned = inFlight;
      if (ownsExtractor) await extractor.close();
      await loop.running;
      if (abandoned !== undefined) await releaseResume(db, abandoned, clock.now(), true);
    },
  };
}
