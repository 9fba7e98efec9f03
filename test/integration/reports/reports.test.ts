import { CompiledQuery } from 'kysely';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { makeOpening } from '../../helpers/hiring';
import { reviewedHire, scoredApplication } from '../../helpers/reports';
import { insertPlanTasks, markPlanTaskDone } from '../../../src/onboarding/onboarding.repository';
import { stageDaysQuery } from '../../../src/reports/pipeline-totals';
import { type Agent, createUser, csrfToken, signIn, signInAs } from '../../helpers/web';

const csvLines = (text: string) => text.replace(/^\ufeff/, '').trim().split('\r\n');

describeEachDialect('reports', (ctx: () => TestContext) => {
  let manager: Agent;
  let otherManager: Agent;
  let admin: Agent;
  let panel: { id: number; name: string }[];

  beforeAll(async () => {
    const db = ctx().db;
    const m = await createUser(db, 'hiring_manager', { name: 'Maria Manager' });
    const other = await createUser(db, 'hiring_manager', { name: 'Olga Other' });
    manager = await signIn(ctx().app, m.email);
    otherManager = await signIn(ctx().app, other.email);
    admin = (await signInAs(ctx().app, db, 'admin')).agent;
    panel = [await createUser(db, 'interviewer', { name: 'Lenny Lenient' }), await createUser(db, 'interviewer', { name: 'Hal Harsh' })];
    const opening = await makeOpening(db, { roleKey: 'ae', hiringManagerId: m.id, title: 'AE reports' });
    const roleId = (await db.selectFrom('openings').select('role_id').where('id', '=', opening.id).executeTakeFirstOrThrow()).role_id;
    // Twelve hires: Hal rates s (1–4), Lenny one point higher up to 4; reviews mostly follow.
    const scores = [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4];
    const plans: number[] = [];
    const reviews = [1, 2, 3, 4, 2, 2, 3, 3, 1, 2, 4, 4] as const;
    for (const [i, s] of scores.entries()) {
      const app = await scoredApplication(db, opening.id, [panel[0]!.id, panel[1]!.id], [Math.min(4, s + 1), s], 'yes');
      await db.updateTable('candidates').set({ name: `Hire ${String(i + 1).padStart(2, '0')}`, source: i % 3 === 0 ? 'referral' : 'outbound' }).where('id', '=', app.candidateId).execute();
      // The weighted score recorded with the decision: the panel mean 1.5, 2.5, 3.5 or 4 on 0–100 (17, 50, 83, 100).
      plans.push(await reviewedHire(db, app.applicationId, { roleId, managerId: m.id, review: reviews[i]!, weightedScore: [17, 50, 83, 100][s - 1]! }));
    }
    // The first plan has a task long overdue and one done on time; the second finished its product track on day 10.
    const task = { description: '', ownerRole: 'new_hire' as const, signOff: 'none' as const, evidenceRequired: false, required: true, kind: 'task' as const };
    await insertPlanTasks(db, plans[0]!, [{ ...task, track: 'role', title: 'Call three customers', dueDay: 5, position: 1, dueDate: '2026-01-10' }, { ...task, track: 'company', title: 'Meet the founders', dueDay: 1, position: 2, dueDate: '2026-01-06' }]);
    await insertPlanTasks(db, plans[1]!, [{ ...task, track: 'product', title: 'Product demo', dueDay: 10, position: 1, dueDate: '2026-01-15' }]);
    const [first, second] = await Promise.all([db.selectFrom('onboarding_plan_tasks').select('id').where('plan_id', '=', plans[0]!).where('title', '=', 'Meet the founders').executeTakeFirstOrThrow(), db.selectFrom('onboarding_plan_tasks').select('id').where('plan_id', '=', plans[1]!).executeTakeFirstOrThrow()]);
    await markPlanTaskDone(db, first.id, { by: m.id, note: null, fileId: null }, new Date('2026-01-06T10:00:00Z'));
    await markPlanTaskDone(db, second.id, { by: m.id, note: null, fileId: null }, new Date('2026-01-15T10:00:00Z'));
    await db.updateTable('onboarding_plans').set({ completed_at: '2026-01-16T10:00:00.000Z' }).where('id', '=', plans[1]!).execute();
    // Another manager's opening: one reviewed hire that must not show in Maria's reports.
    const theirs = await makeOpening(db, { roleKey: 'ae', hiringManagerId: other.id, title: 'Elsewhere' });
    const hidden = await scoredApplication(db, theirs.id, [panel[1]!.id], [4], 'strong_yes');
    await reviewedHire(db, hidden.applicationId, { roleId, managerId: other.id, review: 1 });
  });

  it('when one opening’s stage days are rebuilt, then only its applications and their events are read, through indexes', async () => {
    if (ctx().dialect === 'postgres') {
      const { rows } = await ctx().db.executeQuery<{ indexdef: string }>(CompiledQuery.raw(`select indexdef from pg_indexes where indexname = 'application_events_timeline_idx' and schemaname = current_schema()`));
      expect(rows[0]?.indexdef).toMatch(/\(application_id, created_at, id\)/);
      return;
    }
    const compiled = stageDaysQuery(ctx().db, (eb) => eb('applications.opening_id', 'in', [1])).compile();
    const plan = (await ctx().db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]))).rows.map((r) => r.detail).join('\n');
    expect(plan).toMatch(/SEARCH applications USING (COVERING )?INDEX \w+ \(opening_id=\?\)/);
    expect(plan).toMatch(/SEARCH application_events USING (COVERING )?INDEX \w+ \(application_id=\?\)/);
    expect(plan).not.toMatch(/SCAN (applications|application_events)\b/);
  });

  it('when a hiring manager opens the reports index, then every report is listed and the navigation links to it', async () => {
    const res = await manager.get('/reports');
    expect(res.status).toBe(200);
    expect(res.text).toContain('href="/reports"');
    expect(res.text).toContain('Interview vs 90-day review');
    expect(res.text).toContain('Interviewer calibration');
  });

  it('when the manager opens the prediction report, then 12 reviewed hires, a correlation with its interval and a scatter plot per dimension show', async () => {
    const res = await manager.get('/reports/prediction');
    expect(res.status).toBe(200);
    expect(res.text).toContain('12 reviewed hires');
    // Panel means per score 1–4 are 1.5, 2.5, 3.5, 4 (Lenny 2,3,4,4; Hal 1,2,3,4) against the reviews:
    // Spearman 0.9050 and the seeded bootstrap interval 0.685 … 1.000 (scipy.stats.spearmanr and numpy.percentile
    // over the same 2,000 mulberry32 resamples). Every review was written by the manager who decided: 12 involved.
    expect(res.text).toMatch(/Discovery<\/th>\s*<td class="num">12<\/td>\s*<td class="num">12<\/td>\s*<td class="num nowrap">\+0\.91<\/td>\s*<td class="num nowrap">\+0\.68 … \+1\.00<\/td>/);
    expect(res.text).toContain('Strong link, higher scores, better reviews; the interval stays on one side of zero; small sample, read as a rough direction');
    // Ten rows (weighted and nine dimensions) have a figure: about 10 × 5 % = 0.5 look clear by chance.
    expect(res.text).toContain('10 rows have a figure; clear: 10. Testing this many at once, about 0.5 would look clear by chance alone');
    expect(res.text).toContain('Range restriction');
    expect((res.text.match(/class="scatter"/g) ?? []).length).toBeGreaterThan(4);
    expect(res.text).not.toContain('Hire 13');
  });

  it('when the manager exports the prediction CSV, then it holds the weighted score and each dimension with n, r and the interval', async () => {
    const res = await manager.get('/reports/prediction/csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = csvLines(res.text);
    expect(lines[0]).toBe('Interview score,Hires,Reviews by own interviewer or decider,Correlation (r),95 % interval (low),95 % interval (high),What it suggests,Corrected for range restriction (estimate)');
    const discovery = lines.find((l) => l.startsWith('Discovery,'))!;
    expect(discovery).toMatch(/^Discovery,12,12,0\.905,0\.685,1,/);
    // Weighted scores at decision 17, 50, 83, 100 rank as the panel means do: the same Spearman 0.905.
    expect(lines[1]).toMatch(/^Weighted score \(0–100\),12,12,0\.905,0\.685,1,/);
  });

  it('when every review was written by the manager who decided and the manager excludes them, then nothing is left and the page says why', async () => {
    const res = await manager.get('/reports/prediction?exclude=involved');
    expect(res.status).toBe(200);
    expect(res.text).toContain('12 reviews left out: written by the hire’s own interviewer or decider.');
    expect(res.text).toContain('Every review was written by a hire’s own interviewer or decider: none is left to compare.');
    expect(res.text).not.toContain('No reviewed hires yet.');
    expect(res.text).toContain('value="involved" checked');
  });

  it('when another manager opens the prediction report, then their single hire reads too few to tell and none of Maria’s hires count', async () => {
    const res = await otherManager.get('/reports/prediction');
    expect(res.text).toContain('1 reviewed hire<');
    expect(res.text).toContain('Too few hires to tell (1 of 10 needed)');
  });

  it('when the admin opens the calibration report, then the lenient and the harsh interviewer are told apart against the rest of the panel', async () => {
    const res = await admin.get('/reports/calibration');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/Lenny Lenient<\/th>\s*<td class="num">12<\/td>/);
    expect(res.text).toMatch(/Lenny Lenient[\s\S]*?lean-lenient/);
    expect(res.text).toMatch(/Hal Harsh<\/th>\s*<td class="num">13<\/td>[\s\S]*?lean-harsh/);
    expect(res.text).toContain('role="img"');
  });

  it('when the manager exports the calibration CSV, then only scorecards on their openings are counted', async () => {
    const lines = csvLines((await manager.get('/reports/calibration/csv')).text);
    expect(lines[0]!.startsWith('Interviewer,Scorecards,')).toBe(true);
    expect(lines.find((l) => l.startsWith('Hal Harsh,'))).toMatch(/^Hal Harsh,12,/);
    expect(lines.find((l) => l.startsWith('Lenny Lenient,'))).toMatch(/,Lenient,/);
  });

  it('when the manager opens the sources report, then referrals and outbound sourcing show their candidates, hires, score at decision and 90-day reviews', async () => {
    const res = await manager.get('/reports/sources');
    expect(res.status).toBe(200);
    // Referrals: hires 1, 4, 7, 10 reviewed 1, 4, 3, 2 → mean 2.5; outbound: the other eight, reviews summing to 21 → 2.6.
    expect(res.text).toMatch(/Referral<\/th>\s*<td class="num">4<\/td>\s*<td class="num">4<\/td>/);
    expect(res.text).toContain('2.5 (4 reviewed)');
    expect(res.text).toContain('2.6 (8 reviewed)');
    expect(res.text).toMatch(/Agency<\/th>\s*<td class="num">0<\/td>/);
    const lines = csvLines((await manager.get('/reports/sources/csv')).text);
    expect(lines[0]).toMatch(/^Source,Candidates,Applications,Reached .*,Hires,Hire rate,Score at decision,90-day review,90-day review \(n\)$/);
    // Scores at decision: referrals 17, 100, 83, 50 and outbound 50, 83, 17, 50, 100, 17, 83, 100 both average 62.5.
    expect(lines.find((l) => l.startsWith('Referral,'))).toMatch(/,4,1,62\.5,2\.5,4$/);
    expect(lines.find((l) => l.startsWith('Outbound sourcing,'))).toMatch(/^Outbound sourcing,8,8,.*,8,1,62\.5,2\.63,8$/);
  });

  it('when the manager opens the pipeline, then their opening shows its applications, decisions and hires, and another manager’s opening does not', async () => {
    const res = await manager.get('/reports/pipeline');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/AE reports<\/th>\s*<td>Account Executive<\/td>\s*<td class="num">12<\/td>/);
    expect(res.text).toMatch(/<td class="num">12<\/td>\s*<td class="num">12<\/td>\s*<\/tr>/);
    expect(res.text).not.toContain('Elsewhere');
    const lines = csvLines((await manager.get('/reports/pipeline/csv')).text);
    expect(lines[0]!.startsWith('Opening,Role,Applications,')).toBe(true);
    expect(lines.find((l) => l.startsWith('AE reports,'))).toMatch(/,12,12$/);
  });

  it('when the pipeline is filtered to a period without applications or given a bad date, then it says so next to the field and shows no 500', async () => {
    const empty = await manager.get('/reports/pipeline?from=2001-01-01&to=2001-12-31');
    expect(empty.status).toBe(200);
    expect(empty.text).toContain('No applications in this period.');
    expect(empty.text).toContain('value="2001-01-01"');
    const bad = await manager.get('/reports/pipeline?from=2024-13-45');
    expect(bad.status).toBe(200);
    expect(bad.text).toContain('Enter a date as YYYY-MM-DD.');
    expect(bad.text).toContain('AE reports');
    // Years outside 1000–9998 are refused too (the range is split into months of four-digit years).
    for (const query of ['from=9999-12-15', 'to=0099-12-31']) {
      const odd = await manager.get(`/reports/pipeline?${query}`);
      expect(odd.status).toBe(200);
      expect(odd.text).toContain('Enter a date as YYYY-MM-DD.');
      expect(odd.text).toMatch(/AE reports<\/th>\s*<td>Account Executive<\/td>\s*<td class="num">12<\/td>/);
    }
  });

  it('when the manager opens the onboarding report, then their plans show as late, on track and complete, with medians and the overdue task', async () => {
    const res = await manager.get('/reports/onboarding');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/On track<\/th><td class="num">10<\/td>/);
    expect(res.text).toMatch(/Late<\/th><td class="num">1<\/td>/);
    expect(res.text).toMatch(/Complete<\/th><td class="num">1<\/td>/);
    // Started 2026-01-05, complete 2026-01-16: 11 days; product track finished 2026-01-15: 10 days.
    expect(res.text).toMatch(/Account Executive<\/th><td class="num">12<\/td><td class="num">1<\/td><td class="num">11<\/td>/);
    expect(res.text).toMatch(/Product immersion<\/th><td class="num">1<\/td><td class="num">1<\/td><td class="num">10<\/td>/);
    expect(res.text).toMatch(/Call three customers<\/th><td class="num">1<\/td>/);
    expect(res.text).not.toMatch(/Meet the founders<\/th>/);
    const lines = csvLines((await manager.get('/reports/onboarding/csv')).text);
    expect(lines).toContain('Late,1');
    expect(lines).toContain('Call three customers,1,1');
    // The other manager sees only their own plan.
    expect((await otherManager.get('/reports/onboarding')).text).toMatch(/On track<\/th><td class="num">1<\/td>/);
  });

  it('when the manager reads the reports in Russian, then the prediction report, its numbers and its CSV are in Russian', async () => {
    const agent = await signIn(ctx().app, (await createUser(ctx().db, 'admin')).email);
    await agent.post('/language').type('form').send({ _csrf: await csrfToken(agent, '/'), language: 'ru', return_to: '/' });
    const res = await agent.get('/reports/prediction');
    expect(res.text).toContain('Предсказывает ли интервью успех?');
    expect(res.text).toMatch(/<td class="num nowrap">[+−]0,\d\d<\/td>/);
    expect(res.text).toContain('Ограничение диапазона');
    expect(csvLines((await agent.get('/reports/prediction/csv')).text)[0]).toContain('Корреляция (r)');
    expect((await agent.get('/reports/onboarding')).text).toContain('Чаще всего просроченные задачи');
  });

  it('when someone without reports opens them, then an interviewer and a new hire get 403 and an unknown report 404', async () => {
    const interviewer = (await signInAs(ctx().app, ctx().db, 'interviewer')).agent;
    const newHire = (await signInAs(ctx().app, ctx().db, 'new_hire')).agent;
    expect((await interviewer.get('/reports')).status).toBe(403);
    expect((await interviewer.get('/reports/prediction/csv')).status).toBe(403);
    expect((await newHire.get('/reports/calibration')).status).toBe(403);
    expect((await manager.get('/reports/nonsense')).status).toBe(404);
    expect((await interviewer.get('/')).text).not.toContain('href="/reports"');
  });
});

describeEachDialect('reports with no data', (ctx: () => TestContext) => {
  it('when nothing has been recorded, then each report explains what data it needs and offers no export', async () => {
    const { agent } = await signInAs(ctx().app, ctx().db, 'admin');
    const prediction = await agent.get('/reports/prediction');
    expect(prediction.text).toContain('No reviewed hires yet.');
    expect(prediction.text).not.toContain('Whose reviews count');
    expect(prediction.text).not.toContain('Export CSV');
    expect((await agent.get('/reports/calibration')).text).toContain('No submitted scorecards yet.');
    expect((await agent.get('/reports/sources')).text).toContain('No applications yet.');
    expect((await agent.get('/reports/pipeline')).text).toContain('No applications in this period.');
    expect((await agent.get('/reports/onboarding')).text).toContain('No onboarding plans yet.');
  });
});
