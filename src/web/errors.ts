import type { MessageKey } from '../i18n/i18n';

/** Refusals that belong to HTTP itself, not to any feature's rules (those are in `shared/errors.ts`). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly messageKey: MessageKey,
  ) {
    super(messageKey);
    this.name = new.target.name;
  }
}

export class UnauthorizedError extends HttpError {
  constructor() {
    super(401, 'error.unauthorized.body');
  }
}

export class CsrfError extends HttpError {
  constructor() {
    super(403, 'error.csrf.body');
  }
}

export class BadRequestError extends HttpError {
  constructor(messageKey: MessageKey = 'error.badRequest.body') {
    super(400, messageKey);
  }
}
