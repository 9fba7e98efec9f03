import { runInUnitOfWork } from '../../../src/events/unit-of-work';
import { putSetting } from '../../../src/settings/settings.repository';
import { makeInterview, makeOpening } from '../../helpers/hiring';
import { reviewedHire } from '../../helpers/reports';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { useCaseDeps } from '../../helpers/use-cases';
import { type Agent, createUser, signIn } from '../../helpers/web';
import { scoreInterview } from '../../helpers/writes';

const csvLines = (text: string) => text.replace(/^\ufeff/, '').trim().split('\r\n');

/**
 * A hiring manager who sits on a panel and has not submitted reads no figure of that panel: not in
 * calibration (page and CSV), nor the score at decision in sources, nor the prediction report.
 */
describeEachDialect('reports keep feedback independent', (ctx: () => TestContext) => {
  let manager: Agent;
  let managerId: number;
  let opening: { id: number };
  let shared: { applicationId: number; interviewId: number; openingId: number };
  let roleId: number;
  const candor = 'Cora Candor';

  beforeAll(async () => {
    const db = ctx().db;
    const m = await createUser(db, 'hiring_manager', { name: 'Mona Manager' });
    managerId = m.id;
    manager = await signIn(ctx().app, m.email);
    const c = await createUser(db, 'interviewer', { name: candor });
    const made = await makeOpening(db, { roleKey: 'ae', hiringManagerId: m.id, title: 'Independent panel' });
    opening = made;
    roleId = (await db.selectFrom('openings').select('role_id').where('id', '=', made.id).executeTakeFirstOrThrow()).role_id;
    // Cora and the manager interview one candidate; Cora submits (every rating "strong no"), the manager does not.
    shared = { ...(await makeInterview(db, made.id, [c.id, m.id])), openingId: made.id };
    await scoreInterview(useCaseDeps(db), c.id, shared, 1, 'submit', 'strong_no');
    await reviewedHire(db, shared.applicationId, { roleId, managerId: m.id, review: 4, weightedScore: 10 });
  });

  const calibrationRow = async () => (await manager.get('/reports/calibration')).text.match(new RegExp(`${candor}</th>\\s*<td class="num">(\\d+)</td>`))?.[1];
  const calibrationCsv = async () => csvLines((await manager.get('/reports/calibration/csv')).text).find((l) => l.startsWith(`${candor},`));
  const sourcesScore = async () => (await manager.get('/reports/sources')).text;

  it('when the manager still owes a scorecard on the only application a panellist rated, then calibration shows no row for that panellist, on the page or in the CSV', async () => {
    expect(await calibrationRow()).toBeUndefined();
    expect(await calibrationCsv()).toBeUndefined();
    const prediction = await manager.get('/reports/prediction');
    expect(prediction.text).toContain('No reviewed hires yet.');
    expect(await sourcesScore()).not.toMatch(/>10(\.0)?</);
  });

  it('when the panellist also rated an application the manager does not sit on, then only that scorecard counts until the manager submits', async () => {
    const db = ctx().db;
    const cora = (await db.selectFrom('users').select('id').where('name', '=', candor).executeTakeFirstOrThrow()).id;
    const other = { ...(await makeInterview(db, opening.id, [cora])), openingId: opening.id };
    await scoreInterview(useCaseDeps(db), cora, other, 3);
    await reviewedHire(db, other.applicationId, { roleId, managerId, review: 2, weightedScore: 50 });
    expect(await calibrationRow()).toBe('1');
    expect(await calibrationCsv()).toMatch(new RegExp(`^${candor},1,`));
    expect((await manager.get('/reports/prediction')).text).toContain('1 reviewed hire<');
    const sources = await sourcesScore();
    expect(sources).toMatch(/>50(\.0)?</);
    expect(sources).not.toMatch(/>30(\.0)?</);

    // Once the manager has submitted their own scorecard, the whole panel counts.
    await scoreInterview(useCaseDeps(db), managerId, shared, 4, 'submit', 'strong_yes');
    expect(await calibrationRow()).toBe('2');
    expect(await calibrationCsv()).toMatch(new RegExp(`^${candor},2,`));
    expect((await manager.get('/reports/prediction')).text).toContain('2 reviewed hires');
    expect(await sourcesScore()).toMatch(/>30(\.0)?</);
  });

  it('when an admin turns independent feedback off, then nothing is withheld', async () => {
    const db = ctx().db;
    const m2 = await createUser(db, 'hiring_manager');
    const agent = await signIn(ctx().app, m2.email);
    const c2 = await createUser(db, 'interviewer', { name: 'Otto Open' });
    const o2 = await makeOpening(db, { hiringManagerId: m2.id, title: 'Open panel' });
    const i2 = { ...(await makeInterview(db, o2.id, [c2.id, m2.id])), openingId: o2.id };
    await scoreInterview(useCaseDeps(db), c2.id, i2, 2);
    const role2 = (await db.selectFrom('openings').select('role_id').where('id', '=', o2.id).executeTakeFirstOrThrow()).role_id;
    await reviewedHire(db, i2.applicationId, { roleId: role2, managerId: m2.id, review: 3, weightedScore: 40 });
    expect((await agent.get('/reports/calibration')).text).not.toContain('Otto Open</th>');
    expect((await agent.get('/reports/prediction')).text).toContain('No reviewed hires yet.');
    expect((await agent.get('/reports/sources')).text).not.toMatch(/>40(\.0)?</);
    // The setting changes as the settings page changes it: in a unit of work.
    const setIndependence = (value: '0' | '1') => runInUnitOfWork(useCaseDeps(db), (uow) => putSetting(uow.trx, 'independent_feedback', value));
    await setIndependence('0');
    try {
      expect((await agent.get('/reports/calibration')).text).toMatch(/Otto Open<\/th>\s*<td class="num">1<\/td>/);
      expect((await agent.get('/reports/prediction')).text).toContain('1 reviewed hire<');
      expect((await agent.get('/reports/sources')).text).toMatch(/>40(\.0)?</);
    } finally {
      await setIndependence('1');
    }
  });
});
