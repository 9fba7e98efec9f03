import type { DomainEventType } from '../events/domain-events';
import type { EventHandler } from '../events/unit-of-work';
import { raiseCompareVersions } from './comparison.repository';

/** Every event that changes what an opening's comparison grid shows. */
const CHANGES_THE_GRID = [
  'ScorecardSubmitted',
  'ScorecardEdited',
  'InterviewScheduled',
  'InterviewRescheduled',
  'InterviewCancelled',
  'ApplicationAdded',
  'CandidatesImported',
  'ApplicationMoved',
  'ApplicationStatusChanged',
  'CareersApplicationReceived',
  'DecisionRecorded',
  'DecisionReopened',
  'CandidateEdited',
  'CandidatesMerged',
  'CandidateErased',
  'OpeningEdited',
  'OpeningRubricMoved',
  'InterviewPlanChanged',
  'RubricVersionSaved',
  'SettingsChanged',
] as const satisfies readonly DomainEventType[];

/**
 * Raises the comparison version of every opening whose grid a change touches, in the change's own
 * transaction: the grid keeps what it computed under that version (`comparison-cache.ts`), so a
 * kept grid is never shown once the change has committed. Independent feedback (a setting) touches
 * every opening; a rubric's new version, the openings on that rubric.
 */
export function comparisonVersionHandler(): EventHandler {
  return {
    name: 'comparison-version',
    listensTo: CHANGES_THE_GRID,
    async handle(trx, events) {
      const openingIds = new Set<number>();
      const rubricIds = new Set<number>();
      let all = false;
      for (const event of events) {
        if (event.type === 'SettingsChanged') all = true;
        else if (event.type === 'RubricVersionSaved') rubricIds.add(event.rubricId);
        else if ('openingIds' in event) for (const id of event.openingIds) openingIds.add(id);
        else if ('openingId' in event && event.openingId !== null) openingIds.add(event.openingId);
      }
      await raiseCompareVersions(trx, { openingIds: [...openingIds].sort((a, b) => a - b), rubricIds: [...rubricIds], all });
    },
  };
}
