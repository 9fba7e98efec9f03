import { sql } from 'kysely';
import type { DbOrTrx } from './database';

/**
 * Counts one more committed change. The unit of work runs it as its transaction's last statement: on
 * PostgreSQL the row stays locked only until that commit, and a transaction holding it waits for
 * nothing else, so it cannot take part in a deadlock.
 */
export async function bumpDataVersion(trx: DbOrTrx): Promise<void> {
  await trx.updateTable('data_version').set({ version: sql`version + 1` }).where('id', '=', 1).execute();
}

/** The number of changes committed so far (as text: a cache key). */
export async function readDataVersion(db: DbOrTrx): Promise<string> {
  const row = await db.selectFrom('data_version').select('version').where('id', '=', 1).executeTakeFirst();
  return String(row?.version ?? 0);
}
