import type { ApplicationStatus } from './candidate';

/** The moments of a candidate's way through hiring that this feature records. */
export interface CandidatesEvents {
  CandidateAdded: { readonly candidateId: number };
  /** Details changed (possibly the source, which the reports count by): `openingIds` are the openings they apply to. */
  CandidateEdited: { readonly candidateId: number; readonly openingIds: readonly number[] };
  ApplicationAdded: { readonly applicationId: number; readonly candidateId: number; readonly openingId: number };
  ApplicationMoved: { readonly applicationId: number; readonly openingId: number; readonly stageId: number };
  ApplicationStatusChanged: { readonly applicationId: number; readonly openingId: number; readonly status: ApplicationStatus };
}
