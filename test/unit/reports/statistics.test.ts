import { correlate, fisherInterval, mean, median, medianOfCounts, mergeCounts, passThrough, pearson, ratio, round, strengthOf } from '../../../src/reports/statistics';

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
    // The values are their own ranks, so Spearman = Pearson: Sxx = Syy = 143, Sxy = 143 − 2 (each swap of neighbours lowers Σxy by 1) = 141 → r = 141/143
    expect(c.r).toBeCloseTo(141 / 143, 6);
    expect(c.n).toBe(12);
    expect(c.small).toBe(true);
    expect(c.low).toBeGreaterThan(0.8);
    expect(c.high).toBeLessThanOrEqual(1);
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

describe('report statistics at their edges', () => {
  const line = (n: number, y: (i: number) => number) => Array.from({ length: n }, (_, i) => [i + 1, y(i)] as [number, number]);

  it('when every hire has the same interview score, then there is no variation to compare, rounding or not', () => {
    for (const score of [2.33, 3, 67]) {
      const pairs = line(12, (i) => (i % 4) + 1).map(([, y]) => [score, y] as [number, number]);
      expect(pearson(pairs)).toBeNull();
      expect(correlate(pairs)).toEqual({ state: 'no_variation', n: 12 });
    }
  });

  it('when every hire got the same review, then there is no variation to compare', () => {
    expect(correlate(line(10, () => 2.33))).toEqual({ state: 'no_variation', n: 10 });
  });

  it('when both scores and reviews are all the same, then there is no variation, not a perfect link', () => {
    expect(correlate(Array.from({ length: 10 }, () => [2.33, 2.33] as [number, number]))).toEqual({ state: 'no_variation', n: 10 });
  });

  it('when only one value differs, then it varies', () => {
    expect(pearson([[1, 1], [1, 2], [2, 3]])).toBeCloseTo(0.866025, 5);
    expect(pearson([[1, 3], [2, 3], [3, 4]])).toBeCloseTo(0.866025, 5);
  });

  it('when there are fewer than 3 pairs, then Pearson r is not computed', () => {
    expect(pearson([[1, 1], [2, 2]])).toBeNull();
    expect(pearson([[1, 1], [2, 2], [3, 4]])).toBeCloseTo(0.981981, 5);
  });

  it('when pairs fall on a falling line, then r is -1', () => {
    expect(pearson(line(5, (i) => 10 - 2 * i))).toBe(-1);
    expect(pearson(line(5, (i) => 3 * i))).toBe(1);
  });

  it('when exactly 10 hires are paired, then the correlation is shown', () => {
    const c = correlate(line(10, (i) => i + 1));
    expect(c).toMatchObject({ state: 'ok', n: 10, r: 1, strength: 'strong', clear: true });
  });

  it('when a different minimum of pairs is asked, then it is used', () => {
    expect(correlate(line(5, (i) => i), 6)).toEqual({ state: 'too_few', n: 5 });
    expect(correlate(line(5, (i) => i), 5).state).toBe('ok');
  });

  it('when so few pairs are allowed that they barely vary, then the resampled interval still stays inside −1…1', () => {
    const c = correlate(line(3, (i) => i * i), 3);
    if (c.state !== 'ok') throw new Error(c.state);
    expect(c.r).toBe(1);
    expect(c.low).toBeGreaterThanOrEqual(-1);
    expect(c.high).toBe(1);
  });

  it('when r is positive but the interval reaches below zero, then the link is not clear', () => {
    // 12 pairs with r about 0.3: the 95 % interval runs from about −0.33 to 0.74.
    const ys = [2, 1, 4, 3, 1, 2, 4, 1, 3, 4, 2, 3];
    const c = correlate(ys.map((y, i) => [i + 1, y] as [number, number]));
    if (c.state !== 'ok') throw new Error(c.state);
    expect(c.r).toBeGreaterThan(0.1);
    expect(c.low).toBeLessThan(0);
    expect(c.high).toBeGreaterThan(0);
    expect(c.clear).toBe(false);
  });

  it('when r is clearly negative, then the link is clear and negative', () => {
    const c = correlate(line(12, (i) => 12 - i + (i % 2)));
    if (c.state !== 'ok') throw new Error(c.state);
    expect(c.r).toBeLessThan(-0.9);
    expect(c.high).toBeLessThan(0);
    expect(c.low).toBeLessThan(c.high);
    expect(c.clear).toBe(true);
    expect(c.strength).toBe('strong');
  });

  it('when r is ±1, then the interval stays finite and inside −1…1', () => {
    const up = fisherInterval(1, 12)!;
    expect(up.low).toBeCloseTo(Math.tanh(Math.atanh(0.999999) - 1.959964 / 3), 6);
    expect(up.high).toBeLessThanOrEqual(1);
    const down = fisherInterval(-1, 12)!;
    expect(down.high).toBeCloseTo(Math.tanh(Math.atanh(-0.999999) + 1.959964 / 3), 6);
    expect(fisherInterval(0, 4)).toEqual({ low: Math.tanh(-1.959964), high: Math.tanh(1.959964) });
  });

  it.each([
    [0, 'none'],
    [0.0999, 'none'],
    [-0.0999, 'none'],
    [0.1, 'weak'],
    [-0.1, 'weak'],
    [0.2999, 'weak'],
    [0.3, 'moderate'],
    [-0.3, 'moderate'],
    [0.4999, 'moderate'],
    [0.5, 'strong'],
    [-0.5, 'strong'],
    [1, 'strong'],
  ])('when r is %p, then the link is %p', (r, strength) => {
    expect(strengthOf(r)).toBe(strength);
  });

  it('when a histogram has empty buckets, then they do not move the median', () => {
    expect(medianOfCounts([{ value: 1, count: 0 }, { value: 4, count: 1 }, { value: 9, count: 0 }, { value: 6, count: 1 }])).toBe(5);
    expect(medianOfCounts([{ value: 3, count: 0 }])).toBeNull();
    expect(medianOfCounts([{ value: 2, count: 2 }, { value: 8, count: 1 }])).toBe(2);
    expect(medianOfCounts([{ value: 8, count: 2 }, { value: 2, count: 1 }])).toBe(8);
  });

  it('when histograms are merged, then counts of the same value add up', () => {
    expect(mergeCounts([[{ value: 2, count: 1 }, { value: 5, count: 2 }], [{ value: 2, count: 3 }], []])).toEqual([{ value: 2, count: 4 }, { value: 5, count: 2 }]);
  });

  it('when values are unsorted or repeated, then the median sorts them by number', () => {
    expect(median([10, 9, 100])).toBe(10);
    expect(median([7])).toBe(7);
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });

  it('when shares and means are asked of nothing, then there is none', () => {
    expect(mean([])).toBeNull();
    expect(mean([1, 2, 6])).toBe(3);
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(1, 4)).toBe(0.25);
    expect(round(2.345)).toBe(2.35);
    expect(round(2.3449, 1)).toBe(2.3);
  });
});
