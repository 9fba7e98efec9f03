/** What this feature records about interviews and scorecards. Drafts are private work in progress: they record nothing. */
export interface InterviewsEvents {
  InterviewScheduled: { readonly interviewId: number; readonly applicationId: number; readonly openingId: number; readonly interviewerIds: readonly number[] };
  /** A new time, place, note or panel: `removedIds` left the panel (they get a cancellation), the rest get an update. */
  InterviewRescheduled: { readonly interviewId: number; readonly applicationId: number; readonly openingId: number; readonly interviewerIds: readonly number[]; readonly removedIds: readonly number[] };
  /** A person made (or remade) their secret calendar feed link. */
  CalendarFeedCreated: { readonly userId: number };
  CalendarFeedTurnedOff: { readonly userId: number };
  InterviewCancelled: { readonly interviewId: number; readonly applicationId: number; readonly openingId: number; readonly interviewerIds: readonly number[] };
  /** A scorecard submitted for the first time. */
  ScorecardSubmitted: { readonly scorecardId: number; readonly interviewId: number; readonly applicationId: number; readonly openingId: number; readonly interviewerId: number };
  /** A submitted scorecard changed (its earlier content is kept in the history). */
  ScorecardEdited: { readonly scorecardId: number; readonly interviewId: number; readonly applicationId: number; readonly openingId: number; readonly interviewerId: number };
}
