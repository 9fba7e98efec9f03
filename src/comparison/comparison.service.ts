import type { DbOrTrx } from '../db/database';
import type { Language } from '../i18n/i18n';
import { applicationsWithheldFrom } from '../auth/independence';
import type { ApplicationStatus } from '../candidates/candidate';
import type { Viewer } from '../auth/scopes';
import { listStages, type Opening } from '../openings/openings.service';
import type { Dimension } from '../rubrics/rubric';
import { findVersionDimensions } from '../rubrics/rubrics.service';
import { getIndependentFeedback } from '../settings/settings.service';
import { type CompareRow, countMissingScorecards, listCompareRows, loadScorecardAggregates, loadSubmittedScorecards } from './comparison.repository';

/** What other features read of the panel's scores. */
export { countMissingScorecards, loadScorecardAggregates } from './comparison.repository';
export { findDecision } from './decisions.repository';
import { toCsv } from '../shared/csv';
import { type ApplicationScore, scoreAggregates, scoreApplication, type SubmittedScorecard } from './scoring';

export interface ComparedCandidate extends CompareRow {
  readonly score: ApplicationScore;
  /** The viewer interviews this candidate and has not submitted: others' ratings are withheld. */
  readonly hidden: boolean;
  /** Each submitted scorecard (who, recommendation, take-aways), in interview order: loaded for one candidate's summary, never when hidden. */
  readonly panel: readonly SubmittedScorecard[];
}

export interface Comparison {
  readonly dimensions: Dimension[];
  readonly candidates: ComparedCandidate[];
  readonly stages: Awaited<ReturnType<typeof listStages>>;
}

/**
 * Everything the comparison grid, its CSV and the scorecard summary need, for a set of
 * applications of one opening, in a fixed number of queries whatever the number of candidates.
 */
export async function buildComparison(
  db: DbOrTrx,
  viewer: Viewer,
  opening: Opening,
  filters: { stageId?: number; status?: ApplicationStatus; applicationIds?: readonly number[] },
  now: Date,
  /** The reader's: seeded dimension and stage names are worded in it. */
  language: Language,
  /** 'detail' loads every rating with its evidence (one candidate's summary); 'grid' only aggregates. */
  depth: 'grid' | 'detail' = 'grid',
): Promise<Comparison> {
  const [dimensions, stages, rows, independent] = await Promise.all([
    findVersionDimensions(db, opening.rubricId, opening.rubricVersion, language),
    listStages(db, opening.id, language),
    listCompareRows(db, opening.id, filters, language),
    getIndependentFeedback(db),
  ]);
  const chosen = filters.applicationIds && filters.applicationIds.length > 0 ? rows.filter((r) => filters.applicationIds!.includes(r.applicationId)) : rows;
  const ids = chosen.map((r) => r.applicationId);
  const [scorecards, aggregates, missing, awaiting] = await Promise.all([
    depth === 'detail' ? loadSubmittedScorecards(db, ids, language) : Promise.resolve(undefined),
    depth === 'grid' ? loadScorecardAggregates(db, ids) : Promise.resolve(undefined),
    countMissingScorecards(db, ids, now),
    applicationsWithheldFrom(db, { id: viewer.id, independentFeedback: independent }, ids),
  ]);
  const dims = dimensions ?? [];
  const planDimensions = stages.flatMap((s) => s.focus);
  return {
    dimensions: dims,
    stages,
    candidates: chosen.map((row) => {
      const hidden = awaiting.has(row.applicationId);
      const missingScorecards = missing.get(row.applicationId) ?? 0;
      // Until the viewer submits their own scorecard for this candidate, nothing of the panel's is shown.
      if (hidden) return { ...row, hidden, panel: [], score: scoreApplication({ dimensions: dims, scorecards: [], planDimensions, missingScorecards }) };
      const panel = scorecards?.get(row.applicationId) ?? [];
      const score = scorecards
        ? scoreApplication({ dimensions: dims, scorecards: panel, planDimensions, missingScorecards })
        : scoreAggregates({ dimensions: dims, aggregates: aggregates!.get(row.applicationId)!, planDimensions, missingScorecards });
      return { ...row, hidden, panel, score };
    }),
  };
}

export type SortKey = 'total' | `dim:${string}`;

/** Highest first; candidates without a value go last, then by name. */
export function sortCandidates(candidates: ComparedCandidate[], sort: SortKey): ComparedCandidate[] {
  const value = (c: ComparedCandidate): number | null => (sort === 'total' ? c.score.weightedScore : (c.score.dimensions.get(sort.slice(4))?.mean ?? null));
  return [...candidates].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null && vb === null) return a.candidateName.localeCompare(b.candidateName);
    if (va === null) return 1;
    if (vb === null) return -1;
    return vb - va || a.candidateName.localeCompare(b.candidateName);
  });
}

/** CSV of the grid; values that start like a formula are prefixed so spreadsheets do not run them. */
export function comparisonCsv(comparison: Comparison, labels: { candidate: string; stage: string; status: string; weighted: string; rawMean: string; flags: string; flagNames: (flag: string) => string; statusName: (status: string) => string }): string {
  const header = [labels.candidate, labels.stage, labels.status, labels.weighted, labels.rawMean, ...comparison.dimensions.flatMap((d) => [d.name, `${d.name} (n)`, `${d.name} (spread)`]), labels.flags];
  const lines = comparison.candidates.map((c) => [
    c.candidateName,
    c.stageName,
    labels.statusName(c.status),
    c.score.weightedScore,
    c.score.rawMean,
    ...comparison.dimensions.flatMap((d) => {
      const s = c.score.dimensions.get(d.key);
      return [s?.mean ?? null, s?.count ?? 0, s?.spread ?? null];
    }),
    c.score.flags.map(labels.flagNames).join('; '),
  ]);
  return toCsv([header, ...lines]);
}
