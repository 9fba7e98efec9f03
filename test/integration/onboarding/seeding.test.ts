import request from 'supertest';
import { listTemplates, listTemplateTasks } from '../../../src/onboarding/onboarding-templates.repository';
import { ensureRolesSeeded, seedRolesAndRubrics } from '../../../src/rubrics/seed-catalog';
import { putSetting } from '../../../src/settings/settings.repository';
import { createTestContext, testDialects, type TestContext } from '../../helpers/test-context';
import { createUser, csrfToken, STRONG_PASSWORD } from '../../helpers/web';

describe.each(testDialects())('onboarding templates are seeded wherever roles are [%s]', (dialect) => {
  let context: TestContext | undefined;
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  it('when setup is done in Russian, then every role gets its template in Russian', async () => {
    context = await createTestContext(dialect);
    const agent = request.agent(context.app);
    const token = await csrfToken(agent, '/setup');
    expect((await agent.post('/setup').type('form').send({ _csrf: token, name: 'Ада', email: 'ada@example.test', password: STRONG_PASSWORD, language: 'ru' })).status).toBe(303);
    const templates = await listTemplates(context.db, 'en');
    expect(templates.map((t) => t.roleKey)).toEqual(['sdr_outbound', 'sdr_inbound', 'ae', 'farmer', 'vp_sales']);
    const titles = (await listTemplateTasks(context.db, templates[0]!.id, null)).map((t) => t.title);
    expect(titles).toContain('Типы лидов: семена, сети и копья');
    expect(titles).toContain('Итоги 90 дней');
  });

  it('when an installation has roles but no templates, then start-up seeding adds them once and keeps edits', async () => {
    context = await createTestContext(dialect);
    const { db, clock } = context;
    await createUser(db, 'admin');
    await putSetting(db, 'company_language', 'en');
    await seedRolesAndRubrics(db, 'en', clock.now());
    expect(await listTemplates(db, 'en')).toEqual([]);
    await ensureRolesSeeded(db, clock.now());
    const templates = await listTemplates(db, 'en');
    expect(templates).toHaveLength(5);
    await db.deleteFrom('onboarding_template_tasks').where('template_id', '=', templates[0]!.id).execute();
    await ensureRolesSeeded(db, clock.now());
    expect((await listTemplates(db, 'en')).map((t) => t.taskCount)[0]).toBe(0);
  });

  it('when several instances start at once on one database, then each start-up seeding succeeds and every role gets one template', async () => {
    context = await createTestContext(dialect);
    const { db, clock } = context;
    await createUser(db, 'admin');
    await putSetting(db, 'company_language', 'en');
    await seedRolesAndRubrics(db, 'en', clock.now());
    const outcomes = await Promise.allSettled([0, 1, 2, 3].map(() => ensureRolesSeeded(db, clock.now())));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect((await listTemplates(db, 'en')).map((t) => t.roleKey)).toEqual(['sdr_outbound', 'sdr_inbound', 'ae', 'farmer', 'vp_sales']);
  });
});
