import type { MessageKey } from '../i18n/i18n';

/** Field name → message key, as shown next to form fields. */
export type FieldErrors = Partial<Record<string, MessageKey>>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly messageKey: MessageKey,
  ) {
    super(messageKey);
    this.name = new.target.name;
  }
}

export class NotFoundError extends HttpError {
  constructor() {
    super(404, 'error.notFound.body');
  }
}

export class UnauthorizedError extends HttpError {
  constructor() {
    super(401, 'error.unauthorized.body');
  }
}

export class ForbiddenError extends HttpError {
  constructor() {
    super(403, 'error.forbidden.body');
  }
}

export class CsrfError extends HttpError {
  constructor() {
    super(403, 'error.csrf.body');
  }
}

export class GoneError extends HttpError {
  constructor(messageKey: MessageKey) {
    super(410, messageKey);
  }
}

export class TooManyRequestsError extends HttpError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'error.tooManyRequests.body');
  }
}

export class BadRequestError extends HttpError {
  constructor(messageKey: MessageKey = 'error.badRequest.body') {
    super(400, messageKey);
  }
}

/** A domain rule refused the input; routes re-render their form with these messages. */
export class ValidationError extends Error {
  constructor(readonly fieldErrors: FieldErrors) {
    super('validation failed');
    this.name = 'ValidationError';
  }
}
