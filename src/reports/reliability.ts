import { quantile, mulberry32 } from './random';

/**
 * Inter-rater reliability: Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's
 * Alpha-Reliability"), α = 1 − D_o / D_e, from the coincidence matrix of values rated in the same
 * unit. 1 means raters always agree, 0 means no better than chance, below 0 worse than chance.
 */

export type Metric = 'nominal' | 'ordinal' | 'interval';

/** Per unit, the values it was given (units with fewer than two values cannot be paired and are left out). */
export type Units = readonly (readonly number[])[];

/** A unit's share of the coincidence matrix: each ordered pair of its values, weighted 1 / (m − 1). */
function unitCoincidences(values: readonly number[], indexOf: ReadonlyMap<number, number>, size: number): Float64Array {
  const o = new Float64Array(size * size);
  const m = values.length;
  values.forEach((a, i) =>
    values.forEach((b, j) => {
      if (i !== j) o[indexOf.get(a)! * size + indexOf.get(b)!]! += 1 / (m - 1);
    }),
  );
  return o;
}

/** Squared distance between the c-th and k-th values (sorted) for the metric, given the marginal totals, written into d. */
function distances(values: readonly number[], totals: Float64Array, metric: Metric, d: Float64Array): Float64Array {
  const size = values.length;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) {
      if (metric === 'ordinal') {
        const a = Math.min(c, k);
        const b = Math.max(c, k);
        let between = 0;
        for (let g = a; g <= b; g++) between += totals[g]!;
        d[c * size + k] = (between - (totals[a]! + totals[b]!) / 2) ** 2;
      } else if (metric === 'interval') d[c * size + k] = (values[c]! - values[k]!) ** 2;
      else d[c * size + k] = c === k ? 0 : 1;
    }
  }
  return d;
}

/**
 * Alpha from a summed coincidence matrix; null when there is no expected disagreement (one value
 * only). Its working arrays are made once per set of values: the bootstrap calls it a thousand times.
 */
function alphaFor(values: readonly number[], metric: Metric): (o: Float64Array) => number | null {
  const size = values.length;
  const totals = new Float64Array(size);
  const d = new Float64Array(size * size);
  return (o) => {
    totals.fill(0);
    for (let c = 0; c < size; c++) for (let k = 0; k < size; k++) totals[c]! += o[c * size + k]!;
    let n = 0;
    for (let c = 0; c < size; c++) n += totals[c]!;
    distances(values, totals, metric, d);
    let observed = 0;
    let expected = 0;
    for (let c = 0; c < size; c++) {
      for (let k = 0; k < size; k++) {
        observed += o[c * size + k]! * d[c * size + k]!;
        expected += totals[c]! * totals[k]! * d[c * size + k]!;
      }
    }
    if (expected === 0) return null;
    return 1 - ((n - 1) * observed) / expected;
  };
}

export interface Reliability {
  readonly alpha: number | null;
  /** 95 % percentile bootstrap interval over units (seeded, so the same data give the same interval). */
  readonly low: number | null;
  readonly high: number | null;
  /** Units (candidates) rated by at least two raters. */
  readonly units: number;
  /** Pairable ratings: unit × rater values in those units. */
  readonly pairs: number;
}

export const BOOTSTRAP_SAMPLES = 1000;
export const BOOTSTRAP_SEED = 20110101;

