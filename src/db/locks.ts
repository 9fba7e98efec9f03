import { type Kysely, sql } from 'kysely';
import type { DbOrTrx as Db } from './database';
import { isPostgres } from './migrations/helpers';

/*
 * The one lock order of the application, on PostgreSQL (SQLite runs one write transaction at a
 * time and needs none). A use case whose change touches an opening's report totals takes, before it
 * writes any row:
 * 1. the candidate's row, when the change depends on who the candidate is (an application added, a
 *    source edited, an erasure), so an edit and an application added at the same time see each other;
 * 2. then the openings' rows, in id order when there are several;
 * and only then writes. The report-totals handler rebuilds those openings before commit, under the
 * same locks. Two writes on one opening thus queue at the opening instead of each holding a row the
 * other needs (a decision and a status change on one application deadlocked when each locked the
 * opening only for its rebuild). "For no key update" does not conflict with the key-share locks that
 * foreign keys take, so adding rows that point at the opening never waits on it.
 */

const onPostgres = (db: Db) => isPostgres(db as unknown as Kysely<unknown>);

/** Locks the openings' rows, in id order, against other writes to their totals. */
export async function lockOpenings(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0 || !onPostgres(db)) return;
  await db.selectFrom('openings').select('id').where('id', 'in', [...new Set(ids)].sort((a, b) => a - b)).orderBy('id').forNoKeyUpdate().execute();
}

/** Locks the opening of an application and says which it is (undefined when the application is gone). */
export async function lockOpeningOfApplication(db: Db, applicationId: number): Promise<number | undefined> {
  const application = await db.selectFrom('applications').select('opening_id').where('id', '=', applicationId).executeTakeFirst();
  if (application) await lockOpenings(db, [application.opening_id]);
  return application?.opening_id;
}

/** Locks a candidate's row: `share` to add an application for them (others may at the same time), `update` to change or erase them. False when the candidate is gone. */
export async function lockCandidate(db: Db, candidateId: number, mode: 'share' | 'update'): Promise<boolean> {
  const row = db.selectFrom('candidates').select('id').where('id', '=', candidateId);
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
 * An application through the careers page waits, first, for any other from the same address (so the
 * hourly count cannot be read twice before either writes) and then for any other with the same
 * e-mail (so a double click makes one candidate, not two). Transaction-scoped advisory locks, always
 * taken in this order, before the candidate's and the opening's rows.
 */
export async function lockCareersApplication(db: Db, addressHash: string, email: string): Promise<void> {
  if (!onPostgres(db)) return;
  await sql`select pg_advisory_xact_lock(hashtext(${`careers-address:${addressHash}`}))`.execute(db);
  await sql`select pg_advisory_xact_lock(hashtext(${`careers-email:${email}`}))`.execute(db);
}

/** Locks candidates' rows for share (applications are added for them), in id order, 500 per query; returns those that still exist. */
export async function lockCandidatesShared(db: Db, ids: readonly number[]): Promise<Set<number>> {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const found = new Set<number>();
  for (let i = 0; i < sorted.length; i += 500) {
    const query = db.selectFrom('candidates').select('id').where('id', 'in', sorted.slice(i, i + 500)).orderBy('id');
    for (const r of await (onPostgres(db) ? query.forShare() : query).execute()) found.add(r.id);
  }
  return found;
}

/**
 * Start-up seeding (the default roles, rubrics and onboarding templates) reads what is there and
 * adds what is missing: instances starting together on one PostgreSQL database take turns, so the
 * second finds the first one's rows. SQLite's writers already take turns.
 */
export async function lockStartUpSeeding(db: Db): Promise<void> {
  if (!onPostgres(db)) return;
  await sql`select pg_advisory_xact_lock(hashtext('start-up seeding'))`.execute(db);
}
