import type { Database } from '../../../../src/db/database';
import type { Actor, World } from './fixtures';

/**
 * How to exercise one POST route: who sends it, the path with real ids, and where a browser finds
 * its form (the page's form gives the fields and a realistic baseline). Every POST route of the
 * app must have an entry: the properties test fails on a route missing here.
 */
export interface PostRouteSpec {
  /** Who posts. 'fresh' signs an admin in anew for every request (the route ends the session). */
  readonly as: Actor | 'fresh';
  readonly path: (w: World) => string;
  /** The page holding the route's form, read by `as` (or `formAs`). */
  readonly form?: (w: World) => string;
  readonly formAs?: Actor;
  /** Fields when no page shows the form (e.g. set-up after it is done), or when `form` shows none yet. */
  readonly fields?: readonly [string, string][];
  /** Values that make the baseline a valid submission, fresh for run `n` (unique e-mails and the like). */
  readonly valid?: (w: World, n: number) => Record<string, string>;
  /** Fields that only take a known value (enums, ids, numbers, dates, e-mails): garbage there must be refused. */
  readonly strict?: readonly string[];
  /** Tables whose rows must not change when the request is refused (row counts of every table are always compared). */
  readonly tables?: readonly (keyof Database)[];
  /** Refusal statuses besides 400, 409, 413 and 422. */
  readonly refusals?: readonly number[];
  /** The route answers refused input with a redirect and an error message (nothing changes). */
  readonly redirectsOnRefusal?: boolean;
  /** Paths with ids of records `as` may not touch (someone else's), or that do not exist. */
  readonly foreign?: (w: World) => string[];
  /**
   * Takes no CSRF token by design: a one-click unsubscribe (RFC 8058) is posted by a mail client,
   * which has no session; the token in the path is the proof, and the request can only opt out.
   */
  readonly csrfExempt?: true;
  /** Statuses of an accepted submission, when not a redirect (303). */
  readonly accepts?: readonly number[];
}

let unique = 0;
const email = (prefix: string, n: number) => {
  unique += 1;
  return `${prefix}.${n}.${unique}@example.test`;
};

