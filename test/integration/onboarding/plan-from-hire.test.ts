import { updateApplication } from '../../../src/candidates/applications.repository';
import { insertDecision } from '../../../src/comparison/decisions.repository';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { makeOpening } from '../../helpers/hiring';
import { scoredApplication } from '../../helpers/reports';
import { type Agent, createUser, csrfToken, signIn } from '../../helpers/web';
import { roleIdOf, seedCatalog, today } from './helpers';
import { nextMonday } from '../../../src/onboarding/plan';

describeEachDialect('an onboarding plan started from a recorded hire', (ctx: () => TestContext) => {
  let manager: Agent;
  let managerId: number;
  let otherManager: Agent;
  let hiredId: number;
  let activeId: number;
  let aeRole: number;

  beforeAll(async () => {
    const db = ctx().db;
    await seedCatalog(ctx());
    const m = await createUser(db, 'hiring_manager');
    managerId = m.id;
    manager = await signIn(ctx().app, m.email);
    otherManager = await signIn(ctx().app, (await createUser(db, 'hiring_manager')).email);
    const interviewer = await createUser(db, 'interviewer');
    const opening = await makeOpening(db, { roleKey: 'ae', hiringManagerId: m.id });
    aeRole = await roleIdOf(db, 'ae');
    hiredId = (await scoredApplication(db, opening.id, [interviewer.id], [3])).applicationId;
    activeId = (await scoredApplication(db, opening.id, [interviewer.id], [3])).applicationId;
    await insertDecision(db, { applicationId: hiredId, decision: 'hire', rationale: 'Strong.', acknowledgements: {}, flags: [], weightedScore: 67, decidedBy: m.id }, new Date());
    await updateApplication(db, hiredId, { status: 'hired' }, new Date());
  });

  const send = async (agent: Agent, email: string, applicationId: number) =>
    agent
      .post('/onboarding/plans')
      .type('form')
      .send({ _csrf: await csrfToken(agent, '/onboarding/plans/new'), hire_mode: 'invite', hire_name: 'New Person', hire_email: email, role_id: String(aeRole), start_date: today(ctx()), manager_id: String(managerId), application_id: String(applicationId) });

  it('when the scorecard summary of a hire links to a new plan, then the link and the form carry the application', async () => {
    const summary = await manager.get(`/applications/${hiredId}/summary`);
    expect(summary.text).toContain(`application_id=${hiredId}`);
    const form = await manager.get(`/onboarding/plans/new?hire_name=New%20Person&application_id=${hiredId}`);
    expect(form.text).toContain(`name="application_id" value="${hiredId}"`);
    // A hire from a decision starts on the next Monday by default; a plan started by hand, today.
    expect(form.text).toContain(`name="start_date" type="date" value="${nextMonday(today(ctx()))}"`);
    expect((await manager.get('/onboarding/plans/new')).text).toContain(`name="start_date" type="date" value="${today(ctx())}"`);
  });

  it('when someone else’s hire, an application not hired, or a hire that already has a plan is given, then the plan is refused with a message and nothing is saved', async () => {
    const count = async () => (await ctx().db.selectFrom('onboarding_plans').select('id').execute()).length;
    const before = await count();
    const foreign = await send(otherManager, 'foreign@example.test', hiredId);
    expect(foreign.status).toBe(422);
    expect(foreign.text).toContain('This plan cannot start from that hire');
    expect(foreign.text).toContain('value="New Person"');
    expect((await send(manager, 'active@example.test', activeId)).status).toBe(422);
    expect(await count()).toBe(before);
  });

  it('when the manager creates the plan from their hire, then the plan remembers the application and a second plan for it is refused', async () => {
    const res = await send(manager, 'first@example.test', hiredId);
    expect(res.status).toBe(303);
    const plan = await ctx().db.selectFrom('onboarding_plans').select('application_id').where('application_id', '=', hiredId).executeTakeFirst();
    expect(plan?.application_id).toBe(hiredId);
    const again = await send(manager, 'second@example.test', hiredId);
    expect(again.status).toBe(422);
    expect(again.text).toContain('already has a plan');
  });
});
