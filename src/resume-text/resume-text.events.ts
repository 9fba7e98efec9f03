import type { DomainEventType } from '../events/domain-events';
import type { EventHandler } from '../events/unit-of-work';
import { findResumeToQueue, insertPendingIfAbsent } from './resume-texts.repository';

export interface ResumeTextHandlerOptions {
  /** Told after a commit that queued résumé texts to read (the reader starts at once). */
  readonly onQueued?: () => void;
}

/** Events after which a candidate may have a résumé file whose text is not read yet. */
const RESUME_MAY_CHANGE: readonly DomainEventType[] = ['CandidateAdded', 'CandidateEdited', 'CandidatesMerged'];

/**
 * Queues the reading of a candidate's résumé in the transaction that gave it to them: a 'pending'
 * row for the file, unless it has one already (an edit that kept the résumé). After the commit the
 * reader is told; if the change rolls back, so does the row.
 */
export function resumeTextQueueHandler(options: ResumeTextHandlerOptions = {}): EventHandler {
  return {
    name: 'résumé text queue',
    listensTo: RESUME_MAY_CHANGE,
    async handle(trx, events, { at, afterCommit }) {
      const candidateIds = new Set<number>();
      for (const event of events) {
        if (event.type === 'CandidateAdded' || event.type === 'CandidateEdited' || event.type === 'CandidatesMerged') candidateIds.add(event.candidateId);
      }
      let queued = 0;
      for (const candidateId of candidateIds) {
        const resume = await findResumeToQueue(trx, candidateId);
        if (resume && !resume.queued && (await insertPendingIfAbsent(trx, resume.fileId, at))) queued += 1;
      }
      if (queued > 0 && options.onQueued) afterCommit(options.onQueued);
    },
  };
}
