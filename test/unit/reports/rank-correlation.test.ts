import { mulberry32 } from '../../../src/reports/random';
import { averageRanks, bootstrapInterval, bootstrapSpearmanInterval, clearByChance, correlate, isClear, quantileSorted, SMALL_SAMPLE, spearman } from '../../../src/reports/statistics';

/*
 * Expected values come from a reference implementation: Python 3 with scipy 1.17.1 and numpy
 * (scipy.stats.rankdata, scipy.stats.spearmanr, numpy.percentile with its default linear
 * interpolation), with mulberry32 transcribed to Python to draw the same resamples. The script:
 *   x = [62,55,71,48,80,66,59,74,52,69,77,45]; y = [3,2,3,2,4,2,3,4,1,3,3,2]
 *   spearmanr(x, y).statistic → 0.8146472091738738
 *   sort the pairs by (x, y), resample n indices int(rand()*n) per round, skip rounds where x or y does not vary,
 *   numpy.percentile(values, [2.5, 97.5]) over 2,000 rounds, seed 20240521 → 0.5003559596439747, 0.9432744004598375
 */
const x = [62, 55, 71, 48, 80, 66, 59, 74, 52, 69, 77, 45];
const y = [3, 2, 3, 2, 4, 2, 3, 4, 1, 3, 3, 2];
const demo = x.map((v, i) => [v, y[i]!] as const);

describe('seeded random numbers', () => {
  it('when seeded with 1, then mulberry32 gives the published sequence (0.6270739405881613, 0.0027357211802154779, 0.5274470399599522)', () => {
    const random = mulberry32(1);
    expect(random()).toBe(0.6270739405881613);
    expect(random()).toBe(0.002735721180215478);
    expect(random()).toBe(0.5274470399599522);
  });

  it('when the same seed is used twice, then the numbers repeat; another seed gives others, all in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const first = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(first);
    expect(c()).not.toBe(first[0]);
    expect(Math.min(...first)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...first)).toBeLessThan(1);
    // Spread over the whole range, not stuck in one half.
    expect(first.filter((v) => v < 0.5).length).toBeGreaterThan(400);
    expect(first.filter((v) => v < 0.5).length).toBeLessThan(600);
  });

  it('when seeded with a negative or large number, then it is read as an unsigned 32-bit seed', () => {
    expect(mulberry32(-1)()).toBe(mulberry32(4294967295)());
    expect(mulberry32(4294967296)()).toBe(mulberry32(0)());
  });
});

describe('average ranks and Spearman', () => {
  it('when values tie, then they share the average of their ranks (scipy.stats.rankdata)', () => {
    expect(averageRanks([3, 1, 4, 1, 5, 9, 2, 6, 5, 3])).toEqual([4.5, 1.5, 6, 1.5, 7.5, 10, 3, 9, 7.5, 4.5]);
    expect(averageRanks([])).toEqual([]);
    expect(averageRanks([7])).toEqual([1]);
    expect(averageRanks([2, 2, 2])).toEqual([2, 2, 2]);
    expect(averageRanks([30, 10, 20])).toEqual([3, 1, 2]);
  });

  it('when reviews tie, then Spearman matches scipy.stats.spearmanr (0.8146472091738738)', () => {
    expect(spearman(demo)).toBeCloseTo(0.8146472091738738, 12);
  });

  it('when both sides tie, then Spearman matches scipy.stats.spearmanr (0.6942815994288056)', () => {
    const xs = [1, 2, 2, 3, 4, 4, 4, 5];
    const ys = [2, 1, 3, 3, 2, 4, 4, 4];
    expect(spearman(xs.map((v, i) => [v, ys[i]!] as const))).toBeCloseTo(0.6942815994288056, 12);
  });

  it('when the link is monotone but not straight, then Spearman is exactly 1 where Pearson is not', () => {
    expect(spearman([[1, 1], [2, 4], [3, 9], [4, 100]])).toBe(1);
    expect(spearman([[1, 100], [2, 9], [3, 4], [4, 1]])).toBe(-1);
    expect(spearman([[1, 2], [2, 2], [3, 2]])).toBeNull();
  });
});

