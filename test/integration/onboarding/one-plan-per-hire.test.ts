import { createPlan, createPlanIn } from '../../../src/onboarding/plans.use-cases';
import { runInUnitOfWork } from '../../../src/events/unit-of-work';
import { makeOpening } from '../../helpers/hiring';
import { scoredApplication } from '../../helpers/reports';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { createUser } from '../../helpers/web';
import { seedCatalog } from './helpers';

describeEachDialect('one onboarding plan per hire', (ctx: () => TestContext) => {
  let manager: { id: number };
  let panel: number[];
  beforeAll(async () => {
    await seedCatalog(ctx());
    manager = await createUser(ctx().db, 'hiring_manager', { name: 'Mona Manager' });
    panel = [(await createUser(ctx().db, 'interviewer', { name: 'Pia Panel' })).id];
  });

  async function hiredApplication(title: string) {
    const db = ctx().db;
    const opening = await makeOpening(db, { roleKey: 'ae', hiringManagerId: manager.id, title });
    const { applicationId } = await scoredApplication(db, opening.id, panel, [3]);
    await db.updateTable('applications').set({ status: 'hired' }).where('id', '=', applicationId).execute();
    return { applicationId, roleId: (await db.selectFrom('openings').select('role_id').where('id', '=', opening.id).executeTakeFirstOrThrow()).role_id };
  }
  const input = (roleId: number, applicationId: number, who: string) => ({
    roleId,
    startDate: '2026-12-07',
    managerId: manager.id,
    buddyId: null,
    productLeadId: null,
    csLeadId: null,
    sdrLeadId: null,
    applicationId,
    hire: { mode: 'invite' as const, name: who, email: `${who.toLowerCase().replace(/\W/g, '.')}.${Date.now()}@example.test` },
  });
  const plansOf = async (applicationId: number) => ctx().db.selectFrom('onboarding_plans').select('id').where('application_id', '=', applicationId).execute();

  it('when two plans are started from one hire at the same time, then one is made and the other gets the usual "already has a plan" message', async () => {
    const { applicationId, roleId } = await hiredApplication('AE twice');
    const deps = { ...useCaseDeps(ctx().db), inviteTtlMs: 86_400_000 };
    const results = await Promise.allSettled([createPlan(deps, actingAs(manager.id, 'hiring_manager'), input(roleId, applicationId, 'Ann One')), createPlan(deps, actingAs(manager.id, 'hiring_manager'), input(roleId, applicationId, 'Ben Two'))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ fieldErrors: { _form: 'onboarding.error.applicationInvalid' } });
    expect(await plansOf(applicationId)).toHaveLength(1);
  });

  it('when a second plan of a hire gets past every check (written straight through the plan step), then the database refuses it and the step says the hire already has a plan; plans without a hire are not limited', async () => {
    const { applicationId, roleId } = await hiredApplication('AE constraint');
    const deps = useCaseDeps(ctx().db);
    const hires = [await createUser(ctx().db, 'new_hire', { name: 'Cid Hire' }), await createUser(ctx().db, 'new_hire', { name: 'Dee Hire' }), await createUser(ctx().db, 'new_hire', { name: 'Eve Hire' }), await createUser(ctx().db, 'new_hire', { name: 'Fay Hire' })];
    const make = (newHireId: number, appId: number | null) =>
      runInUnitOfWork(deps, (uow) => createPlanIn(uow, manager.id, { roleId, startDate: '2026-12-07', managerId: manager.id, buddyId: null, productLeadId: null, csLeadId: null, sdrLeadId: null, newHireId, applicationId: appId }));
    await make(hires[0]!.id, applicationId);
    await expect(make(hires[1]!.id, applicationId)).rejects.toMatchObject({ fieldErrors: { _form: 'onboarding.error.applicationInvalid' } });
    expect(await plansOf(applicationId)).toHaveLength(1);
    // Nothing half-saved: the refused plan left no plan of its new hire behind.
    expect(await ctx().db.selectFrom('onboarding_plans').select('id').where('new_hire_id', '=', hires[1]!.id).execute()).toHaveLength(0);
    await make(hires[2]!.id, null);
    await make(hires[3]!.id, null);
    expect(await ctx().db.selectFrom('onboarding_plans').select('id').where('new_hire_id', 'in', [hires[2]!.id, hires[3]!.id]).execute()).toHaveLength(2);
  });
});
