import type { MessageKey } from '../i18n/i18n';
import type { RoleKey } from '../rubrics/default-content';

export interface Team {
  readonly sdrOutbound: number;
  readonly sdrInbound: number;
  readonly aes: number;
  readonly farmers: number;
  readonly hasVpSales: boolean;
  readonly founderCloses: boolean;
  readonly customers: number;
  /** Qualified leads per month, oldest first (up to 12 months). */
  readonly leadsPerMonth: readonly number[];
}

/** The judgement calls the rules use, named so the page can show them. */
export const ADVISOR_RULES = {
  /** "Predictable" lead flow: at least this many months of data … */
  minMonths: 3,
  /** … a mean of at least this many qualified leads a month … */
  minMonthlyLeads: 10,
  /** … no month at zero, and a coefficient of variation (std. dev. / mean) at most this. */
  maxVariation: 0.3,
  /** Customers one farmer can look after well. */
  customersPerFarmer: 40,
  /** Qualified leads a month one AE can work properly; the founder, with a company to run, half of that. */
  leadsPerAe: 15,
  leadsPerFounder: 8,
  /** Reps (SDRs, AEs, farmers) from which the team needs a dedicated leader. */
  repsForVp: 8,
} as const;

export type RuleId =
  | 'qualifier-first'
  | 'farmer-first'
  | 'founder-closes'
  | 'ae-wait-leads'
  | 'ae-wait-farmers'
  | 'ae-when-ready'
  | 'more-farmers'
  | 'more-qualifiers'
  | 'vp-sales'
  | 'balance'
  | 'steady';

export interface Advice {
  readonly rule: RuleId;
  /** 'hire': a hire to make, in order; 'wait': a hire not to make yet; 'note': a caution. */
  readonly kind: 'hire' | 'wait' | 'note';
  readonly role?: RoleKey;
  readonly messageKey: MessageKey;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface LeadFlow {
  readonly months: number;
  readonly mean: number;
  readonly variation: number;
  readonly predictable: boolean;
}

/** Judges whether qualified leads arrive predictably: enough months, enough leads, steady. */
export function assessLeadFlow(leadsPerMonth: readonly number[]): LeadFlow {
  const months = leadsPerMonth.length;
  if (months === 0) return { months, mean: 0, variation: 0, predictable: false };
  const mean = leadsPerMonth.reduce((s, v) => s + v, 0) / months;
  const variance = leadsPerMonth.reduce((s, v) => s + (v - mean) ** 2, 0) / months;
  const variation = mean > 0 ? Math.sqrt(variance) / mean : 0;
  const predictable = months >= ADVISOR_RULES.minMonths && mean >= ADVISOR_RULES.minMonthlyLeads && leadsPerMonth.every((v) => v > 0) && variation <= ADVISOR_RULES.maxVariation;
  return { months, mean, variation, predictable };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The next hires, in order, with the reason for each, following the source essay: first a
 * qualifier and a farmer while the founder closes; closers only once lead flow is predictable and
 * farmers look after the customers; a VP Sales for proven management, not the best closer.
 */
export function adviseNextHires(team: Team): { advice: Advice[]; leadFlow: LeadFlow } {
  const R = ADVISOR_RULES;
  const leadFlow = assessLeadFlow(team.leadsPerMonth);
  const qualifiers = team.sdrOutbound + team.sdrInbound;
  const reps = qualifiers + team.aes + team.farmers;
  const farmersNeeded = team.customers > 0 ? Math.max(1, Math.ceil(team.customers / R.customersPerFarmer)) : 0;
  const farmersCover = team.farmers >= farmersNeeded;
  const closingCapacity = team.aes * R.leadsPerAe + (team.founderCloses ? R.leadsPerFounder : 0);
  const advice: Advice[] = [];

  if (qualifiers === 0) {
    advice.push({ rule: 'qualifier-first', kind: 'hire', role: 'sdr_outbound', messageKey: 'advice.qualifierFirst', params: {} });
  }
  if (team.customers > 0 && team.farmers === 0) {
    advice.push({ rule: 'farmer-first', kind: 'hire', role: 'farmer', messageKey: 'advice.farmerFirst', params: { customers: team.customers } });
  }
  if (!team.founderCloses && team.aes === 0) {
    advice.push({ rule: 'founder-closes', kind: 'note', messageKey: 'advice.founderCloses', params: {} });
  }

  if (qualifiers > 0 && !leadFlow.predictable) {
    advice.push({
      rule: 'ae-wait-leads',
      kind: 'wait',
      role: 'ae',
      messageKey: 'advice.aeWaitLeads',
      params: { months: leadFlow.months, mean: round1(leadFlow.mean), variation: Math.round(leadFlow.variation * 100), minMonths: R.minMonths, minLeads: R.minMonthlyLeads, maxVariation: Math.round(R.maxVariation * 100) },
    });
  } else if (qualifiers > 0 && !farmersCover) {
    advice.push({ rule: 'ae-wait-farmers', kind: 'wait', role: 'ae', messageKey: 'advice.aeWaitFarmers', params: { farmers: team.farmers, needed: farmersNeeded } });
  } else if (qualifiers > 0 && leadFlow.mean > closingCapacity) {
    advice.push({ rule: 'ae-when-ready', kind: 'hire', role: 'ae', messageKey: 'advice.aeWhenReady', params: { mean: round1(leadFlow.mean), capacity: closingCapacity } });
  }

  if (team.farmers > 0 && !farmersCover) {
    advice.push({ rule: 'more-farmers', kind: 'hire', role: 'farmer', messageKey: 'advice.moreFarmers', params: { customers: team.customers, farmers: team.farmers, perFarmer: R.customersPerFarmer } });
  }
  // Without AEs there is no capacity for the leads to fall short of.
  if (qualifiers > 0 && leadFlow.months > 0 && leadFlow.mean < team.aes * R.leadsPerAe * 0.7) {
    advice.push({ rule: 'more-qualifiers', kind: 'hire', role: 'sdr_outbound', messageKey: 'advice.moreQualifiers', params: { mean: round1(leadFlow.mean), capacity: team.aes * R.leadsPerAe } });
  }
  if (!team.hasVpSales && reps >= R.repsForVp) {
    advice.push({ rule: 'vp-sales', kind: 'hire', role: 'vp_sales', messageKey: 'advice.vpSales', params: { reps } });
  }
  if (team.customers > 0 && team.aes > 2 * team.farmers) {
    advice.push({ rule: 'balance', kind: 'note', messageKey: 'advice.balance', params: { aes: team.aes, farmers: team.farmers } });
  }
  if (!advice.some((a) => a.kind === 'hire')) {
    advice.push({ rule: 'steady', kind: 'note', messageKey: 'advice.steady', params: {} });
  }
  return { advice, leadFlow };
}
