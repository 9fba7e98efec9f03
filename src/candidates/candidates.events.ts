import type { ApplicationStatus } from './candidate';

/** The moments of a candidate's way through hiring that this feature records. */
export interface CandidatesEvents {
  CandidateAdded: { readonly candidateId: number };
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
