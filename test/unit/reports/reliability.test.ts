import { BOOTSTRAP_SAMPLES, krippendorff, MIN_UNITS, reliabilityByDimension, reliabilityState, WEAK_ALPHA } from '../../../src/reports/reliability';
import { quantile, mulberry32 } from '../../../src/reports/random';

/**
 * Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. University of Pennsylvania,
 * Annenberg School for Communication, Departmental Papers 43, section C: four observers A–D, twelve
 * units, values 1–5, blanks missing. Published: nominal α = 0.743, ordinal α = 0.815, interval α = 0.849.
 *           units 1  2  3  4  5  6  7  8  9 10 11 12
 *   A            1  2  3  3  2  1  4  1  2  .  .  .
 *   B            1  2  3  3  2  2  4  1  2  5  .  3
 *   C            .  3  3  3  2  3  4  2  2  5  1  .
 *   D            1  2  3  3  2  4  4  1  2  5  1  .
 * Unit 12 has a single value and cannot be paired: 40 pairable values in 11 units.
 */
const KRIPPENDORFF_2011: number[][] = [
  [1, 1, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4], [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [5, 5, 5], [1, 1], [3],
];

describe("Krippendorff's alpha", () => {
  it('matches the published example of Krippendorff (2011) for each metric', () => {
    expect(krippendorff(KRIPPENDORFF_2011, 'nominal', 0).alpha).toBeCloseTo(0.743, 3);
    expect(krippendorff(KRIPPENDORFF_2011, 'ordinal', 0).alpha).toBeCloseTo(0.815, 3);
    expect(krippendorff(KRIPPENDORFF_2011, 'interval', 0).alpha).toBeCloseTo(0.849, 3);
    // Ordinal is the default metric.
    expect(krippendorff(KRIPPENDORFF_2011, undefined, 0).alpha).toBeCloseTo(0.815, 3);
  });

  it('counts the pairable units and values, leaving out units with one value', () => {
    const r = krippendorff(KRIPPENDORFF_2011, 'ordinal', 0);
    expect(r.units).toBe(11);
    expect(r.pairs).toBe(40);
    expect(r.low).toBeNull();
    expect(r.high).toBeNull();
  });

  it('is 1 for perfect agreement, about 0 or below for chance, and null without any variation', () => {
    expect(krippendorff([[1, 1], [2, 2], [4, 4]], 'ordinal', 0).alpha).toBeCloseTo(1, 12);
    // Complete disagreement in a two-value design: α = 1 − (n − 1)·D_o / D_e with o(1,2) = 2, n = 4 → 1 − 3·4/8 = −0.5.
    expect(krippendorff([[1, 2], [2, 1]], 'nominal', 0).alpha).toBeCloseTo(-0.5, 12);
    expect(krippendorff([[3, 3], [3, 3, 3]], 'ordinal', 0).alpha).toBeNull();
    expect(krippendorff([[3], [2]], 'ordinal', 0)).toEqual({ alpha: null, low: null, high: null, units: 0, pairs: 0 });
    expect(krippendorff([], 'ordinal').alpha).toBeNull();
    // Without variation there is no interval either, however many resamples are asked for.
    expect(krippendorff([[2, 2], [2, 2, 2], [2, 2]], 'ordinal')).toEqual({ alpha: null, low: null, high: null, units: 3, pairs: 7 });
  });

  it('units with the same values in any order count alike, and a unit of three values is not a unit of two', () => {
    // Interval metric, values 1, 2, 12. Unit [1, 1, 2] (weight 1/2) gives o(1,1) = 1, o(1,2) = o(2,1) = 1; unit [1, 12] gives o(1,12) = o(12,1) = 1.
    // n_1 = 3, n_2 = 1, n_12 = 1 (n = 5). Σ o δ² = 2·1 + 2·121 = 244; Σ n_c n_k δ² = 2·(3·1·1 + 3·1·121 + 1·1·100) = 932.
    const expected = 1 - (4 * 244) / 932;
    expect(krippendorff([[1, 1, 2], [1, 12]], 'interval', 0).alpha).toBeCloseTo(expected, 12);
    expect(krippendorff([[12, 1], [2, 1, 1]], 'interval', 0).alpha).toBeCloseTo(expected, 12);
  });

  it('ordinal distance uses the marginal counts between the values, not the values themselves', () => {
    // Values 1, 2, 4 with the gap 2 → 4 far larger than 1 → 2 on an interval scale, but adjacent in rank.
    const units = [[1, 2], [2, 4], [1, 1], [4, 4], [2, 2]];
    const ordinal = krippendorff(units, 'ordinal', 0).alpha!;
    const interval = krippendorff(units, 'interval', 0).alpha!;
    // By hand: n_1 = 3, n_2 = 4, n_4 = 3 (n = 10). δ²(1,2) = (3 + 4 − 3.5)² = 12.25, δ²(2,4) = (4 + 3 − 3.5)² = 12.25,
    // δ²(1,4) = (3 + 4 + 3 − 3)² = 49. D_o·n = 2·12.25 + 2·12.25 = 49; Σ n_c n_k δ² = 2·(12·12.25 + 12·12.25 + 9·49) = 1470.
    expect(ordinal).toBeCloseTo(1 - (9 * 49) / 1470, 12);
    // Interval: δ²(1,2) = 1, δ²(2,4) = 4, δ²(1,4) = 9. n·D_o = 2·1 + 2·4 = 10; Σ n_c n_k δ² = 2·(12·1 + 12·4 + 9·9) = 282.
    expect(interval).toBeCloseTo(1 - (9 * 10) / 282, 12);
  });

  it('gives a seeded, reproducible bootstrap interval around the estimate', () => {
    const a = krippendorff(KRIPPENDORFF_2011, 'ordinal');
    const b = krippendorff(KRIPPENDORFF_2011, 'ordinal');
    expect(a).toEqual(b);
    expect(a.low!).toBeLessThan(a.alpha!);
    expect(a.high!).toBeGreaterThan(a.alpha!);
    expect(a.high!).toBeLessThanOrEqual(1);
    // Another seed, another (close) interval.
    const c = krippendorff(KRIPPENDORFF_2011, 'ordinal', BOOTSTRAP_SAMPLES, 7);
    expect(c.alpha).toBe(a.alpha);
    expect(c.low).not.toBe(a.low);
    expect(Math.abs(c.low! - a.low!)).toBeLessThan(0.15);
  });

  it('the bootstrap resamples units with the generator, percentile 2.5 and 97.5 (reference loop)', () => {
    const units = KRIPPENDORFF_2011.filter((u) => u.length > 1);
    const random = mulberry32(99);
    const draws: number[] = [];
    for (let b = 0; b < 200; b++) {
      const chosen: number[][] = [];
      for (let i = 0; i < units.length; i++) chosen.push(units[Math.floor(random() * units.length)]!);
      draws.push(krippendorff(chosen, 'interval', 0).alpha ?? 1);
    }
    draws.sort((x, y) => x - y);
    const r = krippendorff(KRIPPENDORFF_2011, 'interval', 200, 99);
    expect(r.low).toBeCloseTo(quantile(draws, 0.025), 12);
    expect(r.high).toBeCloseTo(quantile(draws, 0.975), 12);
  });

  it('a resample without variation counts as full agreement', () => {
    // One unit only: every resample is that unit.
    const r = krippendorff([[1, 2], [3, 3]], 'interval', 50, 1);
    expect(r.high).toBe(1);
  });

  it('weak below 0.667', () => expect(WEAK_ALPHA).toBe(0.667));
});

describe('seeded generator and quantiles', () => {
  it('repeats for a seed and differs between seeds, in [0, 1)', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(mulberry32(2)()).not.toBe(xs[0]);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(m).toBeGreaterThan(0.45);
    expect(m).toBeLessThan(0.55);
    // mulberry32 with seed 1: first output 0.6270739405881613.
    expect(xs[0]).toBeCloseTo(0.6270739405881613, 15);
  });

  it('interpolates between neighbours', () => {
    expect(quantile([1, 2, 3, 4, 5], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4, 5], 1)).toBe(5);
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    expect(quantile([0, 10, 20], 0.75)).toBe(15);
  });
});

