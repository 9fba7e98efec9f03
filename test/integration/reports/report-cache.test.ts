import { runInUnitOfWork } from '../../../src/events/unit-of-work';
import { insertPlanTasks } from '../../../src/onboarding/onboarding.repository';
import { makeCandidate, makeInterview, makeOpening } from '../../helpers/hiring';
import { reviewedHire, scoredApplication } from '../../helpers/reports';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { useCaseDeps } from '../../helpers/use-cases';
import { type Agent, createUser, signIn, signInAs } from '../../helpers/web';
import { applyCandidate, scoreInterview } from '../../helpers/writes';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Report pages are kept until the next committed change: each test reads a report (so it is kept),
 * changes something through a unit of work, as the app does, and reads it again. A page served from
 * before the change fails the test.
 */
describeEachDialect('reports kept between changes', (ctx: () => TestContext) => {
  let admin: Agent;
  let adminId: number;
  let adminEmail: string;
  let opening: { id: number };
  let roleId: number;
  let panel: { id: number; name: string }[];

  beforeAll(async () => {
    const db = ctx().db;
    const signedIn = await signInAs(ctx().app, db, 'admin');
    admin = signedIn.agent;
    adminId = signedIn.user.id;
    adminEmail = signedIn.user.email;
    panel = [await createUser(db, 'interviewer', { name: 'Kept Kim' }), await createUser(db, 'interviewer', { name: 'Kept Kai' })];
    opening = await makeOpening(db, { roleKey: 'ae', title: 'Kept opening' });
    roleId = (await db.selectFrom('openings').select('role_id').where('id', '=', opening.id).executeTakeFirstOrThrow()).role_id;
    await scoredApplication(db, opening.id, [panel[0]!.id, panel[1]!.id], [3, 2]);
  });

  const page = async (path: string) => {
    const res = await admin.get(path);
    expect(res.status).toBe(200);
    return res.text;
  };
  const scorecardsOfKim = (html: string) => /Kept Kim<\/th>\s*<td class="num">(\d+)<\/td>/.exec(html)?.[1];

  it('when an interviewer submits another scorecard, then calibration counts it at once', async () => {
    expect(scorecardsOfKim(await page('/reports/calibration'))).toBe('1');
    expect(scorecardsOfKim(await page('/reports/calibration'))).toBe('1');
    const interview = await makeInterview(ctx().db, opening.id, [panel[0]!.id]);
    await scoreInterview(useCaseDeps(ctx().db), panel[0]!.id, { ...interview, openingId: opening.id }, 4);
    expect(scorecardsOfKim(await page('/reports/calibration'))).toBe('2');
  });

  it('when a hire gets a 90-day review, then the prediction report counts it at once', async () => {
    const before = await page('/reports/prediction');
    const reviewed = Number(/(\d+) reviewed hires?</.exec(before)?.[1] ?? 0);
    const app = await scoredApplication(ctx().db, opening.id, [panel[0]!.id], [4]);
    await reviewedHire(ctx().db, app.applicationId, { roleId, managerId: adminId, review: 3, weightedScore: 70 });
    expect(await page('/reports/prediction')).toContain(`${reviewed + 1} reviewed hire`);
  });

  it('when a referred candidate applies, then the sources and pipeline reports count the application at once', async () => {
    const referrals = (html: string) => /<th scope="row">[^<]*[Rr]eferral[^<]*<\/th>\s*<td class="num">(\d+)<\/td>/.exec(html)?.[1] ?? '0';
    const applications = (html: string) => new RegExp(`Kept opening</th>\\s*<td>[^<]*</td>\\s*<td class="num">(\\d+)</td>`).exec(html)?.[1];
    const sourcesBefore = referrals(await page('/reports/sources'));
    const pipelineBefore = applications(await page('/reports/pipeline'));
    expect(pipelineBefore).toBeDefined();
    await applyCandidate(ctx().db, await makeCandidate(ctx().db, { source: 'referral' }), opening.id, adminId);
    expect(referrals(await page('/reports/sources'))).toBe(String(Number(sourcesBefore) + 1));
    expect(applications(await page('/reports/pipeline'))).toBe(String(Number(pipelineBefore) + 1));
  });

  it('when a task comes due without anyone writing anything, then the onboarding report shows it late the day after', async () => {
    const db = ctx().db;
    const app = await scoredApplication(db, opening.id, [panel[1]!.id], [2]);
    const planId = await reviewedHire(db, app.applicationId, { roleId, managerId: adminId, review: null });
    const tomorrow = new Date(ctx().clock.now().getTime() + DAY).toISOString().slice(0, 10);
    const task = { description: '', ownerRole: 'new_hire' as const, signOff: 'none' as const, evidenceRequired: false, required: true, kind: 'task' as const, track: 'role' as const, dueDay: 1, position: 1 };
    await runInUnitOfWork(useCaseDeps(db), (uow) => insertPlanTasks(uow.trx, planId, [{ ...task, title: 'Kept task due tomorrow', dueDate: tomorrow }]));
    expect(await page('/reports/onboarding')).not.toContain('Kept task due tomorrow');
    ctx().clock.advance(2 * DAY);
    // The session has timed out by then: the same person signs in again (which writes no report data).
    admin = await signIn(ctx().app, adminEmail);
    expect(await page('/reports/onboarding')).toContain('Kept task due tomorrow');
  });
});
