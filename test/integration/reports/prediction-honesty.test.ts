import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { makeInterview, makeOpening } from '../../helpers/hiring';
import { reviewedHire, scoredApplication } from '../../helpers/reports';
import { scoreInterview } from '../../helpers/writes';
import { useCaseDeps } from '../../helpers/use-cases';
import { buildPredictionReport } from '../../../src/reports/reports.service';
import type { PredictionRow } from '../../../src/reports/prediction';
import { type Agent, createUser, signIn } from '../../helpers/web';

const csvLines = (text: string) => text.replace(/^\ufeff/, '').trim().split('\r\n');
const later = { clock: { now: () => new Date(Date.now() + 3_600_000) } };

/* An independent, slow reference: plain loops over raw rows, its own ranks, its own PRNG. ------------ */

function referenceRandom(seed: number): () => number {
  // mulberry32, written out again so the reference does not share the report's code.
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rank of each value: 1 + how many are smaller + half of the others equal to it (average rank for ties). */
function slowRanks(values: number[]): number[] {
  return values.map((v) => {
    let smaller = 0;
    let equal = 0;
    for (const w of values) {
      if (w < v) smaller += 1;
      else if (w === v) equal += 1;
    }
    return smaller + (equal + 1) / 2;
  });
}

function slowSpearman(xs: number[], ys: number[]): number | null {
  const rx = slowRanks(xs);
  const ry = slowRanks(ys);
  const n = xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i += 1) {
    mx += rx[i]! / n;
    my += ry[i]! / n;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    sxy += (rx[i]! - mx) * (ry[i]! - my);
    sxx += (rx[i]! - mx) ** 2;
    syy += (ry[i]! - my) ** 2;
  }
  if (new Set(xs).size === 1 || new Set(ys).size === 1) return null;
  return sxy / Math.sqrt(sxx * syy);
}

