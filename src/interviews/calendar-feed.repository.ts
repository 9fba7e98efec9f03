import crypto from 'node:crypto';
import type { DbOrTrx as Db } from '../db/database';

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** A person's calendar feed: when it was made and until when its link works. */
export interface CalendarFeed {
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** A new secret feed link for a person; the one before stops working. Only the token's hash is kept. */
export async function replaceFeed(db: Db, userId: number, now: Date, ttlMs: number): Promise<{ token: string; expiresAt: string }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  await db.deleteFrom('calendar_feeds').where('user_id', '=', userId).execute();
  await db.insertInto('calendar_feeds').values({ user_id: userId, token_hash: hash(token), created_at: now.toISOString(), expires_at: expiresAt }).execute();
  return { token, expiresAt };
}

/** Switches a person's feed off; whether there was one. */
export async function deleteFeed(db: Db, userId: number): Promise<boolean> {
  const result = await db.deleteFrom('calendar_feeds').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function findFeed(db: Db, userId: number): Promise<CalendarFeed | undefined> {
  const row = await db.selectFrom('calendar_feeds').select(['created_at', 'expires_at']).where('user_id', '=', userId).executeTakeFirst();
  return row && { createdAt: row.created_at, expiresAt: row.expires_at };
}

/** Whose feed a token opens, while it works. */
export async function findFeedOwner(db: Db, token: string, now: Date): Promise<number | undefined> {
  const row = await db.selectFrom('calendar_feeds').select('user_id').where('token_hash', '=', hash(token)).where('expires_at', '>', now.toISOString()).executeTakeFirst();
  return row?.user_id;
}
