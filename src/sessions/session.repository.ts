import type { DbOrTrx as Db } from '../db/database';

import type { Role } from '../auth/permissions';
import type { Language } from '../i18n/i18n';

/** The person a session belongs to, as read with it: what every request needs of them. */
export interface SessionOwnerRow {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  readonly status: string;
  readonly language: Language | null;
  readonly timeZone: string | null;
}

/** A live session's data and, in the same query, the person it belongs to (none before sign-in). */
export async function findSessionWithOwner(db: Db, sid: string, now: Date): Promise<{ data: string; owner: SessionOwnerRow | null } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .leftJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.data', 'users.id as user_id', 'users.name', 'users.email', 'users.role', 'users.status', 'users.language', 'users.time_zone'])
    .where('sessions.sid', '=', sid)
    .where('sessions.expires_at', '>', now.toISOString())
    .executeTakeFirst();
  if (!row) return undefined;
  const owner =
    row.user_id === null || row.name === null || row.email === null || row.role === null || row.status === null
      ? null
      : { id: Number(row.user_id), name: row.name, email: row.email, role: row.role, status: row.status, language: row.language, timeZone: row.time_zone };
  return { data: row.data, owner };
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
