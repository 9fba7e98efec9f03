import { fitLeans, invert, LEAN_Z, leansFromRatings, leanVerdict, type RatingRow } from '../../../src/reports/leans';
import { mulberry32 } from '../../../src/reports/random';

const rows = (cell: string, ratings: Record<number, number>): RatingRow[] => Object.entries(ratings).map(([id, rating]) => ({ cell, interviewerId: Number(id), rating }));

/** Reference: solve the absorbed normal equations (L + J/k) b = q directly, with plain loops and Gaussian elimination. */
function referenceLeans(data: readonly RatingRow[]): Map<number, number> {
  const cells = new Map<string, RatingRow[]>();
  for (const r of data) cells.set(r.cell, [...(cells.get(r.cell) ?? []), r]);
  const shared = [...cells.values()].filter((list) => new Set(list.map((r) => r.interviewerId)).size > 1);
  const ids = [...new Set(shared.flat().map((r) => r.interviewerId))].sort((a, b) => a - b);
  const k = ids.length;
  const A: number[][] = [];
  const q: number[] = [];
  for (let i = 0; i < k; i++) {
    A.push([]);
    q.push(0);
    for (let j = 0; j < k; j++) A[i]!.push(1 / k);
  }
  for (const list of shared) {
    let total = 0;
    for (const r of list) total += r.rating;
    const cellMean = total / list.length;
    for (let i = 0; i < k; i++) {
      let ni = 0;
      for (const r of list) if (r.interviewerId === ids[i]) { ni += 1; q[i]! += r.rating - cellMean; }
      for (let j = 0; j < k; j++) {
        let nj = 0;
        for (const r of list) if (r.interviewerId === ids[j]) nj += 1;
        A[i]![j]! += (i === j ? ni : 0) - (ni * nj) / list.length;
      }
    }
  }
  // Gaussian elimination.
  for (let c = 0; c < k; c++) {
    for (let r = c + 1; r < k; r++) {
      const f = A[r]![c]! / A[c]![c]!;
      for (let j = c; j < k; j++) A[r]![j]! -= f * A[c]![j]!;
      q[r]! -= f * q[c]!;
    }
  }
  const b: number[] = new Array<number>(k).fill(0);
  for (let r = k - 1; r >= 0; r--) {
    let s = q[r]!;
    for (let j = r + 1; j < k; j++) s -= A[r]![j]! * b[j]!;
    b[r] = s / A[r]![r]!;
  }
  return new Map(ids.map((id, i) => [id, b[i]!]));
}

