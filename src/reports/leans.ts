/**
 * Every interviewer's lean at once: an additive model
 *   rating = (candidate × dimension effect) + (interviewer effect) + noise,
 * fitted by least squares with alternating updates until nothing moves, interviewer effects summing
 * to zero within each group of interviewers linked by shared ratings. A lean is therefore measured
 * against the average interviewer, whoever else happened to rate the same candidates: an interviewer
 * compared against one lenient and one harsh colleague gets one lean, not two.
 */

/** One dimension rating: which application × dimension (the cell), who rated it, and the 1–4 rating. */
export interface RatingRow {
  readonly cell: string;
  readonly interviewerId: number;
  readonly rating: number;
}

export interface LeanEstimate {
  readonly interviewerId: number;
  /** Ratings of theirs in cells someone else also rated (the only ones that say anything about a lean). */
  readonly shared: number;
  /** Interviewer effect: how far above (+) or below (−) the average interviewer they rate the same candidates. */
  readonly lean: number;
  /** Standard error of the lean; null when the data leave nothing to estimate the noise from. */
  readonly se: number | null;
}

export interface LeanFit {
  readonly estimates: ReadonlyMap<number, LeanEstimate>;
  /** Residual standard deviation of one rating. */
  readonly sigma: number | null;
  readonly iterations: number;
  readonly converged: boolean;
}

const TOLERANCE = 1e-10;
const MAX_ITERATIONS = 10_000;

/** Inverse of a small symmetric positive-definite matrix by Gauss–Jordan elimination with partial pivoting. */
export function invert(matrix: readonly (readonly number[])[]): number[][] {
  const n = matrix.length;
  const a = matrix.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    // Stryker disable next-line EqualityOperator: between two equally large candidates either pivot gives the same inverse
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]![col]!;
    for (let j = 0; j < 2 * n; j++) a[col]![j]! /= p;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r]![col]!;
      // Stryker disable next-line ConditionalExpression: subtracting 0 × a finite entry changes nothing; the guard only skips the work
      if (f !== 0) for (let j = 0; j < 2 * n; j++) a[r]![j]! -= f * a[col]![j]!;
    }
  }
  return a.map((row) => row.slice(n));
}

/**
 * Variance of each interviewer effect once cell effects are absorbed: L = Σ_cells diag(n) − n nᵀ / m.
 * The covariance of sum-to-zero effects is σ² L⁺, and per group L⁺ = (L + J/k)⁻¹ − J/k.
 */
function effectVariances(cells: readonly RatingRow[][], ids: readonly number[], index: ReadonlyMap<number, number>, groups: readonly number[][], sigma: number | null): (number | null)[] {
  // Stryker disable next-line ArrowFunction: every interviewer belongs to a group, so every entry is overwritten below
  const variance = ids.map(() => null as number | null);
  for (const group of groups) {
    const k = group.length;
    const at = new Map(group.map((i, j) => [i, j]));
    const L = group.map(() => group.map(() => 1 / k));
    for (const list of cells) {
      const n = new Map<number, number>();
      for (const r of list) {
        const j = at.get(index.get(r.interviewerId)!);
        if (j !== undefined) n.set(j, (n.get(j) ?? 0) + 1);
      }
      for (const [a, na] of n) {
        L[a]![a]! += na;
        for (const [b, nb] of n) L[a]![b]! -= (na * nb) / list.length;
      }
    }
    const inverse = invert(L);
    group.forEach((i, j) => {
      variance[i] = sigma === null ? null : Math.max(0, inverse[j]![j]! - 1 / k) * sigma ** 2;
    });
  }
  return variance;
}

/**
 * Fits the model. Only cells rated by at least two different interviewers take part: a cell one
 * person rated alone says nothing about how they rate compared with others.
 */
