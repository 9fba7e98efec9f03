import { changeApplicationStatus, moveApplication } from '../../../src/candidates/applications.use-cases';
import { saveScorecard } from '../../../src/interviews/interviews.repository';
import type { ScorecardContent } from '../../../src/interviews/scorecard';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { makeInterview, makeOpening } from '../../helpers/hiring';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { type Agent, createUser, signIn } from '../../helpers/web';

function content(ratings: Record<string, number | null>): ScorecardContent {
  return { ratings: Object.entries(ratings).map(([key, rating]) => ({ key, rating, evidence: `evidence for ${key}` })), keyTakeaways: '', recommendation: 'yes' };
}

/** The part of the page from the flags row to the end of that row. */
const flagsRow = (html: string) => html.slice(html.indexOf('<th scope="row">Flags</th>'), html.indexOf('</tr>', html.indexOf('<th scope="row">Flags</th>')));
const chartSection = (html: string) => (html.includes('id="chart"') ? html.slice(html.indexOf('id="chart"')) : '');
const legend = (html: string) => {
  const section = chartSection(html);
  const list = section.slice(section.indexOf('<ul class="legend"'), section.indexOf('</ul>', section.indexOf('<ul class="legend"')));
  return [...list.matchAll(/<\/svg> ([^<]+)<\/li>/g)].map((m) => m[1]!.trim());
};

