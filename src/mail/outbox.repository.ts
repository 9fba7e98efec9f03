import type { Kysely, Selectable } from 'kysely';
import type { Database, DbOrTrx as Db, OutboxState } from '../db/database';
import type { OutboxMessagesTable } from '../db/mail-tables';
import { isPostgres } from '../db/migrations/helpers';
import type { Language } from '../i18n/i18n';

export interface MailAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: string;
  /** For calendar invites: the iTIP method (REQUEST, CANCEL). */
  readonly method?: string;
}

export interface OutboxMessage {
  readonly id: number;
  readonly messageId: string;
  readonly kind: string;
  readonly recipientEmail: string;
  readonly recipientUserId: number | null;
  readonly language: Language;
  readonly senderName: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly attachments: readonly MailAttachment[];
  readonly secret: boolean;
  readonly state: OutboxState;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly sentAt: string | null;
}

export type NewOutboxMessage = Omit<OutboxMessage, 'id' | 'attempts' | 'lastError' | 'sentAt' | 'nextAttemptAt'>;

function toMessage(row: Selectable<OutboxMessagesTable>): OutboxMessage {
  return {
    id: row.id,
    messageId: row.message_id,
    kind: row.kind,
    recipientEmail: row.recipient_email,
    recipientUserId: row.recipient_user_id,
    language: row.language,
    senderName: row.sender_name,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    headers: JSON.parse(row.headers) as Record<string, string>,
    attachments: JSON.parse(row.attachments) as MailAttachment[],
    secret: Number(row.secret) === 1,
    state: row.state,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

export async function insertMessage(db: Db, message: NewOutboxMessage, now: Date): Promise<number> {
  const at = now.toISOString();
  const { id } = await db
    .insertInto('outbox_messages')
    .values({
      message_id: message.messageId,
      kind: message.kind,
      recipient_email: message.recipientEmail,
      recipient_user_id: message.recipientUserId,
      language: message.language,
      sender_name: message.senderName,
      subject: message.subject,
      text_body: message.text,
      html_body: message.html,
      headers: JSON.stringify(message.headers),
      attachments: JSON.stringify(message.attachments),
      secret: message.secret ? 1 : 0,
      state: message.state,
      attempts: 0,
      next_attempt_at: at,
      lease_owner: null,
      lease_until: null,
      last_error: null,
      created_at: at,
      sent_at: null,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * Claims up to `limit` messages due now for this worker, and counts the try: pending ones whose time
 * has come, and ones being sent by a worker whose lease ran out (it died). On PostgreSQL, several
 * instances claim at once without waiting on or taking each other's rows (FOR UPDATE SKIP LOCKED);
 * SQLite runs one writer at a time.
 */
export async function claimDueMessages(db: Kysely<Database>, owner: string, now: Date, leaseMs: number, limit: number): Promise<OutboxMessage[]> {
  const at = now.toISOString();
  let due = db
    .selectFrom('outbox_messages')
    .select('outbox_messages.id')
    .where((eb) => eb.or([eb.and([eb('state', '=', 'pending'), eb('next_attempt_at', '<=', at)]), eb.and([eb('state', '=', 'sending'), eb('lease_until', '<', at)])]))
    .orderBy('outbox_messages.id')
    .limit(limit);
  if (isPostgres(db as unknown as Kysely<unknown>)) due = due.forUpdate().skipLocked();
  const rows = await db
    .updateTable('outbox_messages')
    .set((eb) => ({ state: 'sending' as const, lease_owner: owner, lease_until: new Date(now.getTime() + leaseMs).toISOString(), attempts: eb('attempts', '+', 1), updated_at: at }))
    .where('id', 'in', due)
    .returningAll()
    .execute();
  return rows.map(toMessage).sort((a, b) => a.id - b.id);
}

/** Records a delivery, if this worker still holds the message. */
export async function markSent(db: Db, id: number, owner: string, now: Date): Promise<void> {
  await db.updateTable('outbox_messages').set({ state: 'sent', sent_at: now.toISOString(), lease_owner: null, lease_until: null, last_error: null, updated_at: now.toISOString() }).where('id', '=', id).where('lease_owner', '=', owner).execute();
}

/** Records a failed try: another one later, or failed for good, with the server's answer. */
export async function markFailedTry(db: Db, id: number, owner: string, outcome: { state: 'pending'; nextAttemptAt: Date } | { state: 'failed' }, error: string, now: Date): Promise<void> {
  await db
    .updateTable('outbox_messages')
    .set({ state: outcome.state, ...(outcome.state === 'pending' ? { next_attempt_at: outcome.nextAttemptAt.toISOString() } : {}), lease_owner: null, lease_until: null, last_error: error, updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .execute();
}

/** A worker stopping with messages unsent hands them back: pending again, the unfinished try not counted. */
export async function releaseClaims(db: Db, owner: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('outbox_messages')
    .set((eb) => ({ state: 'pending' as const, lease_owner: null, lease_until: null, attempts: eb('attempts', '-', 1), updated_at: now.toISOString() }))
    .where('state', '=', 'sending')
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Replaces the bodies of a message (its one-time links taken out once it can no longer be sent). */
export async function replaceBodies(db: Db, id: number, text: string, html: string): Promise<void> {
  await db.updateTable('outbox_messages').set({ text_body: text, html_body: html }).where('id', '=', id).execute();
}

/** A failed or never-configured message goes out again, with all its tries; never one whose one-time link was taken out. */
export async function requeueMessage(db: Db, id: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('outbox_messages')
    .set({ state: 'pending', attempts: 0, next_attempt_at: now.toISOString(), last_error: null, updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('state', 'in', ['failed', 'not_configured'])
    .where('secret', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findMessage(db: Db, id: number): Promise<OutboxMessage | undefined> {
  const row = await db.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toMessage(row);
}

/** One page of messages, newest first, optionally in one state; one row more than the page says whether another follows. */
export async function listMessages(db: Db, filter: { state?: OutboxState }, page: { size: number; offset: number }): Promise<{ messages: OutboxMessage[]; hasNext: boolean }> {
  let query = db.selectFrom('outbox_messages').selectAll();
  if (filter.state) query = query.where('state', '=', filter.state);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.size + 1).offset(page.offset).execute();
  return { messages: rows.slice(0, page.size).map(toMessage), hasNext: rows.length > page.size };
}
