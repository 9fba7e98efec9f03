import type { DomainEvent } from '../events/domain-events';
import type { EventHandler } from '../events/unit-of-work';
import { refreshCalibrationTotals } from './calibration-totals';
import { refreshPipelineTotals } from './pipeline-totals';

export type TotalsKind = 'calibration' | 'pipeline';

/** Which report totals an event changes, and of which openings. */
function touched(event: DomainEvent): { kinds: readonly TotalsKind[]; openingIds: readonly number[] } {
  switch (event.type) {
    case 'ApplicationAdded':
    case 'ApplicationMoved':
    case 'ApplicationStatusChanged':
      return { kinds: ['pipeline'], openingIds: [event.openingId] };
    // Applications added by an import, all to one opening (none when no opening was chosen).
    case 'CandidatesImported':
      return { kinds: event.openingId === null ? [] : ['pipeline'], openingIds: event.openingId === null ? [] : [event.openingId] };
    // Who the candidate is (their source) is counted by the sources report.
    case 'CandidateEdited':
      return { kinds: ['pipeline'], openingIds: event.openingIds };
    // Moved applications now count under the kept record's source, and a folded one no longer counts.
    case 'CandidatesMerged':
      return { kinds: ['pipeline'], openingIds: event.openingIds };
    case 'ScorecardSubmitted':
    case 'ScorecardEdited':
      return { kinds: ['calibration'], openingIds: [event.openingId] };
    // Calibration compares each recommendation with the final decision: a reopened one no longer counts.
    case 'DecisionRecorded':
    case 'DecisionReopened':
      return { kinds: ['calibration'], openingIds: [event.openingId] };
    // A stage's focus decides which ratings count as focus ratings, its position where the pipeline counts.
    case 'InterviewPlanChanged':
      return { kinds: ['calibration', 'pipeline'], openingIds: [event.openingId] };
    case 'CandidateErased':
      return { kinds: ['calibration', 'pipeline'], openingIds: event.openingIds };
    default:
      return { kinds: [], openingIds: [] };
  }
}

/**
 * Keeps the report totals in step: before the unit of work commits, each opening its events touched
 * is rebuilt once per kind of totals, however many events touched it. `observe` hears every rebuild
 * (tests count them).
 */
export function reportTotalsHandler(options: { observe?: (kind: TotalsKind, openingIds: readonly number[]) => void } = {}): EventHandler {
  return {
    name: 'report totals',
    listensTo: ['ApplicationAdded', 'CandidatesImported', 'ApplicationMoved', 'ApplicationStatusChanged', 'CandidateEdited', 'CandidatesMerged', 'ScorecardSubmitted', 'ScorecardEdited', 'DecisionRecorded', 'DecisionReopened', 'InterviewPlanChanged', 'CandidateErased'],
    async handle(trx, events) {
      const openings: Record<TotalsKind, Set<number>> = { calibration: new Set(), pipeline: new Set() };
      for (const event of events) {
        const { kinds, openingIds } = touched(event);
        for (const kind of kinds) for (const id of openingIds) openings[kind].add(id);
      }
      const calibration = [...openings.calibration].sort((a, b) => a - b);
      const pipeline = [...openings.pipeline].sort((a, b) => a - b);
      if (calibration.length > 0) {
        options.observe?.('calibration', calibration);
        await refreshCalibrationTotals(trx, calibration);
      }
      if (pipeline.length > 0) {
        options.observe?.('pipeline', pipeline);
        await refreshPipelineTotals(trx, pipeline);
      }
    },
  };
}
