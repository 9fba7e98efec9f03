/** What this feature records: exports and erasures of a candidate's data (counts only, never the data). */
export interface PrivacyEvents {
  CandidateExported: { readonly candidateId: number };
  /** Every row about the candidate went; `openingIds` are the openings they had applied to. */
  CandidateErased: { readonly candidateId: number; readonly openingIds: readonly number[] };
}