describe('the bootstrap interval', () => {
  it('when 12 hires are resampled 2,000 times with the fixed seed, then the interval matches the reference to the digit', () => {
    const ci = bootstrapInterval(demo, spearman)!;
    expect(ci.low).toBeCloseTo(0.5003559596439747, 12);
    expect(ci.high).toBeCloseTo(0.9432744004598375, 12);
    // And again, and with the rows in another order: the page reads the same each time.
    expect(bootstrapInterval(demo, spearman)).toEqual(ci);
    expect(bootstrapInterval([...demo].reverse(), spearman)).toEqual(ci);
  });

  it('when another seed and 200 resamples are asked, then they are used (reference: 0.5173632599025012, 0.9374000294242462)', () => {
    const ci = bootstrapInterval(demo, spearman, 200, 7)!;
    expect(ci.low).toBeCloseTo(0.5173632599025012, 12);
    expect(ci.high).toBeCloseTo(0.9374000294242462, 12);
  });

  it('when scores tie, then the order the rows came in still does not move the interval', () => {
    const tied = [[1, 1], [1, 3], [1, 2], [2, 4], [2, 1], [3, 3], [3, 2], [3, 4], [4, 4], [4, 3], [2, 2], [4, 1]] as const;
    const ci = bootstrapInterval(tied, spearman, 300)!;
    expect(bootstrapInterval([...tied].reverse(), spearman, 300)).toEqual(ci);
    expect(bootstrapInterval([...tied].sort((a, b) => b[1] - a[1]), spearman, 300)).toEqual(ci);
  });

  it('when the fast interval is asked, then it equals the plain bootstrap of Spearman on the same resamples', () => {
    const sets: (readonly (readonly [number, number])[])[] = [
      demo,
      [[1, 1], [1, 3], [1, 2], [2, 4], [2, 1], [3, 3], [3, 2], [3, 4], [4, 4], [4, 3], [2, 2], [4, 1]],
      Array.from({ length: 40 }, (_, i) => [(i * 37) % 11, 1 + ((i * 7) % 4)] as const),
      Array.from({ length: 10 }, (_, i) => [i, i < 9 ? 1 : 2] as const),
      Array.from({ length: 15 }, (_, i) => [i, 15 - i] as const),
    ];
    for (const pairs of sets) {
      const fast = bootstrapSpearmanInterval(pairs, 500, 11)!;
      const plain = bootstrapInterval(pairs, spearman, 500, 11)!;
      expect(fast.low).toBeCloseTo(plain.low, 12);
      expect(fast.high).toBeCloseTo(plain.high, 12);
    }
    expect(bootstrapSpearmanInterval(demo)!.low).toBeCloseTo(0.5003559596439747, 12);
    expect(bootstrapSpearmanInterval(demo)!.high).toBeCloseTo(0.9432744004598375, 12);
    expect(bootstrapSpearmanInterval([[1, 1], [1, 2]], 50)).toBeNull();
    expect(bootstrapSpearmanInterval([[1, 1], [2, 1]], 50)).toBeNull();
    expect(bootstrapSpearmanInterval([...demo].reverse())).toEqual(bootstrapSpearmanInterval(demo));
  });

  it('when no resample can be computed, then there is no interval', () => {
    expect(bootstrapInterval([[1, 1], [1, 2]], spearman, 50)).toBeNull();
    expect(bootstrapInterval(demo, () => null, 10)).toBeNull();
  });

  it('when the statistic is the mean of x, then the interval brackets it and uses the percentiles, not the extremes', () => {
    const pairs = Array.from({ length: 40 }, (_, i) => [i, 0] as const);
    const ci = bootstrapInterval(pairs, (p) => p.reduce((s, q) => s + q[0], 0) / p.length)!;
    expect(ci.low).toBeGreaterThan(14);
    expect(ci.low).toBeLessThan(19.5);
    expect(ci.high).toBeGreaterThan(19.5);
    expect(ci.high).toBeLessThan(25);
  });

  it('when a quantile falls between two values, then it interpolates linearly (numpy.percentile)', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([0, 10], 0.25)).toBe(2.5);
    expect(quantileSorted([5], 0.975)).toBe(5);
    // numpy.percentile(range(11), 97.5) = 9.75
    expect(quantileSorted([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.975)).toBeCloseTo(9.75, 12);
  });
});

describe('the correlation as the report reads it', () => {
  it('when 12 hires are rated, then r is Spearman, the interval the seeded bootstrap, and the sample is called small', () => {
    const c = correlate(demo);
    expect(c).toEqual({ state: 'ok', n: 12, r: spearman(demo), low: bootstrapInterval(demo, spearman)!.low, high: bootstrapInterval(demo, spearman)!.high, strength: 'strong', clear: true, small: true });
  });

  it('when there are 29 or 30 pairs, then the sample is small or not', () => {
    const pairs = (n: number) => Array.from({ length: n }, (_, i) => [i, (i * 7) % 5] as const);
    expect(SMALL_SAMPLE).toBe(30);
    expect(correlate(pairs(29), 10, 50)).toMatchObject({ state: 'ok', small: true });
    expect(correlate(pairs(30), 10, 50)).toMatchObject({ state: 'ok', small: false });
  });

  it('when an interval end sits exactly on zero or across it, then the link is not clear; wholly on one side, it is', () => {
    expect(isClear({ low: 0, high: 0.5 })).toBe(false);
    expect(isClear({ low: -0.5, high: 0 })).toBe(false);
    expect(isClear({ low: -0.1, high: 0.5 })).toBe(false);
    expect(isClear({ low: 0.01, high: 0.5 })).toBe(true);
    expect(isClear({ low: -0.5, high: -0.01 })).toBe(true);
    expect(isClear({ low: 0, high: 0 })).toBe(false);
    const negative = correlate(Array.from({ length: 12 }, (_, i) => [i, 12 - i] as const));
    expect(negative).toMatchObject({ state: 'ok', r: -1, low: -1, high: -1, clear: true });
  });

  it('when many rows are tested at once, then about 5 % of them look clear by chance', () => {
    expect(clearByChance(0)).toBe(0);
    expect(clearByChance(6)).toBe(0.3);
    expect(clearByChance(20)).toBe(1);
    expect(clearByChance(7)).toBe(0.4);
  });
});
