import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { makeInterview, makeOpening } from '../../helpers/hiring';
import { scoreInterview } from '../../helpers/writes';
import { useCaseDeps } from '../../helpers/use-cases';
import { reviewedHire, scoredApplication } from '../../helpers/reports';
import { refreshReportTotals } from '../../../src/reports/report-totals';
import { type Agent, createUser, signIn } from '../../helpers/web';

const csvLines = (text: string) => text.replace(/^\ufeff/, '').trim().split('\r\n');
const csvNumber = (cell: string) => Number(cell.replace(/^'/, ''));
/** A small seeded generator of its own (LCG), independent of the app's. */
function lcg(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

type Raw = { applicationId: number; interviewerId: number; key: string; rating: number; scorecardId: number };

/* Slow reference implementations, plain loops over raw rows --------------------------------------- */

/** Solves A x = b by Gaussian elimination with partial pivoting. */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    const tmp = M[c]!;
    M[c] = M[p]!;
    M[p] = tmp;
    for (let r = c + 1; r < n; r++) {
      const f = M[r]![c]! / M[c]![c]!;
      for (let j = c; j <= n; j++) M[r]![j]! -= f * M[c]![j]!;
    }
  }
  const x: number[] = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r]![n]!;
    for (let j = r + 1; j < n; j++) s -= M[r]![j]! * x[j]!;
    x[r] = s / M[r]![r]!;
  }
  return x;
}

/** Interviewer effects (sum to zero) and their standard errors, from the absorbed normal equations. */
function referenceLeans(rows: readonly Raw[]): Map<number, { lean: number; se: number }> {
  const cells: Raw[][] = [];
  const cellKeys: string[] = [];
  for (const r of rows) {
    const key = `${r.applicationId}:${r.key}`;
    let at = cellKeys.indexOf(key);
    if (at < 0) {
      cellKeys.push(key);
      cells.push([]);
      at = cells.length - 1;
    }
    cells[at]!.push(r);
  }
  const shared = cells.filter((list) => new Set(list.map((r) => r.interviewerId)).size > 1);
  const ids = [...new Set(shared.flat().map((r) => r.interviewerId))].sort((a, b) => a - b);
  const k = ids.length;
  const A = ids.map(() => ids.map(() => 1 / k));
  const q = ids.map(() => 0);
  let count = 0;
  for (const list of shared) {
    let sum = 0;
    for (const r of list) sum += r.rating;
    for (let i = 0; i < k; i++) {
      let ni = 0;
      for (const r of list) if (r.interviewerId === ids[i]) { ni++; q[i]! += r.rating - sum / list.length; }
      for (let j = 0; j < k; j++) {
        let nj = 0;
        for (const r of list) if (r.interviewerId === ids[j]) nj++;
        A[i]![j]! += (i === j ? ni : 0) - (ni * nj) / list.length;
      }
    }
    count += list.length;
  }
  const b = solve(A.map((r) => [...r]), q);
  let rss = 0;
  for (const list of shared) {
    let s = 0;
    for (const r of list) s += r.rating - b[ids.indexOf(r.interviewerId)]!;
    const mu = s / list.length;
    for (const r of list) rss += (r.rating - mu - b[ids.indexOf(r.interviewerId)]!) ** 2;
  }
  const sigma2 = rss / (count - shared.length - (k - 1));
  const result = new Map<number, { lean: number; se: number }>();
  ids.forEach((id, i) => {
    const column = solve(A.map((r) => [...r]), ids.map((_, j) => (j === i ? 1 : 0)));
    result.set(id, { lean: b[i]!, se: Math.sqrt((column[i]! - 1 / k) * sigma2) });
  });
  return result;
}

/** Krippendorff's ordinal alpha by its pairwise definition: mean disagreement within units over mean disagreement among all values. */
function referenceAlpha(units: number[][]): number {
  const pairable = units.filter((u) => u.length > 1);
  const all = pairable.flat();
  const n = all.length;
  const freq = new Map<number, number>();
  for (const v of all) freq.set(v, (freq.get(v) ?? 0) + 1);
  const delta = (a: number, b: number) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    let s = 0;
    for (const [v, f] of freq) if (v >= lo && v <= hi) s += f;
    return (s - (freq.get(lo)! + freq.get(hi)!) / 2) ** 2;
  };
  let within = 0;
  for (const u of pairable) for (let i = 0; i < u.length; i++) for (let j = 0; j < u.length; j++) if (i !== j) within += delta(u[i]!, u[j]!) / (u.length - 1);
  let between = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) between += delta(all[i]!, all[j]!);
  return 1 - (within / n) / (between / (n * (n - 1)));
}

