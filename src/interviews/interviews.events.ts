/** What this feature records about interviews and scorecards. Drafts are private work in progress: they record nothing. */
export interface InterviewsEvents {
  InterviewScheduled: { readonly interviewId: number; readonly applicationId: number; readonly openingId: number; readonly interviewerIds: readonly number[] };
  /** A scorecard submitted for the first time. */
  ScorecardSubmitted: { readonly scorecardId: number; readonly interviewId: number; readonly applicationId: number; readonly openingId: number; readonly interviewerId: number };
  /** A submitted scorecard changed (its earlier content is kept in the history). */
  ScorecardEdited: { readonly scorecardId: number; readonly interviewId: number; readonly applicationId: number; readonly openingId: number; readonly interviewerId: number };
}
