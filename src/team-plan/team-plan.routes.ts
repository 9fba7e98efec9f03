import { Router, type Request, type Response } from 'express';
import type { UseCaseDeps } from '../events/unit-of-work';
import { allow } from '../auth/guard';
import type { Translate } from '../i18n/i18n';
import { field } from '../web/body';
import type { FieldErrors } from '../shared/errors';
import { addFlash } from '../web/flash';
import { renderPage } from '../web/render';
import { ADVISOR_RULES, adviseNextHires, type Team } from './advisor';
import { findTeam } from './team-plan.repository';
import { saveTeamPlan } from './team-plan.use-cases';

export const LEAD_MONTHS = 6;
const COUNT_FIELDS = ['sdr_outbound', 'sdr_inbound', 'aes', 'farmers'] as const;
const LEAD_FIELDS = Array.from({ length: LEAD_MONTHS }, (_, i) => `leads_${i + 1}`);

function teamToValues(team: Team): Record<string, string> {
  const values: Record<string, string> = {
    sdr_outbound: String(team.sdrOutbound),
    sdr_inbound: String(team.sdrInbound),
    aes: String(team.aes),
    farmers: String(team.farmers),
    customers: String(team.customers),
    has_vp_sales: team.hasVpSales ? 'on' : '',
    founder_closes: team.founderCloses ? 'on' : '',
  };
  const offset = LEAD_MONTHS - team.leadsPerMonth.length;
  LEAD_FIELDS.forEach((name, i) => (values[name] = i >= offset ? String(team.leadsPerMonth[i - offset]) : ''));
  return values;
}

/** Parses the team form: whole numbers, blank lead months are "no data" (only before the first filled month). */
function parseTeam(body: unknown): { ok: true; team: Team } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const whole = (name: string, max: number, allowBlank: boolean): number | undefined => {
    const text = field(body, name).trim();
    if (text === '') {
      if (!allowBlank) errors[name] = 'validation.required';
      return undefined;
    }
    if (!/^\d{1,9}$/.test(text) || Number(text) > max) {
      errors[name] = 'teamPlan.error.count';
      return undefined;
    }
    return Number(text);
  };
  const counts = Object.fromEntries(COUNT_FIELDS.map((name) => [name, whole(name, 1000, false)]));
  const customers = whole('customers', 10_000_000, false);
  const months = LEAD_FIELDS.map((name) => whole(name, 1_000_000, true));
  const firstFilled = months.findIndex((m) => m !== undefined);
  const leadsPerMonth = firstFilled === -1 ? [] : months.slice(firstFilled);
  leadsPerMonth.forEach((m, i) => {
    const name = LEAD_FIELDS[firstFilled + i]!;
    if (m === undefined && !errors[name]) errors[name] = 'teamPlan.error.gap';
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    team: {
      sdrOutbound: counts.sdr_outbound!,
      sdrInbound: counts.sdr_inbound!,
      aes: counts.aes!,
      farmers: counts.farmers!,
      hasVpSales: field(body, 'has_vp_sales') === 'on',
      founderCloses: field(body, 'founder_closes') === 'on',
      customers: customers!,
      leadsPerMonth: leadsPerMonth as number[],
    },
  };
}

/** The hiring-order advisor: today's team in, the next hires and the rule behind each out. */
export function createTeamPlanRouter(deps: UseCaseDeps): Router {
  const { db } = deps;
  const router = Router();

  const render = async (req: Request, res: Response, form: { values: Record<string, string>; fieldErrors?: FieldErrors }, status = 200) => {
    const saved = await findTeam(db);
    const result = saved ? adviseNextHires(saved.team) : undefined;
    await renderPage(req, res, 'team-plan/index', { title: 'teamPlan.title', saved, result, rules: ADVISOR_RULES, leadFields: LEAD_FIELDS, ...form }, status);
  };

  router.get('/team-plan', allow('team_plan:use'), async (req, res) => {
    const saved = await findTeam(db);
    const values = saved ? teamToValues(saved.team) : { sdr_outbound: '0', sdr_inbound: '0', aes: '0', farmers: '0', customers: '0', founder_closes: 'on' };
    await render(req, res, { values });
  });

  router.post('/team-plan', allow('team_plan:use'), async (req, res) => {
    const parsed = parseTeam(req.body);
    if (!parsed.ok) {
      const values = Object.fromEntries([...COUNT_FIELDS, 'customers', 'has_vp_sales', 'founder_closes', ...LEAD_FIELDS].map((name) => [name, field(req.body, name)]));
      return render(req, res, { values, fieldErrors: parsed.errors }, 422);
    }
    await saveTeamPlan(deps, req.user!, parsed.team);
    addFlash(req, { kind: 'success', text: (res.locals.t as Translate)('teamPlan.saved') });
    res.redirect(303, '/team-plan#advice');
  });

  return router;
}
