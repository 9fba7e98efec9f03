import { findPlan, findPlanOfNewHire, listPlanTasks } from '../../../src/onboarding/onboarding.repository';
import { listTemplates, listTemplateTasks } from '../../../src/onboarding/onboarding-templates.repository';
import { seedDemo } from '../../../src/demo/demo';
import { DEFAULT_TEMPLATES } from '../../../src/onboarding/default-templates';
import { addDays } from '../../../src/onboarding/plan';
import { createTestContext, describeEachDialect, testDialects, type TestContext } from '../../helpers/test-context';
import { type Agent, createUser, csrfToken, signIn, signInAs } from '../../helpers/web';
import { markDone, postPlan, roleIdOf, seedCatalog, tasksOf, templateIdOf, today } from './helpers';

describeEachDialect('onboarding templates and plans', (ctx: () => TestContext) => {
  let admin: Agent;
  let recruiter: Agent;
  let manager: { agent: Agent; user: { id: number; name: string } };
  let otherManager: { agent: Agent; user: { id: number; name: string } };
  let sdrLead: { id: number; email: string; password: string };
  let aeRole: number;
  let sdrRole: number;

  beforeAll(async () => {
    await seedCatalog(ctx());
    admin = (await signInAs(ctx().app, ctx().db, 'admin')).agent;
    recruiter = (await signInAs(ctx().app, ctx().db, 'recruiter')).agent;
    manager = await signInAs(ctx().app, ctx().db, 'hiring_manager');
    otherManager = await signInAs(ctx().app, ctx().db, 'hiring_manager');
    sdrLead = await createUser(ctx().db, 'interviewer');
    aeRole = await roleIdOf(ctx().db, 'ae');
    sdrRole = await roleIdOf(ctx().db, 'sdr_outbound');
  });

  const planFields = (fields: Record<string, string>) => ({ hire_mode: 'existing', role_id: String(aeRole), start_date: today(ctx()), manager_id: String(manager.user.id), ...fields });

  it('when the catalog is seeded, then every sales role has its default template, in role order', async () => {
    const templates = await listTemplates(ctx().db, 'en');
    expect(templates.map((t) => [t.roleKey, t.taskCount])).toEqual(Object.entries(DEFAULT_TEMPLATES).map(([key, tasks]) => [key, tasks.length]));
    const page = await manager.agent.get('/onboarding/templates');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Account Executive');
    const ae = await manager.agent.get(`/onboarding/templates/${await templateIdOf(ctx().db, 'ae')}`);
    expect(ae.text).toContain('Shadow the founder’s discovery calls');
    expect(ae.text).toContain('Lead types: seeds, nets and spears');
    expect(ae.text).not.toContain('Add a task');
  });

  it('when an admin edits a template task, then new plans get the change and a running plan keeps its copy', async () => {
    const hireBefore = await createUser(ctx().db, 'new_hire');
    expect((await postPlan(manager.agent, planFields({ hire_user_id: String(hireBefore.id) }))).status).toBe(303);

    const templateId = await templateIdOf(ctx().db, 'ae');
    const task = (await listTemplateTasks(ctx().db, templateId, null)).find((t) => t.title === 'Shadow the founder’s closing calls')!;
    const form = await admin.get(`/onboarding/templates/${templateId}/tasks/${task.id}`);
    expect(form.status).toBe(200);
    const token = await csrfToken(admin, `/onboarding/templates/${templateId}/tasks/${task.id}`);
    const saved = await admin
      .post(`/onboarding/templates/${templateId}/tasks/${task.id}`)
      .type('form')
      .send({ _csrf: token, track: 'role', title: 'Shadow three closing calls', description: 'Pricing and objections.', owner_role: 'manager', due_day: '35', sign_off: 'manager', evidence_required: 'on', required: 'on' });
    expect(saved.status).toBe(303);
    expect((await admin.get(saved.headers.location!)).text).toContain('Task saved: Shadow three closing calls.');

    const before = await tasksOf(ctx().db, hireBefore.id);
    expect(before.map((t) => t.title)).toContain('Shadow the founder’s closing calls');
    expect(before.map((t) => t.title)).not.toContain('Shadow three closing calls');

    const hireAfter = await createUser(ctx().db, 'new_hire');
    expect((await postPlan(manager.agent, planFields({ hire_user_id: String(hireAfter.id), start_date: '2025-12-01' }))).status).toBe(303);
    const after = (await tasksOf(ctx().db, hireAfter.id)).find((t) => t.title === 'Shadow three closing calls')!;
    expect([after.dueDate, after.signOff, after.evidenceRequired]).toEqual(['2026-01-05', 'manager', true]);
  });

  it('when an admin adds and deletes a task, then the template changes; the 90-day review cannot be deleted', async () => {
    const templateId = await templateIdOf(ctx().db, 'farmer');
    const count = (await listTemplateTasks(ctx().db, templateId, null)).length;
    const token = await csrfToken(admin, `/onboarding/templates/${templateId}/tasks/new`);
    const added = await admin.post(`/onboarding/templates/${templateId}/tasks`).type('form').send({ _csrf: token, track: 'product', title: 'Read the release notes', description: '', owner_role: 'new_hire', due_day: '20', sign_off: 'none' });
    expect(added.status).toBe(303);
    const tasks = await listTemplateTasks(ctx().db, templateId, null);
    expect(tasks).toHaveLength(count + 1);
    const newTask = tasks.find((t) => t.title === 'Read the release notes')!;
    expect([newTask.required, newTask.evidenceRequired]).toEqual([false, false]);

    expect((await admin.post(`/onboarding/templates/${templateId}/tasks/${newTask.id}/delete`).type('form').send({ _csrf: token })).status).toBe(303);
    const review = tasks.find((t) => t.kind === 'review')!;
    const refused = await admin.post(`/onboarding/templates/${templateId}/tasks/${review.id}/delete`).type('form').send({ _csrf: token });
    expect(refused.status).toBe(303);
    expect((await admin.get(refused.headers.location!)).text).toContain('The 90-day review cannot be deleted');
    expect((await listTemplateTasks(ctx().db, templateId, null)).map((t) => t.id).sort()).toEqual(tasks.filter((t) => t.id !== newTask.id).map((t) => t.id).sort());

    // A task id of another template is not found through this template.
    const otherTemplate = await templateIdOf(ctx().db, 'ae');
    expect((await admin.get(`/onboarding/templates/${otherTemplate}/tasks/${review.id}`)).status).toBe(404);
  });

  it('when a template task form is wrong, then each message is next to its field, the values stay, and nothing is saved', async () => {
    const templateId = await templateIdOf(ctx().db, 'sdr_inbound');
    const before = await listTemplateTasks(ctx().db, templateId, null);
    const token = await csrfToken(admin, `/onboarding/templates/${templateId}/tasks/new`);
    const res = await admin.post(`/onboarding/templates/${templateId}/tasks`).type('form').send({ _csrf: token, track: 'product', title: '  ', description: 'Keep me', owner_role: 'new_hire', due_day: '400', sign_off: 'owner' });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="field-title-error" class="field-error">Please fill this in\./);
    expect(res.text).toMatch(/id="field-due_day-error" class="field-error">Enter a whole number of days from 0 to 365\./);
    expect(res.text).toContain('>Keep me</textarea>');
    const selfSignOff = await admin.post(`/onboarding/templates/${templateId}/tasks`).type('form').send({ _csrf: token, track: 'product', title: 'Self', owner_role: 'new_hire', due_day: '3', sign_off: 'owner' });
    expect(selfSignOff.status).toBe(422);
    expect(selfSignOff.text).toMatch(/id="field-sign_off-error" class="field-error">A new hire cannot sign off their own task/);
    const garbage = await admin.post(`/onboarding/templates/${templateId}/tasks`).type('form').send({ _csrf: token, track: ['product', 'role'], title: ['a', 'b'], owner_role: 'ceo', due_day: '-1', sign_off: 'x' });
    expect(garbage.status).toBe(422);
    expect(await listTemplateTasks(ctx().db, templateId, null)).toEqual(before);
    expect((await admin.get('/onboarding/templates/abc')).status).toBe(404);
    expect((await admin.get(`/onboarding/templates/${templateId}/tasks/99999999999`)).status).toBe(404);
  });

  it('when a recruiter creates a plan that invites a new hire, then the person, the invite and the plan exist together and the link works', async () => {
    const token = await csrfToken(recruiter, '/onboarding/plans/new');
    const res = await recruiter.post('/onboarding/plans').type('form').send({ _csrf: token, hire_mode: 'invite', hire_name: 'Dana Invited', hire_email: 'Dana.Invited@Example.test', role_id: String(sdrRole), start_date: '2026-01-26', manager_id: String(manager.user.id), sdr_lead_id: String(sdrLead.id) });
    expect(res.status).toBe(303);
    const planPage = await recruiter.get(res.headers.location!);
    expect(planPage.status).toBe(200);
    expect(planPage.text).toContain('Plan created and Dana Invited invited.');
    const link = /value="(http[^"]+\/invite\/[^"]+)"/.exec(planPage.text)![1]!;
    const user = await ctx().db.selectFrom('users').selectAll().where('email', '=', 'dana.invited@example.test').executeTakeFirstOrThrow();
    expect([user.role, user.status]).toEqual(['new_hire', 'invited']);
    const tasks = await tasksOf(ctx().db, user.id);
    expect(tasks).toHaveLength(DEFAULT_TEMPLATES.sdr_outbound.length);
    expect(tasks.find((t) => t.kind === 'review')!.dueDate).toBe(addDays('2026-01-26', 90));
    expect(tasks.find((t) => t.title === 'Welcome meeting: the mission and your first 90 days')!.dueDate).toBe('2026-01-26');
    expect((await recruiter.get(new URL(link).pathname)).status).toBe(200);
  });

  it('when the plan form is wrong, then messages sit next to the fields and neither the person nor the plan is saved', async () => {
    const countUsers = async () => (await ctx().db.selectFrom('users').select('id').execute()).length;
    const countPlans = async () => (await ctx().db.selectFrom('onboarding_plans').select('id').execute()).length;
    const [users, plans] = [await countUsers(), await countPlans()];
    const token = await csrfToken(admin, '/onboarding/plans/new');
    const send = (fields: Record<string, unknown>) => admin.post('/onboarding/plans').type('form').send({ _csrf: token, ...fields });

    const bad = await send({ hire_mode: 'invite', hire_name: 'Kept Name', hire_email: 'not-an-email', role_id: '', start_date: '2025-02-30', manager_id: '' });
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/id="field-hire_email-error" class="field-error">Enter an email address/);
    expect(bad.text).toMatch(/id="field-start_date-error" class="field-error">Enter a date such as/);
    expect(bad.text).toMatch(/id="field-role_id-error" class="field-error">Please fill this in/);
    expect(bad.text).toMatch(/id="field-manager_id-error" class="field-error">Please fill this in/);
    expect(bad.text).toContain('value="Kept Name"');

    // The invite happens first inside the transaction; the plan then fails: nothing of either stays.
    const halfway = await send({ hire_mode: 'invite', hire_name: 'Half Way', hire_email: 'half.way@example.test', role_id: '999999', start_date: '2026-02-02', manager_id: String(sdrLead.id) });
    expect(halfway.status).toBe(422);
    expect(halfway.text).toMatch(/id="field-role_id-error" class="field-error">Choose a role from the list/);
    expect(halfway.text).toMatch(/id="field-manager_id-error" class="field-error">The manager must be/);

    const hire = await createUser(ctx().db, 'new_hire');
    const self = await send({ hire_mode: 'existing', hire_user_id: String(hire.id), role_id: String(aeRole), start_date: '2026-02-02', manager_id: String(manager.user.id), buddy_id: String(hire.id) });
    expect(self.status).toBe(422);
    expect(self.text).toMatch(/id="field-buddy_id-error" class="field-error">Choose someone other than the new hire/);
    const notAnId = await send({ hire_mode: 'existing', hire_user_id: String(hire.id), role_id: String(aeRole), start_date: '2026-02-02', manager_id: String(manager.user.id), cs_lead_id: 'abc' });
    expect(notAnId.text).toMatch(/id="field-cs_lead_id-error" class="field-error">This value is not valid/);

    const taken = await send({ hire_mode: 'invite', hire_name: 'Taken', hire_email: hire.email, role_id: String(aeRole), start_date: '2026-02-02', manager_id: String(manager.user.id) });
    expect(taken.status).toBe(422);
    expect(taken.text).toMatch(/id="field-hire_email-error" class="field-error">/);

    const noMode = await send({ role_id: [String(aeRole), '2'], start_date: ['x'], manager_id: String(manager.user.id) });
    expect(noMode.status).toBe(422);

    expect([await countUsers(), await countPlans()]).toEqual([users + 1, plans]);
    expect(await ctx().db.selectFrom('users').select('id').where('email', '=', 'half.way@example.test').executeTakeFirst()).toBeUndefined();

    expect((await postPlan(manager.agent, planFields({ hire_user_id: String(hire.id) }))).status).toBe(303);
    const twice = await postPlan(manager.agent, planFields({ hire_user_id: String(hire.id) }));
    expect(twice.status).toBe(422);
    expect(twice.text).toContain('This person already has an onboarding plan.');
  });

  it('when the start date moves, then open tasks move with it (across the year end) and done tasks keep their dates', async () => {
    const hire = await createUser(ctx().db, 'new_hire');
    expect((await postPlan(manager.agent, planFields({ hire_user_id: String(hire.id), start_date: '2025-12-15' }))).status).toBe(303);
    const hireAgent = await signIn(ctx().app, hire.email, hire.password);
    const welcome = (await tasksOf(ctx().db, hire.id)).find((t) => t.dueDay === 0)!;
    expect((await markDone(hireAgent, welcome.id)).status).toBe(303);

    const plan = (await findPlanOfNewHire(ctx().db, hire.id))!;
    const token = await csrfToken(manager.agent, `/onboarding/plans/${plan.id}`);
    const bad = await manager.agent.post(`/onboarding/plans/${plan.id}`).type('form').send({ _csrf: token, start_date: '2026-13-01', manager_id: String(manager.user.id) });
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/id="field-start_date-error" class="field-error">Enter a date/);
    expect((await findPlan(ctx().db, plan.id))!.startDate).toBe('2025-12-15');

    const res = await manager.agent.post(`/onboarding/plans/${plan.id}`).type('form').send({ _csrf: token, start_date: '2026-01-05', manager_id: String(manager.user.id), buddy_id: String(sdrLead.id) });
    expect(res.status).toBe(303);
    const tasks = await listPlanTasks(ctx().db, [plan.id], null);
    expect(tasks.find((t) => t.id === welcome.id)!.dueDate).toBe('2025-12-15');
    for (const task of tasks.filter((t) => t.id !== welcome.id)) expect(`${task.title}: ${task.dueDate}`).toBe(`${task.title}: ${addDays('2026-01-05', task.dueDay)}`);
    expect((await manager.agent.get(res.headers.location!)).text).toContain(`Due dates moved: ${tasks.length - 1}.`);
    expect((await findPlan(ctx().db, plan.id))!.people.buddyId).toBe(sdrLead.id);
  });

  it('when a plan has a buddy, then each people picker lists the staff and marks only its own choice; a value that is no option marks nothing and is not shown', async () => {
    const hire = await createUser(ctx().db, 'new_hire');
    expect((await postPlan(manager.agent, planFields({ hire_user_id: String(hire.id), buddy_id: String(sdrLead.id) }))).status).toBe(303);
    const plan = (await findPlanOfNewHire(ctx().db, hire.id))!;
    const select = (html: string, name: string) => {
      const start = html.indexOf(`<select id="field-${name}" name="${name}"`);
      expect(start).toBeGreaterThan(-1);
      return html.slice(html.indexOf('>', start) + 1, html.indexOf('</select>', start));
    };
    const selectedIn = (html: string, name: string) => [...select(html, name).matchAll(/<option value="(\d*)" selected>/g)].map((m) => m[1]);
    const page = (await manager.agent.get(`/onboarding/plans/${plan.id}`)).text;
    expect(selectedIn(page, 'buddy_id')).toEqual([String(sdrLead.id)]);
    for (const name of ['product_lead_id', 'cs_lead_id', 'sdr_lead_id']) {
      expect(selectedIn(page, name)).toEqual([]);
      expect(select(page, name)).toContain(`<option value="${sdrLead.id}">`);
      expect(select(page, name)).toContain(`<option value="${manager.user.id}">`);
    }
    expect(select(page, 'buddy_id')).not.toContain(`<option value="${hire.id}"`);

    const token = await csrfToken(manager.agent, `/onboarding/plans/${plan.id}`);
    const typed = `${sdrLead.id}"><b>x</b>`;
    const bad = await manager.agent.post(`/onboarding/plans/${plan.id}`).type('form').send({ _csrf: token, start_date: '2026-13-01', manager_id: String(manager.user.id), buddy_id: typed, cs_lead_id: String(sdrLead.id) });
    expect(bad.status).toBe(422);
    expect(selectedIn(bad.text, 'buddy_id')).toEqual([]);
    expect(selectedIn(bad.text, 'cs_lead_id')).toEqual([String(sdrLead.id)]);
    expect(bad.text).not.toContain('<b>x</b>');
  });

  it('when someone is still in the new-hire role, then the buddy and lead pickers leave them out and saving refuses them, while one the plan already names stays', async () => {
    const hire = await createUser(ctx().db, 'new_hire');
    const otherHire = await createUser(ctx().db, 'new_hire');
    const refusedAtCreation = await postPlan(manager.agent, planFields({ hire_user_id: String(hire.id), buddy_id: String(otherHire.id) }));
    expect(refusedAtCreation.status).toBe(422);
    expect(refusedAtCreation.text).toMatch(/id="field-buddy_id-error" class="field-error">Choose a member of staff/);
    expect((await postPlan(manager.agent, planFields({ hire_user_id: String(hire.id), buddy_id: String(sdrLead.id) }))).status).toBe(303);
    const plan = (await findPlanOfNewHire(ctx().db, hire.id))!;
    const pickers = (html: string) => html.slice(html.indexOf('<select id="field-buddy_id"'), html.lastIndexOf('</select>'));
    const page = (await manager.agent.get(`/onboarding/plans/${plan.id}`)).text;
    expect(pickers(page)).toContain(`<option value="${sdrLead.id}">`);
    expect(pickers(page)).not.toContain(`value="${otherHire.id}"`);

    const token = await csrfToken(manager.agent, `/onboarding/plans/${plan.id}`);
    const save = (fields: Record<string, string>) => manager.agent.post(`/onboarding/plans/${plan.id}`).type('form').send({ _csrf: token, start_date: plan.startDate, manager_id: String(manager.user.id), ...fields });
    const refused = await save({ buddy_id: String(sdrLead.id), sdr_lead_id: String(otherHire.id) });
    expect(refused.status).toBe(422);
    expect(refused.text).toMatch(/id="field-sdr_lead_id-error" class="field-error">Choose a member of staff/);
    expect((await findPlan(ctx().db, plan.id))!.people.sdrLeadId).toBeNull();
    expect((await save({ buddy_id: String(sdrLead.id), sdr_lead_id: String(sdrLead.id) })).status).toBe(303);
    expect((await findPlan(ctx().db, plan.id))!.people.sdrLeadId).toBe(sdrLead.id);

    // Named before the rule (or before their role changed back): shown chosen, and kept on save.
    await ctx().db.updateTable('onboarding_plans').set({ buddy_id: otherHire.id }).where('id', '=', plan.id).execute();
    const kept = (await manager.agent.get(`/onboarding/plans/${plan.id}`)).text;
    expect(kept).toContain(`<option value="${otherHire.id}" selected>`);
    expect((await save({ buddy_id: String(otherHire.id), sdr_lead_id: String(sdrLead.id) })).status).toBe(303);
    expect((await findPlan(ctx().db, plan.id))!.people.buddyId).toBe(otherHire.id);
  });

  it('when a plan is 74 days in, then the 90-day review form is not there yet and a review is refused; from day 75 it opens', async () => {
    const hire = await createUser(ctx().db, 'new_hire');
    expect((await postPlan(manager.agent, planFields({ hire_user_id: String(hire.id), start_date: today(ctx(), -74) }))).status).toBe(303);
    const plan = (await findPlanOfNewHire(ctx().db, hire.id))!;
    const early = await manager.agent.get(`/onboarding/plans/${plan.id}`);
    expect(early.text).not.toContain(`action="/onboarding/plans/${plan.id}/review"`);
    expect(early.text).toContain('The review form opens on');
    const token = await csrfToken(manager.agent, `/onboarding/plans/${plan.id}`);
    const refused = await manager.agent.post(`/onboarding/plans/${plan.id}/review`).type('form').send({ _csrf: token, rating: '3', note: 'Too early.' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('The 90-day review opens on day 75 of the plan.');
    expect((await findPlan(ctx().db, plan.id))!.review).toBeNull();
    // A plan on its day 75.
    const onTime = await createUser(ctx().db, 'new_hire');
    expect((await postPlan(manager.agent, planFields({ hire_user_id: String(onTime.id), start_date: today(ctx(), -75) }))).status).toBe(303);
    const due = (await findPlanOfNewHire(ctx().db, onTime.id))!;
    expect((await manager.agent.get(`/onboarding/plans/${due.id}`)).text).toContain(`action="/onboarding/plans/${due.id}/review"`);
    expect((await manager.agent.post(`/onboarding/plans/${due.id}/review`).type('form').send({ _csrf: token, rating: '3', note: 'On time.' })).status).toBe(303);
  });

  it('when the manager records the 90-day review, then the rating and note are kept on the plan and the review task is done', async () => {
    const hire = await createUser(ctx().db, 'new_hire');
    expect((await postPlan(manager.agent, planFields({ hire_user_id: String(hire.id), start_date: today(ctx(), -80) }))).status).toBe(303);
    const plan = (await findPlanOfNewHire(ctx().db, hire.id))!;
    const token = await csrfToken(manager.agent, `/onboarding/plans/${plan.id}`);
    const bad = await manager.agent.post(`/onboarding/plans/${plan.id}/review`).type('form').send({ _csrf: token, rating: '5', note: '' });
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/id="review-rating-error" class="field-error">Choose a rating from 1 to 4/);
    expect(bad.text).toMatch(/id="review-note-error" class="field-error">Write a short note/);
    expect((await findPlan(ctx().db, plan.id))!.review).toBeNull();

    const recruiterToken = await csrfToken(recruiter, `/onboarding/plans/${plan.id}`);
    expect((await recruiter.post(`/onboarding/plans/${plan.id}/review`).type('form').send({ _csrf: recruiterToken, rating: '2', note: 'x' })).status).toBe(422);
    const otherToken = await csrfToken(otherManager.agent, '/onboarding/plans');
    expect((await otherManager.agent.post(`/onboarding/plans/${plan.id}/review`).type('form').send({ _csrf: otherToken, rating: '2', note: 'x' })).status).toBe(404);

    const res = await manager.agent.post(`/onboarding/plans/${plan.id}/review`).type('form').send({ _csrf: token, rating: '3', note: 'Ramped fast; discovery is strong.' });
    expect(res.status).toBe(303);
    const saved = (await findPlan(ctx().db, plan.id))!;
    expect([saved.review?.rating, saved.review?.note, saved.review?.reviewedBy]).toEqual([3, 'Ramped fast; discovery is strong.', manager.user.id]);
    const review = (await listPlanTasks(ctx().db, [plan.id], null)).find((t) => t.kind === 'review')!;
    expect(review.doneAt).not.toBeNull();
    const page = await manager.agent.get(`/onboarding/plans/${plan.id}`);
    expect(page.text).toContain('Rated 3 · Above expectations');
    // The new hire sees the review done, not the rating.
    const hireAgent = await signIn(ctx().app, hire.email, hire.password);
    const checklist = await hireAgent.get('/onboarding');
    expect(checklist.text).not.toContain('Above expectations');
    expect(checklist.text).not.toContain('Ramped fast');
  });

  it('when managers open the dashboard, then a hiring manager sees only their reports, admins everything, and filters narrow the list', async () => {
    const mine = await createUser(ctx().db, 'new_hire', { name: 'Mine Report' });
    const theirs = await createUser(ctx().db, 'new_hire', { name: 'Their Report' });
    expect((await postPlan(admin, planFields({ hire_user_id: String(mine.id), role_id: String(sdrRole), start_date: today(ctx(), -30) }))).status).toBe(303);
    expect((await postPlan(admin, planFields({ hire_user_id: String(theirs.id), manager_id: String(otherManager.user.id) }))).status).toBe(303);

    const own = await manager.agent.get('/onboarding/plans');
    expect(own.status).toBe(200);
    expect(own.text).toContain('Mine Report');
    expect(own.text).not.toContain('Their Report');
    expect(own.text).not.toContain('id="filter-manager"');

    const all = await admin.get('/onboarding/plans');
    expect(all.text).toContain('Mine Report');
    expect(all.text).toContain('Their Report');
    const byManager = await admin.get(`/onboarding/plans?manager=${otherManager.user.id}`);
    expect(byManager.text).toContain('Their Report');
    expect(byManager.text).not.toContain('Mine Report');
    const byRole = await admin.get(`/onboarding/plans?role=${sdrRole}`);
    expect(byRole.text).toContain('Mine Report');
    expect(byRole.text).not.toContain('Their Report');
    // A hiring manager cannot widen their view with the manager filter.
    expect((await manager.agent.get(`/onboarding/plans?manager=${otherManager.user.id}`)).text).not.toContain('Their Report');
    // Nonsense filters are ignored, never an error.
    expect((await admin.get('/onboarding/plans?role=abc&manager[]=1&status=<script>')).status).toBe(200);

    // 30 days in with nothing done: the overdue tasks are counted and the next due task named.
    const row = /Mine Report<\/a><\/th>([\s\S]*?)<\/tr>/.exec(all.text)![1]!;
    expect(row).toMatch(/class="overdue-count">\d+</);
    expect(row).toContain('Welcome meeting: the mission and your first 90 days');
  });

  it('when every required task is done and signed off, then the plan is complete, its date kept, and it moves to the complete list', async () => {
    const hire = await createUser(ctx().db, 'new_hire', { name: 'Finisher Person' });
    expect((await postPlan(manager.agent, planFields({ hire_user_id: String(hire.id), role_id: String(sdrRole), start_date: today(ctx(), -80) }))).status).toBe(303);
    const plan = (await findPlanOfNewHire(ctx().db, hire.id))!;
    const hireAgent = await signIn(ctx().app, hire.email, hire.password);
    for (const task of (await listPlanTasks(ctx().db, [plan.id], null)).filter((t) => t.kind !== 'review' && t.required)) {
      expect((await markDone(hireAgent, task.id, { note: 'done' })).status).toBe(303);
    }
    expect((await findPlan(ctx().db, plan.id))!.completedAt).toBeNull();
    // No leads are named on this plan, so the manager signs off everything, the owners' tasks too.
    for (const task of (await listPlanTasks(ctx().db, [plan.id], null)).filter((t) => t.doneAt && t.signOff !== 'none')) {
      const token = await csrfToken(manager.agent, '/onboarding/tasks');
      expect((await manager.agent.post(`/onboarding/tasks/${task.id}/sign-off`).type('form').send({ _csrf: token })).status).toBe(303);
    }
    expect((await findPlan(ctx().db, plan.id))!.completedAt).toBeNull();
    const token = await csrfToken(manager.agent, `/onboarding/plans/${plan.id}`);
    ctx().clock.advance(60_000);
    expect((await manager.agent.post(`/onboarding/plans/${plan.id}/review`).type('form').send({ _csrf: token, rating: '4', note: 'Excellent.' })).status).toBe(303);
    const done = (await findPlan(ctx().db, plan.id))!;
    expect(done.completedAt).toBe(ctx().clock.now().toISOString());
    const complete = await manager.agent.get('/onboarding/plans?status=complete');
    expect(complete.text).toContain('Finisher Person');
    expect((await manager.agent.get('/onboarding/plans')).text).not.toContain('Finisher Person');
  });
});

