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

/** Synchroniser-token check for every state-changing request: `_csrf` form field (or, for file uploads, `?_csrf=`) or `X-CSRF-Token` header. */
export function verifyCsrf(req: Request, _res: Response, next: NextFunction): void {
  if (SAFE_METHODS.has(req.method)) return next();
  const expected = req.session?.csrfToken;
  const body: unknown = req.body;
  const fromBody = body && typeof body === 'object' ? (body as Record<string, unknown>)._csrf : undefined;
  // A multipart body is parsed only by the route's upload handler, after this check: such forms
  // carry the token in their action URL instead (redacted from the request log).
  const fromQuery = req.is('multipart/form-data') ? req.query._csrf : undefined;
  const given = typeof fromBody === 'string' ? fromBody : typeof fromQuery === 'string' ? fromQuery : req.get('x-csrf-token');
  if (!expected || typeof given !== 'string' || !tokensMatch(expected, given)) return next(new CsrfError());
  next();
}
