import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { ApiTokenKind } from '../db/api-tables';
import type { DbOrTrx as Db } from '../db/database';
import { parseScopes, TOKEN_PREFIX, type TokenScope } from './tokens';

export const hashToken = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

export interface ApiToken {
  readonly id: number;
  readonly userId: number;
  readonly userName: string;
  readonly kind: ApiTokenKind;
  readonly name: string;
  readonly scopes: TokenScope[];
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

function tokensQuery(db: Db) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.user_id', 'users.name as user_name', 'api_tokens.kind', 'api_tokens.name', 'api_tokens.scopes', 'api_tokens.created_at', 'api_tokens.expires_at', 'api_tokens.last_used_at', 'api_tokens.revoked_at']);
}

type Row = Awaited<ReturnType<ReturnType<typeof tokensQuery>['executeTakeFirstOrThrow']>>;

function toToken(r: Row): ApiToken {
  return { id: r.id, userId: r.user_id, userName: r.user_name, kind: r.kind, name: r.name, scopes: parseScopes(r.scopes), createdAt: r.created_at, expiresAt: r.expires_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at };
}

/** A new token: returns it (the only time it exists outside the request) and its id. */
export async function insertToken(db: Db, input: { userId: number; kind: ApiTokenKind; name: string; scopes: readonly TokenScope[]; createdBy: number; expiresAt: string }, now: Date): Promise<{ id: number; token: string }> {
  const token = TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
  const { id } = await db
    .insertInto('api_tokens')
    .values({ user_id: input.userId, kind: input.kind, name: input.name, token_hash: hashToken(token), scopes: input.scopes.join(' '), created_by: input.createdBy, created_at: now.toISOString(), expires_at: input.expiresAt, last_used_at: null, revoked_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(id), token };
}

export async function listTokensOf(db: Db, userId: number): Promise<ApiToken[]> {
  return (await tokensQuery(db).where('api_tokens.user_id', '=', userId).orderBy('api_tokens.id', 'desc').execute()).map(toToken);
}

/** Every token of the company (the admin's list), newest first. */
export async function listAllTokens(db: Db): Promise<ApiToken[]> {
  return (await tokensQuery(db).orderBy('api_tokens.id', 'desc').limit(500).execute()).map(toToken);
}

export async function findTokenById(db: Db, id: number): Promise<ApiToken | undefined> {
  const row = await tokensQuery(db).where('api_tokens.id', '=', id).executeTakeFirst();
  return row && toToken(row);
}

export async function findTokenByValue(db: Db, token: string): Promise<ApiToken | undefined> {
  const row = await tokensQuery(db).where('api_tokens.token_hash', '=', hashToken(token)).executeTakeFirst();
  return row && toToken(row);
}

export async function markRevoked(db: Db, id: number, now: Date): Promise<boolean> {
  const result = await db.updateTable('api_tokens').set({ revoked_at: now.toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes every live token acting as this person. */
export async function revokeTokensOf(db: Db, userId: number, now: Date): Promise<number> {
  const result = await db.updateTable('api_tokens').set({ revoked_at: now.toISOString() }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Records a use; written at most once a minute per token, so a busy client does not write on every request. */
export async function touchToken(db: Db, id: number, now: Date): Promise<void> {
  const at = now.toISOString();
  const minuteAgo = new Date(now.getTime() - 60_000).toISOString();
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: at })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', minuteAgo)]))
    .execute();
}

/**
 * Counts one request of a token in its minute and returns the minute's count so far: one atomic
 * upsert, so concurrent requests on any worker or server count each once.
 */
export async function countRequest(db: Db, tokenId: number, windowStart: string): Promise<number> {
  const row = await db
    .insertInto('api_request_counts')
    .values({ token_id: tokenId, window_start: windowStart, count: 1 })
    .onConflict((oc) => oc.columns(['token_id', 'window_start']).doUpdateSet({ count: sql<number>`api_request_counts.count + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Forgets a token's earlier minutes. */
export async function deleteOldCounts(db: Db, tokenId: number, windowStart: string): Promise<void> {
  await db.deleteFrom('api_request_counts').where('token_id', '=', tokenId).where('window_start', '<', windowStart).execute();
}
