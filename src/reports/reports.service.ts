import type { Language } from '../i18n/i18n';
import type { Viewer } from '../auth/scopes';
import type { DB, DbOrTrx } from '../db/database';
import { findVersionDimensions } from '../rubrics/rubrics.service';
import { aggregateMean, weightedScoreOf } from '../comparison/scoring';
import type { Dimension } from '../rubrics/rubric';
import { buildCalibration, type CalibrationRow, LEAN_THRESHOLD, MIN_SHARED_RATINGS } from './calibration';
import { leansFromRatings, leanVerdict } from './leans';
import { listAssessedApplications, listCurrentDimensions, listSingleRatings, loadAssessedRatingSums } from './ratings.repository';
import { spreadsOf } from './range-restriction';
import { type DimensionReliability, reliabilityByDimension } from './reliability';
import { buildPrediction, dimensionMeans, type PredictionReport, type ReviewedHire } from './prediction';
import { type DateRange, listPlanStages, loadCalibration, loadOnboarding, loadPipeline, loadSources, type ReportViewer } from './reports.repository';
import { listReviewedHires, loadRatingsAtDecision } from './prediction.repository';
import { getIndependentFeedback } from '../settings/settings.service';
import { buildOnboardingReport, type OnboardingReport } from './onboarding-report';
import { buildPipeline } from './pipeline';
import { buildSources, type SourcesReport } from './sources';

/** The reader with the company's independence setting: scorecard figures leave out what they may not see yet. */
async function asReportViewer(db: DbOrTrx, viewer: Viewer): Promise<ReportViewer> {
  return { id: viewer.id, role: viewer.role, independentFeedback: await getIndependentFeedback(db) };
}

/** The score's spread among everyone assessed and among the reviewed hires, per prediction row key (for the range-restriction estimate). */
export type Spreads = ReadonlyMap<string, { readonly assessed: number | null; readonly hired: number | null }>;
export type PredictionModel = PredictionReport & { readonly spreads: Spreads };

/**
 * Reviewed hires with the scores they had when they were hired — the weighted score recorded with the
 * decision, and per dimension the mean of the ratings submitted by then — correlated with their
 * reviews; `excludeInvolved` leaves out reviews written by the hire's interviewers or decider. Every
 * assessed application is scored from today's scorecards for the spread of each score among all
 * candidates assessed (the range-restriction estimate). A fixed number of queries: the hires, the
 * assessed applications, their rating sums, the hires' ratings and their later changes, one per
 * rubric version involved.
 */
export async function buildPredictionReport(db: DbOrTrx, viewer: Viewer, weightedName: string, language: Language, excludeInvolved = false): Promise<PredictionModel> {
  const reportViewer = await asReportViewer(db, viewer);
  const assessedSums = listAssessedApplications(db, reportViewer).then(async (list) => [list, await loadAssessedRatingSums(db, list.map((a) => a.applicationId))] as const);
  const [rows, [assessed, sums]] = await Promise.all([listReviewedHires(db, reportViewer), assessedSums]);
  const versions = [...new Map([...rows, ...assessed].map((r) => [`${r.rubricId}:${r.rubricVersion}`, r])).values()];
  const [ratings, dimensionLists] = await Promise.all([
    loadRatingsAtDecision(db, rows.map((r) => r.applicationId)),
    Promise.all(versions.map(async (v) => [`${v.rubricId}:${v.rubricVersion}`, (await findVersionDimensions(db, v.rubricId, v.rubricVersion, language)) ?? []] as const)),
  ]);
  const allDimensions = new Map<string, { key: string; name: string }>();
  for (const [key, list] of dimensionLists) if (rows.some((r) => `${r.rubricId}:${r.rubricVersion}` === key)) for (const d of list) if (!allDimensions.has(d.key)) allDimensions.set(d.key, { key: d.key, name: d.name });
  const hires: ReviewedHire[] = rows.map((row) => ({
    name: row.candidateName,
    reviewRating: row.reviewRating,
    weightedScore: row.weightedScore,
    dimensionMeans: dimensionMeans(ratings.get(row.applicationId) ?? []),
    reviewerInvolved: row.reviewerInvolved,
  }));
  const report = buildPrediction(hires, [...allDimensions.values()], weightedName, { excludeInvolved });
  const dimensionsOf = new Map<string, Dimension[]>(dimensionLists);
  const scoreOf = (row: { applicationId: number; rubricId: number; rubricVersion: number }) => {
    const dimensions = dimensionsOf.get(`${row.rubricId}:${row.rubricVersion}`) ?? [];
    // Scored as the comparison scores it: the same means and weights, from sums grouped in the database.
    const meanOf = (key: string) => aggregateMean(sums.get(row.applicationId)?.get(key));
    return { weightedScore: weightedScoreOf(dimensions, meanOf), dimensionMeans: new Map(dimensions.map((d) => [d.key, meanOf(d.key)])) };
  };
  // A reviewed hire counts among the assessed with the score it was hired on, like in the figure itself.
  const frozen = new Map(rows.map((row, i) => [row.applicationId, hires[i]!]));
  return { ...report, spreads: spreadsOf(report, assessed.map((a) => frozen.get(a.applicationId) ?? scoreOf(a))) };
}

