/** Every kind of message Salesbench sends. */
export const MAIL_KINDS = ['invite', 'password_reset', 'welcome', 'password_changed', 'email_changed', 'email_confirm', 'test', 'interview_invite', 'interview_update', 'interview_cancel', 'scorecard_reminder', 'debrief_ready', 'decision_recorded', 'decision_reopened', 'task_due', 'overdue_digest', 'sign_off_requested', 'task_sent_back', 'application_received'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * Notifications: a person may turn each off (account page, or the one-click link in the message).
 * Everything else is either what they asked for (a reset link, a confirmation, a test) or a security
 * notice, which cannot be turned off.
 */
export const NOTIFICATION_KINDS = ['welcome', 'interviews', 'reminders', 'hiring', 'onboarding'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

const NOTIFICATION_OF: Partial<Record<MailKind, NotificationKind>> = {
  welcome: 'welcome',
  interview_invite: 'interviews',
  interview_update: 'interviews',
  interview_cancel: 'interviews',
  scorecard_reminder: 'reminders',
  debrief_ready: 'hiring',
  decision_recorded: 'hiring',
  decision_reopened: 'hiring',
  task_due: 'onboarding',
  overdue_digest: 'onboarding',
  sign_off_requested: 'onboarding',
  task_sent_back: 'onboarding',
};

/** The notification a kind of message belongs to (what turning it off stops); undefined when it cannot be turned off. */
export function notificationOf(kind: MailKind): NotificationKind | undefined {
  return NOTIFICATION_OF[kind];
}

/** Messages holding a link that works once for their recipient: admins see them with the link hidden. */
export const SECRET_KINDS: readonly MailKind[] = ['password_reset', 'email_confirm'];

export function isNotificationKind(kind: string): kind is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

/** Hides the one-time links of a message (reset and confirmation links) from anyone but its recipient. */
export function hideOneTimeLinks(text: string, replacement: string): string {
  return text.replace(/https?:\/\/[^\s"'<>]*\/(reset-password|account\/email)\/[A-Za-z0-9_-]+/g, replacement);
}

/** The placeholder a one-time link leaves behind once it is taken out of a stored message. */
export const REMOVED_LINK = '[—]';

/**
 * A message's bodies with its one-time links taken out. A reset or confirmation link is a credential:
 * the outbox holds it only while the message may still be sent (pending or being sent); once sent,
 * failed or never sendable (mail not configured), the stored copy keeps no working link.
 */
export function withoutOneTimeLinks(bodies: { text: string; html: string }): { text: string; html: string } {
  return { text: hideOneTimeLinks(bodies.text, REMOVED_LINK), html: hideOneTimeLinks(bodies.html, REMOVED_LINK) };
}
