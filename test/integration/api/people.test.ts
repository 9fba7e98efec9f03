import { runInUnitOfWork } from '../../../src/events/unit-of-work';
import { listTemplates } from '../../../src/onboarding/onboarding-templates.repository';
import { createPlanIn } from '../../../src/onboarding/plans.use-cases';
import { seedOnboardingTemplates } from '../../../src/onboarding/seed-templates';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { ApiClient, apiAs, makeToken, openApiValidator, type OpenApiValidator } from '../../helpers/api';
import { makeCandidate, makeOpening } from '../../helpers/hiring';
import { useCaseDeps } from '../../helpers/use-cases';
import { createUser } from '../../helpers/web';

describeEachDialect('API: interviews, onboarding plans and users', (ctx: () => TestContext) => {
  let validator: OpenApiValidator;
  let recruiter: ApiClient;
  const now = () => ctx().clock.now();
  const clientOf = async (userId: number) => new ApiClient(ctx().app, await makeToken(ctx().db, userId, { now: now() }), validator);

  beforeAll(async () => {
    validator = await openApiValidator(ctx().app);
    recruiter = (await apiAs(ctx().app, ctx().db, validator, 'recruiter', { now: now() })).api;
  });

  async function makePlan(newHireId: number, managerId: number): Promise<number> {
    const { db } = ctx();
    await seedOnboardingTemplates(db, 'en', now());
    const template = (await listTemplates(db, 'en')).find((t) => t.roleKey === 'ae')!;
    const admin = await createUser(db, 'admin');
    return runInUnitOfWork(useCaseDeps(db, { clock: ctx().clock }), (uow) =>
      createPlanIn(uow, admin.id, { newHireId, roleId: template.roleId, startDate: now().toISOString().slice(0, 10), managerId, buddyId: null, productLeadId: null, csLeadId: null, sdrLeadId: null }),
    );
  }

  it('when a recruiter schedules an interview, then 201 with the panel; the interviewer then sees the application and its interviews', async () => {
    const { db } = ctx();
    const opening = await makeOpening(db);
    const interviewer = await createUser(db, 'interviewer');
    const application = await recruiter.post('/api/v1/applications', { candidate_id: await makeCandidate(db), opening_id: opening.id });
    const asInterviewer = await clientOf(interviewer.id);
    expect((await asInterviewer.get(`/api/v1/applications/${application.body.id}/interviews`)).status).toBe(404);
    const res = await recruiter.post(`/api/v1/applications/${application.body.id}/interviews`, { stage_id: opening.stages[1]!.id, interviewer_ids: [interviewer.id], scheduled_at: '2030-03-04T10:00:00+01:00', location: 'Room 4' });
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual([expect.objectContaining({ stage_id: opening.stages[1]!.id, scheduled_at: '2030-03-04T09:00:00.000Z', location: 'Room 4', status: 'scheduled', interviewers: [{ id: interviewer.id, name: interviewer.name, scorecard: 'none' }] })]);
    const seen = await asInterviewer.get(`/api/v1/applications/${application.body.id}/interviews`);
    expect(seen.status).toBe(200);
    expect(seen.body.data.map((i: { id: number }) => i.id)).toEqual(res.body.data.map((i: { id: number }) => i.id));
  });

  it('when the panel names a person twice, then they sit on it once (201, not a failure); a link hidden behind a leading space is refused', async () => {
    const { db } = ctx();
    const opening = await makeOpening(db);
    const interviewer = await createUser(db, 'interviewer');
    const application = await recruiter.post('/api/v1/applications', { candidate_id: await makeCandidate(db), opening_id: opening.id });
    const url = `/api/v1/applications/${application.body.id}/interviews`;
    const spaced = await recruiter.post(url, { stage_id: opening.stages[1]!.id, interviewer_ids: [interviewer.id], scheduled_at: null, location: '  javascript:alert(1)' });
    expect(spaced.status).toBe(422);
    expect(Object.keys(spaced.body.error.fields)).toEqual(['location']);
    const twice = await recruiter.post(url, { stage_id: opening.stages[1]!.id, interviewer_ids: [interviewer.id, interviewer.id], scheduled_at: null });
    expect(twice.status).toBe(201);
    expect(twice.body.data[0].interviewers).toEqual([{ id: interviewer.id, name: interviewer.name, scorecard: 'none' }]);
  });

  it('when the interview’s input breaks the scheduling rules, then 422 by field and nothing is scheduled; an interviewer may not schedule (403)', async () => {
    const { db } = ctx();
    const opening = await makeOpening(db);
    const interviewer = await createUser(db, 'interviewer');
    const application = await recruiter.post('/api/v1/applications', { candidate_id: await makeCandidate(db), opening_id: opening.id });
    const url = `/api/v1/applications/${application.body.id}/interviews`;
    const badLink = await recruiter.post(url, { stage_id: opening.stages[1]!.id, interviewer_ids: [interviewer.id], scheduled_at: null, location: 'javascript:alert(1)', duration_minutes: 0 });
    expect(badLink.status).toBe(422);
    expect(Object.keys(badLink.body.error.fields).sort()).toEqual(['duration_minutes', 'location']);
    const badStage = await recruiter.post(url, { stage_id: 99999999, interviewer_ids: [interviewer.id], scheduled_at: null });
    expect(badStage.status).toBe(422);
    expect(Object.keys(badStage.body.error.fields)).toEqual(['stage_id']);
    expect((await recruiter.post(url, { stage_id: opening.stages[1]!.id, interviewer_ids: [interviewer.id], scheduled_at: 'tomorrow' })).status).toBe(422);
    expect((await (await clientOf(interviewer.id)).post(url, { stage_id: opening.stages[1]!.id, interviewer_ids: [interviewer.id], scheduled_at: null })).status).toBe(403);
    expect((await recruiter.get(url)).body.data).toEqual([]);
  });

  it('when onboarding plans are read, then each comes with its progress; a hiring manager sees only the plans they manage', async () => {
    const { db } = ctx();
    const manager = await createUser(db, 'hiring_manager');
    const planId = await makePlan((await createUser(db, 'new_hire')).id, manager.id);
    const otherPlan = await makePlan((await createUser(db, 'new_hire')).id, (await createUser(db, 'hiring_manager')).id);
    const asManager = await clientOf(manager.id);
    const list = await asManager.get('/api/v1/onboarding/plans');
    expect(list.body.data.map((p: { id: number }) => p.id)).toEqual([planId]);
    expect(list.body.data[0].progress).toMatchObject({ complete: 0, percent: 0 });
    expect(list.body.data[0].progress.total).toBeGreaterThan(0);
    const plan = await asManager.get(`/api/v1/onboarding/plans/${planId}`);
    expect(plan.status).toBe(200);
    expect(plan.body.tasks.length).toBe(plan.body.progress.total);
    expect((await asManager.get(`/api/v1/onboarding/plans/${otherPlan}`)).status).toBe(404);
    const all = await recruiter.get('/api/v1/onboarding/plans?status=all&limit=100');
    expect(all.body.data.map((p: { id: number }) => p.id)).toEqual(expect.arrayContaining([planId, otherPlan]));
  });

  it('when a task is marked done, then the plan’s progress through the API counts it', async () => {
    const { db } = ctx();
    const manager = await createUser(db, 'hiring_manager');
    const planId = await makePlan((await createUser(db, 'new_hire')).id, manager.id);
    const before = await recruiter.get(`/api/v1/onboarding/plans/${planId}`);
    const task = before.body.tasks.find((t: { sign_off: string }) => t.sign_off === 'none');
    await db.updateTable('onboarding_plan_tasks').set({ done_at: now().toISOString() }).where('id', '=', task.id).execute();
    const after = await recruiter.get(`/api/v1/onboarding/plans/${planId}`);
    expect(after.body.progress.complete).toBe(before.body.progress.complete + 1);
    expect(after.body.tasks.find((t: { id: number }) => t.id === task.id).state).toBe('complete');
  });

  it('when an admin lists people page by page, then each comes once; anyone else gets 403', async () => {
    const { app, db } = ctx();
    const { api: admin } = await apiAs(app, db, validator, 'admin', { now: now() });
    const total = Number((await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await admin.get(`/api/v1/users?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...res.body.data.map((u: { id: number }) => u.id));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    const one = await admin.get(`/api/v1/users/${seen[0]}`);
    expect(one.body.id).toBe(seen[0]);
    expect((await admin.get('/api/v1/users/99999999')).status).toBe(404);
    expect((await recruiter.get('/api/v1/users')).status).toBe(403);
  });

  afterAll(() => {
    expect(validator.checked).toBeGreaterThanOrEqual(20);
  });
});
