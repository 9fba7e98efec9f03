import { correlate, fisherInterval, median, medianOfCounts, mergeCounts, passThrough, pearson, strengthOf } from '../../../src/reports/statistics';

describe('report statistics', () => {
  it('when values are odd or even in number, then the median is the middle one or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('when values come as a histogram, then the median is the same as on the listed values', () => {
    // 1,1,1,2,5,5 → (1 + 2) / 2
    expect(medianOfCounts([{ value: 5, count: 2 }, { value: 1, count: 3 }, { value: 2, count: 1 }])).toBe(1.5);
    expect(medianOfCounts([{ value: 7, count: 1 }])).toBe(7);
    expect(medianOfCounts([])).toBeNull();
    expect(medianOfCounts(mergeCounts([[{ value: 2, count: 1 }], [{ value: 2, count: 1 }, { value: 9, count: 1 }]]))).toBe(2);
  });

  it('when 100 apply, 40 reach the second stage and 10 the third, then pass-through is 40 % then 25 %', () => {
    expect(passThrough([100, 40, 10])).toEqual([0.4, 0.25]);
    expect(passThrough([0, 0])).toEqual([null]);
  });

  it('when pairs are hand-computed, then Pearson r matches (x = 1..5, y = 2,4,5,4,5 → r = 0.7746)', () => {
    // mean x 3, mean y 4; Sxy = 6, Sxx = 10, Syy = 6 → r = 6 / √60 = 0.774597
    const r = pearson([[1, 2], [2, 4], [3, 5], [4, 4], [5, 5]]);
    expect(r).toBeCloseTo(0.774597, 5);
    expect(pearson([[1, 2], [2, 2], [3, 2]])).toBeNull();
  });

  it('when r = 0.5 with n = 28, then the Fisher-z 95 % interval is 0.157 to 0.737', () => {
    // atanh(0.5) = 0.549306; half-width 1.959964 / 5 = 0.391993 → tanh(0.157313) = 0.1560, tanh(0.941299) = 0.7358
    const ci = fisherInterval(0.5, 28)!;
    expect(ci.low).toBeCloseTo(0.156, 3);
    expect(ci.high).toBeCloseTo(0.7358, 3);
    expect(fisherInterval(0.5, 3)).toBeNull();
  });

  it('when fewer than 10 hires are paired, then the correlation says too few to tell', () => {
    const pairs = Array.from({ length: 9 }, (_, i) => [i, i] as [number, number]);
    expect(correlate(pairs)).toEqual({ state: 'too_few', n: 9 });
  });

  it('when 12 hires have a known correlation, then r, its interval and the words come out right', () => {
    // y = x for 1..12 except two swapped pairs: still strongly positive.
    const ys = [2, 1, 3, 4, 5, 6, 8, 7, 9, 10, 11, 12];
    const pairs = ys.map((y, i) => [i + 1, y] as [number, number]);
    const c = correlate(pairs);
    expect(c.state).toBe('ok');
    if (c.state !== 'ok') return;
    // Sxx = Syy = 143, Sxy = 143 − 2 (each swap of neighbours lowers Σxy by 1) = 141 → r = 141/143
    expect(c.r).toBeCloseTo(141 / 143, 6);
    expect(c.n).toBe(12);
    expect(c.low).toBeCloseTo(Math.tanh(Math.atanh(141 / 143) - 1.959964 / 3), 6);
    expect(c.strength).toBe('strong');
    expect(c.clear).toBe(true);
  });

  it('when nobody varies in their review, then the correlation says there is no variation to compare', () => {
    const pairs = Array.from({ length: 12 }, (_, i) => [i, 3] as [number, number]);
    expect(correlate(pairs).state).toBe('no_variation');
  });

  it('when r is near zero or large, then the words are none, weak, moderate or strong', () => {
    expect(strengthOf(0.05)).toBe('none');
    expect(strengthOf(-0.2)).toBe('weak');
    expect(strengthOf(0.35)).toBe('moderate');
    expect(strengthOf(-0.7)).toBe('strong');
  });
});
