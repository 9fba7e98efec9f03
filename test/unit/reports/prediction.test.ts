import { buildPrediction, dimensionMeans, type ReviewedHire } from '../../../src/reports/prediction';

const hire = (name: string, reviewRating: number, weightedScore: number | null, means: Record<string, number | null>, reviewerInvolved = false): ReviewedHire => ({ name, reviewRating, weightedScore, dimensionMeans: new Map(Object.entries(means)), reviewerInvolved });

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
    expect(report).toMatchObject({ excluded: 0, excludeInvolved: false, tested: 0, clearByChance: 0, clear: 0 });
    expect(report.dimensions).toEqual([]);
  });

  it('when some reviews were written by the hire’s interviewer or decider, then each row counts them, and excluding them recomputes without them', () => {
    const reviews = [1, 2, 2, 3, 3, 3, 4, 4, 2, 3, 1, 4, 2, 3];
    // The last two are involved and go against the trend.
    const hires = reviews.map((review, i) => hire(`H${i}`, i >= 12 ? 5 - review : review, 20 + review * 15, { discovery: i % 2 === 0 ? review : null }, i >= 12));
    const all = buildPrediction(hires, [{ key: 'discovery', name: 'Discovery' }], 'Weighted', { resamples: 100 });
    expect(all).toMatchObject({ hires: 14, excluded: 0, excludeInvolved: false });
    expect(all.weighted.involved).toBe(2);
    expect(all.dimensions[0]!.involved).toBe(1);
    expect(all.weighted.correlation.n).toBe(14);
    const clean = buildPrediction(hires, [{ key: 'discovery', name: 'Discovery' }], 'Weighted', { excludeInvolved: true, resamples: 100 });
    expect(clean).toMatchObject({ hires: 12, excluded: 2, excludeInvolved: true });
    expect(clean.weighted.involved).toBe(0);
    expect(clean.weighted.correlation).toMatchObject({ state: 'ok', n: 12, r: 1 });
    expect(all.weighted.correlation.state === 'ok' && all.weighted.correlation.r).toBeLessThan(1);
    expect(clean.weighted.points.map((p) => p.label)).not.toContain('H12');
  });

  it('when rows are tested at once, then the report says how many have a figure, how many look clear and about how many would by chance', () => {
    const reviews = [1, 2, 2, 3, 3, 3, 4, 4, 2, 3, 1, 4];
    const hires = reviews.map((review, i) => hire(`H${i}`, review, review * 20, { a: review, b: (i * 7) % 4, c: i < 5 ? 2 : null, d: 2 }));
    const report = buildPrediction(hires, ['a', 'b', 'c', 'd'].map((key) => ({ key, name: key })), 'W', { resamples: 200 });
    // weighted, a and b have figures; c has too few, d does not vary.
    expect(report.tested).toBe(3);
    expect(report.clearByChance).toBe(0.2);
    expect(report.clear).toBe(2);
  });

  it('when ratings are averaged per dimension, then each dimension gets its mean to two decimals', () => {
    expect(dimensionMeans([{ key: 'a', rating: 3 }, { key: 'a', rating: 4 }, { key: 'a', rating: 4 }, { key: 'b', rating: 1 }])).toEqual(new Map([['a', 3.67], ['b', 1]]));
    expect(dimensionMeans([])).toEqual(new Map());
  });
});
