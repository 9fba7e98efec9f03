import type { EventHandler } from '../events/unit-of-work';
import { deleteSearchEntries, indexCandidates } from './search.repository';

/**
 * Keeps the search index in step, in the transaction of the change: a candidate added (one by one or
 * imported) or edited,
 * their résumé's text read, or the kept one of a merge is indexed again from what they hold now;
 * an erased candidate and the one merged away leave no entry. One pass per unit of work.
 */
export function searchIndexHandler(): EventHandler {
  return {
    name: 'search index',
    listensTo: ['CandidateAdded', 'CandidatesImported', 'CandidateEdited', 'CandidatesMerged', 'ResumeTextRead', 'CandidateErased'],
    async handle(trx, events) {
      const removed = new Set<number>();
      const changed = new Set<number>();
      for (const event of events) {
        switch (event.type) {
          case 'CandidateErased':
            removed.add(event.candidateId);
            break;
          case 'CandidatesMerged':
            removed.add(event.mergedCandidateId);
            changed.add(event.candidateId);
            break;
          case 'CandidatesImported':
            for (const id of event.candidateIds) changed.add(id);
            break;
          case 'CandidateAdded':
          case 'CandidateEdited':
          case 'ResumeTextRead':
            changed.add(event.candidateId);
            break;
          default:
            break;
        }
      }
      await deleteSearchEntries(trx, [...removed]);
      await indexCandidates(trx, [...changed].filter((id) => !removed.has(id)));
    },
  };
}