describeEachDialect('comparison: progress instead of noise, and the radar chart', (ctx: () => TestContext) => {
  let manager: Agent;
  let managerId: number;
  let opening: Awaited<ReturnType<typeof makeOpening>>;
  let panel: { id: number }[];
  let rubricId: number;

  async function candidate(name: string, ratings: Record<string, number | null> | null, interviewers: number[] = [panel[0]!.id]) {
    const interview = await makeInterview(ctx().db, opening.id, interviewers);
    await ctx().db.updateTable('candidates').set({ name, name_lower: name.toLowerCase() }).where('id', '=', interview.candidateId).execute();
    if (ratings) await saveScorecard(ctx().db, { interviewId: interview.interviewId, applicationId: interview.applicationId, rubricId, rubricVersion: 1, interviewerId: panel[0]!.id, status: 'submitted', content: content(ratings) }, new Date());
    return interview;
  }

  // Through the use cases: the grid is kept under a version that their events raise.
  const atStage = (applicationId: number, index: number) => moveApplication(useCaseDeps(ctx().db), actingAs(managerId), applicationId, opening.stages[index]!.id, 'en');
  const closeAs = (applicationId: number, status: 'rejected' | 'active') => changeApplicationStatus(useCaseDeps(ctx().db), actingAs(managerId), applicationId, { status, reason: status === 'rejected' ? 'Not a fit' : '' });

  beforeAll(async () => {
    const m = await createUser(ctx().db, 'hiring_manager', { name: 'Mona Manager' });
    managerId = m.id;
    manager = await signIn(ctx().app, m.email);
    opening = await makeOpening(ctx().db, { roleKey: 'ae', hiringManagerId: m.id, title: 'AE chart' });
    rubricId = (await ctx().db.selectFrom('openings').select('rubric_id').where('id', '=', opening.id).executeTakeFirstOrThrow()).rubric_id;
    panel = [await createUser(ctx().db, 'interviewer', { name: 'Pia Panel' })];
  });

  it('when later stages are ahead, then a column shows its progress and no "low confidence" or "missing feedback"; at the last stage those flags show and the progress goes', async () => {
    const thin = await candidate('Tom Thin', { integrity: 3, sales_dna: 2 });
    await atStage(thin.applicationId, 1);
    const ahead = flagsRow((await manager.get(`/openings/${opening.id}/compare?ids=${thin.applicationId}`)).text);
    expect(ahead).toContain(`2 of ${opening.stages.length} stages`);
    expect(ahead).not.toContain('flag-low_confidence');
    expect(ahead).not.toContain('flag-missing');

    await atStage(thin.applicationId, opening.stages.length - 2);
    const lastButOne = flagsRow((await manager.get(`/openings/${opening.id}/compare?ids=${thin.applicationId}`)).text);
    expect(lastButOne).toContain(`${opening.stages.length - 1} of ${opening.stages.length} stages`);
    expect(lastButOne).not.toContain('flag-low_confidence');

    await atStage(thin.applicationId, opening.stages.length - 1);
    const complete = flagsRow((await manager.get(`/openings/${opening.id}/compare?ids=${thin.applicationId}`)).text);
    expect(complete).not.toMatch(/of \d+ stages/);
    expect(complete).toContain('flag-low_confidence');
    expect(complete).toContain('flag-missing');
  });

  it('when a stage is ahead but the candidate is below the bar, then that flag still shows beside the progress; once rejected, every flag shows', async () => {
    const low = await candidate('Lou Low', { integrity: 1, culture_mission: 1, sales_dna: 4 });
    await atStage(low.applicationId, 1);
    const row = flagsRow((await manager.get(`/openings/${opening.id}/compare?ids=${low.applicationId}`)).text);
    expect(row).toContain('flag-below_bar');
    expect(row).toContain(`2 of ${opening.stages.length} stages`);
    expect(row).not.toContain('flag-low_confidence');
    await closeAs(low.applicationId, 'rejected');
    const rejected = flagsRow((await manager.get(`/openings/${opening.id}/compare?status=all&ids=${low.applicationId}`)).text);
    expect(rejected).not.toMatch(/of \d+ stages/);
    expect(rejected).toContain('flag-below_bar');
    expect(rejected).toContain('flag-low_confidence');
    await closeAs(low.applicationId, 'active');
  });

  it('when the manager interviews a candidate and has not submitted, then neither the flags, the chart, its legend, its choice nor its notes show anything of the panel', async () => {
    const pending = await candidate('Pam Pending', { integrity: 1, culture_mission: 1, sales_dna: 1 }, [panel[0]!.id, managerId]);
    await atStage(pending.applicationId, opening.stages.length - 1);
    const other = await candidate('Otto Other', { integrity: 3, sales_dna: 3, process_focus: 3 });
    const page = (await manager.get(`/openings/${opening.id}/compare?ids=${pending.applicationId}&ids=${other.applicationId}&chart=${pending.applicationId}&chart=${other.applicationId}`)).text;
    const row = flagsRow(page);
    expect(row).not.toContain('flag-below_bar');
    expect(row).not.toContain('flag-low_confidence');
    expect(legend(page)).toEqual(['Otto Other']);
    const chart = chartSection(page);
    expect(chart).not.toContain('Pam Pending');
    expect(chart).not.toContain(`name="chart" value="${pending.applicationId}"`);
    expect(chart).toContain(`name="chart" value="${other.applicationId}"`);
  });

  it('when a candidate has no rating on the core dimensions, then they stay out of the legend and a note names them; a gap replaces their unrated axes', async () => {
    const rated = await candidate('Rita Rated', { integrity: 4, sales_dna: 3 });
    const none = await candidate('Nick None', null);
    const page = (await manager.get(`/openings/${opening.id}/compare?ids=${rated.applicationId}&ids=${none.applicationId}`)).text;
    expect(legend(page)).toEqual(['Rita Rated']);
    expect(chartSection(page)).toContain('Not charted, no ratings on these dimensions yet: Nick None.');
    // Rita is rated on two of four core axes, not neighbours: markers and no shape closing through the centre.
    expect(chartSection(page)).not.toMatch(/<polygon points="[^"]+" fill="#0072B2"/);
    expect(chartSection(page)).toContain('Rita Rated: Integrity 4.0, Culture &amp; mission fit not rated');
    expect(chartSection(page)).toMatch(/<title id="chart-wide-title">/);
    expect(chartSection(page)).toMatch(/<title id="chart-compact-title">/);
    expect(chartSection(page)).toMatch(/<text x="[\d.]+" y="[\d.]+">4<\/text>/);
  });

  it('when seven candidates have ratings, then six are charted, a note says so, and a form (no script needed) chooses whom to chart; seven chosen is refused with the choice kept', async () => {
    const ids: number[] = [];
    for (let i = 1; i <= 7; i += 1) ids.push((await candidate(`Seven ${i}`, { integrity: 2 + (i % 3), sales_dna: 3, culture_mission: 3, process_focus: 2 })).applicationId);
    const only = ids.map((id) => `ids=${id}`).join('&');
    const page = (await manager.get(`/openings/${opening.id}/compare?${only}`)).text;
    expect(legend(page)).toHaveLength(6);
    expect(chartSection(page)).toContain('Charting 6 of 7 candidates with ratings');
    expect(chartSection(page)).toContain('href="#chart-choice"');
    const form = chartSection(page).slice(chartSection(page).indexOf('<form method="get"'));
    expect(form).toContain(`action="/openings/${opening.id}/compare#chart"`);
    for (const id of ids) expect(form).toContain(`name="ids" value="${id}"`);
    expect((form.match(/name="chart" value="\d+" checked/g) ?? []).length).toBe(6);

    const two = (await manager.get(`/openings/${opening.id}/compare?${only}&chart=${ids[6]}&chart=${ids[0]}`)).text;
    expect(legend(two).sort()).toEqual(['Seven 1', 'Seven 7']);
    expect(chartSection(two)).toContain('Charting the 2 you chose of 7 candidates with ratings.');
    expect(chartSection(two)).not.toContain('cannot be told apart');

    const seven = (await manager.get(`/openings/${opening.id}/compare?${only}&${ids.map((id) => `chart=${id}`).join('&')}`)).text;
    expect(legend(seven)).toHaveLength(6);
    expect(chartSection(seven)).toContain('Choose at most 6: the first 6 chosen are charted.');
    expect(chartSection(seven)).toContain('Charting 6 of 7 candidates with ratings: more than 6 shapes');
    expect((chartSection(seven).match(/name="chart" value="\d+" checked aria-invalid="true"/g) ?? []).length).toBe(7);

    const six = (await manager.get(`/openings/${opening.id}/compare?${only}&${ids.slice(0, 6).map((id) => `chart=${id}`).join('&')}`)).text;
    expect(chartSection(six)).not.toContain('Choose at most 6');
    expect(legend(six)).toHaveLength(6);
  });

  it('when six or fewer candidates have ratings, then there is no note and no choice form', async () => {
    const a = await candidate('Six A', { integrity: 3 });
    const page = (await manager.get(`/openings/${opening.id}/compare?ids=${a.applicationId}`)).text;
    expect(chartSection(page)).not.toContain('Charting');
    expect(chartSection(page)).not.toContain('id="chart-choice"');
  });
});
