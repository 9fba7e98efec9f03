import crypto from 'node:crypto';
import type { Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import { type Access, ACCESS } from '../auth/guard';
import { type Permission, roleCan } from '../auth/permissions';
import { ForbiddenError } from '../shared/errors';
import { positiveInt } from '../shared/ids';
import { ApiError, unauthorized } from './api-errors.middleware';
import { MAX_ID } from './schemas';
import type { TokenScope } from './tokens';

type Method = 'get' | 'post' | 'patch';

/** One API operation: what it takes and answers (the OpenAPI document is built from these), and who may call it. */
export interface ApiOperation<Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  readonly method: Method;
  /** Express style, full path (`/api/v1/candidates/:id`). */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  /** The role permission the token's user needs, or any signed-in role. */
  readonly permission: Permission | 'any';
  readonly scope: TokenScope;
  readonly query?: Q;
  readonly body?: B;
  /** The success answer's schema (registered in the schema registry) and status. */
  readonly response: z.ZodType;
  readonly status?: 200 | 201;
}

export interface ApiInput<Q extends z.ZodType, B extends z.ZodType> {
  readonly query: z.output<Q>;
  readonly body: z.output<B>;
  /** The path's `:id` as a positive integer (404 when it is not one). */
  readonly id: number;
}

/** Field → message, from zod's issues (the first per field). */
function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '_body';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** The route's guard, tagged like the pages' guards so the route table reads who may call it. */
function guard(op: ApiOperation): RequestHandler {
  const access: Access = op.permission === 'any' ? { kind: 'signedIn' } : { kind: 'permission', permission: op.permission };
  const handler: RequestHandler = (req, _res, next) => {
    if (!req.user || !req.apiCaller) return next(unauthorized());
    if (!req.apiCaller.scopes.includes(op.scope)) return next(new ApiError(403, 'insufficient_scope', `This token lacks the "${op.scope}" scope.`));
    if (op.permission !== 'any' && !roleCan(req.user.role, op.permission)) return next(new ForbiddenError());
    next();
  };
  return Object.assign(handler, { [ACCESS]: access });
}

/** Sends JSON with a strong ETag of its bytes; a GET whose If-None-Match names it gets 304 and no body. */
export function sendJson(req: Request, res: Response, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  const etag = `"${crypto.createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
  res.set('Cache-Control', 'private, no-cache');
  if (req.method === 'GET') {
    res.set('ETag', etag);
    const wanted = (req.get('if-none-match') ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
    if (wanted.includes(etag) || wanted.includes('*')) {
      res.status(304).end();
      return;
    }
  }
  res.status(status).type('application/json').send(text);
}

/** The API's routes as they are declared: registered on the router and listed for the OpenAPI document. */
export class ApiRoutes {
  readonly operations: ApiOperation[] = [];

  constructor(private readonly router: Router) {}

  add<Q extends z.ZodType, B extends z.ZodType>(op: ApiOperation<Q, B>, handler: (req: Request, input: ApiInput<Q, B>) => Promise<unknown>): void {
    this.operations.push(op as unknown as ApiOperation);
    this.router[op.method](op.path, guard(op as unknown as ApiOperation), async (req: Request, res: Response) => {
      const query = op.query ? op.query.safeParse(req.query) : { success: true as const, data: {} };
      if (!query.success) throw new ApiError(400, 'bad_request', 'Some query parameters are not valid; see "fields".', fieldsOf(query.error));
      const body = op.body ? op.body.safeParse(req.body ?? {}) : { success: true as const, data: {} };
      if (!body.success) throw new ApiError(422, 'validation_failed', 'The request body is not valid; see "fields".', fieldsOf(body.error));
      const id = req.params.id === undefined ? 0 : positiveInt(req.params.id);
      if (id === undefined) throw new ApiError(404, 'not_found', 'Nothing here: the resource does not exist or is not visible to this token.');
      const result = await handler(req, { query: query.data as z.output<Q>, body: body.data as z.output<B>, id });
      sendJson(req, res, op.status ?? 200, result);
    });
  }
}

/** An opaque cursor: the last row's sort key, base64url JSON. */
export function encodeCursor(position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The position a cursor names; 400 when it is not one of ours. */
export function decodeCursor(cursor: string | undefined, shape: readonly ('string' | 'number')[]): (string | number)[] | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  // A number in a cursor is an id: a whole number the database can hold.
  const fits = (v: unknown, kind: 'string' | 'number') => typeof v === kind && (kind === 'string' || (Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= MAX_ID + 1));
  if (!Array.isArray(value) || value.length !== shape.length || !value.every((v, i) => fits(v, shape[i]!))) {
    throw new ApiError(400, 'bad_request', 'The cursor is not valid: use the next_cursor of a previous page.', { cursor: 'Invalid cursor.' });
  }
  return value as (string | number)[];
}