export function fitLeans(rows: readonly RatingRow[]): LeanFit {
  const byCell = new Map<string, RatingRow[]>();
  for (const row of rows) {
    const list = byCell.get(row.cell);
    if (list) list.push(row);
    else byCell.set(row.cell, [row]);
  }
  const cells = [...byCell.values()].filter((list) => new Set(list.map((r) => r.interviewerId)).size > 1);
  const used = cells.flat();
  const ids = [...new Set(used.map((r) => r.interviewerId))].sort((a, b) => a - b);
  const index = new Map(ids.map((id, i) => [id, i]));

  // Groups of interviewers linked through shared cells (union–find): leans compare only within a group.
  const parent = ids.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (const list of cells) {
    const first = find(index.get(list[0]!.interviewerId)!);
    for (const r of list) parent[find(index.get(r.interviewerId)!)] = first;
  }
  const groupOf = ids.map((_, i) => find(i));
  const groups = [...new Set(groupOf)].map((g) => ids.map((_, i) => i).filter((i) => groupOf[i] === g));

  const effect = ids.map(() => 0);
  const cellMeans = () => cells.map((list) => list.reduce((s, r) => s + r.rating - effect[index.get(r.interviewerId)!]!, 0) / list.length);
  const count = ids.map(() => 0);
  for (const r of used) count[index.get(r.interviewerId)!]! += 1;
  let iterations = 0;
  let converged = used.length === 0;
  while (!converged && iterations < MAX_ITERATIONS) {
    iterations += 1;
    const cellMean = cellMeans();
    const sums = ids.map(() => 0);
    cells.forEach((list, c) => {
      for (const r of list) sums[index.get(r.interviewerId)!]! += r.rating - cellMean[c]!;
    });
    const next = sums.map((s, i) => s / count[i]!);
    for (const group of groups) {
      const centre = group.reduce((s, i) => s + next[i]!, 0) / group.length;
      for (const i of group) next[i]! -= centre;
    }
    const change = Math.max(...next.map((v, i) => Math.abs(v - effect[i]!)));
    next.forEach((v, i) => (effect[i] = v));
    // Stryker disable next-line EqualityOperator: a change of exactly TOLERANCE is as good as converged either way
    converged = change < TOLERANCE;
  }
  // Cell means for the final effects, so the residuals are those of the fit.
  const cellMean = cellMeans();

  const rss = cells.reduce((s, list, c) => s + list.reduce((t, r) => t + (r.rating - cellMean[c]! - effect[index.get(r.interviewerId)!]!) ** 2, 0), 0);
  const df = used.length - cells.length - (ids.length - groups.length);
  const sigma = df > 0 ? Math.sqrt(rss / df) : null;

  const variance = effectVariances(cells, ids, index, groups, sigma);

  const estimates = new Map<number, LeanEstimate>();
  ids.forEach((id, i) => {
    const v = variance[i]!;
    estimates.set(id, { interviewerId: id, shared: count[i]!, lean: effect[i]!, se: v === null ? null : Math.sqrt(v) });
  });
  return { estimates, sigma, iterations, converged };
}

/** Two-sided 95 % normal quantile: a lean is flagged only when its whole 95 % interval lies beyond the threshold. */
export const LEAN_Z = 1.959964;

export type LeanVerdict = 'lenient' | 'harsh' | 'in_line' | 'too_few';

/**
 * Lenient when lean − 1.96·SE > threshold, harsh when lean + 1.96·SE < −threshold (the 95 % interval
 * lies wholly beyond the threshold); too few below `minShared` shared ratings or without an error;
 * otherwise in line (which includes "cannot tell").
 */
export function leanVerdict(estimate: LeanEstimate | undefined, threshold: number, minShared: number): LeanVerdict {
  if (!estimate || estimate.shared < minShared || estimate.se === null) return 'too_few';
  if (estimate.lean - LEAN_Z * estimate.se > threshold) return 'lenient';
  if (estimate.lean + LEAN_Z * estimate.se < -threshold) return 'harsh';
  return 'in_line';
}

/** The model's leans from single ratings, cells being application × dimension. */
export function leansFromRatings(ratings: readonly { applicationId: number; dimensionKey: string; interviewerId: number; rating: number }[]): LeanFit {
  return fitLeans(ratings.map((r) => ({ cell: `${r.applicationId}:${r.dimensionKey}`, interviewerId: r.interviewerId, rating: r.rating })));
}
