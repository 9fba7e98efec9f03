/**
 * Small statistics for the reports: medians, pass-through, and a rank (Spearman) correlation with a
 * seeded bootstrap percentile interval — reviews are 1–4 ratings of a handful of hires, for which
 * Pearson's r with Fisher's interval is too confident.
 */
import { mulberry32 } from './random';

/**
 * Below this many pairs no correlation is shown: with fewer, the interval spans almost everything.
 * From 10 to SMALL_SAMPLE pairs a figure is shown but called a small sample: it can show that a
 * strong link is unlikely, or (rarely) that one is clear, but cannot tell a moderate link from none.
 */
export const MIN_PAIRS = 10;
/** Below this many pairs the reading says "small sample". */
export const SMALL_SAMPLE = 30;
/** Resamples of the bootstrap interval. */
export const RESAMPLES = 2000;
/** The fixed seed of the bootstrap: the same data always gives the same interval. */
export const BOOTSTRAP_SEED = 20240521;
/** Share of rows expected to look clear by chance alone at a 95 % interval. */
export const CHANCE_SHARE = 0.05;
/** Two-sided 95 % normal quantile. */
const Z_95 = 1.959964;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median of values given as a histogram (value → how many), as SQL returns them grouped. */
export function medianOfCounts(buckets: readonly { value: number; count: number }[]): number | null {
  const sorted = [...buckets].sort((a, b) => a.value - b.value);
  const total = sorted.reduce((s, b) => s + b.count, 0);
  if (total === 0) return null;
  const at = (index: number): number => {
    let seen = 0;
    for (const b of sorted) {
      seen += b.count;
      if (index < seen) return b.value;
    }
    // Stryker disable next-line all: not reached, every index asked for is below the total
    return sorted[sorted.length - 1]!.value;
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

/** Merges histograms (e.g. several openings of one role). */
export function mergeCounts(lists: readonly (readonly { value: number; count: number }[])[]): { value: number; count: number }[] {
  const merged = new Map<number, number>();
  for (const list of lists) for (const b of list) merged.set(b.value, (merged.get(b.value) ?? 0) + b.count);
  return [...merged].map(([value, count]) => ({ value, count }));
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
}

/** Share, or null when there is nothing to divide by. */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/**
 * Pass-through between consecutive stages: how many reached stage k+1 of those who reached stage k.
 * `reached[k]` is the number of applications that reached stage k (each later stage ≤ the one before).
 */
export function passThrough(reached: readonly number[]): (number | null)[] {
  return reached.slice(1).map((count, k) => ratio(count, reached[k]!));
}

/** Pearson's r; null when fewer than 3 pairs or when either variable does not vary. */
export function pearson(pairs: readonly (readonly [number, number])[]): number | null {
  const n = pairs.length;
  if (n < 3) return null;
  // Identical values do not vary, whatever rounding makes of their mean (ten 2.33s average 2.3299999999999996).
  const [x0, y0] = pairs[0]!;
  if (pairs.every(([x]) => x === x0) || pairs.every(([, y]) => y === y0)) return null;
  const mx = pairs.reduce((s, p) => s + p[0], 0) / n;
  const my = pairs.reduce((s, p) => s + p[1], 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    const dx = x - mx;
    const dy = y - my;
    sxy += dx * dy;
    sxx += dx ** 2;
    syy += dy ** 2;
  }
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** 95 % interval for r via Fisher's z: tanh(atanh(r) ± 1.96 / √(n − 3)). Needs n > 3. */
export function fisherInterval(r: number, n: number): { low: number; high: number } | null {
  if (n <= 3) return null;
  const clamped = Math.max(-0.999999, Math.min(0.999999, r));
  const z = Math.atanh(clamped);
  const half = Z_95 / Math.sqrt(n - 3);
  return { low: Math.tanh(z - half), high: Math.tanh(z + half) };
}

/** Ranks 1…n in the order of the values, tied values sharing the average of their ranks. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  // Stryker disable next-line ArrayDeclaration: every index is assigned below, so the preallocated length changes nothing
  const ranks = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.value === order[start]!.value) end += 1;
    // Positions start…end (0-based) share ranks start+1…end+1: their average.
    const shared = (start + end) / 2 + 1;
    for (let k = start; k <= end; k += 1) ranks[order[k]!.index] = shared;
    start = end + 1;
  }
  return ranks;
}

/** Spearman's rank correlation (Pearson's r on average ranks); null as for pearson. */
export function spearman(pairs: readonly (readonly [number, number])[]): number | null {
  const xs = averageRanks(pairs.map((p) => p[0]));
  const ys = averageRanks(pairs.map((p) => p[1]));
  return pearson(xs.map((x, i) => [x, ys[i]!] as const));
}

/** The q-quantile of sorted values, interpolating linearly between neighbours (numpy's default). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/**
 * Percentile bootstrap 95 % interval of a statistic of pairs: `resamples` times, draw n pairs with
 * replacement (seeded, so reproducible), compute the statistic, and take the 2.5th and 97.5th
 * percentiles. Resamples where the statistic is undefined (nobody varies) are left out; null when
 * none is left. The pairs are put in order (by x, then y) first, so the interval does not depend on
 * the order the rows came in.
 */
export function bootstrapInterval(
  pairs: readonly (readonly [number, number])[],
  statistic: (pairs: readonly (readonly [number, number])[]) => number | null,
  resamples = RESAMPLES,
  seed = BOOTSTRAP_SEED,
): { low: number; high: number } | null {
  const random = mulberry32(seed);
  const ordered = [...pairs].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const n = ordered.length;
  const values: number[] = [];
  // Stryker disable next-line ArrayDeclaration: every index is assigned before each use, so the preallocated length changes nothing
  const sample = new Array<readonly [number, number]>(n);
  for (let b = 0; b < resamples; b += 1) {
    for (let i = 0; i < n; i += 1) sample[i] = ordered[Math.floor(random() * n)]!;
    const value = statistic(sample);
    if (value !== null) values.push(value);
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  return { low: quantileSorted(values, 0.025), high: quantileSorted(values, 0.975) };
}

/** Index of each value among the distinct values, in order, and how many distinct values there are. */
function distinctIndex(values: readonly number[]): { index: Int32Array; distinct: number } {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const position = new Map(sorted.map((v, i) => [v, i]));
  return { index: Int32Array.from(values, (v) => position.get(v)!), distinct: sorted.length };
}

/** Average rank of each distinct value in a sample, from how many times each occurs (ties share their ranks). */
function ranksFromCounts(counts: Int32Array, ranks: Float64Array): void {
  let before = 0;
  counts.forEach((count, k) => {
    ranks[k] = before + (count + 1) / 2;
    before += count;
  });
}

/**
 * The same interval as bootstrapInterval(pairs, spearman), computed fast: ratings take few distinct
 * values, so each resample's average ranks come from counting each value (no sorting), and r from
 * sums over the sample. A few hundred hires × a dozen rows stay well under a second.
 */
export function bootstrapSpearmanInterval(pairs: readonly (readonly [number, number])[], resamples = RESAMPLES, seed = BOOTSTRAP_SEED): { low: number; high: number } | null {
  const random = mulberry32(seed);
  const ordered = [...pairs].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const n = ordered.length;
  const xs = distinctIndex(ordered.map((p) => p[0]));
  const ys = distinctIndex(ordered.map((p) => p[1]));
  const countX = new Int32Array(xs.distinct);
  const countY = new Int32Array(ys.distinct);
  const rankX = new Float64Array(xs.distinct);
  const rankY = new Float64Array(ys.distinct);
  // Each draw's x and y classes, and each class's distance from the middle rank in this resample.
  const drawnX = new Int32Array(n);
  const drawnY = new Int32Array(n);
  const fromMiddleX = new Float64Array(xs.distinct);
  const fromMiddleY = new Float64Array(ys.distinct);
  const values: number[] = [];
  const middle = (n + 1) / 2;
  for (let b = 0; b < resamples; b += 1) {
    countX.fill(0);
    countY.fill(0);
    for (let i = 0; i < n; i += 1) {
      const k = Math.floor(random() * n);
      const x = xs.index[k]!;
      const y = ys.index[k]!;
      drawnX[i] = x;
      drawnY[i] = y;
      countX[x]! += 1;
      countY[y]! += 1;
    }
    // Nobody varies when one value takes the whole sample.
    if (countX.includes(n) || countY.includes(n)) continue;
    ranksFromCounts(countX, rankX);
    ranksFromCounts(countY, rankY);
    for (let c = 0; c < xs.distinct; c += 1) fromMiddleX[c] = rankX[c]! - middle;
    for (let c = 0; c < ys.distinct; c += 1) fromMiddleY[c] = rankY[c]! - middle;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < n; i += 1) {
      const dx = fromMiddleX[drawnX[i]!]!;
      const dy = fromMiddleY[drawnY[i]!]!;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    values.push(Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))));
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  return { low: quantileSorted(values, 0.025), high: quantileSorted(values, 0.975) };
}

/** About how many of `rows` figures would look clear by chance alone if no link existed anywhere (one decimal). */
export function clearByChance(rows: number): number {
  return Math.round(rows * CHANCE_SHARE * 10) / 10;
}

export type Strength = 'none' | 'weak' | 'moderate' | 'strong';

/** Words for |r|, the usual rough bands. */
export function strengthOf(r: number): Strength {
  const a = Math.abs(r);
  if (a < 0.1) return 'none';
  if (a < 0.3) return 'weak';
  if (a < 0.5) return 'moderate';
  return 'strong';
}

/** An interval is clear when both ends are strictly on one side of zero (an end at exactly 0 is not). */
export function isClear(interval: { low: number; high: number }): boolean {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: low ≤ high for every interval built, so low > 0 implies high > 0 and high < 0 implies low < 0
  return (interval.low > 0 && interval.high > 0) || (interval.low < 0 && interval.high < 0);
}

export type Correlation =
  | { readonly state: 'too_few'; readonly n: number }
  | { readonly state: 'no_variation'; readonly n: number }
  | { readonly state: 'ok'; readonly n: number; readonly r: number; readonly low: number; readonly high: number; readonly strength: Strength; readonly clear: boolean; readonly small: boolean };

/**
 * Rank correlation of interview score (x) with later performance (y) and its bootstrap interval;
 * "too few" below MIN_PAIRS pairs. `clear` when the whole interval is on one side of zero;
 * `small` below SMALL_SAMPLE pairs.
 */
export function correlate(pairs: readonly (readonly [number, number])[], minPairs = MIN_PAIRS, resamples = RESAMPLES): Correlation {
  const n = pairs.length;
  if (n < minPairs) return { state: 'too_few', n };
  const r = spearman(pairs);
  if (r === null) return { state: 'no_variation', n };
  // Stryker disable next-line all: unreachable, the full sample varies so some resamples do too
  const interval = bootstrapSpearmanInterval(pairs, resamples) ?? { low: r, high: r };
  return { state: 'ok', n, r, low: interval.low, high: interval.high, strength: strengthOf(r), clear: isClear(interval), small: n < SMALL_SAMPLE };
}

export const round = (value: number, places = 2): number => Math.round(value * 10 ** places) / 10 ** places;
