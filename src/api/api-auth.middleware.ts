import type { Request, RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { findUserById } from '../users/users.service';
import { ApiError, unauthorized } from './api-errors.middleware';
import { countRequest, deleteOldCounts, findTokenByValue, touchToken } from './tokens.repository';
import { rateWindowOf, secondsToNextWindow, tokenWorksAt, type TokenScope } from './tokens';

/** The token a request came with, as the API's handlers see it (`req.user` is its user). */
export interface ApiCaller {
  readonly tokenId: number;
  readonly scopes: readonly TokenScope[];
}

declare module 'express-serve-static-core' {
  interface Request {
    apiCaller?: ApiCaller;
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The bearer token of a request; a cookie is never a credential here (sessions do not run on /api). */
function bearerOf(req: Request): string | undefined {
  return BEARER.exec(req.get('authorization') ?? '')?.[1];
}

/**
 * Authenticates every /api request by its bearer token: a revoked, expired (at its expiry instant
 * too) or unknown token, or one whose user is no longer active, is refused with 401. Then counts the
 * request against the token's per-minute limit, in the database: every worker and server over the
 * database shares one count. Over the limit: 429 with Retry-After (seconds to the next minute).
 */
export function apiAuthentication(deps: { readonly db: Kysely<Database>; readonly clock: Clock; readonly ratePerMinute: number }): RequestHandler {
  return async (req, res, next) => {
    const value = bearerOf(req);
    if (!value) return next(unauthorized());
    const now = deps.clock.now();
    const token = await findTokenByValue(deps.db, value);
    if (!token || !tokenWorksAt(token, now)) return next(unauthorized('The token is unknown, revoked or expired.'));
    const user = await findUserById(deps.db, token.userId);
    if (!user || user.status !== 'active') return next(unauthorized('The token’s user is no longer active.'));

    const windowStart = rateWindowOf(now);
    const count = await countRequest(deps.db, token.id, windowStart);
    if (count === 1) await deleteOldCounts(deps.db, token.id, windowStart);
    res.set('RateLimit-Limit', String(deps.ratePerMinute));
    res.set('RateLimit-Remaining', String(Math.max(0, deps.ratePerMinute - count)));
    if (count > deps.ratePerMinute) return next(new ApiError(429, 'rate_limited', `At most ${deps.ratePerMinute} requests a minute per token.`, {}, secondsToNextWindow(now)));

    await touchToken(deps.db, token.id, now);
    req.user = { id: user.id, name: user.name, email: user.email, role: user.role, language: user.language, timeZone: user.timeZone };
    req.apiCaller = { tokenId: token.id, scopes: token.scopes };
    next();
  };
}
