import { scheduleInterview } from '../../../src/interviews/interviews.use-cases';
import { listStages } from '../../../src/openings/openings.service';
import { makeOpening } from '../../helpers/hiring';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { type Agent, createUser, signIn } from '../../helpers/web';
import { scoreInterview } from '../../helpers/writes';
import { makeInterview } from '../../helpers/hiring';

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
});
