import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { makeInterview, makeOpening } from '../../helpers/hiring';
import { refreshReportTotals } from '../../../src/reports/report-totals';
import { type Agent, createUser, signIn } from '../../helpers/web';

const csvLines = (text: string) => text.replace(/^\ufeff/, '').trim().split('\r\n');
/** Row headers of the stage-by-stage tables, in page order. */
const stageRows = (html: string) => [...html.matchAll(/<table class="striped report-table stage-table">[\s\S]*?<\/table>/g)].map((t) => [...t[0].matchAll(/<th scope="row">([\s\S]*?)<\/th>/g)].map((m) => m[1]!.replace(/<span class="stage-name">([^<]*)<\/span>/g, '$1|').replace(/\|$/, '').trim()));
const stageHeadings = (html: string) => [...html.matchAll(/<h3 class="stages-heading"[^>]*>([^<]*)<\/h3>/g)].map((m) => m[1]!);

describeEachDialect('reports: stage columns carry stage names', (ctx: () => TestContext) => {
  let manager: Agent;

  beforeAll(async () => {
    const db = ctx().db;
    const m = await createUser(db, 'hiring_manager', { name: 'Nora Names' });
    manager = await signIn(ctx().app, m.email);
    const interviewer = await createUser(db, 'interviewer');
    const ae1 = await makeOpening(db, { roleKey: 'ae', hiringManagerId: m.id, title: 'AE one' });
    const ae2 = await makeOpening(db, { roleKey: 'ae', hiringManagerId: m.id, title: 'AE two' });
    const renamed = await makeOpening(db, { roleKey: 'ae', hiringManagerId: m.id, title: 'AE renamed' });
    const sdr = await makeOpening(db, { roleKey: 'sdr_outbound', hiringManagerId: m.id, title: 'SDR one' });
    // One AE opening calls its second stage differently (an edit: no longer the seeded name): it gets a table of its own, and the role's headers list both names.
    await db.updateTable('interview_stages').set({ name: 'Discovery call with the founder', seed_key: null }).where('id', '=', renamed.stages[1]!.id).execute();
    for (const opening of [ae1, ae2, renamed, sdr]) await makeInterview(db, opening.id, [interviewer.id]);
    await refreshReportTotals(db, [ae1.id, ae2.id, renamed.id, sdr.id]);
  });

  it('when the pipeline is opened, then each plan has its stage-by-stage table with the stages named, and no "Stage n" remains', async () => {
    const res = await manager.get('/reports/pipeline');
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/Stage \d/);
    expect(res.text).not.toContain(' → ');
    const headings = stageHeadings(res.text);
    // By opening: the two alike AE openings share a table; the renamed one and the SDR opening have their own.
    expect(headings).toEqual(expect.arrayContaining(['Stage by stage: AE one, AE two', 'Stage by stage: AE renamed', 'Stage by stage: SDR one']));
    const tables = stageRows(res.text);
    const aeTable = tables[headings.indexOf('Stage by stage: AE one, AE two')]!;
    expect(aeTable.slice(0, 3)).toEqual(['Recruiter screen', 'Role-play: discovery call', 'Role-play: closing and negotiation']);
    expect(aeTable[aeTable.length - 1]).toBe('Reference check');
    expect(tables[headings.indexOf('Stage by stage: AE renamed')]![1]).toBe('Discovery call with the founder');
    expect(tables[headings.indexOf('Stage by stage: SDR one')]![1]).toBe('Role-play: cold outreach call');
    // By role: the AE role's second stage lists both names, the most used first.
    expect(tables[headings.indexOf('Stage by stage: Account Executive')]![1]).toBe('Role-play: discovery call / Discovery call with the founder');
    // Real column headers for the figures.
    expect(res.text).toContain('<th scope="col" class="num">Moved on to the next stage</th><th scope="col" class="num">Median days in stage</th>');
    expect(res.text).toContain('<th scope="colgroup" colspan="3" class="group-head">AE one</th>');
    // One chart per role, its bars named after the stages.
    expect(res.text).toContain('aria-labelledby="pipeline-chart-');
    expect(res.text).toMatch(/<text x="0" y="\d+" font-size="14" fill="#1f2a35">Role-play: cold outreach call<\/text>/);
  });

  it('when the pipeline is exported, then the stage columns are named too', async () => {
    const header = csvLines((await manager.get('/reports/pipeline/csv')).text)[0]!;
    expect(header).toContain('Reached Recruiter screen');
    expect(header).toContain('Median days in stage: Reference check');
    expect(header).not.toMatch(/Stage \d/);
  });

  it('when the sources report is opened, then the share reaching each stage is headed by the stages’ names, every name where plans differ', async () => {
    const res = await manager.get('/reports/sources');
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/Stage \d/);
    const [rows] = stageRows(res.text);
    // Position 1: three AE openings say discovery (two of them the default), one the founder call, the SDR opening the cold call.
    expect(rows![0]).toBe('Role-play: discovery call|Discovery call with the founder|Role-play: cold outreach call');
    expect(rows![rows!.length - 1]).toBe('Reference check');
    expect(res.text).toMatch(/<th scope="col">Stage<\/th>\s*<th scope="col" class="num">Referral<\/th>/);
    const header = csvLines((await manager.get('/reports/sources/csv')).text)[0]!;
    expect(header).toContain('Reached Role-play: discovery call / Discovery call with the founder / Role-play: cold outreach call');
  });

  it('when the manager reads the pipeline in Russian, then the stage tables are headed in Russian', async () => {
    const res = await manager.get('/reports/pipeline').set('Accept-Language', 'ru');
    expect(res.text).toContain('Перешли на следующий этап');
    expect(res.text).toContain('По этапам: AE one, AE two');
  });
});
