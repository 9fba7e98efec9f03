import type { Kysely } from 'kysely';
import type { Database, DbOrTrx as Db } from '../db/database';
import { isPostgres } from '../db/migrations/helpers';

/** The tables of report totals, each keyed first by opening. */
export const TOTALS_TABLES = ['calibration_totals', 'calibration_delays', 'calibration_outcomes', 'pipeline_totals', 'pipeline_stage_days', 'source_totals'] as const;
export type TotalsTable = (typeof TOTALS_TABLES)[number];

/*
 * Locking on PostgreSQL (SQLite runs one write transaction at a time and needs none). A write that
 * changes an opening's totals takes, before it touches any row:
 * - the candidate's row, when the write depends on who the candidate is (an application added, a
 *   source edited, an erasure), so an edit and an application added at the same time see each other;
 * - then the opening's row, in id order when there are several;
 * and only then writes and rebuilds. Two writes on one opening thus queue at the opening instead of
 * each holding a row the other needs (a decision and a status change on one application deadlocked
 * when each locked the opening only for its rebuild). "For no key update" does not conflict with the
 * key-share locks that foreign keys take, so adding rows that point at the opening never waits on it.
 */

const onPostgres = (db: Db) => isPostgres(db as unknown as Kysely<unknown>);

/** Locks the openings' rows, in id order, against other writes to their totals. */
export async function lockOpenings(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0 || !onPostgres(db)) return;
  await db.selectFrom('openings').select('id').where('id', 'in', [...ids].sort((a, b) => a - b)).orderBy('id').forNoKeyUpdate().execute();
}

/** Locks the opening of an application (see above) and says which it is. */
export async function lockOpeningOfApplication(db: Db, applicationId: number): Promise<number | undefined> {
  const application = await db.selectFrom('applications').select('opening_id').where('id', '=', applicationId).executeTakeFirst();
  if (application) await lockOpenings(db, [application.opening_id]);
  return application?.opening_id;
}

/** Locks a candidate's row: `share` to add an application for them (others may at the same time), `update` to change or erase them. False when the candidate is gone. */
export async function lockCandidate(db: Db, candidateId: number, mode: 'share' | 'update'): Promise<boolean> {
  const row = db.selectFrom('candidates').select('id').where('id', '=', candidateId);
  // SQLite has no row locks: its one writer at a time already orders the writes.
  const found = onPostgres(db) ? await (mode === 'share' ? row.forShare() : row.forNoKeyUpdate()).executeTakeFirst() : await row.executeTakeFirst();
  return found !== undefined;
}

/** Locks a candidate's row for a change, then the openings they have applied to, and returns those. */
export async function lockCandidateOpenings(db: Db, candidateId: number): Promise<number[]> {
  await lockCandidate(db, candidateId, 'update');
  const openings = [...new Set((await db.selectFrom('applications').select('opening_id').where('candidate_id', '=', candidateId).execute()).map((a) => a.opening_id))];
  await lockOpenings(db, openings);
  return openings;
}

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
