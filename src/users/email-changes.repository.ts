import crypto from 'node:crypto';
import type { DbOrTrx as Db } from '../db/database';

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** A pending change of address, confirmed by a single-use link to the new address; earlier pending ones stop working. */
export async function createEmailChange(db: Db, userId: number, newEmail: string, now: Date, ttlMs: number): Promise<{ token: string; expiresAt: string }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  await db.updateTable('email_changes').set({ used_at: now.toISOString() }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
  await db.insertInto('email_changes').values({ user_id: userId, new_email: newEmail, token_hash: hash(token), created_at: now.toISOString(), expires_at: expiresAt, used_at: null }).execute();
  return { token, expiresAt };
}

/** The open change a token names, left open (for the page that asks to confirm it). */
export async function findOpenEmailChange(db: Db, token: string, now: Date): Promise<{ userId: number; newEmail: string } | undefined> {
  const row = await db.selectFrom('email_changes').select(['user_id', 'new_email']).where('token_hash', '=', hash(token)).where('used_at', 'is', null).where('expires_at', '>', now.toISOString()).executeTakeFirst();
  return row && { userId: row.user_id, newEmail: row.new_email };
}

/** The open change a token names, used up at once; undefined when used, expired or unknown. */
export async function consumeEmailChange(db: Db, token: string, now: Date): Promise<{ userId: number; newEmail: string } | undefined> {
  const row = await db.selectFrom('email_changes').select(['id', 'user_id', 'new_email']).where('token_hash', '=', hash(token)).where('used_at', 'is', null).where('expires_at', '>', now.toISOString()).executeTakeFirst();
  if (!row) return undefined;
  const used = await db.updateTable('email_changes').set({ used_at: now.toISOString() }).where('id', '=', row.id).where('used_at', 'is', null).executeTakeFirst();
  return Number(used.numUpdatedRows) === 1 ? { userId: row.user_id, newEmail: row.new_email } : undefined;
}
