import type { Kysely } from 'kysely';
import { withId } from './helpers';

/**
 * Reminders and the one scheduler: each reminder or notice that must go once is a row, unique by what
 * it is about (kind, subject, recipient, occurrence), written in the transaction that writes its
 * message; a lease row names the one instance that runs the scheduler.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('reminders'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('occurrence', 'integer', (c) => c.notNull())
    .addColumn('sent_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('reminders_once', ['kind', 'subject_id', 'user_id', 'occurrence'])
    .execute();
  await db.schema
    .createTable('scheduler_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('scheduler_leases').execute();
  await db.schema.dropTable('reminders').execute();
}
