import type { ApplicationStatus } from './candidate';

/** The moments of a candidate's way through hiring that this feature records. */
export interface CandidatesEvents {
  CandidateAdded: { readonly candidateId: number };
  /**
   * Candidates came from a spreadsheet, in one change: those created (`candidateIds`), and, when an
   * opening was chosen, the applications made to it (new and known candidates alike). One event for
   * the whole import, so its listeners work in batches (the search index, the opening's totals, one audit row).
   */
  CandidatesImported: { readonly importId: number; readonly candidateIds: readonly number[]; readonly openingId: number | null; readonly applicationIds: readonly number[] };
  /** Details changed (possibly the source, which the reports count by): `openingIds` are the openings they apply to. */
  CandidateEdited: { readonly candidateId: number; readonly openingIds: readonly number[] };
  /** Two records of one person became one: `mergedCandidateId`'s applications, files, notes and history moved to `candidateId`, and it is gone. */
  CandidatesMerged: { readonly candidateId: number; readonly mergedCandidateId: number; readonly openingIds: readonly number[] };
  /** The text of the candidate's résumé file was read (or found unreadable) after the upload committed. */
  ResumeTextRead: { readonly candidateId: number; readonly fileId: number };
  ApplicationAdded: { readonly applicationId: number; readonly candidateId: number; readonly openingId: number };
  ApplicationMoved: { readonly applicationId: number; readonly openingId: number; readonly stageId: number };
  ApplicationStatusChanged: { readonly applicationId: number; readonly openingId: number; readonly status: ApplicationStatus };
}