describe('reliability per dimension', () => {
  const rating = (applicationId: number, dimensionKey: string, interviewerId: number, value: number, rubricId = 1) => ({ applicationId, rubricId, dimensionKey, interviewerId, rating: value });
  const agreeing = [1, 2, 3, 4, 1, 2].flatMap((v, a) => [rating(a, 'disc', 10, v), rating(a, 'disc', 11, v)]);
  const disagreeing = [1, 2, 3, 4, 1, 2].flatMap((v, a) => [rating(a, 'close', 10, v), rating(a, 'close', 11, 5 - v)]);

  it('one row per dimension asked for, in that order, named, with the state from alpha', () => {
    const rows = reliabilityByDimension([...agreeing, ...disagreeing], [{ rubricId: 1, rubricName: 'AE', key: 'close', name: 'Closing' }, { rubricId: 1, rubricName: 'AE', key: 'disc', name: 'Discovery' }, { rubricId: 1, rubricName: 'AE', key: 'none', name: 'Nobody' }], 0);
    expect(rows.map((r) => [r.key, r.name, r.state])).toEqual([['close', 'Closing', 'weak'], ['disc', 'Discovery', 'ok'], ['none', 'Nobody', 'too_few']]);
    expect(rows[0]!.rubricName).toBe('AE');
    expect(rows[1]!.alpha).toBeCloseTo(1, 12);
    expect(rows[1]!.units).toBe(6);
    expect(rows[1]!.pairs).toBe(12);
    expect(rows[0]!.alpha!).toBeLessThan(0);
  });

  it('an interviewer counts once per candidate, with their first rating', () => {
    // Interviewer 10 rated candidate 0 twice: 1 then 4. Only the 1 counts, so 10 and 11 agree everywhere.
    const rows = reliabilityByDimension([...agreeing, rating(0, 'disc', 10, 4)], [{ rubricId: 1, rubricName: 'AE', key: 'disc', name: 'Discovery' }], 0);
    expect(rows[0]!.alpha).toBeCloseTo(1, 12);
    expect(rows[0]!.pairs).toBe(12);
  });

  it('dimensions of different rubrics with the same key stay apart', () => {
    const rows = reliabilityByDimension([...agreeing, ...agreeing.map((r) => ({ ...r, rubricId: 2, rating: r.interviewerId === 10 ? r.rating : 5 - r.rating }))], [{ rubricId: 1, rubricName: 'AE', key: 'disc', name: 'A' }, { rubricId: 2, rubricName: 'SDR', key: 'disc', name: 'B' }], 0);
    expect(rows[0]!.state).toBe('ok');
    expect(rows[1]!.state).toBe('weak');
  });

  it('too few below five candidates rated twice; weak only below 0.667', () => {
    const four = agreeing.filter((r) => r.applicationId < 4);
    expect(reliabilityByDimension(four, [{ rubricId: 1, rubricName: 'AE', key: 'disc', name: 'D' }], 0)[0]!.state).toBe('too_few');
    const five = agreeing.filter((r) => r.applicationId < 5);
    expect(reliabilityByDimension(five, [{ rubricId: 1, rubricName: 'AE', key: 'disc', name: 'D' }], 0)[0]!.state).toBe('ok');
    expect(MIN_UNITS).toBe(5);
    // Interval alpha of this design: exactly at 0.667 reads ok, just under reads weak (checked through the state rule).
    const mixed = [...agreeing, rating(6, 'disc', 10, 1), rating(6, 'disc', 11, 4)];
    const alpha = reliabilityByDimension(mixed, [{ rubricId: 1, rubricName: 'AE', key: 'disc', name: 'D' }], 0)[0]!;
    expect(alpha.state).toBe(alpha.alpha! < WEAK_ALPHA ? 'weak' : 'ok');
  });

  it('reads a dimension with the ordinal metric (0.7 here, where nominal and interval read otherwise)', () => {
    const units = [[1, 2], [2, 4], [1, 1], [4, 4], [2, 2]];
    const ratings = units.flatMap(([a, b], i) => [rating(i, 'disc', 10, a!), rating(i, 'disc', 11, b!)]);
    const row = reliabilityByDimension(ratings, [{ rubricId: 1, rubricName: 'AE', key: 'disc', name: 'D' }], 0)[0]!;
    expect(row.alpha).toBeCloseTo(1 - (9 * 49) / 1470, 12);
    expect(row.alpha).toBeCloseTo(0.7, 12);
    expect(krippendorff(units, 'nominal', 0).alpha).not.toBeCloseTo(0.7, 3);
    expect(row.state).toBe('ok');
  });

  it('five or more candidates without any variation read too few, not weak', () => {
    const same = [0, 1, 2, 3, 4, 5].flatMap((a) => [rating(a, 'disc', 10, 3), rating(a, 'disc', 11, 3)]);
    const row = reliabilityByDimension(same, [{ rubricId: 1, rubricName: 'AE', key: 'disc', name: 'D' }], 0)[0]!;
    expect(row.units).toBe(6);
    expect(row.alpha).toBeNull();
    expect(row.state).toBe('too_few');
  });

  it('the state rule at its boundaries: 0.667 reads ok, just under weak; four candidates too few, five enough', () => {
    expect(reliabilityState(0.667, 5)).toBe('ok');
    expect(reliabilityState(0.6669, 5)).toBe('weak');
    expect(reliabilityState(0.95, 4)).toBe('too_few');
    expect(reliabilityState(0.95, 5)).toBe('ok');
    expect(reliabilityState(-0.2, 30)).toBe('weak');
    expect(reliabilityState(null, 30)).toBe('too_few');
  });

  it('bootstraps with the default number of samples', () => {
    const row = reliabilityByDimension(agreeing, [{ rubricId: 1, rubricName: 'AE', key: 'disc', name: 'D' }])[0]!;
    expect(row.low).not.toBeNull();
  });
});
