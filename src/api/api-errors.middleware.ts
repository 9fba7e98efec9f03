import crypto from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { type MessageKey, translator } from '../i18n/i18n';
import { ConflictError, DomainError, ForbiddenError, GoneError, NotFoundError, TooManyAttemptsError, ValidationError } from '../shared/errors';
import { HttpError } from '../web/errors';

/** A refusal that belongs to the API itself (a bad token, a missing scope, a bad cursor, the rate limit). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Readonly<Record<string, string>> = {},
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const unauthorized = (message = 'A valid API token is required: send it as "Authorization: Bearer <token>".') => new ApiError(401, 'unauthorized', message);

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly fields: Record<string, string> };
}

const english = translator('en');

/** A domain error or an HTTP refusal, as the API answers it: the same meanings as the pages, in JSON. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ValidationError) {
    const fields = Object.fromEntries(Object.entries(err.fieldErrors).flatMap(([field, key]) => (key ? [[field, english(key)]] : [])));
    const formMessage = err.fieldErrors._form;
    return new ApiError(422, 'validation_failed', formMessage ? english(formMessage) : 'Some fields are not valid; see "fields".', fields);
  }
  if (err instanceof NotFoundError) return new ApiError(404, 'not_found', 'Nothing here: the resource does not exist or is not visible to this token.');
  if (err instanceof ForbiddenError) return new ApiError(403, 'forbidden', 'The role of the token’s user does not allow this.');
  if (err instanceof GoneError) return new ApiError(410, 'gone', english(err.messageKey));
  if (err instanceof ConflictError) return new ApiError(409, 'conflict', english(err.messageKey));
  if (err instanceof TooManyAttemptsError) return new ApiError(429, 'rate_limited', 'Too many requests.', {}, err.retryAfterSeconds);
  if (err instanceof DomainError) return new ApiError(500, 'internal', 'The request could not be completed.');
  if (err instanceof HttpError) return new ApiError(err.status, err.status === 401 ? 'unauthorized' : 'bad_request', english(err.messageKey as MessageKey));
  const { status, type } = (err ?? {}) as { status?: unknown; type?: unknown };
  if (type === 'entity.too.large') return new ApiError(413, 'payload_too_large', 'The request body is too large.');
  if (type === 'entity.parse.failed') return new ApiError(400, 'bad_request', 'The request body is not valid JSON.');
  if (typeof status === 'number' && status >= 400 && status < 500) return new ApiError(400, 'bad_request', 'The request could not be understood.');
  return new ApiError(500, 'internal', 'The request could not be completed.');
}

/** The API's one error handler: every refusal as `{"error":{"code","message","fields"}}`; an unexpected one logged with an id. */
export function apiErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const apiError = toApiError(err);
    let message = apiError.message;
    if (apiError.status === 500) {
      const errorId = crypto.randomUUID();
      logger.error({ err, errorId, reqId: req.id }, 'unhandled API error');
      message = `${message} (error id ${errorId})`;
    }
    if (apiError.retryAfterSeconds !== undefined) res.set('Retry-After', String(apiError.retryAfterSeconds));
    if (apiError.status === 401) res.set('WWW-Authenticate', 'Bearer realm="salesbench"');
    res.status(apiError.status).set('Cache-Control', 'no-store').json({ error: { code: apiError.code, message, fields: { ...apiError.fields } } } satisfies ErrorBody);
  };
}

export const apiNotFound: RequestHandler = (_req, _res, next) => next(new ApiError(404, 'not_found', 'No such API route.'));
