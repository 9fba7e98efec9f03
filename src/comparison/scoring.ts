import type { Recommendation } from '../interviews/scorecard';
import { RECOMMENDATIONS } from '../interviews/scorecard';
import { type Dimension, topCloserTrap } from '../rubrics/rubric';

/** Below this many submitted scorecards, or this share of rated dimensions, a score is low confidence. */
export const CONFIDENCE = { minScorecards: 2, minRatedShare: 0.6 } as const;
/** A spread (max − min) this large on one dimension means the panel disagrees: discuss it. */
export const DISAGREEMENT_SPREAD = 2;

export interface SubmittedScorecard {
  readonly interviewerId: number;
  readonly interviewerName: string;
  readonly stageName: string;
  readonly recommendation: Recommendation | null;
  /** What the interviewer wrote as their key take-aways (the summary page shows it; scoring does not read it). */
  readonly keyTakeaways?: string;
  readonly ratings: readonly { key: string; rating: number | null; evidence: string }[];
}

export interface DimensionScore {
  readonly key: string;
  /** Mean of the 1–4 ratings, "not assessed" ignored; null when nobody rated it. */
  readonly mean: number | null;
  readonly count: number;
  /** Highest minus lowest rating; null when nobody rated it. */
  readonly spread: number | null;
  /** Each rating with who gave it, at which stage, and that interviewer's overall recommendation on the scorecard. */
  readonly ratings: readonly { interviewerName: string; stageName: string; recommendation: Recommendation | null; rating: number | null; evidence: string }[];
}

export type Flag = 'below_bar' | 'top_closer_trap' | 'low_confidence' | 'disagreement' | 'missing';
/** Flags a hiring manager must answer with a written reason before hiring. */
export const FLAGS_NEEDING_ACKNOWLEDGEMENT: readonly Flag[] = ['below_bar', 'top_closer_trap', 'low_confidence'];

export interface ApplicationScore {
  readonly dimensions: ReadonlyMap<string, DimensionScore>;
  /** 0–100 over the assessed dimensions with their rubric weights; null when nothing weighted was rated. */
  readonly weightedScore: number | null;
  /** Unweighted mean of the dimension means (1–4), shown beside the weighted score. */
  readonly rawMean: number | null;
  readonly scorecardCount: number;
  readonly ratedShare: number;
  /** Knockout dimensions whose mean is under their threshold. */
  readonly knockouts: readonly string[];
  readonly disagreements: readonly string[];
  /** Interviews held whose interviewer has not submitted a scorecard. */
  readonly missingScorecards: number;
  /** Dimensions of the interview plan that nobody rated. */
  readonly unratedPlanDimensions: readonly string[];
  readonly topCloserTrap: boolean;
  readonly recommendations: Readonly<Record<Recommendation, number>>;
  readonly flags: readonly Flag[];
}

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

/** Per dimension: how many 1–4 ratings, their sum, lowest and highest ("not assessed" excluded). */
export interface DimensionAggregate {
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
}

/** What scoring needs of an application's submitted scorecards; SQL can compute it in one query. */
export interface ScorecardAggregates {
  readonly dimensions: ReadonlyMap<string, DimensionAggregate>;
  readonly scorecardCount: number;
  readonly recommendations: Readonly<Record<Recommendation, number>>;
}

export function emptyTally(): Record<Recommendation, number> {
  return Object.fromEntries(RECOMMENDATIONS.map((r) => [r, 0])) as Record<Recommendation, number>;
}

/** Aggregates raw scorecards (the summary page, tests); the comparison grid gets the same from SQL. */
export function aggregateScorecards(scorecards: readonly SubmittedScorecard[]): ScorecardAggregates {
  const dimensions = new Map<string, DimensionAggregate>();
  const recommendations = emptyTally();
  for (const card of scorecards) {
    if (card.recommendation) recommendations[card.recommendation] += 1;
    for (const r of card.ratings) {
      if (r.rating === null) continue;
      const a = dimensions.get(r.key);
      dimensions.set(r.key, a ? { count: a.count + 1, sum: a.sum + r.rating, min: Math.min(a.min, r.rating), max: Math.max(a.max, r.rating) } : { count: 1, sum: r.rating, min: r.rating, max: r.rating });
    }
  }
  return { dimensions, scorecardCount: scorecards.length, recommendations };
}

/**
 * Scores one application from its submitted scorecards against the rubric version they were
 * scored on. Pure: everything it needs is passed in.
 */
export function scoreApplication(input: { dimensions: readonly Dimension[]; scorecards: readonly SubmittedScorecard[]; planDimensions: readonly string[]; missingScorecards: number }): ApplicationScore {
  const ratings = new Map<string, DimensionScore['ratings']>();
  for (const dimension of input.dimensions) {
    ratings.set(
      dimension.key,
      input.scorecards.flatMap((card) => card.ratings.filter((r) => r.key === dimension.key).map((r) => ({ interviewerName: card.interviewerName, stageName: card.stageName, recommendation: card.recommendation, rating: r.rating, evidence: r.evidence }))),
    );
  }
  return scoreAggregates({ ...input, aggregates: aggregateScorecards(input.scorecards), ratings });
}

