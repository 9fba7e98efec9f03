import crypto from 'node:crypto';
import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { MessageKey } from '../i18n/i18n';
import { ConflictError, DomainError, ForbiddenError, GoneError, NotFoundError, TooManyAttemptsError, ValidationError } from '../shared/errors';
import { HttpError } from './errors';
import type { PageLocals } from './locals';
import { renderPage } from './render';

const TITLES: Record<number, MessageKey> = {
  400: 'error.badRequest.title',
  401: 'error.unauthorized.title',
  403: 'error.forbidden.title',
  404: 'error.notFound.title',
  409: 'error.conflict.title',
  410: 'error.gone.title',
  413: 'error.payloadTooLarge.title',
  429: 'error.tooManyRequests.title',
  500: 'error.server.title',
};

export function notFound(_req: Request, _res: Response, next: NextFunction): void {
  next(new NotFoundError());
}

/** What each domain error means for HTTP. A refused form is normally shown by its route; one that reaches here is a 422. */
function classifyDomain(err: DomainError): { status: number; messageKey: MessageKey } {
  if (err instanceof NotFoundError) return { status: 404, messageKey: 'error.notFound.body' };
  if (err instanceof ForbiddenError) return { status: 403, messageKey: 'error.forbidden.body' };
  if (err instanceof GoneError) return { status: 410, messageKey: err.messageKey };
  if (err instanceof TooManyAttemptsError) return { status: 429, messageKey: 'error.tooManyRequests.body' };
  if (err instanceof ConflictError) return { status: 409, messageKey: err.messageKey };
  if (err instanceof ValidationError) return { status: 422, messageKey: 'error.badRequest.body' };
  return { status: 500, messageKey: 'error.server.body' };
}

function classify(err: unknown): { status: number; messageKey: MessageKey; titleKey: MessageKey } {
  if (err instanceof DomainError) {
    const { status, messageKey } = classifyDomain(err);
    return { status, messageKey, titleKey: TITLES[status] ?? 'error.badRequest.title' };
  }
  if (err instanceof HttpError) {
    const titleKey = err.messageKey === 'error.csrf.body' ? 'error.csrf.title' : (TITLES[err.status] ?? 'error.server.title');
    return { status: err.status, messageKey: err.messageKey, titleKey };
  }
  const status = (err as { status?: unknown; type?: unknown })?.status;
  if ((err as { type?: unknown })?.type === 'entity.too.large') {
    return { status: 413, messageKey: 'error.payloadTooLarge.body', titleKey: 'error.payloadTooLarge.title' };
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status: 400, messageKey: 'error.badRequest.body', titleKey: 'error.badRequest.title' };
  }
  return { status: 500, messageKey: 'error.server.body', titleKey: 'error.server.title' };
}

/**
 * The one place where errors become responses. Unexpected errors get an id that is logged with the
 * stack and shown to the user; the page never shows the stack itself.
 */
export function createErrorHandler(logger: Logger, pageLocals: PageLocals): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const { status, messageKey, titleKey } = classify(err);
    const errorId = status === 500 ? crypto.randomUUID() : undefined;
    if (errorId) logger.error({ err, errorId, reqId: req.id }, 'unhandled error');
    if (err instanceof TooManyAttemptsError) res.set('Retry-After', String(err.retryAfterSeconds));
    if (!res.locals.t) {
      pageLocals(req, res, () => undefined);
    }
    renderPage(req, res, 'errors/error', { title: titleKey, messageKey, status, errorId }, status).catch((renderError: unknown) => {
      logger.error({ err: renderError, errorId }, 'error page failed to render');
      if (!res.headersSent) res.status(status).type('text').send(errorId ? `Error ${status} (id ${errorId})` : `Error ${status}`);
    });
  };
}
