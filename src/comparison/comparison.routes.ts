import { Router, type Request, type Response } from 'express';
import { allow } from '../auth/guard';
import { mayDecideOn } from '../auth/permissions';
import { canViewApplication } from '../auth/scopes';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../candidates/candidate';
import { findApplication, findCandidate } from '../candidates/candidates.service';
import type { UseCaseDeps } from '../events/unit-of-work';
import type { Translate } from '../i18n/i18n';
import { findPlanOfApplication } from '../onboarding/onboarding.service';
import { findOpening, findVisibleOpening, type Opening } from '../openings/openings.service';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';
import { positiveInt } from '../shared/ids';
import { z } from 'zod';
import { fieldAll } from '../web/body';
import { parseForm } from '../web/forms';
import { addFlash } from '../web/flash';
import { languageOf } from '../web/locals';
import { renderPage } from '../web/render';
import { CHART_LIMIT, chooseCharted, markerPath, RADAR_LAYOUTS, radarFrame, radarShape, SERIES_STYLES } from './chart';
import { type ComparisonCache, createComparisonCache } from './comparison-cache';
import { buildComparison, type Comparison, type ComparisonData, comparisonCsv, countMissingAt, loadComparisonData, loadWithheld, scoreComparison, type SortKey, sortCandidates } from './comparison.service';
import { decisionHistory } from './decision';
import { findDecision, listReopenedDecisions } from './decisions.repository';
import { HirePlanExistsError, recordDecision, reopenDecision } from './decisions.use-cases';
import { readColumn } from './progress';
import { agreementOf, FLAGS_NEEDING_ACKNOWLEDGEMENT } from './scoring';

const t = (res: Response) => res.locals.t as Translate;

function readFilters(req: Request) {
  const status: ApplicationStatus | undefined = (APPLICATION_STATUSES as readonly unknown[]).includes(req.query.status) ? (req.query.status as ApplicationStatus) : req.query.status === 'all' ? undefined : 'active';
  const stageId = positiveInt(req.query.stage);
  const applicationIds = fieldAll(req.query, 'ids').map((v) => positiveInt(v)).filter((v): v is number => v !== undefined);
  const chartIds = fieldAll(req.query, 'chart').map((v) => positiveInt(v)).filter((v): v is number => v !== undefined);
  const sortText = typeof req.query.sort === 'string' ? req.query.sort : 'total';
  const sort: SortKey = sortText === 'total' || /^dim:[a-z][a-z0-9_]{1,49}$/.test(sortText) ? (sortText as SortKey) : 'total';
  return { status, stageId, applicationIds, chartIds, sort };
}

