import { CompiledQuery } from 'kysely';
import { ratingAggregatesQuery } from '../../../src/comparison/comparison.repository';
import { saveScorecard } from '../../../src/interviews/interviews.repository';
import type { ScorecardContent } from '../../../src/interviews/scorecard';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { makeInterview, makeOpening } from '../../helpers/hiring';
import { type Agent, createUser, csrfToken, signIn } from '../../helpers/web';

const CORE = ['integrity', 'culture_mission', 'sales_dna', 'process_focus'];

function content(ratings: Record<string, number | null>, recommendation: ScorecardContent['recommendation'] = 'yes'): ScorecardContent {
  return { ratings: Object.entries(ratings).map(([key, rating]) => ({ key, rating, evidence: `evidence for ${key}` })), keyTakeaways: '', recommendation };
}

describeEachDialect('comparison, scorecard summary and decisions', (ctx: () => TestContext) => {
  let manager: Agent;
  let managerId: number;
  let opening: Awaited<ReturnType<typeof makeOpening>>;
  let strong: { applicationId: number };
  let lowIntegrity: { applicationId: number };
  let thin: { applicationId: number };
  let panel: { id: number }[];

  async function scored(ratingsA: Record<string, number | null>, ratingsB: Record<string, number | null> | null, name: string) {
    const ids = ratingsB ? [panel[0]!.id, panel[1]!.id] : [panel[0]!.id];
    const interview = await makeInterview(ctx().db, opening.id, ids);
    await ctx().db.updateTable('candidates').set({ name, name_lower: name.toLowerCase() }).where('id', '=', interview.candidateId).execute();
    const base = { interviewId: interview.interviewId, applicationId: interview.applicationId, rubricId: 0, rubricVersion: 1, status: 'submitted' as const };
    const rubricId = (await ctx().db.selectFrom('openings').select('rubric_id').where('id', '=', opening.id).executeTakeFirstOrThrow()).rubric_id;
    await saveScorecard(ctx().db, { ...base, rubricId, interviewerId: panel[0]!.id, content: content(ratingsA, 'strong_yes') }, new Date());
    if (ratingsB) await saveScorecard(ctx().db, { ...base, rubricId, interviewerId: panel[1]!.id, content: content(ratingsB, 'no') }, new Date());
    return interview;
  }

  beforeAll(async () => {
    const m = await createUser(ctx().db, 'hiring_manager', { name: 'Maria Manager' });
    managerId = m.id;
    manager = await signIn(ctx().app, m.email);
    opening = await makeOpening(ctx().db, { roleKey: 'ae', hiringManagerId: m.id, title: 'AE compare' });
    panel = [await createUser(ctx().db, 'interviewer', { name: 'Pat Panel' }), await createUser(ctx().db, 'interviewer', { name: 'Quinn Panel' })];
    const all = (v: number) => Object.fromEntries([...CORE, 'discovery', 'closing_negotiation', 'pipeline_discipline', 'handoff_to_farmers'].map((k) => [k, v]));
    strong = await scored(all(4), all(3), 'Alice Strong');
    lowIntegrity = await scored({ ...all(4), integrity: 2 }, { ...all(4), integrity: 1 }, 'Bob Slick');
    thin = await scored({ integrity: 3, sales_dna: 1 }, null, 'Cara Thin');
  });

  it('when the hiring manager opens the comparison, then each candidate shows the weighted total, dimension means with spread, and flags', async () => {
    const page = await manager.get(`/openings/${opening.id}/compare`);
    expect(page.status).toBe(200);
    const text = page.text.slice(page.text.indexOf('<table class="compare-grid"'));
    // Bob has the higher total but fails integrity: he leads the sort and still carries "Below bar".
    expect(text.indexOf('Bob Slick')).toBeLessThan(text.indexOf('Alice Strong'));
    expect(text).toContain('Below bar');
    // Later stages of the plan are still ahead: progress stands in for "low confidence".
    expect(text).toMatch(/1 of \d+ stages/);
    expect(text).not.toContain('badge flag flag-low_confidence');
    expect(text).toMatch(/<strong>3\.5<\/strong><\/a>\s*<small class="muted">±1 · n=2<\/small>/);
    expect(text).toContain('<svg');
    expect(text).toContain('<polygon');
    expect(text).not.toContain('<script');
  });

  it('when the grid reads rating aggregates, then an index holds what they need (SQLite uses it without reading each rating row)', async () => {
    if (ctx().dialect === 'postgres') {
      const { rows } = await ctx().db.executeQuery<{ indexdef: string }>(CompiledQuery.raw(`select indexdef from pg_indexes where indexname = 'scorecard_ratings_aggregate_idx' and schemaname = current_schema()`));
      expect(rows[0]?.indexdef).toMatch(/\(scorecard_id, dimension_key, rating\)/);
      return;
    }
    const compiled = ratingAggregatesQuery(ctx().db, [strong.applicationId, thin.applicationId]).compile();
    const plan = await ctx().db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]));
    expect(plan.rows.map((r) => r.detail).join('\n')).toMatch(/USING COVERING INDEX scorecard_ratings_aggregate_idx/);
  });

  it('when sorted by a dimension or filtered to chosen candidates, then the grid follows', async () => {
    const page = await manager.get(`/openings/${opening.id}/compare?sort=dim:integrity`);
    const grid = page.text.slice(page.text.indexOf('<table class="compare-grid"'));
    expect(grid.indexOf('Alice Strong')).toBeLessThan(grid.indexOf('Cara Thin'));
    expect(grid.indexOf('Cara Thin')).toBeLessThan(grid.indexOf('Bob Slick'));
    const chosen = await manager.get(`/openings/${opening.id}/compare?ids=${thin.applicationId}&ids=${lowIntegrity.applicationId}`);
    expect(chosen.text).toContain('href="/applications/' + thin.applicationId + '/summary"');
    expect(chosen.text).not.toContain('href="/applications/' + strong.applicationId + '/summary"');
    const print = await manager.get(`/openings/${opening.id}/compare?view=print`);
    expect(print.text).not.toContain('aria-label="Main"');
  });

  it('when the grid is exported, then the CSV has one row per candidate with means, counts and flags, formulas neutralised', async () => {
    await ctx().db.updateTable('candidates').set({ name: '=HYPERLINK("x")' }).where('name', '=', 'Cara Thin').execute();
    const res = await manager.get(`/openings/${opening.id}/compare/csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="compare-/);
    const lines = res.text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('Weighted score');
    // Every rated dimension averages 3.5: (3.5 − 1) / 3 = 0.833 → 83; track record was not rated.
    expect(lines.find((l) => l.startsWith('Alice Strong'))).toContain(',83,3.5,');
    expect(lines.find((l) => l.startsWith('Bob Slick'))).toContain('Below bar');
    expect(lines.some((l) => l.startsWith(`"'=HYPERLINK(""x"")"`))).toBe(true);
    await ctx().db.updateTable('candidates').set({ name: 'Cara Thin' }).where('name', '=', '=HYPERLINK("x")').execute();
  });

  it('when the summary is opened, then it shows who said what and where interviewers agree, are mixed or missing', async () => {
    const page = await manager.get(`/applications/${thin.applicationId}/summary`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Pat Panel');
    expect(page.text).toContain('evidence for sales_dna');
    expect(page.text).toContain('Missing');
    const mixed = await manager.get(`/applications/${lowIntegrity.applicationId}/summary`);
    expect(mixed.text).toContain('Agree');
  });

  it('when hiring a flagged candidate without acknowledging each flag, then it is refused; with reasons it is recorded and the application is hired', async () => {
    const token = await csrfToken(manager, `/applications/${lowIntegrity.applicationId}/summary`);
    const refused = await manager.post(`/applications/${lowIntegrity.applicationId}/decision`).type('form').send({ _csrf: token, decision: 'hire', rationale: 'Great closer' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Write why you hire despite this flag.');
    expect(refused.text).toContain('Great closer');
    expect((await ctx().db.selectFrom('applications').select('status').where('id', '=', lowIntegrity.applicationId).executeTakeFirstOrThrow()).status).toBe('active');

    const ok = await manager.post(`/applications/${lowIntegrity.applicationId}/decision`).type('form').send({ _csrf: token, decision: 'hire', rationale: 'Great closer', ack_below_bar: 'References contradicted the integrity concern' });
    expect(ok.status).toBe(303);
    expect((await ctx().db.selectFrom('applications').select('status').where('id', '=', lowIntegrity.applicationId).executeTakeFirstOrThrow()).status).toBe('hired');
    const decision = await ctx().db.selectFrom('decisions').selectAll().where('application_id', '=', lowIntegrity.applicationId).executeTakeFirstOrThrow();
    expect(JSON.parse(decision.acknowledgements)).toEqual({ below_bar: 'References contradicted the integrity concern' });
    expect(JSON.parse(decision.flags)).toContain('below_bar');
    const history = await manager.get(`/applications/${lowIntegrity.applicationId}`);
    expect(history.text).toContain('decision: Hired');
    const summary = await manager.get(`/applications/${lowIntegrity.applicationId}/summary`);
    const handOff = /href="(\/onboarding\/plans\/new\?[^"]+)"/.exec(summary.text)?.[1]?.replace(/&amp;/g, '&');
    expect(handOff).toContain('hire_name=Bob%20Slick');
    const planForm = await manager.get(handOff!);
    expect(planForm.status).toBe(200);
    expect(planForm.text).toContain('value="Bob Slick"');
    const again = await manager.post(`/applications/${lowIntegrity.applicationId}/decision`).type('form').send({ _csrf: token, decision: 'no_hire', rationale: 'changed my mind' });
    expect(again.status).toBe(303);
    expect((await ctx().db.selectFrom('decisions').select('decision').where('application_id', '=', lowIntegrity.applicationId).executeTakeFirstOrThrow()).decision).toBe('hire');
  });

  it('when a candidate without serious flags is not hired, then the application is rejected with the rationale', async () => {
    const token = await csrfToken(manager, `/applications/${strong.applicationId}/summary`);
    const res = await manager.post(`/applications/${strong.applicationId}/decision`).type('form').send({ _csrf: token, decision: 'no_hire', rationale: 'Headcount filled' });
    expect(res.status).toBe(303);
    const row = await ctx().db.selectFrom('applications').select(['status', 'status_reason']).where('id', '=', strong.applicationId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'rejected', status_reason: 'Headcount filled' });
  });

  it('when others ask, then only the opening’s hiring manager or an admin decides, and the comparison is not shown outside the opening', async () => {
    const other = await signIn(ctx().app, (await createUser(ctx().db, 'hiring_manager')).email);
    expect((await other.get(`/openings/${opening.id}/compare`)).status).toBe(404);
    expect((await other.get(`/openings/${opening.id}/compare/csv`)).status).toBe(404);
    expect((await other.get(`/applications/${thin.applicationId}/summary`)).status).toBe(404);
    const token = await csrfToken(other, '/');
    expect((await other.post(`/applications/${thin.applicationId}/decision`).type('form').send({ _csrf: token, decision: 'no_hire', rationale: 'x' })).status).toBe(404);
    const recruiter = await signIn(ctx().app, (await createUser(ctx().db, 'recruiter')).email);
    expect((await recruiter.get(`/openings/${opening.id}/compare`)).status).toBe(200);
    const rToken = await csrfToken(recruiter, '/');
    expect((await recruiter.post(`/applications/${thin.applicationId}/decision`).type('form').send({ _csrf: rToken, decision: 'no_hire', rationale: 'x' })).status).toBe(403);
    const interviewer = await signIn(ctx().app, (await ctx().db.selectFrom('users').select('email').where('id', '=', panel[0]!.id).executeTakeFirstOrThrow()).email);
    expect((await interviewer.get(`/openings/${opening.id}/compare`)).status).toBe(403);
    expect(managerId).toBeGreaterThan(0);
  });

  it('when the hiring manager also interviews a candidate and has not submitted, then that candidate’s scores are withheld on the page and in the CSV', async () => {
    const { applicationId, candidateId } = await makeInterview(ctx().db, opening.id, [panel[0]!.id, managerId]);
    await ctx().db.updateTable('candidates').set({ name: 'Dana Pending' }).where('id', '=', candidateId).execute();
    const rubricId = (await ctx().db.selectFrom('openings').select('rubric_id').where('id', '=', opening.id).executeTakeFirstOrThrow()).rubric_id;
    const interviewId = (await ctx().db.selectFrom('interviews').select('id').where('application_id', '=', applicationId).executeTakeFirstOrThrow()).id;
    await saveScorecard(ctx().db, { interviewId, applicationId, interviewerId: panel[0]!.id, rubricId, rubricVersion: 1, status: 'submitted', content: { ...content({ integrity: 4 }), keyTakeaways: 'PANEL-SECRET' } }, new Date());
    const page = await manager.get(`/openings/${opening.id}/compare`);
    expect(page.text).toContain('Hidden until you submit your own scorecard');
    const csv = await manager.get(`/openings/${opening.id}/compare/csv`);
    expect(csv.text).not.toContain('Dana Pending');
    const summary = await manager.get(`/applications/${applicationId}/summary`);
    expect(summary.text).not.toContain('evidence for integrity');
  });
});