/** A calibration row with the lean the additive model gives (its verdict replaces the pairwise one). */
export type LeanedRow = CalibrationRow & { readonly modelLean: number | null; readonly leanSe: number | null; readonly leanShared: number };

export interface CalibrationReport {
  readonly rows: LeanedRow[];
  readonly reliability: DimensionReliability[];
}

/** Totals per interviewer, then every single rating (one query) for the leans model and the reliability per dimension, and the rubrics' dimension names (one query). */
export async function buildCalibrationReport(db: DB, viewer: Viewer, language: Language): Promise<CalibrationReport> {
  const reportViewer = await asReportViewer(db, viewer);
  const [data, ratings, dimensions] = await Promise.all([
    loadCalibration(db, reportViewer),
    listAssessedApplications(db, reportViewer).then((assessed) => listSingleRatings(db, assessed.map((a) => a.applicationId))),
    listCurrentDimensions(db, language),
  ]);
  const fit = leansFromRatings(ratings);
  const rows = buildCalibration(data).map((row) => {
    const estimate = fit.estimates.get(row.interviewerId);
    return { ...row, lean: leanVerdict(estimate, LEAN_THRESHOLD, MIN_SHARED_RATINGS), modelLean: estimate?.lean ?? null, leanSe: estimate?.se ?? null, leanShared: estimate?.shared ?? 0 };
  });
  const rated = new Set(ratings.map((r) => `${r.rubricId}:${r.dimensionKey}`));
  return { rows, reliability: reliabilityByDimension(ratings, dimensions.filter((d) => rated.has(`${d.rubricId}:${d.key}`))) };
}

export async function buildSourcesReport(db: DbOrTrx, viewer: Viewer, language: Language): Promise<SourcesReport> {
  return buildSources(await loadSources(db, await asReportViewer(db, viewer), language));
}

export async function buildPipelineReport(db: DbOrTrx, viewer: Viewer, range: DateRange, language: Language): Promise<ReturnType<typeof buildPipeline>> {
  return buildPipeline(await loadPipeline(db, viewer, range, language));
}

/** Every in-scope opening's stage names by position, to head the reports' stage columns. */
export function loadPlanStages(db: DbOrTrx, viewer: Viewer, language: Language) {
  return listPlanStages(db, viewer, language);
}

/** The onboarding report, seeded roles and tasks named in the reader's language. */
export async function buildOnboardingReportFor(db: DbOrTrx, viewer: Viewer, today: string, language: Language): Promise<OnboardingReport> {
  return buildOnboardingReport(await loadOnboarding(db, viewer, today, language));
}