/** What the grid's template shows, for one viewer at one time. */
function gridModel(tr: Translate, opening: Opening, filters: ReturnType<typeof readFilters>, data: ComparisonData, comparison: Comparison) {
  // The chooser lists everyone matching the filters; only the chosen ones are scored.
  const choices = filters.applicationIds.length > 0 ? data.rows : comparison.candidates;
  const candidates = sortCandidates(comparison.candidates, filters.sort);
  const core = comparison.dimensions.filter((d) => d.group === 'core');
  const stageIds = comparison.stages.map((s) => s.id);
  const query = new URLSearchParams();
  if (filters.stageId) query.set('stage', String(filters.stageId));
  query.set('status', filters.status ?? 'all');
  for (const id of filters.applicationIds) query.append('ids', String(id));
  query.set('sort', filters.sort);
  const chartQuery = new URLSearchParams(query);
  for (const id of filters.chartIds) chartQuery.append('chart', String(id));
  const choice = chooseCharted(
    candidates.map((c) => ({ applicationId: c.applicationId, name: c.candidateName, hidden: c.hidden, values: core.map((d) => c.score.dimensions.get(d.key)?.mean ?? null) })),
    filters.chartIds,
  );
  // A grid has a few hundred cells but only a handful of different "±spread · n": each worded once.
  const spreadTexts = new Map<string, string>();
  const spreadCount = (spread: number | null, n: number): string => {
    const key = `${spread}|${n}`;
    let text = spreadTexts.get(key);
    if (text === undefined) spreadTexts.set(key, (text = tr('compare.spreadCount', { spread: spread as number, n })));
    return text;
  };
  return {
    spreadCount,
    opening,
    comparison,
    candidates,
    choices,
    groups: (['core', 'role'] as const).map((group) => ({ group, dimensions: comparison.dimensions.filter((d) => d.group === group) })),
    filters: { status: filters.status ?? 'all', stage: filters.stageId ? String(filters.stageId) : '', ids: filters.applicationIds.map(String), sort: filters.sort },
    statuses: APPLICATION_STATUSES,
    queryString: chartQuery.toString(),
    hiddenFields: [...query.entries()].map(([name, value]) => ({ name, value })),
    columns: new Map(candidates.map((c) => [c.applicationId, readColumn({ flags: c.score.flags, stageIds, stageId: c.stageId, active: c.status === 'active' })])),
    chart: {
      // One drawing for wide screens and print, a smaller one for phones (the page shows one of them).
      variants: (['wide', 'compact'] as const).map((layout) => {
        const frame = radarFrame(core.map((d) => d.name), RADAR_LAYOUTS[layout]);
        return {
          layout,
          frame,
          shapes: choice.charted.map((c, i) => {
            const shape = radarShape(frame, c.values);
            return { ...SERIES_STYLES[i]!, ...shape, markerShapes: shape.markers.map((m) => markerPath(SERIES_STYLES[i]!.marker, m.x, m.y)) };
          }),
        };
      }),
      limit: CHART_LIMIT,
      chartable: choice.chartable,
      // The boxes keep what the viewer ticked, even when it was too many.
      ticked: new Set(filters.chartIds.length > 0 ? filters.chartIds : choice.charted.map((c) => c.applicationId)),
      unrated: choice.unrated.map((c) => c.name),
      chosen: choice.chosen,
      tooMany: choice.tooMany,
      omitted: choice.omitted,
      choosing: filters.chartIds.length > 0,
      series: choice.charted.map((c, i) => ({
        name: c.name,
        ...SERIES_STYLES[i]!,
        legendMarker: markerPath(SERIES_STYLES[i]!.marker, 18, 9),
        summary: tr('compare.chartSeries', { name: c.name, values: core.map((d, k) => `${d.name} ${c.values[k] === null ? tr('compare.chartUnrated') : c.values[k]!.toFixed(1)}`).join(', ') }),
      })),
    },
  };
}

/**
 * The grid keeps, under the opening's comparison version (read with the opening, the page's first
 * query): what it read for these filters, each viewer's withheld applications, and its HTML. What
 * depends on the clock (which interviews are held by now, so which scorecards are missing) is
 * counted on every request and is part of the HTML's key.
 */
function gridPage({ db, clock }: UseCaseDeps, cache: ComparisonCache) {
  return async (req: Request, res: Response) => {
    const language = languageOf(req);
    const viewer = req.user!;
    const opening = await findVisibleOpening(db, viewer, req.params.id, language);
    const filters = readFilters(req);
    const printView = req.query.view === 'print';
    const dataKey = [opening.id, opening.compareVersion, language, filters.status ?? 'all', filters.stageId ?? '', filters.applicationIds.join(',')].join('|');
    let data = cache.data.get(dataKey);
    if (!data) {
      data = await loadComparisonData(db, opening, filters, language);
      cache.data.set(dataKey, data);
    }
    const withheldKey = `${dataKey}|${viewer.id}`;
    let withheld = cache.withheld.get(withheldKey);
    if (!withheld) {
      withheld = await loadWithheld(db, viewer, data);
      cache.withheld.set(withheldKey, withheld);
    }
    const missing = countMissingAt(data, clock.now());
    const pageKey = [
      dataKey,
      viewer.timeZone ?? '',
      [...withheld].sort((a, b) => a - b).join(','),
      [...missing].filter(([, n]) => n > 0).map(([id, n]) => `${id}=${n}`).join(','),
      filters.sort,
      filters.chartIds.join(','),
      printView ? 'print' : 'page',
    ].join('|');
    const title = { text: t(res)('compare.title', { title: opening.title }) };
    const layout = printView ? ('print' as const) : undefined;
    const body = cache.pages.get(pageKey);
    if (body !== undefined) return renderPage(req, res, { body }, { title, layout });
    const model = { title, layout, printView, ...gridModel(t(res), opening, filters, data, scoreComparison(data, withheld, missing)) };
    await renderPage(req, res, 'comparison/index', model, 200, (html) => cache.pages.set(pageKey, html));
  };
}

