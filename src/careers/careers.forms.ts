import { z } from 'zod';
import { normaliseLinkedInUrl } from '../candidates/candidate';
import { emailField, phoneField } from '../candidates/candidates.forms';
import { checkboxField, type FormResult, optionalText, parseForm, requiredText } from '../web/forms';
import { EMPLOYMENT_TYPES, isValidSlug } from './posting';
import type { PostingInput } from './careers.repository';
import type { ApplicantInput } from './careers.use-cases';

export const POSTING_FIELDS = ['published', 'public_title', 'description', 'location', 'employment_type', 'slug'] as const;

/** The longest description a posting may have (Markdown). */
export const DESCRIPTION_MAX = 20_000;

const postingSchema = z.object({
  published: checkboxField,
  public_title: requiredText(120),
  description: z
    .string('validation.invalid')
    .default('')
    .transform((v) => v.replace(/\r\n?/g, '\n').trim())
    .refine((v) => v.length <= DESCRIPTION_MAX, 'careers.error.descriptionLong'),
  location: optionalText(120),
  employment_type: z.enum(EMPLOYMENT_TYPES, 'careers.error.employmentType'),
  slug: z
    .string('validation.invalid')
    .default('')
    .transform((v) => v.trim().toLowerCase())
    .refine((v) => v === '' || isValidSlug(v), 'careers.error.slug'),
});

/** The posting form: a published posting needs a description too. An empty slug is made from the title. */
export function parsePostingForm(body: unknown): FormResult<Omit<PostingInput, 'slug'> & { slug: string }> {
  const parsed = parseForm(postingSchema, body);
  if (!parsed.ok) return parsed;
  const f = parsed.data;
  if (f.published && f.description === '') return { ok: false, errors: { description: 'careers.error.descriptionRequired' } };
  return { ok: true, data: { published: f.published, publicTitle: f.public_title, description: f.description, location: f.location, employmentType: f.employment_type, slug: f.slug } };
}

export const APPLICATION_FIELDS = ['name', 'email', 'phone', 'linkedin_url', 'cover_note'] as const;

const applicationSchema = z.object({
  name: requiredText(120),
  email: emailField().refine((v) => v !== '', 'validation.required'),
  phone: phoneField(),
  linkedin_url: z
    .string('validation.invalid')
    .default('')
    .transform((v, ctx) => {
      const url = v.length > 500 ? undefined : normaliseLinkedInUrl(v);
      if (url === undefined) ctx.addIssue({ code: 'custom', message: 'candidates.error.linkedin' });
      return url ?? '';
    }),
  cover_note: z
    .string('validation.invalid')
    .default('')
    .transform((v) => v.replace(/\r\n?/g, '\n').trim())
    .refine((v) => v.length <= 5000, 'validation.tooLong'),
  consent: z.unknown().refine((v) => v === 'on', 'careers.error.consent'),
});

/** The application form's fields (the file is checked by the upload handler), with a message by every refused field. */
export function parseApplicationForm(body: unknown): FormResult<ApplicantInput> {
  const parsed = parseForm(applicationSchema, body);
  if (!parsed.ok) return parsed;
  const f = parsed.data;
  return { ok: true, data: { name: f.name, email: f.email, phone: f.phone, linkedinUrl: f.linkedin_url, coverNote: f.cover_note } };
}
