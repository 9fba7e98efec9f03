/** What this feature records: an admin asked for a test message. */
export interface MailEvents {
  MailTestRequested: { readonly userId: number };
  /** Someone used the one-click link of a notification. */
  NotificationUnsubscribed: { readonly userId: number; readonly kind: string };
}