describe('interviewer leans from an additive model', () => {
  it('balanced design: each lean is the interviewer mean less the grand mean, SE = σ·√((k − 1)/(k·C))', () => {
    // Three interviewers rate the same four candidate × dimension cells.
    const a = [3, 2, 4, 3];
    const b = [2, 1, 3, 3];
    const c = [4, 3, 4, 4];
    const data = [0, 1, 2, 3].flatMap((i) => rows(`c${i}`, { 1: a[i]!, 2: b[i]!, 3: c[i]! }));
    const fit = fitLeans(data);
    expect(fit.converged).toBe(true);
    // Means 3, 2.25, 3.75; grand mean 3.
    expect(fit.estimates.get(1)!.lean).toBeCloseTo(0, 9);
    expect(fit.estimates.get(2)!.lean).toBeCloseTo(-0.75, 9);
    expect(fit.estimates.get(3)!.lean).toBeCloseTo(0.75, 9);
    expect(fit.estimates.get(1)!.shared).toBe(4);
    // Residuals y − cell mean − lean by hand: cell means 3, 2, 3.667, 3.333.
    let rss = 0;
    const cellMeans = [0, 1, 2, 3].map((i) => (a[i]! + b[i]! + c[i]!) / 3);
    [a, b, c].forEach((ys, r) => ys.forEach((y, i) => (rss += (y - cellMeans[i]! - [0, -0.75, 0.75][r]!) ** 2)));
    const sigma = Math.sqrt(rss / ((3 - 1) * (4 - 1)));
    expect(fit.sigma).toBeCloseTo(sigma, 9);
    for (const id of [1, 2, 3]) expect(fit.estimates.get(id)!.se).toBeCloseTo(sigma * Math.sqrt(2 / 12), 9);
  });

  it('Alex rated beside a harsh Riley and a lenient Ivan gets one lean, not +1 and −1', () => {
    const data = [
      ...[1, 2, 3, 4, 5, 6].flatMap((i) => rows(`r${i}`, { 1: 3, 2: 2 })), // Alex 1, Riley 2: Alex one above
      ...[1, 2, 3, 4, 5, 6].flatMap((i) => rows(`i${i}`, { 1: 2, 3: 3 })), // Alex 1, Ivan 3: Alex one below
    ];
    const fit = fitLeans(data);
    expect(fit.estimates.get(1)!.lean).toBeCloseTo(0, 9);
    expect(fit.estimates.get(2)!.lean).toBeCloseTo(-1, 9);
    expect(fit.estimates.get(3)!.lean).toBeCloseTo(1, 9);
    expect(fit.estimates.get(1)!.shared).toBe(12);
    expect(fit.estimates.get(2)!.shared).toBe(6);
  });

  it('converges on unbalanced random data to the least-squares solution, which satisfies every normal equation', () => {
    const random = mulberry32(42);
    const truth = [0.6, -0.4, 0.1, -0.3, 0, 0.2, -0.2];
    const data: RatingRow[] = [];
    for (let c = 0; c < 60; c++) {
      const level = 1 + random() * 3;
      const raters = truth.map((_, i) => i + 1).filter(() => random() < 0.35);
      for (const id of raters) data.push({ cell: `c${c}`, interviewerId: id, rating: Math.max(1, Math.min(4, Math.round(level + truth[id - 1]! + (random() - 0.5)))) });
      // Sometimes the same interviewer rates a cell twice (two stages).
      if (raters.length > 0 && random() < 0.1) data.push({ cell: `c${c}`, interviewerId: raters[0]!, rating: 3 });
    }
    const fit = fitLeans(data);
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeGreaterThan(1);
    const reference = referenceLeans(data);
    expect([...fit.estimates.keys()].sort()).toEqual([...reference.keys()].sort());
    for (const [id, lean] of reference) expect(fit.estimates.get(id)!.lean).toBeCloseTo(lean, 7);
    expect([...fit.estimates.values()].reduce((s, e) => s + e.lean, 0)).toBeCloseTo(0, 9);
    for (const e of fit.estimates.values()) {
      expect(e.se!).toBeGreaterThan(0);
      expect(e.se!).toBeLessThan(1);
    }
  });

  it('ignores cells only one interviewer rated, even twice, and leaves out people who share nothing', () => {
    const data = [...rows('a', { 1: 4, 2: 3 }), ...rows('b', { 1: 3, 2: 2 }), { cell: 'solo', interviewerId: 1, rating: 1 }, { cell: 'solo', interviewerId: 1, rating: 4 }, { cell: 'x', interviewerId: 9, rating: 4 }];
    const fit = fitLeans(data);
    expect(fit.estimates.get(1)!.lean).toBeCloseTo(0.5, 9);
    expect(fit.estimates.get(1)!.shared).toBe(2);
    expect(fit.estimates.has(9)).toBe(false);
    // No residual degrees of freedom: 4 ratings − 2 cells − 1 free effect = 1 → σ = 0 here (a perfect fit).
    expect(fit.sigma).toBeCloseTo(0, 9);
  });

  it('centres each group of linked interviewers on its own', () => {
    const data = [...rows('a', { 1: 4, 2: 2 }), ...rows('b', { 1: 4, 2: 2 }), ...rows('c', { 3: 3, 4: 3 }), ...rows('d', { 3: 2, 4: 2 })];
    const fit = fitLeans(data);
    expect(fit.estimates.get(1)!.lean).toBeCloseTo(1, 9);
    expect(fit.estimates.get(2)!.lean).toBeCloseTo(-1, 9);
    expect(fit.estimates.get(3)!.lean).toBeCloseTo(0, 9);
    expect(fit.estimates.get(4)!.lean).toBeCloseTo(0, 9);
  });

  it('unlinked groups of unequal designs: each interviewer’s lean is what their own group alone gives, σ pooled over both', () => {
    const groupA = [...rows('a', { 1: 4, 2: 2 }), ...rows('b', { 1: 3, 3: 1 }), ...rows('c', { 2: 3, 3: 3, 1: 4 }), ...rows('d', { 2: 1, 3: 2 })];
    const groupB = [...rows('e', { 5: 4, 6: 3 }), ...rows('f', { 5: 2, 6: 2, 7: 1 }), ...rows('g', { 6: 4, 7: 2 }), ...rows('h', { 5: 3, 7: 3 })];
    const fit = fitLeans([...groupA, ...groupB]);
    const alone = [fitLeans(groupA), fitLeans(groupB)];
    for (const part of alone) {
      for (const [id, estimate] of part.estimates) expect(fit.estimates.get(id)!.lean).toBeCloseTo(estimate.lean, 9);
      expect([...part.estimates.values()].reduce((s, e) => s + e.lean, 0)).toBeCloseTo(0, 9);
    }
    // Each group: ratings − cells − (interviewers − 1) degrees of freedom; pooled σ² = (rss_A + rss_B) / (df_A + df_B).
    const dfA = 9 - 4 - 2;
    const dfB = 9 - 4 - 2;
    const pooled = Math.sqrt((alone[0]!.sigma! ** 2 * dfA + alone[1]!.sigma! ** 2 * dfB) / (dfA + dfB));
    expect(fit.sigma).toBeCloseTo(pooled, 9);
    expect(fit.estimates.get(1)!.se).toBeCloseTo((alone[0]!.estimates.get(1)!.se! / alone[0]!.sigma!) * pooled, 9);
  });

  it('lists the interviewers in id order, whatever order their ratings come in', () => {
    const fit = fitLeans([...rows('a', { 30: 4, 7: 2 }), ...rows('b', { 12: 3, 30: 1 }), ...rows('c', { 7: 3, 12: 2, 30: 4 })]);
    expect([...fit.estimates.keys()]).toEqual([7, 12, 30]);
    const reference = referenceLeans([...rows('a', { 30: 4, 7: 2 }), ...rows('b', { 12: 3, 30: 1 }), ...rows('c', { 7: 3, 12: 2, 30: 4 })]);
    for (const [id, lean] of reference) expect(fit.estimates.get(id)!.lean).toBeCloseTo(lean, 9);
  });

  it('no ratings at all: converged at once, without a single iteration', () => {
    expect(fitLeans([])).toEqual({ estimates: new Map(), sigma: null, iterations: 0, converged: true });
  });

  it('a long chain of interviewers each linked to the next by one candidate stops at 10,000 iterations, not converged', () => {
    const chain = Array.from({ length: 60 }, (_, i) => rows(`c${i}`, { [i + 1]: 1 + (i % 4), [i + 2]: 4 - (i % 3) })).flat();
    const fit = fitLeans(chain);
    expect(fit.converged).toBe(false);
    expect(fit.iterations).toBe(10_000);
  });

  it('no shared ratings: nothing to estimate', () => {
    const fit = fitLeans([{ cell: 'a', interviewerId: 1, rating: 3 }]);
    expect(fit.estimates.size).toBe(0);
    expect(fit.converged).toBe(true);
    expect(fit.sigma).toBeNull();
  });

  it('no residual degrees of freedom: no standard error', () => {
    const fit = fitLeans(rows('a', { 1: 4, 2: 2 }));
    expect(fit.sigma).toBeNull();
    expect(fit.estimates.get(1)!.se).toBeNull();
    expect(fit.estimates.get(1)!.lean).toBeCloseTo(1, 9);
  });

  it('inverts a matrix, pivoting when the first entry is zero', () => {
    const inv = invert([[0, 2], [1, 1]]);
    expect(inv.map((row) => row.length)).toEqual([2, 2]);
    expect(inv[0]![0]).toBeCloseTo(-0.5, 12);
    expect(inv[0]![1]).toBeCloseTo(1, 12);
    expect(inv[1]![0]).toBeCloseTo(0.5, 12);
    expect(inv[1]![1]).toBeCloseTo(0, 12);
    const inv3 = invert([[4, 1, 0], [1, 3, 1], [0, 1, 2]]);
    expect(inv3.map((row) => row.length)).toEqual([3, 3, 3]);
    const product = [0, 1, 2].map((i) => [0, 1, 2].map((j) => [0, 1, 2].reduce((s, m) => s + [[4, 1, 0], [1, 3, 1], [0, 1, 2]][i]![m]! * inv3[m]![j]!, 0)));
    product.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? 1 : 0, 12)));
  });
});

