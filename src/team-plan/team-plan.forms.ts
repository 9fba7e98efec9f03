import { z } from 'zod';
import type { FieldErrors } from '../shared/errors';
import { checkboxField, type FormResult, parseForm } from '../web/forms';
import type { Team } from './advisor';

export const LEAD_MONTHS = 6;
export const COUNT_FIELDS = ['sdr_outbound', 'sdr_inbound', 'aes', 'farmers'] as const;
export const LEAD_FIELDS = Array.from({ length: LEAD_MONTHS }, (_, i) => `leads_${i + 1}`);

/** A whole number up to `max`; blank is "no data" when allowed, otherwise required. */
function wholeNumber(max: number, allowBlank: boolean) {
  return z
    .string('teamPlan.error.count')
    .default('')
    .transform((v) => v.trim())
    .refine((v) => allowBlank || v !== '', 'validation.required')
    .refine((v) => v === '' || (/^\d{1,9}$/.test(v) && Number(v) <= max), 'teamPlan.error.count')
    .transform((v) => (v === '' ? undefined : Number(v)));
}

const teamSchema = z.object({
  ...Object.fromEntries(COUNT_FIELDS.map((name) => [name, wholeNumber(1000, false)])),
  customers: wholeNumber(10_000_000, false),
  ...Object.fromEntries(LEAD_FIELDS.map((name) => [name, wholeNumber(1_000_000, true)])),
  has_vp_sales: checkboxField,
  founder_closes: checkboxField,
});

const monthsAsTyped = z.object(Object.fromEntries(LEAD_FIELDS.map((name) => [name, z.string().catch('').default('')])));

/** Blank months after the first filled one: the lead flow would have holes. */
function gapErrors(body: unknown): FieldErrors {
  const typed = monthsAsTyped.parse(body ?? {}) as Record<string, string>;
  const filled = LEAD_FIELDS.map((name) => (typed[name] ?? '').trim() !== '');
  const first = filled.indexOf(true);
  const errors: FieldErrors = {};
  if (first === -1) return errors;
  LEAD_FIELDS.forEach((name, i) => {
    if (i > first && !filled[i]) errors[name] = 'teamPlan.error.gap';
  });
  return errors;
}

/** The team form: whole numbers; blank lead months are "no data", allowed only before the first filled month. */
export function parseTeamForm(body: unknown): FormResult<Team> {
  const parsed = parseForm(teamSchema, body);
  const gaps = gapErrors(body);
  if (!parsed.ok || Object.keys(gaps).length > 0) return { ok: false, errors: { ...gaps, ...(parsed.ok ? {} : parsed.errors) } };
  const f = parsed.data as Record<string, number | boolean | undefined>;
  const months = LEAD_FIELDS.map((name) => f[name] as number | undefined);
  const firstFilled = months.findIndex((m) => m !== undefined);
  const leadsPerMonth = firstFilled === -1 ? [] : months.slice(firstFilled);
  return {
    ok: true,
    data: {
      sdrOutbound: f.sdr_outbound as number,
      sdrInbound: f.sdr_inbound as number,
      aes: f.aes as number,
      farmers: f.farmers as number,
      hasVpSales: f.has_vp_sales === true,
      founderCloses: f.founder_closes === true,
      customers: f.customers as number,
      leadsPerMonth: leadsPerMonth as number[],
    },
  };
}