function slowPercentile(sorted: number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

function slowBootstrap(unorderedXs: number[], unorderedYs: number[]): { low: number; high: number } {
  // Pairs in order of x, then y, as the report resamples them.
  const order = unorderedXs.map((_, i) => i).sort((p, q) => unorderedXs[p]! - unorderedXs[q]! || unorderedYs[p]! - unorderedYs[q]!);
  const xs = order.map((i) => unorderedXs[i]!);
  const ys = order.map((i) => unorderedYs[i]!);
  const random = referenceRandom(20240521);
  const values: number[] = [];
  for (let b = 0; b < 2000; b += 1) {
    const sx: number[] = [];
    const sy: number[] = [];
    for (let i = 0; i < xs.length; i += 1) {
      const k = Math.floor(random() * xs.length);
      sx.push(xs[k]!);
      sy.push(ys[k]!);
    }
    const r = slowSpearman(sx, sy);
    if (r !== null) values.push(r);
  }
  values.sort((p, q) => p - q);
  return { low: slowPercentile(values, 0.025), high: slowPercentile(values, 0.975) };
}

interface Reference {
  n: number;
  involved: number;
  r: number | null;
  low?: number;
  high?: number;
}

/** Every row of the report recomputed from the tables, row by row. */
async function referenceFigures(ctx: TestContext, openingId: number, excludeInvolved: boolean): Promise<Map<string, Reference>> {
  const db = ctx.db;
  const [applications, plans, decisions, scorecards, ratings, history, interviews, panelists] = await Promise.all([
    db.selectFrom('applications').selectAll().where('opening_id', '=', openingId).execute(),
    db.selectFrom('onboarding_plans').selectAll().execute(),
    db.selectFrom('decisions').selectAll().execute(),
    db.selectFrom('scorecards').selectAll().execute(),
    db.selectFrom('scorecard_ratings').selectAll().execute(),
    db.selectFrom('scorecard_history').selectAll().execute(),
    db.selectFrom('interviews').selectAll().execute(),
    db.selectFrom('interview_interviewers').selectAll().execute(),
  ]);
  const hires: { review: number; weighted: number | null; means: Map<string, number>; involved: boolean }[] = [];
  for (const app of applications) {
    const plan = plans.find((p) => p.application_id === app.id && p.review_rating !== null);
    const decision = decisions.find((d) => d.application_id === app.id);
    if (!plan || !decision) continue;
    let involved = plan.reviewed_by === decision.decided_by;
    for (const iv of interviews) {
      if (iv.application_id !== app.id) continue;
      for (const p of panelists) if (p.interview_id === iv.id && p.user_id === plan.reviewed_by) involved = true;
    }
    for (const s of scorecards) if (s.application_id === app.id && s.interviewer_id === plan.reviewed_by) involved = true;
    if (excludeInvolved && involved) continue;
    const sums = new Map<string, number[]>();
    for (const s of scorecards) {
      if (s.application_id !== app.id || s.status !== 'submitted' || s.submitted_at === null || s.submitted_at > decision.decided_at) continue;
      // The first change after the decision holds what the scorecard said at the decision.
      const changes = history.filter((h) => h.scorecard_id === s.id && h.changed_at > decision.decided_at).sort((p, q) => (p.changed_at < q.changed_at ? -1 : p.changed_at > q.changed_at ? 1 : p.id - q.id));
      const asAtDecision: { key: string; rating: number | null }[] =
        changes.length > 0 ? (JSON.parse(changes[0]!.snapshot) as { ratings: { key: string; rating: number | null }[] }).ratings : ratings.filter((r) => r.scorecard_id === s.id).map((r) => ({ key: r.dimension_key, rating: r.rating }));
      for (const r of asAtDecision) if (r.rating !== null) sums.set(r.key, [...(sums.get(r.key) ?? []), Number(r.rating)]);
    }
    const means = new Map<string, number>();
    for (const [key, list] of sums) means.set(key, Math.round((list.reduce((a, b) => a + b, 0) / list.length) * 100) / 100);
    hires.push({ review: Number(plan.review_rating), weighted: decision.weighted_score === null ? null : Number(decision.weighted_score), means, involved });
  }
  const figures = new Map<string, Reference>();
  const keys = new Set<string>();
  for (const h of hires) for (const k of h.means.keys()) keys.add(k);
  for (const key of ['weighted', ...keys]) {
    const xs: number[] = [];
    const ys: number[] = [];
    let involvedCount = 0;
    for (const h of hires) {
      const x = key === 'weighted' ? h.weighted : h.means.get(key);
      if (x === null || x === undefined) continue;
      xs.push(x);
      ys.push(h.review);
      if (h.involved) involvedCount += 1;
    }
    const r = xs.length >= 10 ? slowSpearman(xs, ys) : null;
    figures.set(key, { n: xs.length, involved: involvedCount, r, ...(r === null ? {} : slowBootstrap(xs, ys)) });
  }
  return figures;
}

function expectMatches(row: PredictionRow, reference: Reference | undefined) {
  expect(reference).toBeDefined();
  expect({ key: row.key, n: row.correlation.n, involved: row.involved }).toEqual({ key: row.key, n: reference!.n, involved: reference!.involved });
  if (row.correlation.state === 'ok') {
    expect(row.correlation.r).toBeCloseTo(reference!.r!, 10);
    expect(row.correlation.low).toBeCloseTo(reference!.low!, 10);
    expect(row.correlation.high).toBeCloseTo(reference!.high!, 10);
  } else {
    expect(reference!.r).toBeNull();
  }
}

describeEachDialect('prediction report: frozen scores, involved reviewers, independent recomputation', (ctx: () => TestContext) => {
  let manager: Agent;
  let managerId: number;
  let outsiderId: number;
  let openingId: number;
  const panel: number[] = [];
  const lateInterviews: { interviewId: number; openingId: number }[] = [];

  beforeAll(async () => {
    const db = ctx().db;
    const m = await createUser(db, 'hiring_manager', { name: 'Dana Decider' });
    managerId = m.id;
    manager = await signIn(ctx().app, m.email);
    outsiderId = (await createUser(db, 'hiring_manager', { name: 'Rae Reviewer' })).id;
    for (const name of ['Ida One', 'Ivo Two', 'Ina Late']) panel.push((await createUser(db, 'interviewer', { name })).id);
    const opening = await makeOpening(db, { roleKey: 'ae', hiringManagerId: m.id, title: 'Honest figures' });
    openingId = opening.id;
    const roleId = (await db.selectFrom('openings').select('role_id').where('id', '=', opening.id).executeTakeFirstOrThrow()).role_id;
    // Fourteen hires: twelve reviewed by someone outside the hiring, whose reviews follow the interview; the
    // last two reviewed by the manager who decided, against the interview.
    const scores = [1, 2, 3, 4, 1, 2, 3, 4, 2, 3, 1, 4, 4, 1];
    const reviews = [1, 2, 2, 4, 2, 3, 3, 4, 1, 3, 1, 3, 1, 4] as const;
    for (const [i, s] of scores.entries()) {
      // The third panel member is on the panel but scores only after the decision.
      const app = await makeInterview(db, opening.id, panel);
      await scoreInterview(useCaseDeps(db), panel[0]!, { ...app, openingId: opening.id }, s);
      await scoreInterview(useCaseDeps(db), panel[1]!, { ...app, openingId: opening.id }, Math.min(4, s + 1));
      const planId = await reviewedHire(db, app.applicationId, { roleId, managerId: m.id, review: reviews[i]!, weightedScore: Math.round(((s + Math.min(4, s + 1)) / 2 - 1) * 33.3) });
      if (i < 12) await db.updateTable('onboarding_plans').set({ reviewed_by: outsiderId }).where('id', '=', planId).execute();
      lateInterviews.push({ interviewId: app.interviewId, openingId: opening.id });
    }
  });

  it('when two reviews were written by the manager who decided, then each row counts them, and excluding them recomputes the figure without them', async () => {
    const csv = csvLines((await manager.get('/reports/prediction/csv')).text);
    const weighted = csv[1]!.split(',');
    expect(weighted.slice(0, 3)).toEqual(['Weighted score (0–100)', '14', '2']);
    const page = await manager.get('/reports/prediction');
    expect(page.text).toMatch(/Weighted score \(0–100\)<\/th>\s*<td class="num">14<\/td>\s*<td class="num">2<\/td>/);
    expect(page.text).not.toContain('checked');

    const clean = csvLines((await manager.get('/reports/prediction/csv?exclude=involved')).text);
    const cleanWeighted = clean[1]!.split(',');
    expect(cleanWeighted.slice(0, 3)).toEqual(['Weighted score (0–100)', '12', '0']);
    expect(cleanWeighted[3]).not.toBe(weighted[3]);
    expect(Number(cleanWeighted[3])).toBeGreaterThan(Number(weighted[3]));
    const cleanPage = await manager.get('/reports/prediction?exclude=involved');
    expect(cleanPage.status).toBe(200);
    expect(cleanPage.text).toContain('value="involved" checked');
    expect(cleanPage.text).toContain('2 reviews left out: written by the hire’s own interviewer or decider.');
    expect(cleanPage.text).toContain('href="/reports/prediction/csv?exclude=involved"');
    // Anything else in the filter counts everyone.
    expect(csvLines((await manager.get('/reports/prediction/csv?exclude=other')).text)[1]).toBe(csv[1]);
  });

  it('when a reviewer sat on the hire’s panel without deciding, then the review counts as involved too', async () => {
    const db = ctx().db;
    const plan = await db.selectFrom('onboarding_plans').innerJoin('applications', 'applications.id', 'onboarding_plans.application_id').select('onboarding_plans.id').where('applications.opening_id', '=', openingId).orderBy('onboarding_plans.id').executeTakeFirstOrThrow();
    await db.updateTable('onboarding_plans').set({ reviewed_by: panel[2]! }).where('id', '=', plan.id).execute();
    const csv = csvLines((await manager.get('/reports/prediction/csv')).text);
    expect(csv[1]!.split(',').slice(1, 3)).toEqual(['14', '3']);
    await db.updateTable('onboarding_plans').set({ reviewed_by: outsiderId }).where('id', '=', plan.id).execute();
    expect(csvLines((await manager.get('/reports/prediction/csv')).text)[1]!.split(',').slice(1, 3)).toEqual(['14', '2']);
  });

  it('when scorecards are edited or first submitted after the decision, then the prediction figures do not change', async () => {
    const db = ctx().db;
    const before = (await manager.get('/reports/prediction/csv')).text;
    const beforeRows = await referenceFigures(ctx(), openingId, false);
    for (const [i, interview] of lateInterviews.entries()) {
      // Ratings turned upside down an hour after the decision, and a third scorecard submitted then.
      await scoreInterview(useCaseDeps(db, later), panel[0]!, interview, i % 2 === 0 ? 4 : 1);
      await scoreInterview(useCaseDeps(db, later), panel[2]!, interview, i % 2 === 0 ? 1 : 4);
    }
    expect(Number((await db.selectFrom('scorecard_history').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBeGreaterThanOrEqual(14);
    expect((await manager.get('/reports/prediction/csv')).text).toBe(before);
    expect(await referenceFigures(ctx(), openingId, false)).toEqual(beforeRows);
  });

  it('when the figures are recomputed from raw rows by a slow reference, then every row matches, with and without involved reviews', async () => {
    for (const exclude of [false, true]) {
      const report = await buildPredictionReport(ctx().db, { id: managerId, role: 'hiring_manager' }, 'Weighted', 'en', exclude);
      const reference = await referenceFigures(ctx(), openingId, exclude);
      expectMatches(report.weighted, reference.get('weighted'));
      for (const row of report.dimensions) expectMatches(row, reference.get(row.key));
      expect(report.dimensions.length + 1).toBe(reference.size);
    }
  });
});

describeEachDialect('prediction report on seeded random data', (ctx: () => TestContext) => {
  it('when 24 hires get seeded random ratings, edits, late scorecards and reviewers, then the report matches the slow reference on every row', async () => {
    const db = ctx().db;
    const random = referenceRandom(977);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const m = await createUser(db, 'hiring_manager');
    const outsider = await createUser(db, 'hiring_manager');
    const people = [await createUser(db, 'interviewer'), await createUser(db, 'interviewer'), await createUser(db, 'interviewer')].map((u) => u.id);
    const opening = await makeOpening(db, { roleKey: 'ae', hiringManagerId: m.id, title: 'Seeded' });
    const roleId = (await db.selectFrom('openings').select('role_id').where('id', '=', opening.id).executeTakeFirstOrThrow()).role_id;
    for (let i = 0; i < 24; i += 1) {
      const app = await scoredApplication(db, opening.id, people, [pick([1, 2, 3, 4, null]), pick([1, 2, 3, 4]), pick([1, 2, 3, 4])]);
      const review = pick([1, 2, 3, 4] as const);
      const planId = await reviewedHire(db, app.applicationId, { roleId, managerId: m.id, review, weightedScore: pick([null, 10, 35, 50, 62, 80, 100]) });
      await db.updateTable('onboarding_plans').set({ reviewed_by: pick([outsider.id, outsider.id, m.id, people[0]!]) }).where('id', '=', planId).execute();
      if (random() < 0.4) await scoreInterview(useCaseDeps(db, later), pick(people), { ...app, openingId: opening.id }, pick([1, 4]));
    }
    for (const exclude of [false, true]) {
      const report = await buildPredictionReport(db, { id: m.id, role: 'hiring_manager' }, 'Weighted', 'en', exclude);
      const reference = await referenceFigures(ctx(), opening.id, exclude);
      expectMatches(report.weighted, reference.get('weighted'));
      for (const row of report.dimensions) expectMatches(row, reference.get(row.key));
      expect(report.dimensions.length + 1).toBe(reference.size);
      expect(report.hires).toBe(exclude ? 24 - report.excluded : 24);
    }
    // The words follow the interval: a strength only when the interval stays on one side of zero (negative cells carry the CSV's formula guard).
    const agent = await signIn(ctx().app, m.email);
    const lines = csvLines((await agent.get('/reports/prediction/csv')).text);
    const rows = lines.slice(1).map((line) => { const match = /^(.+?),(\d+),(\d+),'?(-?[\d.]+)?,'?(-?[\d.]+)?,'?(-?[\d.]+)?,"?(.*?)"?$/.exec(line); if (!match) throw new Error(line); return match; });
    const shown = rows.filter((r) => r[5] !== undefined);
    expect(shown.length).toBeGreaterThan(0);
    let unclear = 0;
    for (const r of shown) {
      const [low, high] = [Number(r[5]), Number(r[6])];
      if (low <= 0 && high >= 0) {
        unclear += 1;
        expect(r[7]).toMatch(/^No clear link: the interval includes zero/);
        expect(r[7]).not.toMatch(/Weak link|Moderate link|Strong link/);
      } else {
        expect(r[7]).toMatch(/^(No visible|Weak|Moderate|Strong) link.*the interval stays on one side of zero/);
      }
    }
    expect(unclear).toBeGreaterThan(0);
    // The whole reading, word for word, from n, r and the interval: |r| below 0.1 no visible link, below 0.3 weak, below 0.5 moderate, else strong; the direction when there is a link; "small sample" below 30 hires.
    // The reading cell without the corrected estimate that follows it (the line's last cell).
    const readingCell = (r: RegExpExecArray) => r[7]!.replace(/"?,'?-?[\d.]*$/, '');
    for (const r of rows) {
      const n = Number(r[2]);
      if (r[5] === undefined) {
        expect([r[1], readingCell(r)]).toEqual([r[1], n < 10 ? `Too few hires to tell (${n} of 10 needed)` : 'Everyone got the same score or review: nothing to compare']);
        continue;
      }
      const [value, low, high] = [Number(r[4]), Number(r[5]), Number(r[6])];
      const size = Math.abs(value);
      const strength = size < 0.1 ? 'No visible link' : size < 0.3 ? 'Weak link' : size < 0.5 ? 'Moderate link' : 'Strong link';
      const oneSide = (low > 0 && high > 0) || (low < 0 && high < 0);
      const words = oneSide ? `${strength}${size < 0.1 ? '' : value > 0 ? ', higher scores, better reviews' : ', higher scores, worse reviews'}; the interval stays on one side of zero` : 'No clear link: the interval includes zero, so it may be no link at all';
      expect([r[1], readingCell(r)]).toEqual([r[1], n < 30 ? `${words}; small sample, read as a rough direction` : words]);
    }
    const ru = await agent.get('/reports/prediction?exclude=involved').set('Accept-Language', 'ru');
    expect(ru.status).toBe(200);
    expect(ru.text).toContain('Не учитывать итоги от своих интервьюеров и принявшего решение');
  });
});
