import { buildPrediction, type ReviewedHire } from '../../../src/reports/prediction';

const hire = (name: string, reviewRating: number, weightedScore: number | null, means: Record<string, number | null>): ReviewedHire => ({ name, reviewRating, weightedScore, dimensionMeans: new Map(Object.entries(means)) });

describe('does the interview predict success', () => {
  it('when 12 hires have scores and reviews, then the weighted total and each rated dimension get a correlation over the hires rated on it', () => {
    const reviews = [1, 2, 2, 3, 3, 3, 4, 4, 2, 3, 1, 4];
    const hires = reviews.map((review, i) => hire(`H${i}`, review, 20 + review * 15 + (i % 3), { discovery: review, grit: i % 2 === 0 ? 2 : 3, closing: i < 5 ? 3 : null }));
    const report = buildPrediction(hires, [{ key: 'discovery', name: 'Discovery' }, { key: 'grit', name: 'Grit' }, { key: 'closing', name: 'Closing' }, { key: 'unused', name: 'Unused' }], 'Weighted score');
    expect(report.hires).toBe(12);
    expect(report.weighted).toMatchObject({ key: 'weighted', name: 'Weighted score' });
    expect(report.weighted.correlation.state).toBe('ok');
    const discovery = report.dimensions.find((d) => d.key === 'discovery')!;
    expect(discovery.correlation).toMatchObject({ state: 'ok', n: 12, r: 1 });
    // Closing was rated for five hires only: too few to tell.
    expect(report.dimensions.find((d) => d.key === 'closing')!.correlation).toEqual({ state: 'too_few', n: 5 });
    expect(report.dimensions.map((d) => d.key)).toEqual(['discovery', 'grit', 'closing']);
    expect(discovery.points[0]).toEqual({ x: 1, y: 1, label: 'H0' });
  });

  it('when there are no reviewed hires, then every row says too few and has no points', () => {
    const report = buildPrediction([], [{ key: 'discovery', name: 'Discovery' }], 'Weighted score');
    expect(report.hires).toBe(0);
    expect(report.weighted.correlation).toEqual({ state: 'too_few', n: 0 });
    expect(report.dimensions).toEqual([]);
  });
});