function gridCsv({ db, clock }: UseCaseDeps) {
  return async (req: Request, res: Response) => {
    const opening = await findVisibleOpening(db, req.user!, req.params.id, languageOf(req));
    const filters = readFilters(req);
    const comparison = await buildComparison(db, req.user!, opening, filters, clock.now(), languageOf(req));
    const tr = t(res);
    // Candidates whose scorecards the viewer may not see yet leave the export, as they leave the page.
    const visible = { ...comparison, candidates: sortCandidates(comparison.candidates, filters.sort).filter((c) => !c.hidden) };
    const csv = comparisonCsv(visible, {
      candidate: tr('compare.candidate'),
      stage: tr('applications.stage'),
      status: tr('candidates.filter.status'),
      weighted: tr('compare.weighted'),
      rawMean: tr('compare.rawMean'),
      flags: tr('compare.flags'),
      flagNames: (flag) => tr(`flag.${flag}` as 'flag.below_bar'),
      statusName: (status) => tr(`applications.status.${status}` as 'applications.status.active'),
    });
    const name = `compare-${opening.id}-${clock.now().toISOString().slice(0, 10)}.csv`;
    res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' });
    res.send(`\ufeff${csv}`);
  };
}

/**
 * One application's summary and what the page shows beside it. Reads that do not wait for each other
 * go at once (on PostgreSQL each statement is a round trip); nothing read reaches the page unless the
 * viewer may see the application.
 */
async function loadSummary({ db, clock }: UseCaseDeps, req: Request) {
  const id = positiveInt(req.params.id);
  if (id === undefined) throw new NotFoundError();
  const [allowed, application] = await Promise.all([canViewApplication(db, req.user!, id), findApplication(db, id, languageOf(req))]);
  if (!allowed || !application) throw new NotFoundError();
  const [opening, decision, reopened, plan, person] = await Promise.all([
    findOpening(db, application.openingId, languageOf(req)),
    findDecision(db, application.id),
    listReopenedDecisions(db, application.id),
    findPlanOfApplication(db, application.id),
    findCandidate(db, application.candidateId),
  ]);
  if (!opening) throw new NotFoundError();
  const comparison = await buildComparison(db, req.user!, opening, { applicationIds: [application.id] }, clock.now(), languageOf(req), 'detail');
  const candidate = comparison.candidates.find((c) => c.applicationId === application.id);
  if (!candidate) throw new NotFoundError();
  return { application, opening, comparison, candidate, decision, reopened, plan, person };
}

type SummaryForm = { values?: Record<string, string>; errors?: Record<string, string>; reopen?: { values: Record<string, string>; errors: Record<string, string> } };

function summaryRenderer(deps: UseCaseDeps) {
  return async (req: Request, res: Response, form: SummaryForm = {}, status = 200) => {
    const { application, opening, comparison, candidate, decision, reopened, plan, person } = await loadSummary(deps, req);
    const mayDecideHere = mayDecideOn(req.user!, opening) && !candidate.hidden;
    const history = candidate.hidden
      ? []
      : decisionHistory(
          decision && { ...decision, reopened: null },
          reopened.map((d) => ({ ...d, reopened: { byName: d.reopenedByName, at: d.reopenedAt, reason: d.reason } })),
        );
    await renderPage(
      req,
      res,
      'comparison/summary',
      {
        title: { text: t(res)('summary.title', { name: candidate.candidateName }) },
        application,
        opening,
        candidate,
        groups: (['core', 'role'] as const).map((group) => ({
          group,
          dimensions: comparison.dimensions
            .filter((d) => d.group === group)
            .map((d) => {
              const score = candidate.score.dimensions.get(d.key);
              return { ...d, score, agreement: agreementOf(score), ratings: score?.ratings ?? [] };
            }),
        })),
        // Who decides sees the decisions; someone who still owes a scorecard here sees none of them.
        decision: candidate.hidden ? undefined : decision,
        earlier: history.filter((h) => h.reopened !== null),
        plan: decision?.decision === 'hire' ? plan : undefined,
        candidateEmail: person?.email ?? '',
        mayDecide: mayDecideHere && !decision && application.status === 'active',
        mayReopen: mayDecideHere && decision !== undefined && plan === undefined,
        mayDecideOnOpening: mayDecideHere,
        acknowledge: FLAGS_NEEDING_ACKNOWLEDGEMENT.filter((f) => candidate.score.flags.includes(f)),
        values: form.values ?? {},
        errors: form.errors ?? {},
        reopen: form.reopen ?? { values: {}, errors: {} },
      },
      status,
    );
  };
}

