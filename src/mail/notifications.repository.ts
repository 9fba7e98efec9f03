import crypto from 'node:crypto';
import type { DbOrTrx as Db } from '../db/database';

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** The kinds of notification a person turned off. */
export async function listOptOuts(db: Db, userId: number): Promise<string[]> {
  return (await db.selectFrom('notification_opt_outs').select('kind').where('user_id', '=', userId).execute()).map((r) => r.kind);
}

export async function isOptedOut(db: Db, userId: number, kind: string): Promise<boolean> {
  return (await db.selectFrom('notification_opt_outs').select('kind').where('user_id', '=', userId).where('kind', '=', kind).executeTakeFirst()) !== undefined;
}

/** Sets which of `kinds` a person receives: those not in `receive` are turned off. */
export async function setOptOuts(db: Db, userId: number, kinds: readonly string[], receive: readonly string[], now: Date): Promise<void> {
  await db.deleteFrom('notification_opt_outs').where('user_id', '=', userId).execute();
  const off = kinds.filter((kind) => !receive.includes(kind));
  if (off.length > 0) await db.insertInto('notification_opt_outs').values(off.map((kind) => ({ user_id: userId, kind, created_at: now.toISOString() }))).execute();
}

export async function optOut(db: Db, userId: number, kind: string, now: Date): Promise<void> {
  await db.insertInto('notification_opt_outs').values({ user_id: userId, kind, created_at: now.toISOString() }).onConflict((oc) => oc.columns(['user_id', 'kind']).doNothing()).execute();
}

/** A new unsubscribe token for one person and one kind of message; only its hash is kept. */
export async function createUnsubscribeToken(db: Db, userId: number, kind: string, expiresAt: Date): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await db.insertInto('unsubscribe_tokens').values({ token_hash: hash(token), user_id: userId, kind, expires_at: expiresAt.toISOString() }).execute();
  return token;
}

/** Whom and what an unsubscribe token is for, while it has not expired. */
export async function findUnsubscribeToken(db: Db, token: string, now: Date): Promise<{ userId: number; kind: string } | undefined> {
  const row = await db.selectFrom('unsubscribe_tokens').select(['user_id', 'kind']).where('token_hash', '=', hash(token)).where('expires_at', '>', now.toISOString()).executeTakeFirst();
  return row && { userId: row.user_id, kind: row.kind };
}
