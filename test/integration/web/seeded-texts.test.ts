import request from 'supertest';
import { down as dropSeedKeys, up as addSeedKeys } from '../../../src/db/migrations/0020-seed-keys';
import { CATALOGS, type Language } from '../../../src/i18n/i18n';
import { seededDimension, seededRole, seededTask } from '../../../src/i18n/seeded-texts';
import { findRubric, findVersionDimensions } from '../../../src/rubrics/rubrics.repository';
import { saveRubricVersion } from '../../../src/rubrics/rubrics.use-cases';
import { addApplication } from '../../../src/candidates/applications.use-cases';
import { scheduleInterview } from '../../../src/interviews/interviews.use-cases';
import { listStages } from '../../../src/openings/openings.repository';
import { saveInterviewPlan } from '../../../src/openings/openings.use-cases';
import { makeCandidate, makeInterview, makeOpening } from '../../helpers/hiring';
import { createTestContext, testDialects, type TestContext } from '../../helpers/test-context';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { type Agent, createUser, csrfToken, STRONG_PASSWORD } from '../../helpers/web';

/** As EJS prints it with `<%= %>`. */
function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
}

describe.each(testDialects())('seeded texts follow the reader’s language until edited [%s]', (dialect) => {
  let context: TestContext | undefined;
  const ctx = () => context!;
  beforeEach(async () => {
    context = await createTestContext(dialect);
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  async function setUp(language: Language): Promise<{ agent: Agent; adminId: number }> {
    const agent = request.agent(ctx().app);
    const token = await csrfToken(agent, '/setup');
    const res = await agent.post('/setup').type('form').send({ _csrf: token, name: 'Ada Admin', email: 'ada@example.test', password: STRONG_PASSWORD, language, time_zone: 'UTC' });
    expect(res.status).toBe(303);
    const admin = await ctx().db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    return { agent, adminId: admin.id };
  }

  const viewIn = async (language: Language) => ctx().db.updateTable('users').set({ language }).execute();

  async function pages(agent: Agent, adminId: number) {
    const opening = await makeOpening(ctx().db, { roleKey: 'ae', hiringManagerId: adminId });
    const { interviewId, applicationId } = await makeInterview(ctx().db, opening.id, [adminId], 1);
    const ae = await ctx().db.selectFrom('sales_roles').select('id').where('key', '=', 'ae').executeTakeFirstOrThrow();
    const template = await ctx().db.selectFrom('onboarding_templates').select('id').where('role_id', '=', ae.id).executeTakeFirstOrThrow();
    return async () => ({
      kit: (await agent.get(`/interviews/${interviewId}`).expect(200)).text,
      csv: (await agent.get(`/openings/${opening.id}/compare/csv`).expect(200)).text,
      summary: (await agent.get(`/applications/${applicationId}/summary`).expect(200)).text,
      role: (await agent.get(`/roles/${ae.id}`).expect(200)).text,
      plan: (await agent.get(`/openings/${opening.id}/plan`).expect(200)).text,
      template: (await agent.get(`/onboarding/templates/${template.id}`).expect(200)).text,
    });
  }

  function expectIn(language: Language, seen: { kit: string; csv: string; summary: string; role: string; plan: string; template: string }) {
    const discovery = seededDimension('ae:discovery', language)!;
    expect(seen.csv).toContain(discovery.name);
    expect(seen.summary).toContain(html(seededDimension('ae:closing_negotiation', language)!.name));
    expect(seen.kit).toContain(html(discovery.anchors[0]));
    expect(seen.kit).toContain(html(discovery.questions[0]!));
    expect(seen.kit).toContain(html(CATALOGS[language]['stage.discoveryRolePlay']));
    expect(seen.role).toContain(html(seededRole('ae', language)!.summary));
    expect(seen.plan).toContain(html(CATALOGS[language]['stage.cultureIntegrity']));
    expect(seen.template).toContain(html(seededTask('ae:0', language)!.title));
  }

  it('when a company set up in English is viewed in Russian, then anchors, questions, stage names, role texts and onboarding tasks are Russian', async () => {
    const { agent, adminId } = await setUp('en');
    const read = await pages(agent, adminId);
    expectIn('en', await read());
    await viewIn('ru');
    const seen = await read();
    expectIn('ru', seen);
    expect(seen.kit).not.toContain(html(seededDimension('ae:discovery', 'en')!.anchors[0]));
    expect(seen.template).not.toContain(html(seededTask('ae:0', 'en')!.title));
  });

  it('when a company set up in Russian is viewed in English, then the same texts are English', async () => {
    const { agent, adminId } = await setUp('ru');
    const read = await pages(agent, adminId);
    expectIn('ru', await read());
    await viewIn('en');
    const seen = await read();
    expectIn('en', seen);
    expect(seen.role).not.toContain(html(seededRole('ae', 'ru')!.summary));
  });

  it('when an admin edits a role and a dimension, then the edited words show in both languages; saved unchanged, the rest still follows the reader', async () => {
    const { agent, adminId } = await setUp('en');
    const ae = await ctx().db.selectFrom('sales_roles').select('id').where('key', '=', 'ae').executeTakeFirstOrThrow();
    const farmer = await ctx().db.selectFrom('sales_roles').select('id').where('key', '=', 'farmer').executeTakeFirstOrThrow();
    const english = seededRole('ae', 'en')!;
    let token = await csrfToken(agent, `/roles/${ae.id}`);
    await agent.post(`/roles/${ae.id}`).type('form').send({ _csrf: token, name: 'Closer (our words)', summary: english.summary, hands_off_to: english.handsOffTo, pay_model: english.payModel }).expect(303);
    // Saved as shown, in Russian: still the seeded role.
    await viewIn('ru');
    const russianFarmer = seededRole('farmer', 'ru')!;
    token = await csrfToken(agent, `/roles/${farmer.id}`);
    await agent.post(`/roles/${farmer.id}`).type('form').send({ _csrf: token, name: russianFarmer.name, summary: russianFarmer.summary, hands_off_to: russianFarmer.handsOffTo, pay_model: russianFarmer.payModel }).expect(303);

    const rubricId = (await findRubric(ctx().db, (await ctx().db.selectFrom('rubrics').select('id').where('role_id', '=', ae.id).executeTakeFirstOrThrow()).id, 'ru'))!.id;
    const before = (await findVersionDimensions(ctx().db, rubricId, 1, 'ru'))!;
    const edited = before.map((d) => (d.key === 'discovery' ? { ...d, anchors: ['Our own first anchor', d.anchors[1], d.anchors[2], d.anchors[3]] as const } : d));
    expect(await saveRubricVersion(useCaseDeps(ctx().db), actingAs(adminId), { rubricId, baseVersion: 1, dimensions: edited, note: null, language: 'ru' })).toEqual({ kind: 'saved', version: 2 });

    for (const language of ['en', 'ru'] as const) {
      await viewIn(language);
      const role = (await agent.get(`/roles/${ae.id}`).expect(200)).text;
      expect(role).toContain('Closer (our words)');
      expect((await agent.get(`/roles/${farmer.id}`).expect(200)).text).toContain(html(seededRole('farmer', language)!.summary));
      const dimensions = (await findVersionDimensions(ctx().db, rubricId, 2, language))!;
      const discovery = dimensions.find((d) => d.key === 'discovery')!;
      expect(discovery.anchors[0]).toBe('Our own first anchor');
      // The edited dimension shows as saved (its other words in the editor's language); the others follow the reader.
      expect(discovery.anchors[1]).toBe(seededDimension('ae:discovery', 'ru')!.anchors[1]);
      expect(dimensions.find((d) => d.key === 'integrity')!.anchors[0]).toBe(seededDimension('ae:integrity', language)!.anchors[0]);
      const page = (await agent.get(`/rubrics/${rubricId}`).expect(200)).text;
      expect(page).toContain('Our own first anchor');
      expect(page).toContain(html(seededDimension('ae:integrity', language)!.anchors[0]));
    }
  });

  it('when an installation seeded before seed keys is migrated, then unedited rows get their keys in either language and edited ones do not', async () => {
    const { agent, adminId } = await setUp('ru');
    const opening = await makeOpening(ctx().db, { roleKey: 'ae', hiringManagerId: adminId });
    const { db } = ctx();
    await db.updateTable('sales_roles').set({ pay_model: 'Our own pay' }).where('key', '=', 'farmer').execute();
    await db.updateTable('interview_stages').set({ name: 'Our own screen' }).where('id', '=', opening.stages[0]!.id).execute();
    await dropSeedKeys(db);
    await addSeedKeys(db);

    const roles = await db.selectFrom('sales_roles').select(['key', 'seed_key']).orderBy('position').execute();
    expect(roles).toEqual([
      { key: 'sdr_outbound', seed_key: 'sdr_outbound' },
      { key: 'sdr_inbound', seed_key: 'sdr_inbound' },
      { key: 'ae', seed_key: 'ae' },
      { key: 'farmer', seed_key: null },
      { key: 'vp_sales', seed_key: 'vp_sales' },
    ]);
    // The opening was named in English (the helper's language), the catalogue in Russian: both are matched.
    const stages = await db.selectFrom('interview_stages').select(['seed_key']).where('opening_id', '=', opening.id).orderBy('position').execute();
    expect(stages.map((s) => s.seed_key)).toEqual([null, 'stage.discoveryRolePlay', 'stage.closingRolePlay', 'stage.pipelineExercise', 'stage.cultureIntegrity', 'stage.referenceCheck']);
    const unkeyed = await db.selectFrom('rubric_dimensions').select('id').where('seed_key', 'is', null).execute();
    expect(unkeyed).toEqual([]);
    const tasks = await db.selectFrom('onboarding_template_tasks').select('id').where('seed_key', 'is', null).execute();
    expect(tasks).toEqual([]);

    await viewIn('en');
    const plan = (await agent.get(`/openings/${opening.id}/plan`).expect(200)).text;
    expect(plan).toContain('Our own screen');
    expect(plan).toContain(html(CATALOGS.en['stage.cultureIntegrity']));
    expect((await agent.get('/roles').expect(200)).text).toContain(html(seededRole('vp_sales', 'en')!.name));
  });

  it('when setup is done in Russian from an English browser, then the first message is Russian', async () => {
    const agent = request.agent(ctx().app).set('Accept-Language', 'en');
    const token = await csrfToken(agent, '/setup');
    await agent.post('/setup').type('form').send({ _csrf: token, name: 'Ада', email: 'ada@example.test', password: STRONG_PASSWORD, language: 'ru', time_zone: 'UTC' }).expect(303);
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain(html(CATALOGS.ru['setup.done']));
    expect(home.text).not.toContain(html(CATALOGS.en['setup.done']));
  });

  it('when a message was written in one language and the reader switches before it shows, then it shows in the new language', async () => {
    const { agent } = await setUp('en');
    const ae = await ctx().db.selectFrom('sales_roles').select('id').where('key', '=', 'ae').executeTakeFirstOrThrow();
    const english = seededRole('ae', 'en')!;
    const token = await csrfToken(agent, `/roles/${ae.id}`);
    await agent.post(`/roles/${ae.id}`).type('form').send({ _csrf: token, name: english.name, summary: english.summary, hands_off_to: english.handsOffTo, pay_model: english.payModel }).expect(303);
    await viewIn('ru');
    const page = await agent.get(`/roles/${ae.id}`).expect(200);
    expect(page.text).toContain(html(CATALOGS.ru['roles.saved']));
    expect(page.text).not.toContain(html(CATALOGS.en['roles.saved']));
  });

  it('when an English company schedules an interview, then a Russian interviewer’s letter names the stage in Russian and an English one’s in English', async () => {
    const { adminId } = await setUp('en');
    const { db } = ctx();
    const olga = await createUser(db, 'interviewer', { name: 'Olga Orlova', email: 'olga@example.test' });
    await db.updateTable('users').set({ language: 'ru' }).where('id', '=', olga.id).execute();
    const bernd = await createUser(db, 'interviewer', { name: 'Bernd Berlin', email: 'bernd@example.test' });
    const opening = await makeOpening(db, { roleKey: 'ae', hiringManagerId: adminId });
    const applicationId = await addApplication(useCaseDeps(db), actingAs(adminId), await makeCandidate(db), opening.id);
    const startsAt = new Date(ctx().clock.now().getTime() + 86_400_000).toISOString();
    await scheduleInterview(useCaseDeps(db), actingAs(adminId), applicationId, { stageId: opening.stages[1]!.id, scheduledAt: startsAt, interviewerIds: [olga.id, bernd.id] });
    const letterTo = async (email: string) => db.selectFrom('outbox_messages').select(['subject', 'text_body']).where('recipient_email', '=', email).executeTakeFirstOrThrow();
    const russian = await letterTo('olga@example.test');
    expect(`${russian.subject}\n${russian.text_body}`).toContain(CATALOGS.ru['stage.discoveryRolePlay']);
    expect(russian.text_body).not.toContain(CATALOGS.en['stage.discoveryRolePlay']);
    const english = await letterTo('bernd@example.test');
    expect(`${english.subject}\n${english.text_body}`).toContain(CATALOGS.en['stage.discoveryRolePlay']);
  });

  it('when a plan is saved with one stage renamed, then that stage shows as written and the others keep following the reader', async () => {
    const { adminId } = await setUp('en');
    const { db } = ctx();
    const opening = await makeOpening(db, { roleKey: 'ae', hiringManagerId: adminId });
    const shown = await listStages(db, opening.id, 'ru');
    await saveInterviewPlan(useCaseDeps(db), actingAs(adminId), opening.id, shown.map((s, i) => ({ ...s, name: i === 0 ? 'Наш скрининг' : s.name })));
    const keys = await db.selectFrom('interview_stages').select('seed_key').where('opening_id', '=', opening.id).orderBy('position').execute();
    expect(keys.map((k) => k.seed_key)).toEqual([null, 'stage.discoveryRolePlay', 'stage.closingRolePlay', 'stage.pipelineExercise', 'stage.cultureIntegrity', 'stage.referenceCheck']);
    for (const language of ['en', 'ru'] as const) {
      const names = (await listStages(db, opening.id, language)).map((s) => s.name);
      expect(names[0]).toBe('Наш скрининг');
      expect(names[1]).toBe(CATALOGS[language]['stage.discoveryRolePlay']);
    }
  });
});
