import type { DomainEventType } from '../events/domain-events';

/**
 * The audit log's name for each event. Every event leaves a row; the compiler makes sure a new
 * event gets a name here. Names are stable: rows written long ago keep theirs.
 */
export const AUDIT_ACTIONS: Readonly<Record<DomainEventType, string>> = {
  CandidateAdded: 'candidate.add',
  CandidateEdited: 'candidate.edit',
  CandidateExported: 'candidate.export',
  CandidateErased: 'candidate.erase',
  ApplicationAdded: 'application.add',
  ApplicationMoved: 'application.move',
  ApplicationStatusChanged: 'application.status',
  InterviewScheduled: 'interview.schedule',
  ScorecardSubmitted: 'scorecard.submit',
  ScorecardEdited: 'scorecard.edit',
  DecisionRecorded: 'decision.record',
  OpeningCreated: 'opening.create',
  OpeningEdited: 'opening.edit',
  OpeningRubricMoved: 'opening.rubric',
  InterviewPlanChanged: 'opening.plan',
  OnboardingPlanCreated: 'onboarding.plan_create',
  OnboardingPlanChanged: 'onboarding.plan_change',
  OnboardingTaskDone: 'onboarding.task_done',
  OnboardingTaskSignedOff: 'onboarding.task_sign_off',
  OnboardingTaskSentBack: 'onboarding.task_send_back',
  ReviewRecorded: 'onboarding.review',
  OnboardingTemplateChanged: 'onboarding.template',
  UserInvited: 'user.invite',
  InviteRenewed: 'user.invite_renew',
  InviteAccepted: 'user.invite_accept',
  UserRoleChanged: 'user.role',
  UserDeactivated: 'user.deactivate',
  UserReactivated: 'user.reactivate',
  AccountUpdated: 'user.account',
  PasswordChanged: 'user.password',
  EmailChangeRequested: 'user.email_change_request',
  EmailChanged: 'user.email_change',
  PasswordResetRequested: 'user.password_reset_request',
  PasswordReset: 'user.password_reset',
  MailTestRequested: 'mail.test',
  NotificationUnsubscribed: 'mail.unsubscribe',
  SetupCompleted: 'setup.complete',
  RubricVersionSaved: 'rubric.version',
  SalesRoleEdited: 'sales_role.edit',
  SettingsChanged: 'settings.change',
  TeamPlanSaved: 'team_plan.save',
};

export const AUDIT_ACTION_NAMES: readonly string[] = Object.values(AUDIT_ACTIONS);
