import type { Generated } from 'kysely';
import type { Language } from '../i18n/i18n';

/* Mail: the outbox, one-time tokens, notification choices. */

export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed' | 'not_configured';

/** A message written in the transaction of the change that causes it; a worker delivers it after commit. */
export interface OutboxMessagesTable {
  id: Generated<number>;
  /** Stable across retries, so a retry after a crash is recognisable as the same message. */
  message_id: string;
  kind: string;
  recipient_email: string;
  recipient_user_id: number | null;
  language: Language;
  sender_name: string;
  subject: string;
  text_body: string;
  html_body: string;
  /** JSON object of extra headers. */
  headers: string;
  /** JSON array of { filename, contentType, content, method? }. */
  attachments: string;
  secret: number;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  updated_at: string;
}

/** A one-time link's token (stored as a SHA-256 hash) for a user. */
export interface OneTimeTokensTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface EmailChangesTable extends OneTimeTokensTable {
  new_email: string;
}

export interface UnsubscribeTokensTable {
  token_hash: string;
  user_id: number;
  kind: string;
  expires_at: string;
}

export interface NotificationOptOutsTable {
  user_id: number;
  kind: string;
  created_at: string;
}

/** A reminder or notice that goes once: unique by kind, subject (an interview, a task, a plan…), recipient and occurrence. */
export interface RemindersTable {
  id: Generated<number>;
  kind: string;
  subject_id: number;
  user_id: number;
  occurrence: number;
  /** Who pressed "remind"; null for the scheduler. */
  sent_by: number | null;
  sent_at: string;
}

/** The instance that runs a periodic job, until when. */
export interface SchedulerLeasesTable {
  name: string;
  owner: string;
  lease_until: string;
}
