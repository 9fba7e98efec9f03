import { z } from 'zod';
import { type FormResult, optionalIdField, optionalText, parseForm, requiredText } from '../web/forms';
import { CANDIDATE_SOURCES, INBOUND_CHANNELS, normaliseLinkedInUrl } from './candidate';
import type { CandidateInput } from './candidates.repository';

export const CANDIDATE_FIELDS = ['name', 'email', 'phone', 'linkedin_url', 'source', 'referrer', 'inbound_channel', 'notes', 'opening_id'] as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A candidate's e-mail as forms take it: trimmed and lower-cased; empty, or a plausible address. */
export const emailField = () =>
  z
    .string('validation.invalid')
    .default('')
    .transform((v) => v.trim().toLowerCase())
    .refine((v) => v === '' || (v.length <= 254 && EMAIL.test(v)), 'validation.email');

/** A candidate's phone as forms take it: trimmed; empty, or digits with the usual separators. */
export const phoneField = () =>
  z
    .string('validation.invalid')
    .default('')
    .transform((v) => v.trim())
    .refine((v) => v === '' || /^[+()\d\s.-]{5,40}$/.test(v), 'candidates.error.phone');

const candidateSchema = z
  .object({
    name: requiredText(120),
    email: emailField(),
    phone: phoneField(),
    linkedin_url: z
      .string('candidates.error.linkedin')
      .default('')
      .transform((v, ctx) => {
        const url = normaliseLinkedInUrl(v);
        if (url === undefined) ctx.addIssue({ code: 'custom', message: 'candidates.error.linkedin' });
        return url ?? '';
      }),
    source: z.enum(CANDIDATE_SOURCES, 'candidates.error.source'),
    referrer: optionalText(120),
    inbound_channel: z.string('candidates.error.channel').default(''),
    notes: optionalText(5000),
    opening_id: optionalIdField,
  })
  .superRefine(
    (form, ctx) => {
      // Where the candidate came from needs its detail: who referred them, or which inbound channel.
      if (form.source === 'referral' && typeof form.referrer === 'string' && form.referrer === '') ctx.addIssue({ code: 'custom', path: ['referrer'], message: 'candidates.error.referrer' });
      if (form.source === 'inbound' && !(INBOUND_CHANNELS as readonly unknown[]).includes(form.inbound_channel)) ctx.addIssue({ code: 'custom', path: ['inbound_channel'], message: 'candidates.error.channel' });
    },
    { when: () => true },
  );

/** Checks the candidate form; returns the candidate and the opening to apply to (new candidates only). */
export function parseCandidateForm(body: unknown): FormResult<{ candidate: CandidateInput; openingId?: number }> {
  const parsed = parseForm(candidateSchema, body);
  if (!parsed.ok) return parsed;
  const form = parsed.data;
  const sourceDetail = form.source === 'referral' ? form.referrer : form.source === 'inbound' ? form.inbound_channel : '';
  const candidate: CandidateInput = { name: form.name, email: form.email, phone: form.phone, linkedinUrl: form.linkedin_url, source: form.source, sourceDetail, notes: form.notes };
  return { ok: true, data: { candidate, ...(form.opening_id === null ? {} : { openingId: form.opening_id }) } };
}

/** The opening to apply a candidate to (checked to be open by the use case). */
export function parseApplyForm(body: unknown): number | undefined {
  const parsed = parseForm(z.object({ opening_id: optionalIdField }), body);
  return parsed.ok ? (parsed.data.opening_id ?? undefined) : undefined;
}