describe('lean verdict', () => {
  const est = (lean: number, se: number | null, shared = 10) => ({ interviewerId: 1, lean, se, shared });
  it('flags only when the whole 95 % interval is beyond the threshold', () => {
    expect(LEAN_Z).toBeCloseTo(1.96, 2);
    expect(leanVerdict(est(0.31, 0), 0.3, 5)).toBe('lenient');
    expect(leanVerdict(est(0.3, 0), 0.3, 5)).toBe('in_line');
    expect(leanVerdict(est(-0.31, 0), 0.3, 5)).toBe('harsh');
    expect(leanVerdict(est(-0.3, 0), 0.3, 5)).toBe('in_line');
    // 0.7 − 1.96·0.2 = 0.308 > 0.3, 0.69 − 0.392 = 0.298 < 0.3.
    expect(leanVerdict(est(0.7, 0.2), 0.3, 5)).toBe('lenient');
    expect(leanVerdict(est(0.69, 0.2), 0.3, 5)).toBe('in_line');
    expect(leanVerdict(est(-0.7, 0.2), 0.3, 5)).toBe('harsh');
    expect(leanVerdict(est(-0.69, 0.2), 0.3, 5)).toBe('in_line');
    expect(leanVerdict(est(0, 0.1), 0.3, 5)).toBe('in_line');
  });
  it('too few below the minimum of shared ratings, or without an error', () => {
    expect(leanVerdict(est(1, 0, 4), 0.3, 5)).toBe('too_few');
    expect(leanVerdict(est(1, 0, 5), 0.3, 5)).toBe('lenient');
    expect(leanVerdict(est(1, null), 0.3, 5)).toBe('too_few');
    expect(leanVerdict(undefined, 0.3, 5)).toBe('too_few');
  });
});

describe('leans from single ratings', () => {
  it('cells are application × dimension', () => {
    const fit = leansFromRatings([
      { applicationId: 1, dimensionKey: 'a', interviewerId: 1, rating: 4 },
      { applicationId: 1, dimensionKey: 'a', interviewerId: 2, rating: 2 },
      // Same application, another dimension; and the same dimension on another application.
      { applicationId: 1, dimensionKey: 'b', interviewerId: 1, rating: 1 },
      { applicationId: 2, dimensionKey: 'a', interviewerId: 2, rating: 1 },
    ]);
    expect(fit.estimates.get(1)!.lean).toBeCloseTo(1, 9);
    expect(fit.estimates.get(1)!.shared).toBe(1);
  });
});