/** A dimension's mean rating (two decimals) from its aggregate; null when nobody rated it. */
export function aggregateMean(a: { readonly count: number; readonly sum: number } | undefined): number | null {
  return a && a.count > 0 ? round(a.sum / a.count, 2) : null;
}

/** The weighted score (0–100) of the dimensions' means, negative weights counting as none; null when no weighted dimension is rated. */
export function weightedScoreOf(dimensions: readonly Dimension[], meanOf: (key: string) => number | null): number | null {
  let weighted = 0;
  let totalWeight = 0;
  for (const dimension of dimensions) {
    const mean = meanOf(dimension.key);
    if (mean === null) continue;
    const weight = Math.max(0, dimension.weight);
    weighted += weight * ((mean - 1) / 3);
    totalWeight += weight;
  }
  return totalWeight > 0 ? Math.round((weighted / totalWeight) * 100) : null;
}

/** The scoring rules, on aggregates. `ratings` (who said what) is optional: the grid does not need it. */
export function scoreAggregates(input: {
  dimensions: readonly Dimension[];
  aggregates: ScorecardAggregates;
  planDimensions: readonly string[];
  missingScorecards: number;
  ratings?: ReadonlyMap<string, DimensionScore['ratings']>;
}): ApplicationScore {
  const { dimensions, aggregates } = input;
  const scores = new Map<string, DimensionScore>();
  for (const dimension of dimensions) {
    const a = aggregates.dimensions.get(dimension.key);
    scores.set(dimension.key, {
      key: dimension.key,
      mean: aggregateMean(a),
      count: a?.count ?? 0,
      spread: a && a.count > 0 ? a.max - a.min : null,
      ratings: input.ratings?.get(dimension.key) ?? [],
    });
  }
  // Every dimension of the rubric has its score from here on.
  const scoreOf = (key: string) => scores.get(key)!;

  const means = dimensions.flatMap((d) => {
    const mean = scoreOf(d.key).mean;
    return mean === null ? [] : [mean];
  });
  const weightedScore = weightedScoreOf(dimensions, (key) => scoreOf(key).mean);
  const rawMean = means.length > 0 ? round(means.reduce((s, v) => s + v, 0) / means.length, 2) : null;

  // A knockout without a threshold (the rubric editor saves none) marks nobody: no mean is below 0.
  const knockouts = dimensions.filter((d) => {
    const mean = scoreOf(d.key).mean;
    return d.knockout && mean !== null && mean < (d.threshold ?? 0);
  });
  const disagreements = dimensions.filter((d) => (scoreOf(d.key).spread ?? 0) >= DISAGREEMENT_SPREAD);
  const rated = dimensions.filter((d) => scoreOf(d.key).count > 0).length;
  const ratedShare = dimensions.length > 0 ? rated / dimensions.length : 0;
  const unratedPlanDimensions = [...new Set(input.planDimensions)].filter((key) => dimensions.some((d) => d.key === key) && scoreOf(key).count === 0);
  const trap = topCloserTrap(dimensions, new Map(dimensions.map((d) => [d.key, scoreOf(d.key).mean ?? undefined]))).flagged;

  const lowConfidence = aggregates.scorecardCount < CONFIDENCE.minScorecards || ratedShare < CONFIDENCE.minRatedShare;
  const flags: Flag[] = [];
  if (knockouts.length > 0) flags.push('below_bar');
  if (trap) flags.push('top_closer_trap');
  if (lowConfidence) flags.push('low_confidence');
  if (disagreements.length > 0) flags.push('disagreement');
  if (input.missingScorecards > 0 || unratedPlanDimensions.length > 0) flags.push('missing');

  return {
    dimensions: scores,
    weightedScore,
    rawMean,
    scorecardCount: aggregates.scorecardCount,
    ratedShare,
    knockouts: knockouts.map((d) => d.key),
    disagreements: disagreements.map((d) => d.key),
    missingScorecards: input.missingScorecards,
    unratedPlanDimensions,
    topCloserTrap: trap,
    recommendations: aggregates.recommendations,
    flags,
  };
}

/** Where a dimension's ratings stand: agreed (spread ≤ 1), mixed (spread ≥ 2) or missing (no rating). */
export function agreementOf(score: DimensionScore | undefined): 'agree' | 'mixed' | 'missing' {
  if (!score || score.count === 0) return 'missing';
  return (score.spread ?? 0) >= DISAGREEMENT_SPREAD ? 'mixed' : 'agree';
}
