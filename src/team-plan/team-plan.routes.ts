import { Router, type Request, type Response } from 'express';
import type { UseCaseDeps } from '../events/unit-of-work';
import { allow } from '../auth/guard';
import { field } from '../web/body';
import type { FieldErrors } from '../shared/errors';
import { addFlash } from '../web/flash';
import { renderPage } from '../web/render';
import { ADVISOR_RULES, adviseNextHires, type Team } from './advisor';
import { findTeam } from './team-plan.repository';
import { COUNT_FIELDS, LEAD_FIELDS, LEAD_MONTHS, parseTeamForm } from './team-plan.forms';
import { saveTeamPlan } from './team-plan.use-cases';

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

/** The hiring-order advisor: today's team in, the next hires and the rule behind each out. */
export function createTeamPlanRouter(deps: UseCaseDeps): Router {
  const { db } = deps;
  const router = Router();

  type Saved = Awaited<ReturnType<typeof findTeam>>;
  /** `saved`: the plan when the caller has read it already (the page reads it once). */
  const render = async (req: Request, res: Response, form: { values: Record<string, string>; fieldErrors?: FieldErrors }, status = 200, known?: { saved: Saved }) => {
    const saved = known ? known.saved : await findTeam(db);
    const result = saved ? adviseNextHires(saved.team) : undefined;
    await renderPage(req, res, 'team-plan/index', { title: 'teamPlan.title', saved, result, rules: ADVISOR_RULES, leadFields: LEAD_FIELDS, ...form }, status);
  };

  router.get('/team-plan', allow('team_plan:use'), async (req, res) => {
    const saved = await findTeam(db);
    const values = saved ? teamToValues(saved.team) : { sdr_outbound: '0', sdr_inbound: '0', aes: '0', farmers: '0', customers: '0', founder_closes: 'on' };
    await render(req, res, { values }, 200, { saved });
  });

  router.post('/team-plan', allow('team_plan:use'), async (req, res) => {
    const parsed = parseTeamForm(req.body);
    if (!parsed.ok) {
      const values = Object.fromEntries([...COUNT_FIELDS, 'customers', 'has_vp_sales', 'founder_closes', ...LEAD_FIELDS].map((name) => [name, field(req.body, name)]));
      return render(req, res, { values, fieldErrors: parsed.errors }, 422);
    }
    await saveTeamPlan(deps, req.user!, parsed.data);
    addFlash(req, { kind: 'success', message: 'teamPlan.saved' });
    res.redirect(303, '/team-plan#advice');
  });

  return router;
}
