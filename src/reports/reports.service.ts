import type { Language } from '../i18n/i18n';
import type { Viewer } from '../auth/scopes';
import type { DB, DbOrTrx } from '../db/database';
import { findVersionDimensions } from '../rubrics/rubrics.service';
import { buildCalibration, type CalibrationRow } from './calibration';
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

/**
 * Reviewed hires with the scores they had when they were hired — the weighted score recorded with the
 * decision, and per dimension the mean of the ratings submitted by then — correlated with their
 * reviews. A fixed number of queries: the hires, the ratings and their later changes, one per rubric
 * version involved. `excludeInvolved` leaves out reviews written by the hire's interviewers or decider.
 */
export async function buildPredictionReport(db: DbOrTrx, viewer: Viewer, weightedName: string, language: Language, excludeInvolved = false): Promise<PredictionReport> {
  const rows = await listReviewedHires(db, await asReportViewer(db, viewer));
  const versions = [...new Map(rows.map((r) => [`${r.rubricId}:${r.rubricVersion}`, r])).values()];
  const [ratings, dimensionLists] = await Promise.all([
    loadRatingsAtDecision(db, rows.map((r) => r.applicationId)),
    Promise.all(versions.map(async (v) => [`${v.rubricId}:${v.rubricVersion}`, (await findVersionDimensions(db, v.rubricId, v.rubricVersion, language)) ?? []] as const)),
  ]);
  const allDimensions = new Map<string, { key: string; name: string }>();
  for (const [, list] of dimensionLists) for (const d of list) if (!allDimensions.has(d.key)) allDimensions.set(d.key, { key: d.key, name: d.name });
  const hires: ReviewedHire[] = rows.map((row) => ({
    name: row.candidateName,
    reviewRating: row.reviewRating,
    weightedScore: row.weightedScore,
    dimensionMeans: dimensionMeans(ratings.get(row.applicationId) ?? []),
    reviewerInvolved: row.reviewerInvolved,
  }));
  return buildPrediction(hires, [...allDimensions.values()], weightedName, { excludeInvolved });
}

export async function buildCalibrationReport(db: DB, viewer: Viewer): Promise<CalibrationRow[]> {
  return buildCalibration(await loadCalibration(db, await asReportViewer(db, viewer)));
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
