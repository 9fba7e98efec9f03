import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { CsrfError } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Returns the session's CSRF token, creating one when the session has none (e.g. right after login). */
export function csrfTokenFor(req: Request): string {
  if (!req.session.csrfToken) req.session.csrfToken = crypto.randomBytes(32).toString('base64url');
  return req.session.csrfToken;
}

function tokensMatch(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** Synchroniser-token check for every state-changing request: `_csrf` form field or `X-CSRF-Token` header. */
export function verifyCsrf(req: Request, _res: Response, next: NextFunction): void {
  if (SAFE_METHODS.has(req.method)) return next();
  const expected = req.session?.csrfToken;
  const body: unknown = req.body;
  const fromBody = body && typeof body === 'object' ? (body as Record<string, unknown>)._csrf : undefined;
  const given = typeof fromBody === 'string' ? fromBody : req.get('x-csrf-token');
  if (!expected || typeof given !== 'string' || !tokensMatch(expected, given)) return next(new CsrfError());
  next();
}
