import request from 'supertest';
import { ROLES } from '../../../src/auth/permissions';
import { DemoNotEmptyError, seedDemo } from '../../../src/demo/demo';
import { getSetting } from '../../../src/settings/settings.repository';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { signIn } from '../../helpers/web';

describeEachDialect('demo company', (ctx: () => TestContext) => {
  it('when the database is empty, then one user of every role is created and each can sign in with the printed password', async () => {
    const accounts = await seedDemo(ctx().db, ctx().clock, 'ru');
    expect([...new Set(accounts.map((a) => a.role))].sort()).toEqual([...ROLES].sort());
    expect(await getSetting(ctx().db, 'company_language')).toBe('ru');
    for (const account of accounts) {
      const agent = await signIn(ctx().app, account.email, account.password);
      // New hires land on their checklist.
      const home = await agent.get(account.role === 'new_hire' ? '/onboarding' : '/');
      expect(home.status).toBe(200);
      expect(home.text).toContain(account.name);
    }
    expect((await request(ctx().app).get('/setup')).status).toBe(404);

    const openings = await ctx().db.selectFrom('openings').innerJoin('sales_roles', 'sales_roles.id', 'openings.role_id').select('sales_roles.key').execute();
    // Three open openings and last year's two closed ones (the reports' history).
    expect(openings.map((o) => o.key).sort()).toEqual(['ae', 'ae', 'sdr_outbound', 'sdr_outbound', 'vp_sales']);
    const candidates = await ctx().db.selectFrom('candidates').select('id').execute();
    expect(candidates.length).toBeGreaterThanOrEqual(20);
    // The careers page shows two of them, in the demo's language.
    const jobs = await request(ctx().app).get('/jobs?lang=ru');
    expect(jobs.text).toContain('Менеджер по привлечению клиентов (SDR, исходящие)');
    expect(jobs.text).toContain('Account Executive, средний бизнес');
    const posting = await request(ctx().app).get('/jobs/sdr-iskhodyashchie-berlin?lang=ru');
    expect(posting.status).toBe(200);
    expect(posting.text).toContain('<h2>Чем предстоит заниматься</h2>');
    // Every demo candidate is in the search index: nothing waits to be indexed.
    expect(await ctx().db.selectFrom('candidate_search_stale').select('candidate_id').execute()).toEqual([]);
    const statuses = (await ctx().db.selectFrom('scorecards').select('status').execute()).map((s) => s.status);
    expect(statuses).toContain('submitted');
    expect(statuses).toContain('draft');
    const interviewer = accounts.find((a) => a.role === 'interviewer')!;
    const agent = await signIn(ctx().app, interviewer.email, interviewer.password);
    expect((await agent.get('/interviews')).text).toContain('/interviews/');

    // Everyone finds something on their home page.
    const homeOf = async (role: string) => {
      const account = accounts.find((a) => a.role === role)!;
      return (await (await signIn(ctx().app, account.email, account.password)).get(role === 'new_hire' ? '/onboarding' : '/')).text;
    };
    const section = (page: string, id: string) => page.slice(page.indexOf(`id="${id}"`), page.indexOf('</section>', page.indexOf(`id="${id}"`)));
    for (const role of ['interviewer', 'hiring_manager', 'recruiter', 'admin']) {
      const home = await homeOf(role);
      expect(section(home, 'next-heading')).toContain('href="/interviews/');
      expect(section(home, 'owed-heading')).toContain('href="/interviews/');
    }
    expect(section(await homeOf('hiring_manager'), 'ready-heading')).toContain('/summary"');
    expect(section(await homeOf('recruiter'), 'overdue-heading')).toContain('/remind"');
    expect(await homeOf('new_hire')).toMatch(/class="[^"]*task/);
  });

  it('when the demo is seeded, then at least 12 hires have a 90-day review linked to their application, with varied scores and ratings', async () => {
    const reviewed = await ctx()
      .db.selectFrom('onboarding_plans')
      .innerJoin('decisions', 'decisions.application_id', 'onboarding_plans.application_id')
      .select(['onboarding_plans.review_rating', 'decisions.weighted_score', 'decisions.decision'])
      .where('onboarding_plans.review_rating', 'is not', null)
      .execute();
    expect(reviewed.length).toBeGreaterThanOrEqual(12);
    expect(reviewed.every((r) => r.decision === 'hire')).toBe(true);
    expect(new Set(reviewed.map((r) => Number(r.review_rating))).size).toBeGreaterThanOrEqual(3);
    expect(new Set(reviewed.map((r) => r.weighted_score)).size).toBeGreaterThanOrEqual(5);
    const sources = await ctx().db.selectFrom('candidates').select('source').distinct().execute();
    expect(sources.length).toBe(5);
  });

  it('when the database already has users, then the demo refuses and adds nothing', async () => {
    const before = await ctx().db.selectFrom('users').select('id').execute();
    await expect(seedDemo(ctx().db, ctx().clock)).rejects.toBeInstanceOf(DemoNotEmptyError);
    expect(await ctx().db.selectFrom('users').select('id').execute()).toHaveLength(before.length);
  });
});
