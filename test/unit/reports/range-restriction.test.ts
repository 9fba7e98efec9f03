import { correctedFor, correctForRangeRestriction, spreadsOf, standardDeviation } from '../../../src/reports/range-restriction';

describe('Thorndike case II correction for direct range restriction', () => {
  it('known answers computed by hand', () => {
    // r = 0.30, u = 2: 0.6 / √(1 + 0.09·3) = 0.6 / √1.27 = 0.6 / 1.126943 = 0.532414.
    expect(correctForRangeRestriction(0.3, 10, 5)).toBeCloseTo(0.532414, 6);
    // r = 0.25, u = 1.5: 0.375 / √(1 + 0.0625·1.25) = 0.375 / 1.038328 = 0.361158.
    expect(correctForRangeRestriction(0.25, 3, 2)).toBeCloseTo(0.361158, 6);
    // Negative links are corrected symmetrically.
    expect(correctForRangeRestriction(-0.3, 10, 5)).toBeCloseTo(-0.532414, 6);
  });
  it('matches the documented examples of two reference implementations', () => {
    // R package psych, rangeCorrection(.33, 100.32, 48.19), "example from Revelle (in prep) Chapter 4",
    // whose documented formula R = (rS/s) / √(1 − r² + r²(S²/s²)) gives 0.588423.
    expect(correctForRangeRestriction(0.33, 100.32, 48.19)).toBeCloseTo(0.588423, 6);
    // R package selection, caseII(rxy = .5, sx = 1.5, sxs = .9), its documented example: 0.693375.
    expect(correctForRangeRestriction(0.5, 1.5, 0.9)).toBeCloseTo(0.693375, 6);
  });
  it('no restriction (u = 1) leaves r alone; r = 0 stays 0; |r| = 1 stays 1', () => {
    expect(correctForRangeRestriction(0.4, 2, 2)).toBeCloseTo(0.4, 12);
    expect(correctForRangeRestriction(0, 3, 1)).toBe(0);
    expect(correctForRangeRestriction(1, 3, 1)).toBeCloseTo(1, 12);
  });
  it('hires more spread than everyone (u < 1) shrinks the figure', () => {
    // r = 0.5, u = 0.5: 0.25 / √(1 + 0.25·(−0.75)) = 0.25 / √0.8125 = 0.277350.
    expect(correctForRangeRestriction(0.5, 1, 2)).toBeCloseTo(0.27735, 5);
  });
  it('no figure without both spreads above zero', () => {
    expect(correctForRangeRestriction(0.3, null, 1)).toBeNull();
    expect(correctForRangeRestriction(0.3, 1, null)).toBeNull();
    expect(correctForRangeRestriction(0.3, 1, 0)).toBeNull();
    expect(correctForRangeRestriction(0.3, 0, 1)).toBeNull();
  });
  it('sample standard deviation', () => {
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(standardDeviation([1, 3])).toBeCloseTo(Math.SQRT2, 12);
    expect(standardDeviation([3])).toBeNull();
    expect(standardDeviation([])).toBeNull();
  });
});

describe('spreads per prediction row', () => {
  const report = { weighted: { key: 'weighted', points: [{ x: 50 }, { x: 70 }] }, dimensions: [{ key: 'disc', points: [{ x: 3 }, { x: 4 }, { x: 3.5 }] }] };
  const assessed = [
    { weightedScore: 10, dimensionMeans: new Map<string, number | null>([['disc', 1]]) },
    { weightedScore: null, dimensionMeans: new Map<string, number | null>([['disc', null]]) },
    { weightedScore: 50, dimensionMeans: new Map<string, number | null>([['disc', 3]]) },
    { weightedScore: 70, dimensionMeans: new Map<string, number | null>() },
  ];
  it('all assessed with a score against hires in the row', () => {
    const spreads = spreadsOf(report, assessed);
    expect(spreads.get('weighted')!.assessed).toBeCloseTo(standardDeviation([10, 50, 70])!, 12);
    expect(spreads.get('weighted')!.hired).toBeCloseTo(standardDeviation([50, 70])!, 12);
    expect(spreads.get('disc')!.assessed).toBeCloseTo(standardDeviation([1, 3])!, 12);
    expect(spreads.get('disc')!.hired).toBeCloseTo(0.5, 12);
  });
  it('corrected figure for a row', () => {
    expect(correctedFor(0.3, { assessed: 10, hired: 5 })).toBeCloseTo(0.532414, 6);
    expect(correctedFor(null, { assessed: 10, hired: 5 })).toBeNull();
    expect(correctedFor(0.3, undefined)).toBeNull();
  });
});
