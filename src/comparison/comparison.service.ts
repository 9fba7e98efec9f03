import type { DbOrTrx } from '../db/database';
import type { Language } from '../i18n/i18n';
import { applicationsWithheldFrom } from '../auth/independence';
import type { ApplicationStatus } from '../candidates/candidate';
import type { Viewer } from '../auth/scopes';
import { listStages, type Opening } from '../openings/openings.service';
import type { Dimension } from '../rubrics/rubric';
import { findVersionDimensions } from '../rubrics/rubrics.service';
import { getIndependentFeedback } from '../settings/settings.service';
import { type CompareRow, listCompareRows, listPendingScorecards, loadScorecardAggregates, loadSubmittedScorecards, type PendingScorecard } from './comparison.repository';

/** What other features read of the panel's scores. */
export { countMissingScorecards, loadScorecardAggregates } from './comparison.repository';
export { findDecision } from './decisions.repository';
import { toCsv } from '../shared/csv';
import { type ApplicationScore, scoreAggregates, scoreApplication, type ScorecardAggregates, type SubmittedScorecard } from './scoring';

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

/** What the comparison reads of the database for a set of applications, before the viewer and the clock are applied. */
export interface ComparisonData {
  readonly dimensions: Dimension[];
  readonly stages: Awaited<ReturnType<typeof listStages>>;
  /** Every application matching the stage and status filters (the chooser lists them). */
  readonly rows: CompareRow[];
  /** Those chosen (all of `rows` when none is chosen): the ones scored. */
  readonly chosen: CompareRow[];
  /** The company applies independent feedback. */
  readonly independent: boolean;
  readonly aggregates: ReadonlyMap<number, ScorecardAggregates> | undefined;
  readonly scorecards: ReadonlyMap<number, SubmittedScorecard[]> | undefined;
  /** Panel seats still owing a scorecard: which are missing is decided at `now`. */
  readonly pending: readonly PendingScorecard[];
}

/**
 * Everything the comparison grid, its CSV and the scorecard summary read, for a set of applications
 * of one opening, in a fixed number of queries whatever the number of candidates. Depends on neither
 * the viewer nor the clock (the grid keeps it under the opening's comparison version).
 */
export async function loadComparisonData(
  db: DbOrTrx,
  opening: Opening,
  filters: { stageId?: number; status?: ApplicationStatus; applicationIds?: readonly number[] },
  /** The reader's: seeded dimension and stage names are worded in it. */
  language: Language,
  /** 'detail' loads every rating with its evidence (one candidate's summary); 'grid' only aggregates. */
  depth: 'grid' | 'detail' = 'grid',
): Promise<ComparisonData> {
  const [dimensions, stages, rows, independent] = await Promise.all([
    findVersionDimensions(db, opening.rubricId, opening.rubricVersion, language),
    listStages(db, opening.id, language),
    listCompareRows(db, opening.id, filters, language),
    getIndependentFeedback(db),
  ]);
  const chosen = filters.applicationIds && filters.applicationIds.length > 0 ? rows.filter((r) => filters.applicationIds!.includes(r.applicationId)) : rows;
  const ids = chosen.map((r) => r.applicationId);
  const [scorecards, aggregates, pending] = await Promise.all([
    depth === 'detail' ? loadSubmittedScorecards(db, ids, language) : Promise.resolve(undefined),
    depth === 'grid' ? loadScorecardAggregates(db, ids) : Promise.resolve(undefined),
    listPendingScorecards(db, ids),
  ]);
  return { dimensions: dimensions ?? [], stages, rows, chosen, independent, aggregates, scorecards, pending };
}

/** The viewer's withheld applications among those chosen: one query (none when the rule is off). */
export function loadWithheld(db: DbOrTrx, viewer: Viewer, data: ComparisonData): Promise<Set<number>> {
  return applicationsWithheldFrom(db, { id: viewer.id, independentFeedback: data.independent }, data.chosen.map((r) => r.applicationId));
}

/** Held interviews (time reached, or no time set) without a submitted scorecard, per application, at `now`. */
export function countMissingAt(data: ComparisonData, now: Date): Map<number, number> {
  const at = now.toISOString();
  const counts = new Map<number, number>(data.chosen.map((r) => [r.applicationId, 0]));
  for (const p of data.pending) if (p.scheduledAt === null || p.scheduledAt <= at) counts.set(p.applicationId, (counts.get(p.applicationId) ?? 0) + 1);
  return counts;
}

/** The comparison as one viewer sees it: their withheld applications scored on nothing, the rest on the panel's scorecards. */
export function scoreComparison(data: ComparisonData, withheld: ReadonlySet<number>, missing: ReadonlyMap<number, number>): Comparison {
  const dims = data.dimensions;
  const planDimensions = data.stages.flatMap((s) => s.focus);
  return {
    dimensions: dims,
    stages: data.stages,
    candidates: data.chosen.map((row) => {
      const hidden = withheld.has(row.applicationId);
      const missingScorecards = missing.get(row.applicationId) ?? 0;
      // Until the viewer submits their own scorecard for this candidate, nothing of the panel's is shown.
      if (hidden) return { ...row, hidden, panel: [], score: scoreApplication({ dimensions: dims, scorecards: [], planDimensions, missingScorecards }) };
      const panel = data.scorecards?.get(row.applicationId) ?? [];
      const score = data.scorecards
        ? scoreApplication({ dimensions: dims, scorecards: panel, planDimensions, missingScorecards })
        : scoreAggregates({ dimensions: dims, aggregates: data.aggregates!.get(row.applicationId)!, planDimensions, missingScorecards });
      return { ...row, hidden, panel, score };
    }),
  };
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
  language: Language,
  depth: 'grid' | 'detail' = 'grid',
): Promise<Comparison> {
  const data = await loadComparisonData(db, opening, filters, language, depth);
  return scoreComparison(data, await loadWithheld(db, viewer, data), countMissingAt(data, now));
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