/** The decision form as typed; the decision's rules (a rationale, a reason per serious flag) are the domain's. */
const decisionSchema = z.object({
  decision: z.string().default(''),
  rationale: z.string().default(''),
  ...Object.fromEntries(FLAGS_NEEDING_ACKNOWLEDGEMENT.map((f) => [`ack_${f}`, z.string().default('')])),
});

function decisionHandler(deps: UseCaseDeps, renderSummary: ReturnType<typeof summaryRenderer>) {
  return async (req: Request, res: Response) => {
    const applicationId = positiveInt(req.params.id);
    if (applicationId === undefined) throw new NotFoundError();
    const form = parseForm(decisionSchema, req.body);
    const typed = (form.ok ? form.data : {}) as Record<string, string | undefined>;
    const acknowledgements = Object.fromEntries(FLAGS_NEEDING_ACKNOWLEDGEMENT.map((f) => [f, typed[`ack_${f}`] ?? '']));
    const input = { decision: typed.decision ?? '', rationale: typed.rationale ?? '', acknowledgements };
    try {
      const { decision, candidateName } = await recordDecision(deps, req.user!, applicationId, input);
      addFlash(req, { kind: 'success', message: decision === 'hire' ? 'decision.hiredNext' : 'decision.notHired', params: { name: candidateName } });
      // Straight to the confirmation (on a phone the decision is at the end of the page).
      res.redirect(303, `/applications/${applicationId}/summary#decision`);
    } catch (err) {
      if (err instanceof ConflictError) {
        addFlash(req, { kind: 'error', message: err.messageKey });
        return res.redirect(303, `/applications/${applicationId}/summary`);
      }
      if (!(err instanceof ValidationError)) throw err;
      const values = { decision: input.decision, rationale: input.rationale, ...Object.fromEntries(Object.entries(acknowledgements).map(([k, v]) => [`ack_${k}`, v])) };
      await renderSummary(req, res, { values, errors: err.fieldErrors as Record<string, string> }, 422);
    }
  };
}

const reopenSchema = z.object({ reason: z.string().default('') });

function reopenHandler(deps: UseCaseDeps, renderSummary: ReturnType<typeof summaryRenderer>) {
  return async (req: Request, res: Response) => {
    const applicationId = positiveInt(req.params.id);
    if (applicationId === undefined) throw new NotFoundError();
    const form = parseForm(reopenSchema, req.body);
    const reason = form.ok ? form.data.reason : '';
    try {
      const { candidateName } = await reopenDecision(deps, req.user!, applicationId, { reason });
      addFlash(req, { kind: 'success', message: 'decision.reopen.done', params: { name: candidateName } });
      res.redirect(303, `/applications/${applicationId}/summary#decision`);
    } catch (err) {
      if (err instanceof HirePlanExistsError) {
        addFlash(req, { kind: 'error', message: err.messageKey, params: { name: err.plan.newHireName, date: err.plan.startDate } });
        return res.redirect(303, `/applications/${applicationId}/summary#decision`);
      }
      if (err instanceof ConflictError) {
        addFlash(req, { kind: 'error', message: err.messageKey });
        return res.redirect(303, `/applications/${applicationId}/summary#decision`);
      }
      if (!(err instanceof ValidationError)) throw err;
      await renderSummary(req, res, { reopen: { values: { reason }, errors: err.fieldErrors as Record<string, string> } }, 422);
    }
  };
}

/** The comparison grid (page, CSV, print view), one candidate's scorecard summary, the decision and its reopening. */
export function createComparisonRouter(deps: UseCaseDeps, cache: ComparisonCache = createComparisonCache()): Router {
  const router = Router();
  const renderSummary = summaryRenderer(deps);
  router.get('/openings/:id/compare', allow('comparison:view'), gridPage(deps, cache));
  router.get('/openings/:id/compare/csv', allow('comparison:view'), gridCsv(deps));
  router.get('/applications/:id/summary', allow('comparison:view'), async (req, res) => {
    await renderSummary(req, res);
  });
  router.post('/applications/:id/decision', allow('decisions:make'), decisionHandler(deps, renderSummary));
  router.post('/applications/:id/decision/reopen', allow('decisions:make'), reopenHandler(deps, renderSummary));
  return router;
}
