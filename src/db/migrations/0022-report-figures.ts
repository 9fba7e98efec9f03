import { type Kysely, sql } from 'kysely';

/**
 * Report figures that mean what they say. The calibration totals leave an interviewer's own other
 * ratings of the same application and dimension out of "the rest of the panel": every opening's
 * totals are marked stale and rebuilt (at start-up, or before the first report reads them).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`insert into report_totals_stale (opening_id) select id from openings where id not in (select opening_id from report_totals_stale)`.execute(db);
}

export async function down(): Promise<void> {
  // Nothing to undo: stale totals are rebuilt from the records.
}
