import { z } from 'zod';
import type { FieldErrors } from '../shared/errors';
import { positiveInt } from '../shared/ids';
import { parseLocalInput } from '../shared/zoned-time';
import { listField, parseForm } from '../web/forms';
import { checkDuration, checkLocation, MAX_NOTE_LENGTH, resolveStart } from './schedule';

/** A time, place and panel as the scheduling form sends them, the time already placed in its zone. */
export interface SchedulingInput {
  readonly stageId: number | undefined;
  readonly startsAt: Date;
  readonly timeZone: string;
  readonly durationMinutes: number;
  readonly location: string;
  readonly note: string;
  readonly interviewerIds: (number | undefined)[];
}

export type SchedulingForm = { ok: true; data: SchedulingInput } | { ok: false; errors: FieldErrors; choices?: { earlier: Date; later: Date } };

/** The form fields, as typed (to show the form again after a refusal). */
export const SCHEDULING_FIELDS = ['stage_id', 'start', 'start_choice', 'duration_minutes', 'location', 'note'] as const;

const text = z.string('validation.invalid').default('');
const schema = z.object({
  stage_id: text.transform((v) => positiveInt(v)),
  start: text.transform((v) => v.trim()),
  start_choice: text,
  duration_minutes: text.transform((v) => v.trim()),
  location: text.transform((v) => v.trim()),
  note: text.transform((v) => v.trim()),
  interviewer_ids: listField.transform((ids) => [...new Set(ids.map((v) => positiveInt(v)))]),
});

/**
 * Reads the scheduling form: the start is a wall-clock time in `zone` (the person's own), the
 * duration in minutes. A time that does not exist there is refused; one that happens twice comes
 * back with both moments to choose from.
 */
export function parseSchedulingForm(body: unknown, zone: string): SchedulingForm {
  const parsed = parseForm(schema, body);
  if (!parsed.ok) return parsed;
  const form = parsed.data;
  const errors: FieldErrors = {};
  let choices: { earlier: Date; later: Date } | undefined;
  let startsAt: Date | undefined;
  const local = parseLocalInput(form.start);
  if (form.start === '') errors.start = 'interviews.error.startRequired';
  else if (!local) errors.start = 'interviews.error.time';
  else {
    const choice = form.start_choice === 'earlier' || form.start_choice === 'later' ? form.start_choice : undefined;
    const outcome = resolveStart(local, zone, choice);
    if (outcome.ok) startsAt = outcome.startsAt;
    else {
      errors.start = outcome.error;
      choices = outcome.choices;
    }
  }
  const duration = /^-?\d{1,6}$/.test(form.duration_minutes) ? Number(form.duration_minutes) : Number.NaN;
  const durationError = checkDuration(duration);
  if (durationError) errors.duration_minutes = durationError;
  const locationError = checkLocation(form.location);
  if (locationError) errors.location = locationError;
  if (form.note.length > MAX_NOTE_LENGTH) errors.note = 'validation.tooLong';
  if (Object.keys(errors).length > 0 || !startsAt) return { ok: false, errors, ...(choices ? { choices } : {}) };
  return { ok: true, data: { stageId: form.stage_id, startsAt, timeZone: zone, durationMinutes: duration, location: form.location, note: form.note, interviewerIds: form.interviewer_ids } };
}

const cancelSchema = z.object({ reason: text.transform((v) => v.trim()) });

/** The cancel form: a reason is required (the panel reads it in the cancellation). */
export function parseCancelForm(body: unknown): { ok: true; reason: string } | { ok: false; errors: FieldErrors } {
  const parsed = parseForm(cancelSchema, body);
  if (!parsed.ok) return parsed;
  if (parsed.data.reason === '') return { ok: false, errors: { reason: 'interviews.error.reasonRequired' } };
  if (parsed.data.reason.length > 500) return { ok: false, errors: { reason: 'validation.tooLong' } };
  return { ok: true, reason: parsed.data.reason };
}
