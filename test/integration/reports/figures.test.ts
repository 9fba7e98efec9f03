import { addApplication, changeApplicationStatus, moveApplication } from '../../../src/candidates/applications.use-cases';
import { scheduleInterview } from '../../../src/interviews/interviews.use-cases';
import { saveInterviewPlan } from '../../../src/openings/openings.use-cases';
import { listStages } from '../../../src/openings/openings.service';
import { makeOpening } from '../../helpers/hiring';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { type Agent, createUser, signIn } from '../../helpers/web';
import { scoreInterview } from '../../helpers/writes';
import { makeCandidate, makeInterview } from '../../helpers/hiring';

const csvLines = (text: string) => text.replace(/^\ufeff/, '').trim().split('\r\n');

/** Figures the reports once got wrong, each on the smallest data that shows it. */
describeEachDialect('report figures', (ctx: () => TestContext) => {
  it('when an interviewer scores one application twice (a screen and a later stage), then their own second scorecard is not "rest of the panel", and a rating nobody else gave is not shared', async () => {
    const db = ctx().db;
    const manager = await createUser(db, 'hiring_manager', { name: 'Mae Manager' });
    const agent: Agent = await signIn(ctx().app, manager.email);
    const riley = await createUser(db, 'interviewer', { name: 'Riley Twice' });
    const ivan = await createUser(db, 'interviewer', { name: 'Ivan Once' });
    const opening = await makeOpening(db, { roleKey: 'ae', hiringManagerId: manager.id, title: 'AE twice' });
    const deps = useCaseDeps(db);
    const stages = await listStages(db, opening.id, 'en');
    const secondInterview = async (applicationId: number) => ({ interviewId: await scheduleInterview(deps, actingAs(riley.id), applicationId, { stageId: stages[2]!.id, scheduledAt: null, interviewerIds: [riley.id] }), openingId: opening.id });
    // Application A: Riley rates 1 at the first stage and 4 at the next; Ivan rates 4 at the first.
    const a = await makeInterview(db, opening.id, [riley.id, ivan.id]);
    await scoreInterview(deps, riley.id, { ...a, openingId: opening.id }, 1);
    await scoreInterview(deps, ivan.id, { ...a, openingId: opening.id }, 4);
    await scoreInterview(deps, riley.id, await secondInterview(a.applicationId), 4);
    // Application B: only Riley, twice.
    const b = await makeInterview(db, opening.id, [riley.id]);
    await scoreInterview(deps, riley.id, { ...b, openingId: opening.id }, 2);
    await scoreInterview(deps, riley.id, await secondInterview(b.applicationId), 3);
    const dimensions = Object.keys((await db.selectFrom('scorecard_ratings').innerJoin('scorecards', 'scorecards.id', 'scorecard_ratings.scorecard_id').select('scorecard_ratings.dimension_key').where('scorecards.application_id', '=', a.applicationId).execute()).reduce((s, r) => ({ ...s, [r.dimension_key]: 1 }), {})).length;

    const lines = csvLines((await agent.get('/reports/calibration/csv')).text);
    const header = lines[0]!.split(',');
    const cell = (name: string, column: string) => lines.find((l) => l.startsWith(`${name},`))!.split(',')[header.indexOf(column)];
    expect(header).toContain('Own mean on shared ratings');
    expect(header).toContain('Rest of panel’s mean on them');
    // Riley on A, per dimension: own 1 and 4 (mean 2.5) against Ivan's 4; nothing shared on B.
    expect(cell('Riley Twice', 'Shared ratings')).toBe(String(2 * dimensions));
    expect(cell('Riley Twice', 'Own mean on shared ratings')).toBe('2.5');
    expect(cell('Riley Twice', 'Rest of panel’s mean on them')).toBe('4');
    expect(cell('Riley Twice', 'Difference')).toBe("'-1.5"); // a leading minus is quoted against spreadsheet formulas
    // Ivan: own 4 against Riley's 1 and 4 (each of Riley's ratings counts: mean 2.5).
    expect(cell('Ivan Once', 'Shared ratings')).toBe(String(dimensions));
    expect(cell('Ivan Once', 'Own mean on shared ratings')).toBe('4');
    expect(cell('Ivan Once', 'Rest of panel’s mean on them')).toBe('2.5');
  });

  const HOUR = 3_600_000;

  it('when a stay lasts 3 days and 20 hours, another application is still in the stage and the last stage has a finished stay, then the page and the CSV give every median to the hour and count the active one apart', async () => {
    const db = ctx().db;
    const manager = await createUser(db, 'hiring_manager', { name: 'Pia Pipeline' });
    const opening = await makeOpening(db, { roleKey: 'ae', hiringManagerId: manager.id, title: 'AE hours' });
    const stages = await listStages(db, opening.id, 'en');
    const last = stages.length - 1;
    const deps = useCaseDeps(db, { clock: ctx().clock });
    const actor = actingAs(manager.id);
    const moved = await addApplication(deps, actor, await makeCandidate(db), opening.id);
    await addApplication(deps, actor, await makeCandidate(db), opening.id);
    ctx().clock.advance(92 * HOUR);
    await moveApplication(deps, actor, moved, stages[1]!.id, 'en');
    ctx().clock.advance(24 * HOUR);
    await moveApplication(deps, actor, moved, stages[last]!.id, 'en');
    ctx().clock.advance(36 * HOUR);
    await changeApplicationStatus(deps, actor, moved, { status: 'withdrawn', reason: 'Took another offer' });

    // Signed in once the days have passed (a session ends after a while).
    const agent: Agent = await signIn(ctx().app, manager.email);
    const page = (await agent.get('/reports/pipeline')).text;
    // The opening's stage table comes first: its row of a stage, cell by cell.
    const row = (name: string) => {
      const start = page.indexOf(`<th scope="row">${name}</th>`);
      return [...page.slice(start, page.indexOf('</tr>', start)).matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]);
    };
    // First stage: one moved on, one still there (not a failure): 100 %, 92 hours = 3.8 days.
    expect(row(stages[0]!.name)).toEqual(['100%', '3.8', '1']);
    // Skipping ahead to the last stage passes the ones between (furthest stage reached).
    expect(row(stages[1]!.name)).toEqual(['100%', '1', '0']);
    // The last stage has no next stage, but its median shows: 36 hours.
    expect(row(stages[last]!.name)).toEqual(['—', '1.5', '0']);

    const lines = csvLines((await agent.get('/reports/pipeline/csv')).text);
    const header = lines[0]!.split(',');
    const cells = lines.find((l) => l.startsWith('AE hours,'))!.split(',');
    const cell = (column: string) => cells[header.indexOf(column)];
    expect(cell(`Median days in stage: ${stages[0]!.name}`)).toBe('3.83');
    expect(cell(`Median days in stage: ${stages[last]!.name}`)).toBe('1.5');
    expect(cell(`Still in stage: ${stages[0]!.name}`)).toBe('1');
    expect(cell(`Still in stage: ${stages[1]!.name}`)).toBe('0');
  });

  it('when a scorecard is submitted two and a half hours after the interview, then its median time to submit reads 2.5 hours, not 2', async () => {
    const db = ctx().db;
    const manager = await createUser(db, 'hiring_manager', { name: 'Sam Submit' });
    const agent: Agent = await signIn(ctx().app, manager.email);
    const slow = await createUser(db, 'interviewer', { name: 'Hana Halfpast' });
    const opening = await makeOpening(db, { roleKey: 'ae', hiringManagerId: manager.id, title: 'AE minutes' });
    const stages = await listStages(db, opening.id, 'en');
    const deps = useCaseDeps(db, { clock: ctx().clock });
    const applicationId = await addApplication(deps, actingAs(manager.id), await makeCandidate(db), opening.id);
    const interviewId = await scheduleInterview(deps, actingAs(manager.id), applicationId, { stageId: stages[1]!.id, scheduledAt: null, interviewerIds: [slow.id] });
    ctx().clock.advance(2.5 * HOUR);
    await scoreInterview(deps, slow.id, { interviewId, openingId: opening.id }, 3);
    const lines = csvLines((await agent.get('/reports/calibration/csv')).text);
    expect(lines.find((l) => l.startsWith('Hana Halfpast,'))).toMatch(/^Hana Halfpast,1,2\.5,/);
    expect((await agent.get('/reports/calibration')).text).toMatch(/Hana Halfpast<\/th>\s*<td class="num">1<\/td>\s*<td class="num nowrap">2\.5 h<\/td>/);
  });

  it('when referrals to a five-stage SDR plan reach its reference check, then the sources report counts them by the stage’s kind, and still does once the stage is renamed and another stage added', async () => {
    const db = ctx().db;
    const manager = await createUser(db, 'hiring_manager', { name: 'Sid Sources' });
    const agent: Agent = await signIn(ctx().app, manager.email);
    const opening = await makeOpening(db, { roleKey: 'sdr_outbound', hiringManagerId: manager.id, title: 'SDR five' });
    const stages = await listStages(db, opening.id, 'en');
    expect(stages).toHaveLength(5);
    expect(stages.map((s) => s.kind)).toEqual([null, null, null, null, 'reference_check']);
    const deps = useCaseDeps(db);
    const reached = await addApplication(deps, actingAs(manager.id), await makeCandidate(db, { source: 'referral' }), opening.id);
    await moveApplication(deps, actingAs(manager.id), reached, stages[4]!.id, 'en');
    await addApplication(deps, actingAs(manager.id), await makeCandidate(db, { source: 'referral' }), opening.id);
    const referenceCheck = async () => {
      const lines = csvLines((await agent.get('/reports/sources/csv')).text);
      const header = lines[0]!.split(',');
      const cells = lines.find((l) => l.startsWith('Referral,'))!.split(',');
      return [cells[header.indexOf('Reached reference check')], cells[header.indexOf('Reached reference check (n)')]];
    };
    // One of the two referrals reached the reference check, at the fifth stage (there is no sixth).
    expect(await referenceCheck()).toEqual(['0.5', '2']);
    expect((await agent.get('/reports/sources')).text).toMatch(/Referral<\/th>\s*<td class="num">2<\/td>\s*<td class="num">2<\/td>\s*<td class="num nowrap">50%\s*<small class="muted">\(1\/2\)<\/small><\/td>/);

    // Renamed, and a stage of another kind added after it: the reference check is still the one it was.
    await saveInterviewPlan(deps, actingAs(manager.id), opening.id, [...stages.map((s) => ({ ...s, name: s.kind === 'reference_check' ? 'Calls to two former managers' : s.name })), { id: null, name: 'Offer call', focus: [], interviewerIds: [], durationMinutes: 30, kind: null }]);
    const saved = await listStages(db, opening.id, 'en');
    expect(saved.map((s) => [s.name, s.kind]).slice(4)).toEqual([['Calls to two former managers', 'reference_check'], ['Offer call', null]]);
    expect(await referenceCheck()).toEqual(['0.5', '2']);
  });
});
