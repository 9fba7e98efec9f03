import { listRubrics } from '../../../src/rubrics/rubrics.repository';
import { insertVersion, findVersionDimensions } from '../../../src/rubrics/rubrics.repository';
import { listStages } from '../../../src/openings/openings.repository';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { ensureCatalog, makeInterview, makeOpening } from '../../helpers/hiring';
import { type Agent, createUser, csrfToken, signIn, signInAs } from '../../helpers/web';

describeEachDialect('openings and interview plans', (ctx: () => TestContext) => {
  let recruiter: Agent;
  let token: string;
  let manager: { id: number; email: string };

  beforeAll(async () => {
    await ensureCatalog(ctx().db);
    recruiter = (await signInAs(ctx().app, ctx().db, 'recruiter')).agent;
    token = await csrfToken(recruiter, '/openings/new');
    manager = await createUser(ctx().db, 'hiring_manager', { name: 'Maria Manager' });
  });

  it('when a recruiter creates a VP Sales opening, then it pins the current rubric version, prefills the pay plan and gets the VP interview plan', async () => {
    const vpRole = (await ctx().db.selectFrom('sales_roles').select(['id', 'pay_model']).where('key', '=', 'vp_sales').executeTakeFirstOrThrow());
    const res = await recruiter.post('/openings').type('form').send({ _csrf: token, title: 'VP Sales EMEA', role_id: String(vpRole.id), hiring_manager_id: String(manager.id), headcount: '1', status: 'open', pay_plan: '' });
    expect(res.status).toBe(303);
    const id = Number(/\/openings\/(\d+)/.exec(String(res.headers.location))![1]);
    const opening = await ctx().db.selectFrom('openings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(opening).toMatchObject({ rubric_version: 1, pay_plan: vpRole.pay_model, hiring_manager_id: manager.id });
    const stages = await listStages(ctx().db, id, 'en');
    expect(stages.map((s) => s.name)).toEqual(['Recruiter screen', 'Management deep-dive', 'Case: building the team', 'Pipeline and forecast review', 'Culture and integrity interview', 'Reference check']);
    expect(stages[1]!.interviewerIds).toEqual([manager.id]);
    const plan = await recruiter.get(`/openings/${id}/plan`);
    expect(plan.text).toContain('Every rubric dimension is assessed by at least one stage.');
  });

  it('when the opening form is wrong, then messages sit by the fields, values stay and nothing is saved', async () => {
    const before = await ctx().db.selectFrom('openings').select('id').execute();
    const res = await recruiter.post('/openings').type('form').send({ _csrf: token, title: '', role_id: '999', hiring_manager_id: '', headcount: '0', status: 'open', pay_plan: 'Typed pay plan' });
    expect(res.status).toBe(422);
    for (const message of ['Please fill this in.', 'Choose one of the sales roles.', 'Choose a hiring manager', 'Enter a whole number from 1 to 100.']) expect(res.text).toContain(message);
    expect(res.text).toContain('Typed pay plan');
    expect(await ctx().db.selectFrom('openings').select('id').execute()).toHaveLength(before.length);
  });

  it('when the plan leaves a dimension uncovered or a stage without focus, then the plan page warns', async () => {
    const opening = await makeOpening(ctx().db, { roleKey: 'ae', hiringManagerId: manager.id });
    const form: Record<string, string | string[]> = { _csrf: token, count: String(opening.stages.length), action: 'save' };
    opening.stages.forEach((s, i) => {
      form[`s${i}_id`] = String(s.id);
      form[`s${i}_name`] = s.name;
      form[`s${i}_focus`] = s.focus.filter((k) => k !== 'discovery');
    });
    form.s0_focus = [];
    const res = await recruiter.post(`/openings/${opening.id}/plan`).type('form').send(form);
    expect(res.status).toBe(303);
    const page = await recruiter.get(`/openings/${opening.id}/plan`);
    expect(page.text).toContain('No stage assesses:');
    expect(page.text).toContain('Discovery');
    expect(page.text).toContain('Stages without a focus dimension:');
    expect(page.text).toContain('Recruiter screen');
  });

  it('when the reference check is renamed in the plan form and a new stage is marked as one, then both keep the kind the form carries', async () => {
    const opening = await makeOpening(ctx().db, { roleKey: 'sdr_outbound', hiringManagerId: manager.id });
    const last = opening.stages.length - 1;
    const page = await recruiter.get(`/openings/${opening.id}/plan`);
    expect(page.text).toMatch(new RegExp(`<select id="s${last}_kind" name="s${last}_kind"[^>]*>\\s*<option value="">Other</option>\\s*<option value="reference_check" selected>Reference check</option>`));
    expect(page.text).toMatch(/<select id="s0_kind" name="s0_kind"[^>]*>\s*<option value="" selected>Other<\/option>/);
    const form: Record<string, string | string[]> = { _csrf: token, count: String(opening.stages.length + 1), action: 'save' };
    opening.stages.forEach((s, i) => {
      form[`s${i}_id`] = String(s.id);
      form[`s${i}_name`] = i === last ? 'Calls to former managers' : s.name;
      form[`s${i}_focus`] = s.focus;
      form[`s${i}_kind`] = s.kind ?? '';
    });
    form[`s${last + 1}_name`] = 'Second reference';
    form[`s${last + 1}_kind`] = 'reference_check';
    form.s0_kind = 'not_a_kind';
    expect((await recruiter.post(`/openings/${opening.id}/plan`).type('form').send(form)).status).toBe(303);
    const saved = await listStages(ctx().db, opening.id, 'en');
    expect(saved.map((s) => [s.name, s.kind]).slice(last)).toEqual([['Calls to former managers', 'reference_check'], ['Second reference', 'reference_check']]);
    // An unknown kind is "other".
    expect(saved[0]!.kind).toBeNull();
  });

  it('when a stage with interviews is removed from the plan, then it is refused', async () => {
    const opening = await makeOpening(ctx().db, { roleKey: 'ae', hiringManagerId: manager.id });
    const interviewer = await createUser(ctx().db, 'interviewer');
    await makeInterview(ctx().db, opening.id, [interviewer.id], 1);
    const form: Record<string, string | string[]> = { _csrf: token, count: String(opening.stages.length), action: 'save' };
    opening.stages.forEach((s, i) => {
      form[`s${i}_id`] = String(s.id);
      form[`s${i}_name`] = s.name;
      form[`s${i}_focus`] = s.focus;
    });
    form.s1_remove = 'on';
    const res = await recruiter.post(`/openings/${opening.id}/plan`).type('form').send(form);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Interviews were held at this stage');
    expect(await listStages(ctx().db, opening.id, 'en')).toHaveLength(opening.stages.length);
  });

  it('when the rubric gets a new version, then an opening moves to it only while nothing is scored', async () => {
    const opening = await makeOpening(ctx().db, { roleKey: 'farmer', hiringManagerId: manager.id });
    const rubric = (await listRubrics(ctx().db, 'en')).find((r) => r.roleKey === 'farmer')!;
    const dims = (await findVersionDimensions(ctx().db, rubric.id, rubric.currentVersion, 'en'))!;
    await insertVersion(ctx().db, rubric.id, rubric.currentVersion + 1, dims.map((d) => ({ ...d, weight: d.weight + 0.5 })), { note: null, createdBy: null }, new Date());
    const moved = await recruiter.post(`/openings/${opening.id}/rubric-version`).type('form').send({ _csrf: token });
    expect(moved.status).toBe(303);
    expect((await ctx().db.selectFrom('openings').select('rubric_version').where('id', '=', opening.id).executeTakeFirstOrThrow()).rubric_version).toBe(rubric.currentVersion + 1);

    const other = await makeOpening(ctx().db, { roleKey: 'farmer', hiringManagerId: manager.id });
    await insertVersion(ctx().db, rubric.id, rubric.currentVersion + 2, dims, { note: null, createdBy: null }, new Date());
    const interviewer = await createUser(ctx().db, 'interviewer');
    const { interviewId } = await makeInterview(ctx().db, other.id, [interviewer.id]);
    const agent = await signIn(ctx().app, interviewer.email);
    const t2 = await csrfToken(agent, `/interviews/${interviewId}`);
    expect((await agent.post(`/interviews/${interviewId}/scorecard`).type('form').send({ _csrf: t2, action: 'draft', key_takeaways: 'started' })).status).toBe(303);
    const refused = await recruiter.post(`/openings/${other.id}/rubric-version`).type('form').send({ _csrf: token });
    expect(refused.status).toBe(303);
    const page = await recruiter.get(`/openings/${other.id}`);
    expect(page.text).toContain('cannot change any more');
    expect((await ctx().db.selectFrom('openings').select('rubric_version').where('id', '=', other.id).executeTakeFirstOrThrow()).rubric_version).toBe(rubric.currentVersion + 1);
  });

  it('when hiring managers list openings, then each sees only their own; another manager’s opening does not exist for them', async () => {
    const mine = await makeOpening(ctx().db, { roleKey: 'sdr_inbound', hiringManagerId: manager.id, title: 'Mine inbound' });
    const theirs = await makeOpening(ctx().db, { roleKey: 'sdr_inbound', title: 'Theirs inbound' });
    const agent = await signIn(ctx().app, manager.email);
    const list = await agent.get('/openings');
    expect(list.text).toContain('Mine inbound');
    expect(list.text).not.toContain('Theirs inbound');
    expect((await agent.get(`/openings/${theirs.id}`)).status).toBe(404);
    expect((await agent.get(`/openings/${theirs.id}/plan`)).status).toBe(404);
    expect((await agent.get(`/openings/${mine.id}/plan`)).status).toBe(200);
    const t3 = await csrfToken(agent, '/openings');
    expect((await agent.post(`/openings/${mine.id}/plan`).type('form').send({ _csrf: t3, count: '0' })).status).toBe(403);
  });
});
