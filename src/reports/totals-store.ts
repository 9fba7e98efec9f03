import type { Database, DbOrTrx as Db } from '../db/database';

/** The tables of report totals, each keyed first by opening. */
export const TOTALS_TABLES = ['calibration_totals', 'calibration_delays', 'calibration_outcomes', 'pipeline_totals', 'pipeline_stage_days', 'source_totals'] as const;
export type TotalsTable = (typeof TOTALS_TABLES)[number];

/**
 * Locks the openings' rows, in id order, against other rebuilds. "For no key update" does not
 * conflict with the key-share locks that inserting an application (its foreign key) takes on its
 * opening, so two transactions that each add an application and then rebuild cannot deadlock.
 */
export async function lockOpenings(db: Db, ids: readonly number[]): Promise<void> {
  await db.selectFrom('openings').select('id').where('id', 'in', ids).orderBy('id').forNoKeyUpdate().execute();
}

/** SQLite binds at most 32766 values per statement: insert in chunks well under that. */
export async function insertChunked<T extends TotalsTable>(db: Db, table: T, rows: Database[T][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await db.insertInto(table).values(rows.slice(i, i + 500) as any).execute();
  }
}
