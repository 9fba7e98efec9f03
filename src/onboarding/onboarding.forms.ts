import { z } from 'zod';
import type { FieldErrors } from '../shared/errors';
import { checkboxField, emailField, type FormResult, idField, optionalIdField, parseForm, requiredText } from '../web/forms';
import { checkTaskTemplate, DESCRIPTION_MAX, isIsoDate, NOTE_MAX, OWNER_ROLES, REVIEW_RATINGS, type ReviewRating, SIGN_OFFS, type TaskKind, type TaskTemplate, TITLE_MAX, TRACKS, MAX_DUE_DAY } from './plan';
import type { NewHire, PlanPeopleInput } from './plans.use-cases';

export const TASK_FIELDS = ['track', 'title', 'description', 'owner_role', 'due_day', 'sign_off', 'evidence_required', 'required'];
export const PEOPLE_FORM_FIELDS = ['manager_id', 'buddy_id', 'product_lead_id', 'cs_lead_id', 'sdr_lead_id'] as const;
export const PLAN_FIELDS = ['hire_mode', 'hire_user_id', 'hire_name', 'hire_email', 'role_id', 'start_date', 'application_id', ...PEOPLE_FORM_FIELDS];

const startDate = z
  .string('validation.invalid')
  .default('')
  .transform((v) => v.trim())
  .refine((v) => v !== '', 'validation.required')
  .refine((v) => v === '' || isIsoDate(v), 'onboarding.error.date');

const scheduleShape = {
  start_date: startDate,
  manager_id: z.union([z.literal(''), idField], 'validation.invalid').default('').refine((v) => v !== '', 'validation.required'),
  buddy_id: optionalIdField,
  product_lead_id: optionalIdField,
  cs_lead_id: optionalIdField,
  sdr_lead_id: optionalIdField,
};

type Schedule = PlanPeopleInput & { startDate: string };

function toSchedule(f: { start_date: string; manager_id: number | ''; buddy_id: number | null; product_lead_id: number | null; cs_lead_id: number | null; sdr_lead_id: number | null }): Schedule {
  return { startDate: f.start_date, managerId: f.manager_id as number, buddyId: f.buddy_id, productLeadId: f.product_lead_id, csLeadId: f.cs_lead_id, sdrLeadId: f.sdr_lead_id };
}

/** The plan's start date and people. */
export function parseScheduleForm(body: unknown): FormResult<Schedule> {
  const parsed = parseForm(z.object(scheduleShape), body);
  return parsed.ok ? { ok: true, data: toSchedule(parsed.data) } : parsed;
}

const newPlanSchema = z
  .object({
    ...scheduleShape,
    role_id: z.union([z.literal(''), idField], 'validation.invalid').default('').refine((v) => v !== '', 'validation.required'),
    hire_mode: z.enum(['existing', 'invite'], 'validation.required'),
    hire_user_id: z.string('validation.invalid').default(''),
    hire_name: z.string('validation.invalid').default(''),
    hire_email: z.string('validation.invalid').default(''),
    application_id: optionalIdField,
  })
  .superRefine(
    (form, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      if (form.hire_mode === 'invite') {
        const name = requiredText(120).safeParse(form.hire_name);
        if (!name.success) issue('hire_name', name.error.issues[0]!.message);
        const email = emailField.safeParse(form.hire_email);
        if (!email.success) issue('hire_email', email.error.issues[0]!.message);
      } else if (form.hire_mode === 'existing') {
        if (typeof form.hire_user_id !== 'string' || form.hire_user_id.trim() === '') issue('hire_user_id', 'validation.required');
        else if (!idField.safeParse(form.hire_user_id).success) issue('hire_user_id', 'validation.invalid');
      }
    },
    { when: () => true },
  );

/** The new-plan form: who (an account, or someone to invite), the role, the start date and people, and the recorded hire it starts from. */
export function parseNewPlanForm(body: unknown): FormResult<Schedule & { roleId: number; hire: NewHire; applicationId: number | null }> {
  const parsed = parseForm(newPlanSchema, body);
  if (!parsed.ok) return parsed;
  const f = parsed.data;
  const hire: NewHire = f.hire_mode === 'invite' ? { mode: 'invite', name: f.hire_name.trim(), email: emailField.parse(f.hire_email) } : { mode: 'existing', userId: idField.parse(f.hire_user_id) };
  return { ok: true, data: { ...toSchedule(f), roleId: f.role_id as number, hire, applicationId: f.application_id } };
}

const reviewSchema = z.object({
  rating: z
    .string('onboarding.error.rating')
    .default('')
    .refine((v) => /^\d$/.test(v) && (REVIEW_RATINGS as readonly number[]).includes(Number(v)), 'onboarding.error.rating')
    .transform((v) => Number(v) as ReviewRating),
  note: z.string('validation.invalid').default('').transform((v) => v.trim()).refine((v) => v !== '', 'onboarding.error.reviewNote').refine((v) => v.length <= NOTE_MAX, 'validation.tooLong'),
});

/** The 90-day review: a rating 1–4 and a note. */
export function parseReviewForm(body: unknown): FormResult<{ rating: ReviewRating; note: string }> {
  return parseForm(reviewSchema, body);
}

/** A template task; the template's own rules (who may sign off, due days) are checked by the domain. */
export function parseTaskTemplateForm(body: unknown, kind: TaskKind): FormResult<TaskTemplate> {
  const schema = z.object({
    track: z.enum(TRACKS, 'validation.invalid'),
    title: requiredText(TITLE_MAX),
    description: z.string('validation.invalid').default('').transform((v) => v.trim()).refine((v) => v.length <= DESCRIPTION_MAX, 'validation.tooLong'),
    owner_role: z.enum(OWNER_ROLES, 'validation.invalid'),
    sign_off: z.enum(SIGN_OFFS, 'validation.invalid'),
    due_day: z
      .string('validation.invalid')
      .default('')
      .transform((v) => v.trim())
      .refine((v) => v !== '', 'validation.required')
      .refine((v) => v === '' || (/^\d{1,3}$/.test(v) && Number(v) <= MAX_DUE_DAY), 'onboarding.error.dueDay')
      .transform(Number),
    evidence_required: checkboxField,
    required: checkboxField,
  });
  const parsed = parseForm(schema, body);
  if (!parsed.ok) return parsed;
  const f = parsed.data;
  const task: TaskTemplate = { track: f.track, title: f.title, description: f.description, ownerRole: f.owner_role, dueDay: f.due_day, signOff: f.sign_off, evidenceRequired: f.evidence_required, required: f.required, kind };
  const rules = checkTaskTemplate(task);
  const errors: FieldErrors = {};
  for (const [name, key] of Object.entries({ due_day: rules.dueDay, sign_off: rules.signOff, owner_role: rules.ownerRole })) if (key) errors[name] = key;
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, data: task };
}

/** A note when a task is marked done (the file comes through the upload). */
export function parseDoneForm(body: unknown): FormResult<{ note: string }> {
  return parseForm(z.object({ note: z.string('validation.invalid').default('').refine((v) => v.length <= NOTE_MAX, 'validation.tooLong') }), body);
}
