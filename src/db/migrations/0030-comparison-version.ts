import type { Kysely } from 'kysely';

/**
 * A counter on each opening that every change to what its comparison shows raises, in the change's
 * own transaction (the comparison feature's event handler). The comparison page reads it with the
 * opening and keeps what it computed under it, so a kept grid can never outlive a change.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('openings').addColumn('compare_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('openings').dropColumn('compare_version').execute();
}
