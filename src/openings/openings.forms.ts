import { isStageKind, type StageKind } from './interview-plan';
import { z } from 'zod';
import { type FieldErrors } from '../shared/errors';
import { positiveInt } from '../shared/ids';
import { type FormResult, listField, optionalText, parseForm, requiredText } from '../web/forms';
import { MAX_DURATION_MINUTES, MIN_DURATION_MINUTES } from '../interviews/schedule';
import { DEFAULT_STAGE_MINUTES } from './interview-plan';
import { OPENING_STATUSES, type OpeningInput } from './openings.repository';

type Staff = readonly { id: number; role: string }[];

export const OPENING_FIELDS = ['title', 'role_id', 'hiring_manager_id', 'headcount', 'status', 'pay_plan'] as const;

/** Reads and checks the opening form against the people who may fill each part. */
export function parseOpeningForm(body: unknown, staff: Staff, roleIds: readonly number[]): FormResult<OpeningInput> {
  const person = (roles: readonly string[]) => (id: number | undefined) => staff.some((p) => p.id === id && roles.includes(p.role));
  const schema = z.object({
    title: requiredText(120),
    role_id: z
      .string('openings.error.role')
      .default('')
      .transform((v) => positiveInt(v))
      .refine((id) => id !== undefined && roleIds.includes(id), 'openings.error.role'),
    hiring_manager_id: z
      .string('openings.error.manager')
      .default('')
      .transform((v) => positiveInt(v))
      .refine(person(['hiring_manager', 'admin']), 'openings.error.manager'),
    recruiter_ids: listField.transform((ids) => [...new Set(ids.map((v) => positiveInt(v)))]).refine((ids) => ids.every(person(['recruiter', 'admin'])), 'validation.invalid'),
    headcount: z
      .string('openings.error.headcount')
      .default('')
      .transform((v) => v.trim())
      .refine((v) => /^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 100, 'openings.error.headcount')
      .transform(Number),
    status: z.enum(OPENING_STATUSES, 'validation.invalid'),
    pay_plan: optionalText(2000),
  });
  const parsed = parseForm(schema, body);
  if (!parsed.ok) return parsed;
  const f = parsed.data;
  return { ok: true, data: { title: f.title, roleId: f.role_id!, hiringManagerId: f.hiring_manager_id!, recruiterIds: f.recruiter_ids as number[], headcount: f.headcount, status: f.status, payPlan: f.pay_plan } };
}

export interface PlanFormStage {
  readonly id: number | null;
  readonly name: string;
  readonly focus: string[];
  readonly interviewerIds: number[];
  readonly durationMinutes: number;
  /** The duration as typed, to show again when it is refused. */
  readonly durationText: string;
  readonly remove: boolean;
  /** What the stage is (null: another kind). */
  readonly kind: StageKind | null;
}

export const MAX_STAGES = 12;

/**
 * Reads the interview-plan form: `count` stages named s<index>_<field>. Ids, focus keys and
 * interviewers that do not belong to this opening are dropped; errors are keyed by stage index.
 */
export function parsePlanForm(body: unknown, known: { stageIds: ReadonlySet<number>; dimensionKeys: ReadonlySet<string>; staffIds: ReadonlySet<number>; stagesInUse: ReadonlySet<number> }): { stages: PlanFormStage[]; errors: Record<string, FieldErrors>; action: string } {
  const text = z.string('validation.invalid').default('');
  const head = parseForm(z.object({ count: text, action: text }), body);
  const count = Math.min(positiveInt(head.ok ? head.data.count : '') ?? 0, MAX_STAGES);
  const stageSchema = (i: number) =>
    z.object({ [`s${i}_id`]: text, [`s${i}_name`]: text, [`s${i}_focus`]: listField, [`s${i}_interviewers`]: listField, [`s${i}_minutes`]: text, [`s${i}_remove`]: text, [`s${i}_kind`]: text });
  const stages: PlanFormStage[] = [];
  const errors: Record<string, FieldErrors> = {};
  for (let i = 0; i < count; i += 1) {
    const parsed = parseForm(stageSchema(i), body);
    const f = (parsed.ok ? parsed.data : {}) as Record<string, string | string[] | undefined>;
    const id = positiveInt(f[`s${i}_id`]) ?? null;
    const durationText = String(f[`s${i}_minutes`] ?? '').trim();
    const minutes = durationText === '' ? DEFAULT_STAGE_MINUTES : /^\d{1,4}$/.test(durationText) ? Number(durationText) : Number.NaN;
    const stage: PlanFormStage = {
      id: id !== null && known.stageIds.has(id) ? id : null,
      name: String(f[`s${i}_name`] ?? '').trim(),
      focus: ((f[`s${i}_focus`] as string[] | undefined) ?? []).filter((k) => known.dimensionKeys.has(k)),
      interviewerIds: ((f[`s${i}_interviewers`] as string[] | undefined) ?? []).map((v) => positiveInt(v)).filter((v): v is number => v !== undefined && known.staffIds.has(v)),
      durationMinutes: Number.isNaN(minutes) ? DEFAULT_STAGE_MINUTES : minutes,
      durationText,
      remove: f[`s${i}_remove`] === 'on',
      kind: isStageKind(f[`s${i}_kind`]) ? (f[`s${i}_kind`] as StageKind) : null,
    };
    const e: FieldErrors = parsed.ok ? {} : { name: 'validation.invalid' };
    if (stage.remove && stage.id !== null && known.stagesInUse.has(stage.id)) e.remove = 'plan.error.inUse';
    if (!stage.remove && stage.name === '') e.name = 'validation.required';
    if (stage.name.length > 120) e.name = 'validation.tooLong';
    if (!stage.remove && (Number.isNaN(minutes) || minutes < MIN_DURATION_MINUTES || minutes > MAX_DURATION_MINUTES)) e.minutes = 'interviews.error.duration';
    if (Object.keys(e).length > 0) errors[String(i)] = e;
    stages.push(stage);
  }
  return { stages, errors, action: head.ok ? head.data.action : '' };
}
