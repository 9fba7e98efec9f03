import { z } from 'zod';
import { type FormResult, listField, optionalText, parseForm } from '../web/forms';
import { MANUAL_STATUSES, type ManualStatus } from './applications.use-cases';
import { positiveInt } from '../shared/ids';

const statusSchema = z
  .object({
    status: z.enum(MANUAL_STATUSES, 'validation.invalid'),
    reason: optionalText(1000),
  })
  .superRefine(
    (form, ctx) => {
      if (form.status === 'rejected' && form.reason === '') ctx.addIssue({ code: 'custom', path: ['reason'], message: 'applications.error.reason' });
    },
    { when: () => true },
  );

/** The status form: "hired" is not offered (it is a decision), and rejecting needs a reason. */
export function parseStatusForm(body: unknown): FormResult<{ status: ManualStatus; reason: string }> {
  return parseForm(statusSchema, body);
}

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

const interviewSchema = z.object({
  stage_id: z.string('applications.error.stage').default('').transform((v) => positiveInt(v)),
  interviewer_ids: listField.transform((ids) => [...new Set(ids.map((v) => positiveInt(v)))]),
  scheduled_at: z
    .string('interviews.error.time')
    .default('')
    .transform((v) => v.trim())
    .transform((v, ctx) => {
      if (v === '') return null;
      const parsed = TIME.test(v) ? new Date(`${v}:00Z`) : new Date(NaN);
      if (Number.isNaN(parsed.getTime())) {
        ctx.addIssue({ code: 'custom', message: 'interviews.error.time' });
        return null;
      }
      return parsed.toISOString();
    }),
});

/** The scheduling form: the stage and panel are checked against the opening by the use case; the time is UTC. */
export function parseInterviewForm(body: unknown): FormResult<{ stageId: number | undefined; interviewerIds: (number | undefined)[]; scheduledAt: string | null }> {
  const parsed = parseForm(interviewSchema, body);
  if (!parsed.ok) return parsed;
  return { ok: true, data: { stageId: parsed.data.stage_id, interviewerIds: parsed.data.interviewer_ids, scheduledAt: parsed.data.scheduled_at } };
}

const stageSchema = z.object({ stage_id: z.string('applications.error.stage').default('').transform((v) => positiveInt(v)) });

/** The stage to move an application to (checked against the opening's plan by the use case). */
export function parseStageForm(body: unknown): number | undefined {
  const parsed = parseForm(stageSchema, body);
  return parsed.ok ? parsed.data.stage_id : undefined;
}
