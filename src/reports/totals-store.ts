import type { Database, DbOrTrx as Db } from '../db/database';
import { lockOpenings } from '../db/locks';

/** The tables of report totals, each keyed first by opening. */
export const TOTALS_TABLES = ['calibration_totals', 'calibration_delays', 'calibration_outcomes', 'pipeline_totals', 'pipeline_stage_days', 'source_totals'] as const;
export type TotalsTable = (typeof TOTALS_TABLES)[number];

/**
 * Runs a rebuild of these openings' totals: each opening once, in id order, in the caller's
 * transaction (the app always writes in one) or in one of its own, with the openings locked so two
 * rebuilds of one opening cannot interleave (each would delete the rows it sees and insert its own).
 */
export async function rebuildOpenings(db: Db, openingIds: readonly number[], rebuild: (trx: Db, ids: number[]) => Promise<void>): Promise<void> {
  const ids = [...new Set(openingIds)].sort((a, b) => a - b);
  if (ids.length === 0) return;
  if (!db.isTransaction) return db.transaction().execute((trx) => rebuildOpenings(trx, ids, rebuild));
  await lockOpenings(db, ids);
  await rebuild(db, ids);
}

/** SQLite binds at most 32766 values per statement: insert in chunks well under that. */
export async function insertChunked<T extends TotalsTable>(db: Db, table: T, rows: Database[T][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await db.insertInto(table).values(rows.slice(i, i + 500) as any).execute();
  }
}
