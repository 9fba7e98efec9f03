import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ForbiddenError } from '../shared/errors';
import { UnauthorizedError } from '../web/errors';
import { type Permission, roleCan } from './permissions';

/** What a route requires. Every route declares one; the route-table test fails on a route without it. */
export type Access = { readonly kind: 'public' } | { readonly kind: 'signedIn' } | { readonly kind: 'permission'; readonly permission: Permission };

export const ACCESS = Symbol.for('salesbench.access');

type GuardHandler = RequestHandler & { [ACCESS]: Access };

function tag(handler: RequestHandler, access: Access): GuardHandler {
  return Object.assign(handler, { [ACCESS]: access });
}

function denyAnonymous(req: Request, res: Response, next: NextFunction): void {
  if (req.method === 'GET' || req.method === 'HEAD') {
    const nextUrl = req.originalUrl === '/' ? '' : `?next=${encodeURIComponent(req.originalUrl)}`;
    return res.redirect(303, `/login${nextUrl}`);
  }
  next(new UnauthorizedError());
}

/** Open to everyone, signed in or not. */
export function publicAccess(): GuardHandler {
  return tag((_req, _res, next) => next(), { kind: 'public' });
}

/** Any signed-in user, whatever the role. */
export function signedIn(): GuardHandler {
  return tag((req, res, next) => (req.user ? next() : denyAnonymous(req, res, next)), { kind: 'signedIn' });
}

/** Signed-in users whose role grants `permission`. */
export function allow(permission: Permission): GuardHandler {
  return tag(
    (req, res, next) => {
      if (!req.user) return denyAnonymous(req, res, next);
      if (!roleCan(req.user.role, permission)) return next(new ForbiddenError());
      next();
    },
    { kind: 'permission', permission },
  );
}

export function accessOf(handler: unknown): Access | undefined {
  return typeof handler === 'function' ? (handler as Partial<GuardHandler>)[ACCESS] : undefined;
}