function pearson(xs: number[], ys: number[]): number {
  const n = xs.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) { mx += xs[i]! / n; my += ys[i]! / n; }
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) { sxy += (xs[i]! - mx) * (ys[i]! - my); sxx += (xs[i]! - mx) ** 2; syy += (ys[i]! - my) ** 2; }
  return sxy / Math.sqrt(sxx * syy);
}
/** Average ranks (ties share the mean of their positions), by plain counting. */
function ranks(xs: number[]): number[] {
  return xs.map((x) => {
    let below = 0, equal = 0;
    for (const y of xs) { if (y < x) below++; else if (y === x) equal++; }
    return below + (equal + 1) / 2;
  });
}
/** Spearman's r: Pearson's r of the average ranks. */
function spearman(xs: number[], ys: number[]): number {
  return pearson(ranks(xs), ranks(ys));
}
function sd(xs: number[]): number {
  let m = 0;
  for (const x of xs) m += x / xs.length;
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}

describeEachDialect('leans, reliability and range restriction recomputed from raw rows', (ctx: () => TestContext) => {
  let manager: Agent;
  let raw: Raw[];
  let names: Map<number, string>;
  let dimensionNames: Map<string, string>;
  let rubricId: number;
  let hires: Map<number, number>;

  beforeAll(async () => {
    const db = ctx().db;
    const random = lcg(2026);
    const m = await createUser(db, 'hiring_manager', { name: 'Mara Manager' });
    manager = await signIn(ctx().app, m.email);
    const people = [] as { id: number; name: string }[];
    for (const [i, name] of ['Alex', 'Riley', 'Ivan', 'Nora', 'Sam'].entries()) people.push({ ...(await createUser(db, 'interviewer', { name: `${name} Rater${i}` })) });
    names = new Map(people.map((p) => [p.id, p.name]));
    const opening = await makeOpening(db, { roleKey: 'ae', hiringManagerId: m.id, title: 'AE reliability' });
    const { role_id: roleId, rubric_id } = await db.selectFrom('openings').select(['role_id', 'rubric_id']).where('id', '=', opening.id).executeTakeFirstOrThrow();
    rubricId = rubric_id;
    const lean = [0.8, -0.8, 0.2, 0, -0.2];
    hires = new Map();
    for (let a = 0; a < 26; a++) {
      const panel = people.filter(() => random() < 0.55);
      while (panel.length < 2) panel.push(people.find((p) => !panel.includes(p))!);
      const app = await scoredApplication(db, opening.id, panel.map((p) => p.id), panel.map(() => 3), 'yes');
      const cards = await db.selectFrom('scorecards').innerJoin('scorecard_ratings', 'scorecard_ratings.scorecard_id', 'scorecards.id').select(['scorecards.id', 'scorecards.interviewer_id', 'scorecard_ratings.dimension_key']).where('scorecards.application_id', '=', app.applicationId).execute();
      const level = 1 + random() * 3;
      const truth = new Map<string, number>();
      for (const c of cards) {
        if (!truth.has(c.dimension_key)) truth.set(c.dimension_key, level + (random() - 0.5) * 1.5);
        const rating = Math.max(1, Math.min(4, Math.round(truth.get(c.dimension_key)! + lean[people.findIndex((p) => p.id === c.interviewer_id)]! + (random() - 0.5) * 1.6)));
        await db.updateTable('scorecard_ratings').set({ rating }).where('scorecard_id', '=', c.id).where('dimension_key', '=', c.dimension_key).execute();
      }
      if (a % 2 === 0) {
        const review = Math.max(1, Math.min(4, Math.round(level + (random() - 0.5) * 2))) as 1 | 2 | 3 | 4;
        await reviewedHire(db, app.applicationId, { roleId, managerId: m.id, review, weightedScore: 50 });
        hires.set(app.applicationId, review);
      }
    }
    await refreshReportTotals(db, [opening.id]);
    raw = (
      await db
        .selectFrom('scorecards')
        .innerJoin('scorecard_ratings', 'scorecard_ratings.scorecard_id', 'scorecards.id')
        .select(['scorecards.id', 'scorecards.application_id', 'scorecards.interviewer_id', 'scorecard_ratings.dimension_key', 'scorecard_ratings.rating'])
        .where('scorecards.status', '=', 'submitted')
        .where('scorecard_ratings.rating', 'is not', null)
        .execute()
    ).map((r) => ({ scorecardId: r.id, applicationId: r.application_id, interviewerId: r.interviewer_id, key: r.dimension_key, rating: Number(r.rating) }));
    const dims = await db
      .selectFrom('rubric_dimensions')
      .innerJoin('rubric_versions', 'rubric_versions.id', 'rubric_dimensions.version_id')
      .innerJoin('rubrics', (j) => j.onRef('rubrics.id', '=', 'rubric_versions.rubric_id').onRef('rubrics.current_version', '=', 'rubric_versions.version'))
      .select(['rubric_dimensions.key', 'rubric_dimensions.name'])
      .where('rubrics.id', '=', rubricId)
      .execute();
    dimensionNames = new Map(dims.map((d) => [d.key, d.name]));
  });

  it('every lean and its standard error in the calibration CSV match a direct least-squares solution', async () => {
    const reference = referenceLeans(raw);
    expect(reference.size).toBe(5);
    const lines = csvLines((await manager.get('/reports/calibration/csv')).text);
    expect(lines[0]!.endsWith(',Lean (model),Standard error')).toBe(true);
    expect(lines[0]!.split(',')[13]).toBe('Lean');
    const verdicts = new Set<string>();
    for (const [id, ref] of reference) {
      const cells = lines.find((l) => l.startsWith(`${names.get(id)!},`))!.split(',');
      // Negative numbers are written with a leading apostrophe (no formula injection); three places.
      expect(Math.abs(csvNumber(cells[cells.length - 2]!) - ref.lean)).toBeLessThanOrEqual(0.0005 + 1e-12);
      expect(Math.abs(csvNumber(cells[cells.length - 1]!) - ref.se)).toBeLessThanOrEqual(0.0005 + 1e-12);
      // The verdict: the whole 95 % interval beyond ±0.3 points, from 5 ratings in cells someone else rated too.
      let shared = 0;
      for (const r of raw) if (r.interviewerId === id && raw.some((o) => o.applicationId === r.applicationId && o.key === r.key && o.interviewerId !== id)) shared += 1;
      const verdict = shared < 5 ? 'Too few shared ratings' : ref.lean - 1.959964 * ref.se > 0.3 ? 'Lenient' : ref.lean + 1.959964 * ref.se < -0.3 ? 'Harsh' : 'In line';
      expect([names.get(id), cells[13]]).toEqual([names.get(id), verdict]);
      verdicts.add(verdict);
    }
    expect([verdicts.has('Lenient'), verdicts.has('Harsh')]).toEqual([true, true]);
    // Lenient Alex (+0.8) and harsh Riley (−0.8) are told apart; the figures shown are the model's.
    const page = (await manager.get('/reports/calibration')).text;
    const alex = reference.get([...names].find(([, n]) => n.startsWith('Alex'))![0])!;
    expect(page).toContain(`+${alex.lean.toFixed(2)} ± ${alex.se.toFixed(2)}`);
  });

  it('each dimension’s alpha on the page matches the pairwise definition, with the candidates and ratings counted, and the interval repeats', async () => {
    const page = (await manager.get('/reports/calibration')).text;
    const again = (await manager.get('/reports/calibration')).text;
    const section = (text: string) => text.slice(text.indexOf('id="reliability"'));
    expect(section(again)).toBe(section(page));
    let checked = 0;
    for (const key of new Set(raw.map((r) => r.key))) {
      const units = new Map<number, Map<number, number>>();
      for (const r of [...raw].sort((a, b) => a.scorecardId - b.scorecardId)) {
        if (r.key !== key) continue;
        if (!units.has(r.applicationId)) units.set(r.applicationId, new Map());
        if (!units.get(r.applicationId)!.has(r.interviewerId)) units.get(r.applicationId)!.set(r.interviewerId, r.rating);
      }
      const lists = [...units.values()].map((u) => [...u.values()]).filter((u) => u.length > 1);
      const alpha = referenceAlpha(lists);
      const row = new RegExp(`data-dimension="${rubricId}:${key}">\\s*<th scope="row">([^<]*)<br><small class="muted">Account Executive</small></th>\\s*<td class="num">([^<]*)</td>\\s*<td class="num nowrap">([^<]*)</td>\\s*<td class="num">(\\d+)</td>\\s*<td class="num">(\\d+)</td>`).exec(page)!;
      expect(row).not.toBeNull();
      expect(row[1]).toBe(dimensionNames.get(key)!.replace(/&/g, '&amp;'));
      expect(Number(row[2])).toBeCloseTo(alpha, 2);
      expect(Number(row[4])).toBe(lists.length);
      expect(Number(row[5])).toBe(lists.reduce((s, u) => s + u.length, 0));
      const [low, high] = row[3]!.split(' … ').map(Number);
      expect(low!).toBeLessThanOrEqual(Number(row[2]) + 0.005);
      expect(high!).toBeGreaterThanOrEqual(Number(row[2]) - 0.005);
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('each dimension’s range-restriction estimate in the prediction CSV matches Thorndike’s formula on the raw means', async () => {
    const lines = csvLines((await manager.get('/reports/prediction/csv')).text);
    let checked = 0;
    for (const key of new Set(raw.map((r) => r.key))) {
      const means = new Map<number, number>();
      for (const applicationId of new Set(raw.map((r) => r.applicationId))) {
        let s = 0, n = 0;
        for (const r of raw) if (r.applicationId === applicationId && r.key === key) { s += r.rating; n++; }
        // The app's dimension score is the panel mean to two places.
        if (n > 0) means.set(applicationId, Math.round((s / n) * 100) / 100);
      }
      const hired = [...hires.keys()].filter((id) => means.has(id));
      const x = hired.map((id) => means.get(id)!);
      const y = hired.map((id) => hires.get(id)!);
      if (hired.length < 10) continue;
      // The report's figure is the rank correlation; Thorndike's correction is applied to it as given.
      const r = spearman(x, y);
      const u = sd([...means.values()]) / sd(x);
      const corrected = (r * u) / Math.sqrt(1 + r * r * (u * u - 1));
      const cells = lines.find((l) => l.startsWith(`${dimensionNames.get(key)!},`))!.split(',');
      expect(Math.abs(csvNumber(cells[3]!) - r)).toBeLessThanOrEqual(0.0005 + 1e-12);
      expect(Math.abs(csvNumber(cells[cells.length - 1]!) - corrected)).toBeLessThanOrEqual(0.0005 + 1e-12);
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('a manager who still owes a scorecard sees no trace of that candidate’s panel in the leans or the reliability, until they submit', async () => {
    const db = ctx().db;
    const section = (text: string) => text.slice(text.indexOf('id="reliability"'));
    const before = await manager.get('/reports/calibration');
    const beforeCsv = (await manager.get('/reports/calibration/csv')).text;
    const { id: openingId } = await db.selectFrom('openings').select('id').where('title', '=', 'AE reliability').executeTakeFirstOrThrow();
    const mara = await db.selectFrom('users').select('id').where('name', '=', 'Mara Manager').executeTakeFirstOrThrow();
    const [alex, riley] = [...names.keys()];
    const interview = await makeInterview(db, openingId, [alex!, riley!, mara.id]);
    await scoreInterview(useCaseDeps(db), alex!, { ...interview, openingId }, 4);
    await scoreInterview(useCaseDeps(db), riley!, { ...interview, openingId }, 1);
    await refreshReportTotals(db, [openingId]);
    expect(section((await manager.get('/reports/calibration')).text)).toBe(section(before.text));
    expect((await manager.get('/reports/calibration/csv')).text).toBe(beforeCsv);
    await scoreInterview(useCaseDeps(db), mara.id, { ...interview, openingId }, 2);
    await refreshReportTotals(db, [openingId]);
    expect(section((await manager.get('/reports/calibration')).text)).not.toBe(section(before.text));
  });
});
