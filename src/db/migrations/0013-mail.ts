import type { Kysely } from 'kysely';
import { withId } from './helpers';

/**
 * Mail: an outbox written in the transaction of the change that causes each message, one-time
 * tokens for password resets, e-mail changes and unsubscribe links (stored hashed), notification
 * choices, and each person's time zone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('outbox_messages'))
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recipient_email', 'text', (c) => c.notNull())
    .addColumn('recipient_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('sender_name', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    // JSON: extra headers (List-Unsubscribe) and attachments (calendar invites).
    .addColumn('headers', 'text', (c) => c.notNull())
    .addColumn('attachments', 'text', (c) => c.notNull())
    // 1 when the message holds a link that works once for its recipient: admins see it with the link hidden.
    .addColumn('secret', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_due_idx').on('outbox_messages').columns(['state', 'next_attempt_at', 'id']).execute();
  await db.schema.createIndex('outbox_created_idx').on('outbox_messages').columns(['created_at', 'id']).execute();

  for (const table of ['password_resets', 'email_changes']) {
    let builder = withId(db, db.schema.createTable(table))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique());
    if (table === 'email_changes') builder = builder.addColumn('new_email', 'text', (c) => c.notNull());
    await builder
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
    await db.schema.createIndex(`${table}_user_idx`).on(table).column('user_id').execute();
  }

  await db.schema
    .createTable('unsubscribe_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notification_opt_outs')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_opt_outs_pk', ['user_id', 'kind'])
    .execute();

  await db.schema.alterTable('users').addColumn('time_zone', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('time_zone').execute();
  for (const table of ['notification_opt_outs', 'unsubscribe_tokens', 'email_changes', 'password_resets', 'outbox_messages']) {
    await db.schema.dropTable(table).execute();
  }
}