export const POST_ROUTES: Readonly<Record<string, PostRouteSpec>> = {
  'POST /login': { as: 'anonymous', path: () => '/login', form: () => '/login', refusals: [401, 429], tables: ['users'] },
  'POST /setup': {
    as: 'anonymous',
    path: () => '/setup',
    fields: [['name', 'Second Admin'], ['email', 'second.admin@example.test'], ['password', 'another long pass phrase'], ['language', 'en'], ['time_zone', 'Europe/Berlin']],
    strict: ['email', 'language', 'time_zone'],
    refusals: [404],
    tables: ['users', 'settings'],
  },
  'POST /invite/:token': {
    as: 'anonymous',
    path: (w) => `/invite/${w.ids.inviteToken}`,
    form: (w) => `/invite/${w.ids.inviteToken}`,
    refusals: [404, 410],
    tables: ['users', 'invites'],
    foreign: () => ['/invite/0', '/invite/not-a-token', `/invite/${'a'.repeat(43)}`],
  },
  'POST /language': { as: 'anonymous', path: () => '/language', form: () => '/login', strict: ['language'], redirectsOnRefusal: true, tables: ['users'] },
  'POST /logout': { as: 'fresh', path: () => '/logout', form: () => '/', formAs: 'admin' },
  'POST /users': {
    as: 'admin',
    path: () => '/users',
    form: () => '/users',
    valid: (_w, n) => ({ name: `Invitee ${n}`, email: email('invitee', n) }),
    strict: ['email', 'role'],
    tables: ['users', 'invites'],
  },
  'POST /users/:id/invite': { as: 'admin', path: (w) => `/users/${w.ids.invitedUser}/invite`, form: () => '/users', tables: ['users', 'invites'], refusals: [404], foreign: () => ['/users/999999/invite'] },
  'POST /users/:id/role': { as: 'admin', path: (w) => `/users/${w.ids.roleTarget}/role`, form: () => '/users', strict: ['role'], tables: ['users'], foreign: () => ['/users/999999/role'] },
  'POST /users/:id/deactivate': { as: 'admin', path: (w) => `/users/${w.ids.deactivateTarget}/deactivate`, form: () => '/users', tables: ['users'], foreign: () => ['/users/999999/deactivate'] },
  'POST /users/:id/reactivate': { as: 'admin', path: (w) => `/users/${w.ids.reactivateTarget}/reactivate`, form: () => '/users', tables: ['users'], foreign: () => ['/users/999999/reactivate'] },
  'POST /roles/:id': { as: 'admin', path: (w) => `/roles/${w.ids.salesRole}`, form: (w) => `/roles/${w.ids.salesRole}`, tables: ['sales_roles'], foreign: () => ['/roles/999999'] },
  'POST /rubrics/:id': {
    as: 'admin',
    path: (w) => `/rubrics/${w.ids.rubric}`,
    form: (w) => `/rubrics/${w.ids.rubric}/edit`,
    strict: ['d0_weight', 'd0_group'],
    tables: ['rubrics', 'rubric_versions', 'rubric_dimensions'],
    refusals: [409],
    foreign: () => ['/rubrics/999999'],
  },
  'POST /team-plan': { as: 'recruiter', path: () => '/team-plan', form: () => '/team-plan', strict: ['aes', 'customers'], tables: ['team_plans'] },
  'POST /openings': {
    as: 'recruiter',
    path: () => '/openings',
    form: () => '/openings/new',
    valid: (w) => ({ hiring_manager_id: String(w.users.hiring_manager.id), title: 'Opening from a form' }),
    strict: ['role_id', 'hiring_manager_id', 'headcount', 'status'],
    tables: ['openings', 'opening_recruiters', 'interview_stages'],
  },
  'POST /openings/:id': {
    as: 'recruiter',
    path: (w) => `/openings/${w.ids.editableOpening}`,
    form: (w) => `/openings/${w.ids.editableOpening}/edit`,
    strict: ['hiring_manager_id', 'headcount', 'status'],
    tables: ['openings', 'opening_recruiters'],
    foreign: () => ['/openings/999999'],
  },
  'POST /openings/:id/rubric-version': {
    as: 'recruiter',
    path: (w) => `/openings/${w.ids.editableOpening}/rubric-version`,
    fields: [],
    redirectsOnRefusal: true,
    tables: ['openings'],
    foreign: () => ['/openings/999999/rubric-version'],
  },
  'POST /openings/:id/plan': {
    as: 'recruiter',
    path: (w) => `/openings/${w.ids.editableOpening}/plan`,
    form: (w) => `/openings/${w.ids.editableOpening}/plan`,
    tables: ['interview_stages'],
    foreign: () => ['/openings/999999/plan'],
  },
  'POST /candidates': {
    as: 'recruiter',
    path: () => '/candidates',
    form: () => '/candidates/new',
    valid: (_w, n) => ({ name: `Form Candidate ${n}`, email: email('form.candidate', n) }),
    strict: ['source', 'email', 'opening_id'],
    tables: ['candidates', 'applications', 'stored_files'],
  },
  'POST /candidates/import': {
    as: 'recruiter',
    path: () => '/candidates/import',
    form: () => '/candidates/import',
    tables: ['candidates', 'candidate_imports'],
    refusals: [413],
  },
  // The preview answers 200 (nothing is written); importing redirects. Choices outside the form's options are refused by their field.
  'POST /candidates/import/:id': {
    as: 'recruiter',
    path: (w) => `/candidates/import/${w.ids.candidateImport}`,
    form: (w) => `/candidates/import/${w.ids.candidateImport}`,
    strict: ['encoding', 'delimiter', 'default_source', 'opening_id', 'stage_id'],
    accepts: [200, 303],
    tables: ['candidates', 'applications', 'candidate_imports'],
    foreign: (w) => [`/candidates/import/${w.ids.discardableImport + 1000}`],
  },
  'POST /candidates/import/:id/discard': {
    as: 'recruiter',
    path: (w) => `/candidates/import/${w.ids.discardableImport}/discard`,
    form: (w) => `/candidates/import/${w.ids.discardableImport}`,
    tables: ['candidate_imports'],
    // Once cancelled, the import is gone: later attempts find nothing.
    refusals: [404],
  },
  'POST /candidates/:id': {
    as: 'recruiter',
    path: (w) => `/candidates/${w.ids.candidate}`,
    form: (w) => `/candidates/${w.ids.candidate}/edit`,
    strict: ['source', 'email'],
    tables: ['candidates', 'stored_files'],
    foreign: () => ['/candidates/999999'],
  },
  'POST /candidates/:id/applications': {
    as: 'recruiter',
    path: (w) => `/candidates/${w.ids.candidate}`.concat('/applications'),
    form: (w) => `/candidates/${w.ids.candidate}`,
    strict: ['opening_id'],
    redirectsOnRefusal: true,
    tables: ['applications', 'application_events'],
    foreign: () => ['/candidates/999999/applications'],
  },
  'POST /candidates/bulk': {
    as: 'recruiter',
    path: () => '/candidates/bulk',
    form: () => '/candidates',
    // Adding a candidate to an opening: accepted once, then refused (already applied) with the row named.
    valid: (w) => ({ action: 'add', candidate_ids: String(w.ids.otherCandidate), target_opening_id: String(w.ids.editableOpening) }),
    strict: ['action', 'candidate_ids', 'target_opening_id'],
    tables: ['applications', 'application_events'],
  },
  'POST /openings/:id/board/move': {
    as: 'recruiter',
    path: (w) => `/openings/${w.ids.opening}/board/move`,
    form: (w) => `/openings/${w.ids.opening}`,
    strict: ['application_id', 'stage_id'],
    // An application id that is no id at all names no card: not found.
    refusals: [404],
    tables: ['applications', 'application_events'],
    foreign: () => ['/openings/999999/board/move'],
  },
  'POST /openings/:id/board/bulk': {
    as: 'recruiter',
    path: (w) => `/openings/${w.ids.opening}/board/bulk`,
    form: (w) => `/openings/${w.ids.opening}`,
    // The form names no stage until one is chosen: a move of the card refused by the field, or garbage anywhere.
    valid: (w) => ({ action: 'move', application_ids: String(w.ids.application) }),
    strict: ['action', 'stage_id'],
    tables: ['applications', 'application_events'],
    foreign: () => ['/openings/999999/board/bulk'],
  },
  'POST /applications/:id/stage': {
    as: 'recruiter',
    path: (w) => `/applications/${w.ids.application}/stage`,
    form: (w) => `/applications/${w.ids.application}`,
    strict: ['stage_id'],
    tables: ['applications', 'application_events'],
    foreign: () => ['/applications/999999/stage'],
  },
  'POST /applications/:id/status': {
    as: 'recruiter',
    path: (w) => `/applications/${w.ids.application}/status`,
    form: (w) => `/applications/${w.ids.application}`,
    strict: ['status'],
    tables: ['applications', 'application_events'],
    foreign: () => ['/applications/999999/status'],
  },
  'POST /applications/:id/interviews': {
    as: 'recruiter',
    path: (w) => `/applications/${w.ids.application}/interviews`,
    form: (w) => `/applications/${w.ids.application}/interviews/new`,
    valid: () => ({ start: '2027-03-04T10:30', duration_minutes: '45' }),
    strict: ['stage_id', 'interviewer_ids', 'start', 'duration_minutes'],
    // The stage is the page's own (a hidden field): another one is a page that does not exist.
    refusals: [404],
    tables: ['interviews', 'interview_interviewers', 'application_events', 'outbox_messages'],
    foreign: () => ['/applications/999999/interviews'],
  },
  'POST /interviews/:id/schedule': {
    as: 'recruiter',
    path: (w) => `/interviews/${w.ids.reschedulable}/schedule`,
    form: (w) => `/interviews/${w.ids.reschedulable}/schedule`,
    strict: ['interviewer_ids', 'start', 'duration_minutes'],
    tables: ['interviews', 'interview_interviewers', 'application_events', 'outbox_messages'],
    foreign: () => ['/interviews/999999/schedule'],
  },
  'POST /interviews/:id/cancel': {
    as: 'recruiter',
    path: (w) => `/interviews/${w.ids.cancellable}/cancel`,
    form: (w) => `/interviews/${w.ids.cancellable}/cancel`,
    valid: () => ({ reason: 'The candidate withdrew' }),
    tables: ['interviews', 'interview_interviewers', 'application_events', 'outbox_messages'],
    foreign: () => ['/interviews/999999/cancel'],
  },
  'POST /interviews/:id/scorecard': {
    as: 'interviewer',
    path: (w) => `/interviews/${w.ids.interview}/scorecard`,
    form: (w) => `/interviews/${w.ids.interview}`,
    strict: ['recommendation'],
    tables: ['scorecards', 'scorecard_ratings', 'scorecard_history'],
    foreign: (w) => [`/interviews/${w.ids.otherInterview}/scorecard`, '/interviews/999999/scorecard'],
  },
  'POST /applications/:id/decision': {
    as: 'hiring_manager',
    path: (w) => `/applications/${w.ids.application}/decision`,
    form: (w) => `/applications/${w.ids.application}/summary`,
    // The form shows once the panel has scored; until then these are the fields it would send.
    fields: [['decision', 'hire'], ['rationale', 'Best discovery of the panel']],
    strict: ['decision'],
    redirectsOnRefusal: true,
    tables: ['decisions', 'applications', 'application_events'],
    foreign: (w) => [`/applications/${w.ids.otherApplication}/decision`, '/applications/999999/decision'],
  },
  'POST /applications/:id/decision/reopen': {
    as: 'hiring_manager',
    path: (w) => `/applications/${w.ids.application}/decision/reopen`,
    // The form shows once a decision is recorded; the world's application awaits one, so each request is refused with a message.
    fields: [['reason', 'New reference check came back']],
    redirectsOnRefusal: true,
    tables: ['decisions', 'reopened_decisions', 'applications', 'application_events'],
    foreign: (w) => [`/applications/${w.ids.otherApplication}/decision/reopen`, '/applications/999999/decision/reopen'],
  },
  'POST /openings/:id/careers': {
    as: 'recruiter',
    path: (w) => `/openings/${w.ids.editableOpening}/careers`,
    form: (w) => `/openings/${w.ids.editableOpening}/careers`,
    strict: ['employment_type'],
    tables: ['opening_postings'],
    foreign: () => ['/openings/999999/careers'],
  },
  // The careers form's own token (bound to the visitor's cookie) is its CSRF token: refused without it (403); the
  // test clock does not move here, so every sending is also "too fast" — careers-properties.test.ts covers sendings that get through.
  'POST /jobs/:slug/apply': {
    as: 'anonymous',
    path: (w) => `/jobs/${w.ids.postingSlug}/apply`,
    form: (w) => `/jobs/${w.ids.postingSlug}`,
    csrfExempt: true,
    refusals: [403, 404, 429],
    tables: ['candidates', 'applications', 'careers_applications', 'careers_arrivals', 'stored_files'],
  },
  'POST /settings': { as: 'admin', path: () => '/settings', form: () => '/settings', strict: ['company_time_zone', 'reminder_hours'], tables: ['settings'] },
  'POST /settings/logo': { as: 'admin', path: () => '/settings/logo', form: () => '/settings', tables: ['settings', 'stored_files'] },
  // The remove button shows only while there is a logo; without one, removing changes nothing.
  'POST /settings/sso': { as: 'admin', path: () => '/settings/sso', form: () => '/settings/sso', strict: ['sign_up_role', 'issuer'], tables: ['settings'] },
  'POST /settings/logo/remove': { as: 'admin', path: () => '/settings/logo/remove', fields: [], tables: ['settings', 'stored_files'] },
  'POST /interviews/:id/remind': {
    as: 'recruiter',
    path: (w) => `/interviews/${w.ids.interview}/remind`,
    // The button shows on home only for overdue scorecards: these are the fields it sends.
    fields: [['interviewer_id', '0']],
    valid: (w) => ({ interviewer_id: String(w.users.interviewer.id) }),
    redirectsOnRefusal: true,
    refusals: [404],
    tables: ['reminders', 'outbox_messages'],
    foreign: () => ['/interviews/999999/remind'],
  },
  'POST /settings/mail/test': { as: 'admin', path: () => '/settings/mail/test', form: () => '/settings/mail', tables: ['outbox_messages'] },
  'POST /settings/mail/:id/retry': {
    as: 'admin',
    path: (w) => `/settings/mail/${w.ids.outboxMessage}/retry`,
    // The button shows only when mail is configured (it is not, in tests): the form has no fields but the token.
    fields: [],
    tables: ['outbox_messages'],
    foreign: () => ['/settings/mail/999999/retry'],
  },
  'POST /settings/webhooks': {
    as: 'admin',
    path: () => '/settings/webhooks',
    form: () => '/settings/webhooks/new',
    valid: () => ({ url: 'https://hooks.example.test/new', events: 'application.created' }),
    strict: ['url', 'events'],
    tables: ['webhook_endpoints'],
  },
  'POST /settings/webhooks/:id': {
    as: 'admin',
    path: (w) => `/settings/webhooks/${w.ids.webhook}`,
    form: (w) => `/settings/webhooks/${w.ids.webhook}`,
    strict: ['url', 'events'],
    tables: ['webhook_endpoints'],
    foreign: () => ['/settings/webhooks/999999'],
  },
  'POST /settings/webhooks/:id/rotate': {
    as: 'admin',
    path: (w) => `/settings/webhooks/${w.ids.webhook}/rotate`,
    form: (w) => `/settings/webhooks/${w.ids.webhook}`,
    tables: ['webhook_endpoints'],
    foreign: () => ['/settings/webhooks/999999/rotate'],
  },
  'POST /settings/webhooks/:id/delete': {
    as: 'admin',
    path: (w) => `/settings/webhooks/${w.ids.deletableWebhook}/delete`,
    form: (w) => `/settings/webhooks/${w.ids.deletableWebhook}`,
    tables: ['webhook_endpoints', 'webhook_deliveries'],
    refusals: [404],
    foreign: () => ['/settings/webhooks/999999/delete'],
  },
  'POST /settings/webhooks/:id/deliveries/:deliveryId/redeliver': {
    as: 'admin',
    path: (w) => `/settings/webhooks/${w.ids.webhook}/deliveries/${w.ids.webhookDelivery}/redeliver`,
    form: (w) => `/settings/webhooks/${w.ids.webhook}`,
    tables: ['webhook_deliveries'],
    foreign: (w) => [`/settings/webhooks/999999/deliveries/${w.ids.webhookDelivery}/redeliver`, `/settings/webhooks/${w.ids.webhook}/deliveries/999999/redeliver`, `/settings/webhooks/${w.ids.deletableWebhook}/deliveries/${w.ids.webhookDelivery}/redeliver`],
  },
  'POST /forgot-password': { as: 'anonymous', path: () => '/forgot-password', form: () => '/forgot-password', strict: ['email'], refusals: [429], tables: ['password_resets', 'outbox_messages'] },
  'POST /reset-password/:token': {
    as: 'anonymous',
    path: (w) => `/reset-password/${w.ids.resetToken}`,
    form: (w) => `/reset-password/${w.ids.resetToken}`,
    refusals: [410],
    tables: ['users', 'password_resets'],
    foreign: () => ['/reset-password/not-a-token', `/reset-password/${'a'.repeat(43)}`],
  },
  'POST /unsubscribe/:token': {
    as: 'anonymous',
    path: (w) => `/unsubscribe/${w.ids.unsubscribeToken}`,
    form: (w) => `/unsubscribe/${w.ids.unsubscribeToken}`,
    refusals: [410],
    tables: ['notification_opt_outs'],
    foreign: () => ['/unsubscribe/not-a-token'],
    csrfExempt: true,
    accepts: [200],
  },
  'POST /account': { as: 'new_hire', path: () => '/account', form: () => '/account', strict: ['language', 'time_zone'], tables: ['users', 'notification_opt_outs'] },
  'POST /account/email': { as: 'recruiter', path: () => '/account/email', form: () => '/account', strict: ['new_email'], refusals: [429], tables: ['users', 'email_changes', 'outbox_messages'] },
  'POST /account/email/:token': {
    as: 'anonymous',
    path: (w) => `/account/email/${w.ids.emailChangeToken}`,
    form: (w) => `/account/email/${w.ids.emailChangeToken}`,
    refusals: [410],
    tables: ['users', 'email_changes'],
    foreign: () => ['/account/email/not-a-token', `/account/email/${'a'.repeat(43)}`],
  },
  'POST /account/calendar': { as: 'interviewer', path: () => '/account/calendar', form: () => '/account', tables: ['calendar_feeds'] },
  // The button shows once a feed is on: the form has no fields but the token.
  'POST /account/calendar/off': { as: 'interviewer', path: () => '/account/calendar/off', fields: [], tables: ['calendar_feeds'] },
  'POST /account/api-tokens': { as: 'recruiter', path: () => '/account/api-tokens', form: () => '/account', valid: (_w, n) => ({ token_name: `Token ${n}` }), strict: ['token_scope', 'token_expiry'], tables: ['api_tokens'] },
  'POST /account/api-tokens/:id/revoke': { as: 'recruiter', path: (w) => `/account/api-tokens/${w.ids.apiToken}/revoke`, fields: [], refusals: [404], tables: ['api_tokens'], foreign: () => ['/account/api-tokens/999999/revoke'] },
  'POST /settings/api-tokens': {
    as: 'admin',
    path: () => '/settings/api-tokens',
    form: () => '/settings/api-tokens',
    valid: (w, n) => ({ token_user: String(w.users.interviewer.id), token_name: `Service ${n}` }),
    strict: ['token_user', 'token_scope', 'token_expiry'],
    tables: ['api_tokens'],
  },
  'POST /settings/api-tokens/:id/revoke': { as: 'admin', path: (w) => `/settings/api-tokens/${w.ids.apiToken}/revoke`, fields: [], refusals: [404], tables: ['api_tokens'], foreign: () => ['/settings/api-tokens/999999/revoke'] },
  'POST /account/password': { as: 'recruiter', path: () => '/account/password', form: () => '/account', refusals: [429], tables: ['users'] },
  'POST /onboarding/tasks/:id/done': {
    as: 'new_hire',
    path: (w) => `/onboarding/tasks/${w.ids.hireTask}/done`,
    form: () => '/onboarding',
    // A refusal returns to the task on the checklist (post/redirect/get), with the messages there.
    redirectsOnRefusal: true,
    tables: ['onboarding_plan_tasks', 'stored_files'],
    refusals: [404],
    foreign: (w) => [`/onboarding/tasks/${w.ids.otherHireTask}/done`, '/onboarding/tasks/999999/done'],
  },
  'POST /onboarding/tasks/:id/sign-off': {
    as: 'hiring_manager',
    path: (w) => `/onboarding/tasks/${w.ids.signOffTask}/sign-off`,
    form: () => '/onboarding/tasks',
    tables: ['onboarding_plan_tasks'],
    refusals: [404],
    foreign: (w) => [`/onboarding/tasks/${w.ids.otherHireTask}/sign-off`, '/onboarding/tasks/999999/sign-off'],
  },
  'POST /onboarding/tasks/:id/send-back': {
    as: 'hiring_manager',
    path: (w) => `/onboarding/tasks/${w.ids.signOffTask}/send-back`,
    form: () => '/onboarding/tasks',
    tables: ['onboarding_plan_tasks'],
    refusals: [404],
    foreign: (w) => [`/onboarding/tasks/${w.ids.otherHireTask}/send-back`, '/onboarding/tasks/999999/send-back'],
  },
  'POST /onboarding/plans': {
    as: 'admin',
    path: () => '/onboarding/plans',
    form: () => '/onboarding/plans/new',
    valid: (_w, n) => ({ hire_mode: 'invite', hire_name: `Plan Hire ${n}`, hire_email: email('plan.hire', n) }),
    strict: ['hire_mode', 'role_id', 'start_date', 'manager_id'],
    tables: ['onboarding_plans', 'onboarding_plan_tasks', 'users', 'invites'],
  },
  'POST /onboarding/plans/:id': {
    as: 'admin',
    path: (w) => `/onboarding/plans/${w.ids.plan}`,
    form: (w) => `/onboarding/plans/${w.ids.plan}`,
    strict: ['start_date', 'manager_id'],
    tables: ['onboarding_plans', 'onboarding_plan_tasks'],
    foreign: () => ['/onboarding/plans/999999'],
  },
  'POST /onboarding/plans/:id/review': {
    as: 'hiring_manager',
    path: (w) => `/onboarding/plans/${w.ids.plan}/review`,
    fields: [['rating', '3'], ['note', 'Strong first quarter']],
    strict: ['rating'],
    tables: ['onboarding_plans', 'onboarding_plan_tasks'],
    refusals: [404],
    foreign: (w) => [`/onboarding/plans/${w.ids.otherPlan}/review`, '/onboarding/plans/999999/review'],
  },
  'POST /onboarding/templates/:id/tasks': {
    as: 'admin',
    path: (w) => `/onboarding/templates/${w.ids.template}/tasks`,
    form: (w) => `/onboarding/templates/${w.ids.template}/tasks/new`,
    valid: (_w, n) => ({ title: `Template task ${n}` }),
    strict: ['track', 'owner_role', 'due_day', 'sign_off'],
    tables: ['onboarding_template_tasks'],
    foreign: () => ['/onboarding/templates/999999/tasks'],
  },
  'POST /onboarding/templates/:id/tasks/:taskId': {
    as: 'admin',
    path: (w) => `/onboarding/templates/${w.ids.template}/tasks/${w.ids.templateTask}`,
    form: (w) => `/onboarding/templates/${w.ids.template}/tasks/${w.ids.templateTask}`,
    strict: ['track', 'owner_role', 'due_day', 'sign_off'],
    tables: ['onboarding_template_tasks'],
    foreign: (w) => [`/onboarding/templates/999999/tasks/${w.ids.templateTask}`, `/onboarding/templates/${w.ids.template}/tasks/999999`],
  },
  'POST /onboarding/templates/:id/tasks/:taskId/delete': {
    as: 'admin',
    path: (w) => `/onboarding/templates/${w.ids.template}/tasks/${w.ids.deletableTemplateTask}/delete`,
    fields: [],
    tables: ['onboarding_template_tasks'],
    refusals: [404],
    foreign: (w) => [`/onboarding/templates/999999/tasks/${w.ids.deletableTemplateTask}/delete`, `/onboarding/templates/${w.ids.template}/tasks/999999/delete`],
  },
  'POST /candidates/:id/export': {
    as: 'admin',
    path: (w) => `/candidates/${w.ids.candidate}/export`,
    form: (w) => `/candidates/${w.ids.candidate}/export`,
    tables: ['audit_log'],
    refusals: [429],
    foreign: () => ['/candidates/999999/export'],
    accepts: [303, 200],
  },
  // Refused merges (the other record gone, into itself, an opening both apply to) go back to the candidate with the message.
  'POST /candidates/:id/merge': {
    as: 'recruiter',
    path: (w) => `/candidates/${w.ids.mergeKept}/merge`,
    form: (w) => `/candidates/${w.ids.mergeKept}/merge?duplicate=${w.ids.mergeDuplicate}`,
    strict: ['duplicate_id'],
    redirectsOnRefusal: true,
    refusals: [404],
    tables: ['candidates', 'applications', 'application_events', 'stored_files'],
    foreign: () => ['/candidates/999999/merge'],
  },
  'POST /candidates/:id/erase': {
    as: 'admin',
    path: (w) => `/candidates/${w.ids.erasableCandidate}/erase`,
    form: (w) => `/candidates/${w.ids.erasableCandidate}/erase`,
    tables: ['candidates', 'audit_log'],
    refusals: [404, 429],
    foreign: () => ['/candidates/999999/erase'],
  },
};
