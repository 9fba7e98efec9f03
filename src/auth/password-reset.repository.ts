import crypto from 'node:crypto';
import type { DbOrTrx as Db } from '../db/database';

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** A new single-use reset token for a person; only its hash is kept. Earlier unused ones stop working. */
export async function createPasswordReset(db: Db, userId: number, now: Date, ttlMs: number): Promise<{ token: string; expiresAt: string }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  await db.updateTable('password_resets').set({ used_at: now.toISOString() }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
  await db.insertInto('password_resets').values({ user_id: userId, token_hash: hash(token), created_at: now.toISOString(), expires_at: expiresAt, used_at: null }).execute();
  return { token, expiresAt };
}

/** The open (unused, unexpired) reset a token names. */
export async function findOpenPasswordReset(db: Db, token: string, now: Date): Promise<{ id: number; userId: number } | undefined> {
  const row = await db.selectFrom('password_resets').select(['id', 'user_id']).where('token_hash', '=', hash(token)).where('used_at', 'is', null).where('expires_at', '>', now.toISOString()).executeTakeFirst();
  return row && { id: row.id, userId: row.user_id };
}

/** Uses a reset up; false when someone used it first. */
export async function consumePasswordReset(db: Db, id: number, now: Date): Promise<boolean> {
  const result = await db.updateTable('password_resets').set({ used_at: now.toISOString() }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