/** Krippendorff's alpha of the units, with a seeded bootstrap interval resampling units. */
export function krippendorff(units: Units, metric: Metric = 'ordinal', samples = BOOTSTRAP_SAMPLES, seed = BOOTSTRAP_SEED): Reliability {
  const pairable = units.filter((u) => u.length > 1);
  const values = [...new Set(pairable.flat())].sort((a, b) => a - b);
  const indexOf = new Map(values.map((v, i) => [v, i]));
  const size = values.length;
  // Units with the same values contribute the same: resampling draws units, then weighs each pattern's share by how often it was drawn.
  const patternOf = new Map<string, number>();
  const parts: Float64Array[] = [];
  const unitPattern = pairable.map((u) => {
    // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: an unsorted key only keeps apart units whose shares are identical, which changes no alpha
    const key = [...u].sort((a, b) => a - b).join(',');
    let at = patternOf.get(key);
    // Stryker disable next-line ConditionalExpression: a pattern per unit instead of per distinct unit sums the same shares, which changes no alpha
    if (at === undefined) {
      at = parts.length;
      patternOf.set(key, at);
      parts.push(unitCoincidences(u, indexOf, size));
    }
    return at;
  });
  // Every pattern's share laid end to end, so a resample's matrix is one pass over typed arrays (no allocation per resample).
  const cells = size * size;
  const shares = new Float64Array(parts.length * cells);
  parts.forEach((part, p) => shares.set(part, p * cells));
  const o = new Float64Array(cells);
  const sum = (counts: ArrayLike<number>) => {
    o.fill(0);
    for (let p = 0; p < parts.length; p++) {
      const count = counts[p]!;
      for (let i = 0; i < cells; i++) o[i]! += count * shares[p * cells + i]!;
    }
    return o;
  };
  const alphaOf = alphaFor(values, metric);
  const alpha = alphaOf(sum(parts.map((_, p) => unitPattern.filter((q) => q === p).length)));
  const pairs = pairable.reduce((s, u) => s + u.length, 0);
  if (alpha === null || samples <= 0) return { alpha, low: null, high: null, units: pairable.length, pairs };
  const random = mulberry32(seed);
  const patternOfUnit = Int32Array.from(unitPattern);
  const drawn = patternOfUnit.length;
  const counts = new Int32Array(parts.length);
  const draws: number[] = [];
  for (let b = 0; b < samples; b++) {
    counts.fill(0);
    for (let i = 0; i < drawn; i++) counts[patternOfUnit[Math.floor(random() * drawn)]!]! += 1;
    const a = alphaOf(sum(counts));
    // A resample where every value is the same has no chance disagreement: it shows no disagreement at all.
    draws.push(a ?? 1);
  }
  draws.sort((x, y) => x - y);
  return { alpha, low: quantile(draws, 0.025), high: quantile(draws, 0.975), units: pairable.length, pairs };
}

/** Below this alpha a dimension's ratings are too inconsistent to rely on (Krippendorff's 0.667 floor for tentative conclusions). */
export const WEAK_ALPHA = 0.667;

/** Fewer candidates rated by two or more interviewers than this and a dimension's alpha is not shown. */
export const MIN_UNITS = 5;

export interface DimensionReliability extends Reliability {
  readonly rubricId: number;
  /** The rubric's role, to tell apart dimensions of the same name in different rubrics. */
  readonly rubricName: string;
  readonly key: string;
  readonly name: string;
  /** 'weak' below WEAK_ALPHA, 'too_few' below MIN_UNITS candidates rated twice or without variation. */
  readonly state: 'ok' | 'weak' | 'too_few';
}

/**
 * Krippendorff's ordinal alpha per rubric dimension, candidates (applications) as units and
 * interviewers as raters. An interviewer who rated the same dimension of a candidate twice (two
 * stages) counts once, with their first rating: agreeing with oneself is not agreement.
 */
export function reliabilityByDimension(
  ratings: readonly { applicationId: number; rubricId: number; dimensionKey: string; interviewerId: number; rating: number }[],
  dimensions: readonly { rubricId: number; rubricName: string; key: string; name: string }[],
  samples = BOOTSTRAP_SAMPLES,
): DimensionReliability[] {
  const units = new Map<string, Map<number, Map<number, number>>>();
  for (const r of ratings) {
    const dimension = `${r.rubricId}:${r.dimensionKey}`;
    let byApplication = units.get(dimension);
    if (!byApplication) units.set(dimension, (byApplication = new Map()));
    let byRater = byApplication.get(r.applicationId);
    if (!byRater) byApplication.set(r.applicationId, (byRater = new Map()));
    if (!byRater.has(r.interviewerId)) byRater.set(r.interviewerId, r.rating);
  }
  return dimensions.map((d) => {
    const byApplication = units.get(`${d.rubricId}:${d.key}`) ?? new Map<number, Map<number, number>>();
    const result = krippendorff([...byApplication.values()].map((byRater) => [...byRater.values()]), 'ordinal', samples);
    return { rubricId: d.rubricId, rubricName: d.rubricName, key: d.key, name: d.name, ...result, state: reliabilityState(result.alpha, result.units) };
  });
}

/** 'too_few' without an alpha or below MIN_UNITS candidates rated twice, 'weak' below WEAK_ALPHA, else 'ok'. */
export function reliabilityState(alpha: number | null, units: number): DimensionReliability['state'] {
  return alpha === null || units < MIN_UNITS ? 'too_few' : alpha < WEAK_ALPHA ? 'weak' : 'ok';
}
