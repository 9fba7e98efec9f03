import type { DbOrTrx as Db } from '../db/database';

export async function findSessionData(db: Db, sid: string, now: Date): Promise<string | undefined> {
  const row = await db.selectFrom('sessions').select('data').where('sid', '=', sid).where('expires_at', '>', now.toISOString()).executeTakeFirst();
  return row?.data;
}

export async function upsertSession(db: Db, session: { sid: string; userId: number | null; data: string; expiresAt: string }): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ sid: session.sid, user_id: session.userId, data: session.data, expires_at: session.expiresAt })
    .onConflict((oc) => oc.column('sid').doUpdateSet({ user_id: session.userId, data: session.data, expires_at: session.expiresAt }))
    .execute();
}

/** Extends a session's expiry; skipped when it moved by less than `minStepMs`, to spare a write per request. */
export async function extendSession(db: Db, sid: string, expiresAt: Date, minStepMs: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ expires_at: expiresAt.toISOString() })
    .where('sid', '=', sid)
    .where('expires_at', '<', new Date(expiresAt.getTime() - minStepMs).toISOString())
    .execute();
}

export async function deleteSession(db: Db, sid: string): Promise<void> {
  await db.deleteFrom('sessions').where('sid', '=', sid).execute();
}

/** Ends every session of a user at once (deactivation). */
export async function deleteUserSessions(db: Db, userId: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
