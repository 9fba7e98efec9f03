import type { MessageKey } from '../i18n/i18n';

/** Field name → message key, as shown next to form fields (`_form` for the form as a whole). */
export type FieldErrors = Partial<Record<string, MessageKey>>;

/**
 * Errors a use case or service throws when a rule refuses the request. They say what went wrong
 * in the domain's words; `src/web/error-handler.ts` is the one place that turns them into pages.
 */
export abstract class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The record does not exist, or the actor may not know that it does (answered alike). */
export class NotFoundError extends DomainError {
  constructor() {
    super('not found');
  }
}

/** The actor is known and the record visible, but this action is not theirs to take. */
export class ForbiddenError extends DomainError {
  constructor() {
    super('forbidden');
  }
}

/** A link or token that worked once and no longer does (used, expired, replaced). */
export class GoneError extends DomainError {
  constructor(readonly messageKey: MessageKey) {
    super(messageKey);
  }
}

/** The request clashes with the record's current state (someone else changed it first). */
export class ConflictError extends DomainError {
  constructor(readonly messageKey: MessageKey) {
    super(messageKey);
  }
}

/** Too many attempts of something guarded (sign-in, re-entering a password). */
export class TooManyAttemptsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('too many attempts');
  }
}

/** A domain rule refused the input; routes re-render their form with these messages next to the fields. */
export class ValidationError extends DomainError {
  constructor(readonly fieldErrors: FieldErrors) {
    super('validation failed');
  }
}
