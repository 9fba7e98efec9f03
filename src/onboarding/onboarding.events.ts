/** What this feature records about onboarding plans, their tasks, and the templates they copy. */
export interface OnboardingEvents {
  OnboardingPlanCreated: { readonly planId: number; readonly newHireId: number; readonly applicationId: number | null; readonly roleId: number; readonly managerId: number; readonly startDate: string };
  /** Start date or people changed; `movedTasks` open tasks got new due dates. */
  OnboardingPlanChanged: { readonly planId: number };
  OnboardingTaskDone: { readonly planId: number; readonly taskId: number; readonly awaitingSignOff: boolean };
  OnboardingTaskSignedOff: { readonly planId: number; readonly taskId: number };
  OnboardingTaskSentBack: { readonly planId: number; readonly taskId: number };
  ReviewRecorded: { readonly planId: number };
  /** Every task of the plan is done (and signed off where it must be): the onboarding is complete. */
  OnboardingPlanCompleted: { readonly planId: number };
  OnboardingTemplateChanged: { readonly templateId: number };
}
