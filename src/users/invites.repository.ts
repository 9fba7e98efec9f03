import crypto from 'node:crypto';
import type { DbOrTrx as Db } from '../db/database';

/** Only a hash of the token is stored: a leaked database does not leak usable invite links. */
export function hashInviteToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Makes every unused invite link of a user stop working. */
export async function closeOpenInvites(db: Db, userId: number, now: Date): Promise<void> {
  await db.updateTable('invites').set({ used_at: now.toISOString() }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
}

/** Creates an invite and returns its token (shown once to the admin). Earlier unused invites of the user stop working. */
export async function createInvite(db: Db, userId: number, createdBy: number, now: Date, ttlMs: number): Promise<{ token: string; expiresAt: string }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  await closeOpenInvites(db, userId, now);
  await db
    .insertInto('invites')
    .values({ user_id: userId, token_hash: hashInviteToken(token), created_by: createdBy, created_at: now.toISOString(), expires_at: expiresAt, used_at: null })
    .execute();
  return { token, expiresAt };
}

export interface OpenInvite {
  readonly inviteId: number;
  readonly userId: number;
  readonly name: string;
  readonly email: string;
}

/** An unused, unexpired invite of a user who has not set a password yet. */
export async function findOpenInvite(db: Db, token: string, now: Date): Promise<OpenInvite | undefined> {
  const row = await db
    .selectFrom('invites')
    .innerJoin('users', 'users.id', 'invites.user_id')
    .select(['invites.id as inviteId', 'users.id as userId', 'users.name', 'users.email'])
    .where('invites.token_hash', '=', hashInviteToken(token))
    .where('invites.used_at', 'is', null)
    .where('invites.expires_at', '>', now.toISOString())
    .where('users.status', '=', 'invited')
    .executeTakeFirst();
  return row;
}

/** Marks the invite used; false when another request used it first. */
export async function consumeInvite(db: Db, inviteId: number, now: Date): Promise<boolean> {
  const result = await db.updateTable('invites').set({ used_at: now.toISOString() }).where('id', '=', inviteId).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Expiry of each invited user's newest invite, for the people list. */
export async function latestInviteExpiries(db: Db): Promise<Map<number, { expiresAt: string; usable: boolean }>> {
  const rows = await db
    .selectFrom('invites')
    .innerJoin('users', 'users.id', 'invites.user_id')
    .select(['invites.user_id', 'invites.expires_at', 'invites.used_at'])
    .where('users.status', '=', 'invited')
    .orderBy('invites.id', 'asc')
    .execute();
  const latest = new Map<number, { expiresAt: string; usable: boolean }>();
  for (const row of rows) latest.set(row.user_id, { expiresAt: row.expires_at, usable: row.used_at === null });
  return latest;
}
