/** What this feature records about openings and their interview plans. */
export interface OpeningsEvents {
  OpeningCreated: { readonly openingId: number };
  OpeningEdited: { readonly openingId: number };
  OpeningRubricMoved: { readonly openingId: number; readonly rubricVersion: number };
  /** Stages, their focus dimensions or default interviewers changed. */
  InterviewPlanChanged: { readonly openingId: number };
}
