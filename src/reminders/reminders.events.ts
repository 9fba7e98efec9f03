/** What this feature records: reminders and notices that go out on a schedule or when someone presses "remind". */
export interface RemindersEvents {
  /** A scorecard reminder to an interviewer: the scheduler's `occurrence`-th, or pressed by someone (`byHand`). */
  ScorecardReminderSent: { readonly interviewId: number; readonly applicationId: number; readonly openingId: number; readonly interviewerId: number; readonly occurrence: number; readonly byHand: boolean };
  /** An onboarding task's owner is told it is due soon. */
  OnboardingTaskDueSoon: { readonly taskId: number; readonly planId: number; readonly ownerId: number };
  /** A manager's weekly list of overdue onboarding tasks in their plans. */
  OnboardingOverdueDigest: { readonly managerId: number; readonly taskIds: readonly number[] };
}
