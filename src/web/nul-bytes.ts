import type { NextFunction, Request, Response } from 'express';
import { BadRequestError } from './errors';

/** True when a parsed form, query or any value inside it holds a NUL character. */
export function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 5 || value === null || typeof value !== 'object') return false;
  return Object.entries(value as Record<string, unknown>).some(([key, inner]) => key.includes('\u0000') || holdsNul(inner, depth + 1));
}

/**
 * Refuses requests carrying NUL characters in the path, query or form. No one types them, and
 * PostgreSQL cannot store them in text: they would fail deep inside a save instead of here.
 */
export function rejectNulBytes(req: Request, _res: Response, next: NextFunction): void {
  let path: string;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    return next(new BadRequestError());
  }
  if (path.includes('\u0000') || holdsNul(req.query) || holdsNul(req.body)) return next(new BadRequestError());
  next();
}
