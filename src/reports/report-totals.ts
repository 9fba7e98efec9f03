import type { Kysely } from 'kysely';
import type { Database, DbOrTrx as Db } from '../db/database';
import { refreshCalibrationTotals } from './calibration-totals';
import { refreshPipelineTotals } from './pipeline-totals';
import { TOTALS_TABLES } from './totals-store';
import { bumpDataVersion } from '../db/data-version';

/** Every report total of these openings. */
export async function refreshReportTotals(db: Db, openingIds: readonly number[]): Promise<void> {
  await refreshCalibrationTotals(db, openingIds);
  await refreshPipelineTotals(db, openingIds);
}

/**
 * Rebuilds the openings marked stale (every opening, once, after the totals were introduced) and
 * says how many. Maintenance runs it at start-up, and every report before reading, in case it has
 * not finished yet. One transaction per opening, so requests go on between them (SQLite has one
 * connection: a single long transaction would hold every request back).
 */
export async function refreshStaleTotals(db: Kysely<Database>): Promise<number> {
  const stale = await db.selectFrom('report_totals_stale').select('opening_id').orderBy('opening_id').execute();
  for (const { opening_id: id } of stale) {
    await db.transaction().execute(async (trx) => {
      await refreshReportTotals(trx, [id]);
      await trx.deleteFrom('report_totals_stale').where('opening_id', '=', id).execute();
      await bumpDataVersion(trx);
    });
  }
  return stale.length;
}

/** Every totals row of these openings, per table, as sorted comparable text (numbers as numbers on both databases). */
export async function readTotals(db: Db, openingIds: readonly number[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of TOTALS_TABLES) {
    const rows = openingIds.length === 0 ? [] : await db.selectFrom(table as 'calibration_totals').selectAll().where('opening_id', 'in', openingIds).execute();
    out[table] = rows
      .map((r) => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, typeof v === 'string' && v !== '' && Number.isFinite(Number(v)) ? Number(v) : v])))
      .sort();
  }
  return out;
}

/**
 * The tables whose kept totals differ from totals rebuilt from the records, for these openings. The
 * rebuild runs in a transaction that is rolled back: nothing changes.
 */
export async function totalsDifferingFromRecords(db: Kysely<Database>, openingIds: readonly number[]): Promise<{ kept: Record<string, string[]>; rebuilt: Record<string, string[]>; differing: string[] }> {
  const kept = await readTotals(db, openingIds);
  let rebuilt: Record<string, string[]> = {};
  const rollback = new Error('rollback');
  await db
    .transaction()
    .execute(async (trx) => {
      await refreshReportTotals(trx, openingIds);
      rebuilt = await readTotals(trx, openingIds);
      throw rollback;
    })
    .catch((err: unknown) => {
      if (err !== rollback) throw err;
    });
  return { kept, rebuilt, differing: TOTALS_TABLES.filter((t) => JSON.stringify(kept[t]) !== JSON.stringify(rebuilt[t])) };
}
