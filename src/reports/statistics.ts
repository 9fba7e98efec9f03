/** Small statistics for the reports: medians, pass-through and Pearson correlation with a Fisher-z interval. */

/** Below this many pairs a correlation is not shown: the interval would span almost everything. */
export const MIN_PAIRS = 10;
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

export type Strength = 'none' | 'weak' | 'moderate' | 'strong';

/** Words for |r|, the usual rough bands. */
export function strengthOf(r: number): Strength {
  const a = Math.abs(r);
  if (a < 0.1) return 'none';
  if (a < 0.3) return 'weak';
  if (a < 0.5) return 'moderate';
  return 'strong';
}

export type Correlation =
  | { readonly state: 'too_few'; readonly n: number }
  | { readonly state: 'no_variation'; readonly n: number }
  | { readonly state: 'ok'; readonly n: number; readonly r: number; readonly low: number; readonly high: number; readonly strength: Strength; readonly clear: boolean };

/** Correlation of interview score (x) with later performance (y); "too few" below MIN_PAIRS pairs. */
export function correlate(pairs: readonly (readonly [number, number])[], minPairs = MIN_PAIRS): Correlation {
  const n = pairs.length;
  if (n < minPairs) return { state: 'too_few', n };
  const r = pearson(pairs);
  if (r === null) return { state: 'no_variation', n };
  const interval = fisherInterval(r, n);
  if (interval === null) return { state: 'no_variation', n };
  // "Clear" when the whole interval is on one side of zero: both ends have the same sign (low < high, so never both 0).
  return { state: 'ok', n, r, low: interval.low, high: interval.high, strength: strengthOf(r), clear: Math.sign(interval.low) === Math.sign(interval.high) };
}

export const round = (value: number, places = 2): number => Math.round(value * 10 ** places) / 10 ** places;
