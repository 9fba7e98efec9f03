import { z } from 'zod';
import { isMessageKey, type MessageKey } from '../i18n/i18n';
import { field } from './body';
import type { FieldErrors } from '../shared/errors';

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/**
 * Validates a form body. Schemas use message keys as messages; anything else (a missing field, a
 * repeated field arriving as an array) becomes a generic "invalid value" next to the field.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.output<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    if (errors[field]) continue;
    errors[field] = isMessageKey(issue.message) ? issue.message : 'validation.invalid';
  }
  return { ok: false, errors };
}

/** A required single-line text field, trimmed. */
export function requiredText(max: number) {
  return z.string('validation.invalid').trim().min(1, 'validation.required').max(max, 'validation.tooLong');
}

export const emailField = z
  .string('validation.invalid')
  .trim()
  .min(1, 'validation.required')
  .max(254, 'validation.tooLong')
  .pipe(z.email('validation.email'));

/** Keeps what the user typed (strings only) to refill a form; never includes password fields. */
export function keepValues(body: unknown, fields: readonly string[]): Record<string, string> {
  return Object.fromEntries(fields.map((name) => [name, field(body, name)]));
}

/** An optional text field, trimmed; '' when absent. */
export function optionalText(max: number) {
  return z.string('validation.invalid').trim().max(max, 'validation.tooLong').default('');
}

/** A positive whole id chosen in a form (a select or a hidden field). */
export const idField = z
  .string('validation.invalid')
  .trim()
  .regex(/^\d{1,9}$/, 'validation.invalid')
  .transform(Number)
  .refine((n) => n > 0, 'validation.invalid');

/** An id that may be left empty (null). */
export const optionalIdField = z.union([z.literal('').transform(() => null), idField]).optional().transform((v) => v ?? null);

/** A checkbox: true when ticked. */
export const checkboxField = z.unknown().optional().transform((v) => v === 'on');

/** Every value of a repeated field (a list of checkboxes), as strings. */
export const listField = z
  .union([z.string('validation.invalid'), z.array(z.string('validation.invalid'))])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/** One of a fixed set of values. */
export function choiceField<const T extends readonly [string, ...string[]]>(values: T, message: MessageKey = 'validation.invalid') {
  return z.enum(values, message);
}
