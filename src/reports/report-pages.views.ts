import type { Request, Response } from 'express';
import type { UseCaseDeps } from '../events/unit-of-work';
import { languageOf } from '../web/locals';
import type { Language, MessageKey, Translate } from '../i18n/i18n';
import { barChart, scatterPlot } from './charts';
import type { PredictionRow } from './prediction';
import { correctedFor } from './range-restriction';
import type { PipelineRow } from './pipeline';
import type { DateRange } from './reports.repository';
import { type OnboardingReport, PLAN_STATES } from './onboarding-report';
import { buildCalibrationReport, type CalibrationReport, buildOnboardingReportFor, type PredictionModel, buildPipelineReport, buildPredictionReport, buildSourcesReport, loadPlanStages } from './reports.service';
import { groupByPlan, namesByPosition } from './stage-labels';
import type { SourcesReport } from './sources';
import { MIN_PAIRS } from './statistics';

const numberFormats = new Map<string, Intl.NumberFormat>();

/** One formatter per language and style, made once: building an Intl.NumberFormat costs far more than using it. */
function numberFormat(lang: Language, style: 'percent' | number): Intl.NumberFormat {
  const key = `${lang}:${style}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang, style === 'percent' ? { style: 'percent', maximumFractionDigits: 0 } : { minimumFractionDigits: style, maximumFractionDigits: style });
    numberFormats.set(key, format);
  }
  return format;
}

/** Number formatting in the page's language. */
export function formatters(lang: Language, t: Translate) {
  const number = (value: number | null | undefined, places = 2): string =>
    value === null || value === undefined || Number.isNaN(value) ? t('reports.none') : numberFormat(lang, places).format(value);
  const percent = (share: number | null | undefined): string => (share === null || share === undefined ? t('reports.none') : numberFormat(lang, 'percent').format(share));
  /** A whole count, grouped by thousands as the language writes them (11,364 · 11 364). */
  const count = (value: number): string => numberFormat(lang, 0).format(value);
  const signed = (value: number | null | undefined, places = 2): string => (value === null || value === undefined ? t('reports.none') : `${value > 0 ? '+' : value < 0 ? '−' : ''}${number(Math.abs(value), places)}`);
  // Kept to the minute: under an hour in minutes, under two days in hours to one decimal, then days.
  const delay = (hours: number | null): string =>
    hours === null ? t('reports.none') : hours < 1 ? t('reports.minutes', { n: number(hours * 60, 0) }) : hours < 48 ? t('reports.hours', { n: number(hours, Math.round(hours * 10) % 10 !== 0 ? 1 : 0) }) : t('reports.days', { n: number(hours / 24, 1) });
  // Days to one decimal unless whole (the medians are kept to the hour: 3.8, not 3).
  const days = (value: number | null): string => (value === null ? t('reports.none') : number(value, Math.round(value * 10) % 10 !== 0 ? 1 : 0));
  return { number, percent, signed, delay, days, count };
}
export type Fmt = ReturnType<typeof formatters>;

/** Words for one correlation row: a strength is named only when the interval stays on one side of zero. */
function readingOf(row: PredictionRow, t: Translate, fmt: Fmt): { r: string; interval: string; reading: string } {
  const c = row.correlation;
  if (c.state === 'too_few') return { r: t('reports.none'), interval: t('reports.none'), reading: t('reports.prediction.tooFew', { n: c.n, min: MIN_PAIRS }) };
  if (c.state === 'no_variation') return { r: t('reports.none'), interval: t('reports.none'), reading: t('reports.prediction.noVariation') };
  const direction = c.strength === 'none' ? '' : `, ${t(c.r > 0 ? 'reports.prediction.positive' : 'reports.prediction.negative')}`;
  const words = c.clear ? `${t(`reports.prediction.strength.${c.strength}` as MessageKey)}${direction}; ${t('reports.prediction.clear')}` : t('reports.prediction.unclearReading');
  return {
    r: fmt.signed(c.r),
    interval: `${fmt.signed(c.low)} … ${fmt.signed(c.high)}`,
    reading: c.small ? `${words}; ${t('reports.prediction.smallSample')}` : words,
  };
}

export interface ReportDefinition<M> {
  readonly key: string;
  readonly title: MessageKey;
  readonly short: MessageKey;
  readonly summary: MessageKey;
  load(req: Request, res: Response): Promise<M>;
  view(model: M, t: Translate, fmt: Fmt): Record<string, unknown>;
  csv(model: M, t: Translate, fmt: Fmt): (string | number | null)[][];
}

/** The date range of the query (YYYY-MM-DD each); a malformed date is reported and ignored. */
function readRange(query: Request['query']): { range: DateRange; values: { from: string; to: string }; errors: Record<string, MessageKey> } {
  const values = { from: typeof query.from === 'string' ? query.from.trim().slice(0, 10) : '', to: typeof query.to === 'string' ? query.to.trim().slice(0, 10) : '' };
  const errors: Record<string, MessageKey> = {};
  // A real calendar day in years 1000–9998: the month arithmetic of the range stays four-digit.
  const valid = (text: string) => /^[1-9]\d{3}-\d{2}-\d{2}$/.test(text) && text < '9999' && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
  const range: { from?: string; to?: string } = {};
  for (const name of ['from', 'to'] as const) {
    if (values[name] === '') continue;
    if (valid(values[name])) range[name] = values[name];
    else errors[name] = 'reports.error.date';
  }
  return { range, values, errors };
}

const csvNumber = (value: number | null | undefined, places = 2): number | null => (value === null || value === undefined ? null : Math.round(value * 10 ** places) / 10 ** places);

const t = (res: Response) => res.locals.t as Translate;

/** Thorndike's case II estimate beside a row's correlation, from the row's r and the score's spreads. */
const correctedOf = (report: PredictionModel, row: PredictionRow): number | null => (row.correlation.state === 'ok' ? correctedFor(row.correlation.r, report.spreads.get(row.key)) : null);

/** The prediction report. */
function predictionReport({ db }: UseCaseDeps): ReportDefinition<PredictionModel> {
  return {
    key: 'prediction',
    title: 'reports.prediction.title',
    short: 'reports.prediction.short',
    summary: 'reports.prediction.summary',
    load: (req, res) => buildPredictionReport(db, req.user!, t(res)('reports.prediction.weighted'), languageOf(req), req.query.exclude === 'involved'),
    view: (report, tr, fmt) => {
      const rows = [report.weighted, ...report.dimensions];
      return {
        report,
        csvQuery: report.excludeInvolved ? 'exclude=involved' : '',
        rows: rows.map((row) => ({ name: row.name, n: row.correlation.n, involved: row.involved, ...readingOf(row, tr, fmt), corrected: correctedOf(report, row) })),
        charts: rows.map((row) => ({
          name: row.name,
          n: row.points.length,
          plot: row.key === 'weighted' ? scatterPlot(row.points, [0, 100], [0, 25, 50, 75, 100]) : scatterPlot(row.points, [1, 4], [1, 2, 3, 4]),
        })),
      };
    },
    csv: (report, tr, fmt) => [
      [tr('reports.prediction.col.measure'), tr('reports.prediction.col.n'), tr('reports.prediction.col.involved'), tr('reports.prediction.col.r'), `${tr('reports.prediction.col.interval')} (low)`, `${tr('reports.prediction.col.interval')} (high)`, tr('reports.prediction.col.reading'), tr('reports.prediction.col.corrected')],
      ...[report.weighted, ...report.dimensions].map((row) => {
        const c = row.correlation;
        return [row.name, c.n, row.involved, c.state === 'ok' ? csvNumber(c.r, 3) : null, c.state === 'ok' ? csvNumber(c.low, 3) : null, c.state === 'ok' ? csvNumber(c.high, 3) : null, readingOf(row, tr, fmt).reading, csvNumber(correctedOf(report, row), 3)];
      }),
    ],
  };
}

/** The calibration report. */
function calibrationReport({ db }: UseCaseDeps): ReportDefinition<CalibrationReport> {
  return {
    key: 'calibration',
    title: 'reports.calibration.title',
    short: 'reports.calibration.short',
    summary: 'reports.calibration.summary',
    load: (req) => buildCalibrationReport(db, req.user!, languageOf(req)),
    view: (report, _tr, fmt) => {
      const rows = report.rows;
      const charted = rows.filter((r) => r.lean !== 'too_few' && r.modelLean !== null);
      const extent = Math.max(1, ...charted.map((r) => Math.ceil(Math.abs(r.modelLean!) * 2) / 2));
      return {
        rows,
        reliability: report.reliability,
        chart: charted.length > 0 ? barChart(charted.map((r) => ({ label: r.name, value: r.modelLean!, display: fmt.signed(r.modelLean) })), [-extent, extent]) : null,
      };
    },
    csv: (report, tr) => [
      [
        tr('reports.calibration.col.interviewer'), tr('reports.calibration.col.scorecards'), `${tr('reports.calibration.col.delay')} (h)`, tr('reports.calibration.col.notAssessed'), tr('reports.calibration.col.mean'),
        '1', '2', '3', '4', tr('reports.calibration.col.shared'), tr('reports.calibration.col.ownShared'), tr('reports.calibration.col.panelShared'), tr('reports.calibration.col.difference'), tr('reports.calibration.col.lean'), tr('reports.calibration.col.focus'), tr('reports.calibration.col.decided'), tr('reports.calibration.col.outcome'),
        tr('reports.calibration.col.modelLean'), tr('reports.calibration.col.leanSe'),
      ],
      ...report.rows.map((r) => [
        r.name, r.scorecards, csvNumber(r.medianHours, 2), csvNumber(r.notAssessedShare, 3), csvNumber(r.mean), ...r.distribution, r.sharedRatings, csvNumber(r.ownShared), csvNumber(r.panelShared), csvNumber(r.difference), tr(`reports.calibration.lean.${r.lean}` as MessageKey), csvNumber(r.focusShare, 3), r.decided, r.agreed,
        csvNumber(r.modelLean, 3), csvNumber(r.leanSe, 3),
      ]),
    ],
  };
}

type PlanStages = Awaited<ReturnType<typeof loadPlanStages>>;

/** A stage column's header: the names the openings give that stage, or "Stage n" where no plan has one. */
const stageNames = (tr: Translate, names: readonly string[], position: number): string[] => (names.length > 0 ? [...names] : [tr('reports.sources.stage', { n: position + 1 })]);
const oneLine = (names: readonly string[]) => names.join(' / ');
const chartLabel = (label: string) => (label.length > 40 ? `${label.slice(0, 39)}…` : label);

/** The sources report. */
function sourcesReport({ db }: UseCaseDeps): ReportDefinition<SourcesReport & { planStages: PlanStages }> {
  const labelsOf = (report: SourcesReport & { planStages: PlanStages }, tr: Translate) => {
    const names = namesByPosition([...new Set(report.planStages.map((s) => s.openingId))], report.planStages, Math.max(0, ...report.stages.map((s) => s.position)) + 1);
    return report.stages.map((s) => stageNames(tr, names[s.position] ?? [], s.position));
  };
  return {
    key: 'sources',
    title: 'reports.sources.title',
    short: 'reports.sources.short',
    summary: 'reports.sources.summary',
    load: async (req) => {
      const [report, planStages] = await Promise.all([buildSourcesReport(db, req.user!, languageOf(req)), loadPlanStages(db, req.user!, languageOf(req))]);
      return { ...report, planStages };
    },
    view: (report, tr, fmt) => {
      const rows = report.rows.map((r) => ({ ...r, label: tr(`candidates.source.${r.source}` as MessageKey) }));
      return {
        report,
        rows,
        stageLabels: labelsOf(report, tr),
        chart: barChart(rows.map((r) => ({ label: r.label, value: r.hireRate ?? 0, display: r.applications > 0 ? `${fmt.percent(r.hireRate)} (${r.hires}/${r.applications})` : tr('reports.none') })), [0, Math.max(0.1, ...rows.map((r) => r.hireRate ?? 0))]),
      };
    },
    csv: (report, tr) => [
      [tr('reports.sources.col.source'), tr('reports.sources.col.candidates'), tr('reports.sources.col.applications'), tr('reports.sources.col.referenceCheck'), `${tr('reports.sources.col.referenceCheck')} (n)`, ...labelsOf(report, tr).map((names) => tr('reports.sources.col.reached', { stage: oneLine(names) })), tr('reports.sources.col.hires'), tr('reports.sources.col.hireRate'), tr('reports.sources.col.score'), tr('reports.sources.col.review'), `${tr('reports.sources.col.review')} (n)`],
      ...report.rows.map((r) => [tr(`candidates.source.${r.source}` as MessageKey), r.candidates, r.applications, csvNumber(r.referenceCheckShare, 3), r.referenceCheckApplications, ...r.reached.map((v) => csvNumber(v, 3)), r.hires, csvNumber(r.hireRate, 3), csvNumber(r.meanScore, 1), csvNumber(r.meanReview), r.reviewed]),
    ],
  };
}

type PipelineModel = ReturnType<typeof readRange> & Awaited<ReturnType<typeof buildPipelineReport>> & { planStages: PlanStages };

/**
 * Pipeline rows stage by stage, one table per plan: rows whose openings name their stages alike
 * share a table, one line per stage (named), and for each row the share of finished stays that moved
 * on from that stage to the next (the last stage has no next: none), the median days spent in it
 * (finished stays, every stage, the last included) and how many applications are still in it.
 */
function pipelineTables(rows: readonly PipelineRow[], openingsOf: (row: PipelineRow) => number[], planStages: PlanStages, tr: Translate, fmt: Fmt) {
  return groupByPlan(rows, openingsOf, (r) => r.reached.length, planStages).map((group) => ({
    stages: group.names.map((names, k) => stageNames(tr, names, k)),
    rows: group.rows.map((r) => ({
      name: r.name,
      // passThrough[k] is the share at stage k that reached stage k + 1.
      passCells: r.reached.map((_, k) => (k < r.passThrough.length ? fmt.percent(r.passThrough[k]) : tr('reports.none'))),
      dayCells: r.reached.map((_, k) => fmt.days(r.medianDaysInStage[k] ?? null)),
      stillCells: r.reached.map((_, k) => fmt.count(r.stillIn[k] ?? 0)),
    })),
  }));
}

/** The pipeline report. */
function pipelineReport({ db }: UseCaseDeps): ReportDefinition<PipelineModel> {
  return {
    key: 'pipeline',
    title: 'reports.pipeline.title',
    short: 'reports.pipeline.short',
    summary: 'reports.pipeline.summary',
    load: async (req) => {
      const filter = readRange(req.query);
      const [report, planStages] = await Promise.all([buildPipelineReport(db, req.user!, filter.range, languageOf(req)), loadPlanStages(db, req.user!, languageOf(req))]);
      return { ...filter, ...report, planStages };
    },
    view: (model, tr, fmt) => {
      const query = new URLSearchParams(Object.entries(model.range).filter(([, v]) => v) as [string, string][]).toString();
      const shown = new Set(model.openings.map((r) => r.key));
      const roleOf = new Map(model.planStages.map((s) => [s.openingId, s.roleId]));
      const openingsOfRole = (row: PipelineRow) => [...shown].filter((id) => roleOf.get(id) === row.key);
      return {
        model,
        csvQuery: query,
        openingTables: pipelineTables(model.openings, (r) => [r.key], model.planStages, tr, fmt),
        roleTables: pipelineTables(model.roles, openingsOfRole, model.planStages, tr, fmt),
        // One chart per role, its bars named after the role's stages: positions of different plans are not added up.
        charts: model.roles.map((r) => {
          const names = namesByPosition(openingsOfRole(r), model.planStages, r.reached.length);
          return { key: r.key, role: r.name, chart: barChart(r.reached.map((count, k) => ({ label: chartLabel(oneLine(stageNames(tr, names[k] ?? [], k))), value: count, display: fmt.count(count) })), [0, Math.max(1, ...r.reached)]) };
        }),
      };
    },
    csv: (model, tr) => {
      const stages = Math.max(1, ...model.openings.map((r) => r.reached.length));
      const names = namesByPosition([...new Set(model.openings.map((r) => r.key))], model.planStages, stages).map((n, k) => oneLine(stageNames(tr, n, k)));
      const header = [tr('reports.pipeline.col.opening'), tr('reports.pipeline.col.role'), tr('reports.pipeline.col.applications'), ...names.map((stage) => tr('reports.sources.col.reached', { stage })), ...names.map((stage) => `${tr('reports.pipeline.col.timeInStage')}: ${stage}`), ...names.map((stage) => `${tr('reports.pipeline.col.stillIn')}: ${stage}`), tr('reports.pipeline.col.timeToDecision'), tr('reports.pipeline.col.decisions'), tr('reports.pipeline.col.hires')];
      const line = (name: string, r: PipelineRow) => [name, r.roleName, r.applications, ...Array.from({ length: stages }, (_, k) => r.reached[k] ?? null), ...Array.from({ length: stages }, (_, k) => csvNumber(r.medianDaysInStage[k] ?? null, 2)), ...Array.from({ length: stages }, (_, k) => r.stillIn[k] ?? null), csvNumber(r.medianDaysToDecision, 2), r.decisions, r.hires];
      return [header, ...model.openings.map((r) => line(r.name, r)), ...model.roles.map((r) => line(`${tr('reports.pipeline.byRole')}: ${r.name}`, r))];
    },
  };
}

/** The onboarding report. */
function onboardingReport({ db, clock }: UseCaseDeps): ReportDefinition<OnboardingReport> {
  return {
    key: 'onboarding',
    title: 'reports.onboarding.title',
    short: 'reports.onboarding.short',
    summary: 'reports.onboarding.summary',
    load: (req) => buildOnboardingReportFor(db, req.user!, clock.now().toISOString().slice(0, 10), languageOf(req)),
    view: (report, tr) => ({
      report,
      plansScope: true,
      states: PLAN_STATES.map((state) => ({ state, label: tr(`reports.onboarding.state.${state}` as MessageKey), count: report.states[state] })),
      tracks: report.byTrack.map((row) => ({ ...row, label: tr(`onboarding.track.${row.track}` as MessageKey) })),
      chart: barChart(PLAN_STATES.map((state) => ({ label: tr(`reports.onboarding.state.${state}` as MessageKey), value: report.states[state], display: String(report.states[state]) })), [0, Math.max(1, ...PLAN_STATES.map((s) => report.states[s]))]),
    }),
    csv: (report, tr) => [
      [tr('reports.onboarding.status'), tr('reports.onboarding.col.plans')],
      ...PLAN_STATES.map((state) => [tr(`reports.onboarding.state.${state}` as MessageKey), report.states[state]]),
      [],
      [tr('reports.onboarding.col.role'), tr('reports.onboarding.col.plans'), tr('reports.onboarding.col.completed'), tr('reports.onboarding.col.median')],
      ...report.byRole.map((r) => [r.roleName, r.plans, r.completed, r.medianDays]),
      [],
      [tr('reports.onboarding.col.track'), tr('reports.onboarding.col.plans'), tr('reports.onboarding.col.completed'), tr('reports.onboarding.col.median')],
      ...report.byTrack.map((r) => [tr(`onboarding.track.${r.track}` as MessageKey), r.plans, r.completed, r.medianDays]),
      [],
      [tr('reports.onboarding.col.task'), tr('reports.onboarding.col.overdue'), tr('reports.onboarding.col.of')],
      ...report.overdueTasks.map((r) => [r.title, r.late, r.total]),
    ],
  };
}

/** Every report, in the order the reports page lists them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function reportPages(deps: UseCaseDeps): ReportDefinition<any>[] {
  return [predictionReport(deps), calibrationReport(deps), sourcesReport(deps), pipelineReport(deps), onboardingReport(deps)];
}
