/**
 * Domain events: the moments other features react to (an application moved, a scorecard
 * submitted, a decision recorded…). Each feature declares the events it records in its own
 * `<feature>.events.ts`; this catalogue only names them together. Whoever records an event never
 * knows who listens to it.
 */
import type { ApiEvents } from '../api/api.events';
import type { AuthEvents } from '../auth/auth.events';
import type { CandidatesEvents } from '../candidates/candidates.events';
import type { CareersEvents } from '../careers/careers.events';
import type { ComparisonEvents } from '../comparison/comparison.events';
import type { InterviewsEvents } from '../interviews/interviews.events';
import type { MailEvents } from '../mail/mail.events';
import type { OnboardingEvents } from '../onboarding/onboarding.events';
import type { OpeningsEvents } from '../openings/openings.events';
import type { PrivacyEvents } from '../privacy/privacy.events';
import type { RemindersEvents } from '../reminders/reminders.events';
import type { RolesEvents } from '../roles/roles.events';
import type { RubricsEvents } from '../rubrics/rubrics.events';
import type { SettingsEvents } from '../settings/settings.events';
import type { TeamPlanEvents } from '../team-plan/team-plan.events';
import type { UsersEvents } from '../users/users.events';
import type { WebhooksEvents } from '../webhooks/webhooks.events';

/** What an event is about, as the audit log records it. */
export interface EventSubject {
  readonly type: 'application' | 'candidate' | 'candidate_import' | 'interview' | 'scorecard' | 'opening' | 'onboarding_plan' | 'onboarding_task' | 'onboarding_template' | 'user' | 'rubric' | 'sales_role' | 'settings' | 'team_plan' | 'webhook_endpoint';
  readonly id: number;
}

/** Event type → its own fields: the catalogue of every feature's events. */
export type DomainEventPayloads = ApiEvents &
  AuthEvents &
  CandidatesEvents &
  CareersEvents &
  ComparisonEvents &
  InterviewsEvents &
  MailEvents &
  OnboardingEvents &
  OpeningsEvents &
  PrivacyEvents &
  RemindersEvents &
  RolesEvents &
  RubricsEvents &
  SettingsEvents &
  TeamPlanEvents &
  UsersEvents &
  WebhooksEvents;

export type DomainEventType = keyof DomainEventPayloads;

interface EventEnvelope<K extends DomainEventType> {
  readonly type: K;
  /** Who caused it; null for the system itself. */
  readonly actorId: number | null;
  readonly subject: EventSubject;
  /** Numbers worth keeping in the audit log (counts and ids) — never a name, an address or a rating's text. */
  readonly counts?: Readonly<Record<string, number>>;
}

export type DomainEvent<K extends DomainEventType = DomainEventType> = K extends DomainEventType ? EventEnvelope<K> & DomainEventPayloads[K] : never;