describe.each(testDialects())('onboarding demo [%s]', (dialect) => {
  let context: TestContext;
  beforeAll(async () => {
    context = await createTestContext(dialect);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('when the demo is seeded, then two new hires have plans at different stages and the second can sign in', async () => {
    const accounts = await seedDemo(context.db, context.clock, 'en');
    const hires = accounts.filter((a) => a.role === 'new_hire');
    expect(hires).toHaveLength(2);
    const progress: number[] = [];
    for (const hire of hires) {
      const agent = await signIn(context.app, hire.email, hire.password);
      const page = await agent.get('/onboarding');
      expect(page.status).toBe(200);
      progress.push(Number(/id="progress-overall" value="(\d+)"/.exec(page.text)![1]));
    }
    expect(progress[0]).toBeGreaterThan(0);
    expect(progress[1]).toBeGreaterThan(progress[0]!);
    const manager = accounts.find((a) => a.role === 'hiring_manager')!;
    const dashboard = await (await signIn(context.app, manager.email, manager.password)).get('/onboarding/plans');
    for (const hire of hires) expect(dashboard.text).toContain(hire.name);
    const interviewer = accounts.find((a) => a.role === 'interviewer')!;
    const tasks = await (await signIn(context.app, interviewer.email, interviewer.password)).get('/onboarding/tasks');
    expect(tasks.text).toContain('Qualify three recorded calls yourself');
  });
});
