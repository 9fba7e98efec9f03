import { z } from 'zod';
import { type FormResult, optionalText, parseForm } from '../web/forms';
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

const stageSchema = z.object({ stage_id: z.string('applications.error.stage').default('').transform((v) => positiveInt(v)) });

/** The stage to move an application to (checked against the opening's plan by the use case). */
export function parseStageForm(body: unknown): number | undefined {
  const parsed = parseForm(stageSchema, body);
  return parsed.ok ? parsed.data.stage_id : undefined;
}
