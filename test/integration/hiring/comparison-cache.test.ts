import pino from 'pino';
import type { Express } from 'express';
import { createApp } from '../../../src/app';
import { changeApplicationStatus, moveApplication } from '../../../src/candidates/applications.use-cases';
import { editCandidate } from '../../../src/candidates/candidates.use-cases';
import { runImport, uploadImportFile } from '../../../src/candidates/import.use-cases';
import { mergeCandidates } from '../../../src/candidates/merge.use-cases';
import { type ComparisonCache, createComparisonCache } from '../../../src/comparison/comparison-cache';
import { recordDecision, reopenDecision } from '../../../src/comparison/decisions.use-cases';
import type { UseCaseDeps } from '../../../src/events/unit-of-work';
import { scheduleInterview } from '../../../src/interviews/interviews.use-cases';
import { cancelInterview, rescheduleInterview } from '../../../src/interviews/schedule.use-cases';
import { listStages } from '../../../src/openings/openings.repository';
import { editOpening, moveOpeningToCurrentRubric, saveInterviewPlan } from '../../../src/openings/openings.use-cases';
import { eraseCandidate } from '../../../src/privacy/privacy.use-cases';
import { findVersionDimensions } from '../../../src/rubrics/rubrics.repository';
import { saveRubricVersion } from '../../../src/rubrics/rubrics.use-cases';
import { saveSettings } from '../../../src/settings/settings.use-cases';
import { makeCandidate, makeOpening } from '../../helpers/hiring';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { type Agent, createUser, signIn } from '../../helpers/web';
import { applyCandidate, decisionInput, scoreInterview } from '../../helpers/writes';

const HOUR = 3_600_000;

describeEachDialect('the comparison kept between requests', (ctx: () => TestContext) => {
  let app: Express;
  let cache: ComparisonCache;
  let deps: UseCaseDeps;
  let adminId: number;
  let manager: { id: number; agent: Agent };
  let admin: Agent;
  let panel: { id: number }[];
  let opening: Awaited<ReturnType<typeof makeOpening>>;

  /** The grid's part of the page (not the layout), as a viewer sees it now. */
  async function grid(agent: Agent, query = 'status=all'): Promise<string> {
    const res = await agent.get(`/openings/${opening.id}/compare?${query}`);
    expect(res.status).toBe(200);
    return res.text.slice(res.text.indexOf('<div class="page-head">'));
  }

  /** A candidate applied to the opening, interviewed at the first stage by the panel at `at`, and optionally scored by both. */
  async function interviewed(name: string, options: { at?: Date | null; score?: number } = {}) {
    const candidateId = await makeCandidate(ctx().db, { name });
    const applicationId = await applyCandidate(ctx().db, candidateId, opening.id, adminId, deps);
    const interviewId = await scheduleInterview(deps, actingAs(adminId), applicationId, { stageId: opening.stages[0]!.id, scheduledAt: options.at === undefined ? null : options.at && options.at.toISOString(), interviewerIds: panel.map((p) => p.id) });
    if (options.score !== undefined) for (const p of panel) await scoreInterview(deps, p.id, { interviewId, openingId: opening.id }, options.score);
    return { candidateId, applicationId, interviewId };
  }

  beforeAll(async () => {
    cache = createComparisonCache();
    const c = ctx();
    app = createApp({ config: c.config, db: c.db, logger: pino({ level: 'silent' }), clock: c.clock, sessionSecret: 'test-secret-that-is-long-enough-for-sessions', storage: c.storage, comparisonCache: cache });
    deps = useCaseDeps(c.db, { clock: c.clock });
    const a = await createUser(c.db, 'admin', { name: 'Ada Admin' });
    adminId = a.id;
    admin = await signIn(app, a.email);
    const m = await createUser(c.db, 'hiring_manager', { name: 'Mo Manager' });
    manager = { id: m.id, agent: await signIn(app, m.email) };
    opening = await makeOpening(c.db, { roleKey: 'ae', hiringManagerId: m.id, title: 'Cached AE' });
    panel = [await createUser(c.db, 'interviewer'), await createUser(c.db, 'interviewer')];
  });

  it('when the same page is asked twice with nothing changed, then the second answer comes from what was kept', async () => {
    await interviewed('Kept Kim', { score: 3 });
    const first = await grid(manager.agent);
    const before = { pages: cache.pages.hits, data: cache.data.misses };
    const second = await grid(manager.agent);
    expect(second).toBe(first);
    expect(cache.pages.hits).toBe(before.pages + 1);
    expect(cache.data.misses).toBe(before.data);
  });

  it('when a scorecard is submitted or edited, then the grid shows it at once', async () => {
    const c = await interviewed('Scored Sam');
    expect(await grid(manager.agent)).not.toContain('/summary#dim-integrity"><strong>2.0');
    await scoreInterview(deps, panel[0]!.id, { interviewId: c.interviewId, openingId: opening.id }, 2);
    const after = await grid(manager.agent);
    expect(after).toContain(`href="/applications/${c.applicationId}/summary#dim-integrity"><strong>2.0</strong>`);
    await scoreInterview(deps, panel[0]!.id, { interviewId: c.interviewId, openingId: opening.id }, 4);
    expect(await grid(manager.agent)).toContain(`href="/applications/${c.applicationId}/summary#dim-integrity"><strong>4.0</strong>`);
  });

  it('when an application arrives, moves, is rejected, withdrawn, decided or reopened, then the grid shows it at once', async () => {
    const c = await interviewed('Moving Mia', { score: 4 });
    const column = async () => {
      const text = await grid(manager.agent);
      const at = text.indexOf('>Moving Mia</a>');
      return text.slice(at, text.indexOf('</th>', at));
    };
    expect(await column()).toContain(opening.stages[0]!.name);
    await moveApplication(deps, actingAs(adminId), c.applicationId, opening.stages[2]!.id, 'en');
    expect(await column()).toContain(opening.stages[2]!.name);
    await changeApplicationStatus(deps, actingAs(adminId), c.applicationId, { status: 'withdrawn', reason: 'Took another offer' });
    expect(await column()).toContain('Withdrawn');
    await changeApplicationStatus(deps, actingAs(adminId), c.applicationId, { status: 'active', reason: '' });
    expect(await column()).toContain('Active');
    await recordDecision(deps, actingAs(manager.id, 'hiring_manager'), c.applicationId, decisionInput('no_hire'));
    expect(await column()).toContain('Rejected');
    await reopenDecision(deps, actingAs(manager.id, 'hiring_manager'), c.applicationId, { reason: 'New references came in' });
    expect(await column()).toContain('Active');
    const late = await makeCandidate(ctx().db, { name: 'Late Lou' });
    expect(await grid(manager.agent)).not.toContain('Late Lou');
    await applyCandidate(ctx().db, late, opening.id, adminId, deps);
    expect(await grid(manager.agent)).toContain('Late Lou');
  });

  it('when candidates are imported from a spreadsheet into the opening, then the grid shows them at once', async () => {
    expect(await grid(manager.agent)).not.toContain('Imported Ivy');
    const importId = await uploadImportFile(deps, actingAs(adminId), { fileName: 'people.csv', bytes: Buffer.from('name,email\nImported Ivy,imported.ivy@import.test\n') });
    await runImport(deps, actingAs(adminId), importId, { encoding: 'auto', delimiter: 'auto', defaultSource: 'outbound', openingId: opening.id, stageId: opening.stages[0]!.id }, 'en');
    expect(await grid(manager.agent)).toContain('Imported Ivy');
  });

  it('when the viewer is put on a panel, moved off it, or the interview is cancelled, then the panel’s verdicts hide and show at once', async () => {
    const c = await interviewed('Panel Pia', { score: 3 });
    expect(await grid(manager.agent)).not.toContain('Hidden until you submit');
    const mine = await scheduleInterview(deps, actingAs(adminId), c.applicationId, { stageId: opening.stages[1]!.id, scheduledAt: null, interviewerIds: [manager.id] });
    expect(await grid(manager.agent)).toContain('Hidden until you submit');
    // Another viewer, who owes nothing here, sees the scores meanwhile.
    expect(await grid(admin)).not.toContain('Hidden until you submit');
    await rescheduleInterview(deps, actingAs(adminId), mine, { startsAt: new Date(ctx().clock.now().getTime() + HOUR), timeZone: 'Europe/Berlin', durationMinutes: 45, location: '', interviewerIds: [panel[0]!.id], note: '' });
    expect(await grid(manager.agent)).not.toContain('Hidden until you submit');
    await rescheduleInterview(deps, actingAs(adminId), mine, { startsAt: new Date(ctx().clock.now().getTime() + HOUR), timeZone: 'Europe/Berlin', durationMinutes: 45, location: '', interviewerIds: [manager.id], note: '' });
    expect(await grid(manager.agent)).toContain('Hidden until you submit');
    await cancelInterview(deps, actingAs(adminId), mine, 'Not needed');
    expect(await grid(manager.agent)).not.toContain('Hidden until you submit');
  });

  it('when independent feedback is turned off, then a viewer who owes a scorecard sees the verdicts at once', async () => {
    const c = await interviewed('Setting Sol', { score: 3 });
    await scheduleInterview(deps, actingAs(adminId), c.applicationId, { stageId: opening.stages[1]!.id, scheduledAt: null, interviewerIds: [manager.id] });
    expect(await grid(manager.agent)).toContain('Hidden until you submit');
    await saveSettings(deps, actingAs(adminId), { independentFeedback: false, companyName: 'Acme', timeZone: 'Europe/Berlin' });
    expect(await grid(manager.agent)).not.toContain('Hidden until you submit');
    await saveSettings(deps, actingAs(adminId), { independentFeedback: true, companyName: 'Acme', timeZone: 'Europe/Berlin' });
    expect(await grid(manager.agent)).toContain('Hidden until you submit');
  });

  it('when a candidate is renamed, merged or erased, then the grid follows at once (a candidate in two openings included)', async () => {
    const c = await interviewed('Rename Rae', { score: 2 });
    const other = await makeOpening(ctx().db, { roleKey: 'ae', hiringManagerId: manager.id, title: 'Second AE' });
    await applyCandidate(ctx().db, c.candidateId, other.id, adminId, deps);
    const otherGrid = async () => (await manager.agent.get(`/openings/${other.id}/compare?status=all`)).text;
    expect(await otherGrid()).toContain('Rename Rae');
    expect(await grid(manager.agent)).toContain('Rename Rae');
    const candidateDeps = { ...deps, storage: ctx().storage };
    await editCandidate(candidateDeps, actingAs(adminId), c.candidateId, { candidate: { name: 'Renamed Rory', email: `rory.${Date.now()}@example.test`, phone: '', linkedinUrl: '', source: 'outbound', sourceDetail: '', notes: '' } });
    expect(await grid(manager.agent)).toContain('Renamed Rory');
    expect(await otherGrid()).toContain('Renamed Rory');

    const twin = await makeCandidate(ctx().db, { name: 'Twin Tess' });
    await applyCandidate(ctx().db, twin, other.id, adminId, deps);
    expect(await otherGrid()).toContain('Twin Tess');
    await mergeCandidates(candidateDeps, actingAs(adminId), c.candidateId, twin, 'en');
    expect(await otherGrid()).not.toContain('Twin Tess');

    expect(await grid(manager.agent)).toContain('Renamed Rory');
    await eraseCandidate(candidateDeps, actingAs(adminId), c.candidateId);
    expect(await grid(manager.agent)).not.toContain('Renamed Rory');
    expect(await otherGrid()).not.toContain('Renamed Rory');
  });

  it('when the opening is edited or its interview plan renamed, then the grid shows it at once', async () => {
    await interviewed('Plan Pat', { score: 3 });
    expect(await grid(manager.agent)).toContain('Cached AE');
    await editOpening(deps, actingAs(adminId), opening.id, { title: 'Cached AE, Berlin', hiringManagerId: manager.id, recruiterIds: [], headcount: 2, status: 'open', payPlan: '' });
    expect(await grid(manager.agent)).toContain('Cached AE, Berlin');
    const stages = await listStages(ctx().db, opening.id, 'en');
    await saveInterviewPlan(deps, actingAs(adminId), opening.id, stages.map((s, i) => ({ id: s.id, name: i === 0 ? 'First call, renamed' : s.name, focus: s.focus, interviewerIds: s.interviewerIds, durationMinutes: s.durationMinutes })));
    expect(await grid(manager.agent)).toContain('First call, renamed');
  });

  it('when the opening moves to a new rubric version, then the grid shows its dimensions at once', async () => {
    const farmer = await makeOpening(ctx().db, { roleKey: 'farmer', hiringManagerId: manager.id, title: 'Farmer' });
    await applyCandidate(ctx().db, await makeCandidate(ctx().db, { name: 'Fern Farmer' }), farmer.id, adminId, deps);
    const page = async () => (await manager.agent.get(`/openings/${farmer.id}/compare?status=all`)).text;
    const { rubric_id: rubricId, rubric_version: version } = await ctx().db.selectFrom('openings').select(['rubric_id', 'rubric_version']).where('id', '=', farmer.id).executeTakeFirstOrThrow();
    expect(await page()).not.toContain('Integrity, as we say it');
    const dimensions = (await findVersionDimensions(ctx().db, rubricId, version, 'en'))!;
    await saveRubricVersion(deps, actingAs(adminId), { rubricId, baseVersion: version, dimensions: dimensions.map((d) => (d.key === 'integrity' ? { ...d, name: 'Integrity, as we say it' } : d)), note: null, language: 'en' });
    await moveOpeningToCurrentRubric(deps, actingAs(adminId), farmer.id);
    expect(await page()).toContain('Integrity, as we say it');
  });

  it('when an interview’s time passes with no write at all, then its missing scorecard shows', async () => {
    const c = await interviewed('Clock Cleo', { at: new Date(ctx().clock.now().getTime() + 2 * HOUR) });
    await scoreInterview(deps, panel[0]!.id, { interviewId: (await scheduleInterview(deps, actingAs(adminId), c.applicationId, { stageId: opening.stages[0]!.id, scheduledAt: null, interviewerIds: [panel[0]!.id] })), openingId: opening.id }, 3);
    // Closed, so every flag shows (not the plan's progress).
    await changeApplicationStatus(deps, actingAs(adminId), c.applicationId, { status: 'rejected', reason: 'Closed for the test' });
    const column = async () => {
      const text = await grid(manager.agent, `status=all&ids=${c.applicationId}`);
      return text.slice(text.indexOf('<th scope="row">Flags'));
    };
    expect((await column()).slice(0, 400)).not.toContain('Missing feedback');
    const hitsBefore = cache.data.hits;
    ctx().clock.advance(3 * HOUR);
    expect((await column()).slice(0, 400)).toContain('Missing feedback');
    // Nothing was written: the data kept was used, only the page was drawn again.
    expect(cache.data.hits).toBe(hitsBefore + 1);
  });

  it('when two viewers differ only in whether they owe a scorecard, then each gets their own page from the same kept data', async () => {
    const c = await interviewed('Two Views', { score: 4 });
    await scheduleInterview(deps, actingAs(adminId), c.applicationId, { stageId: opening.stages[1]!.id, scheduledAt: null, interviewerIds: [manager.id] });
    const ids = `status=all&ids=${c.applicationId}`;
    const missesBefore = cache.data.misses;
    const owing = await grid(manager.agent, ids);
    const free = await grid(admin, ids);
    expect(cache.data.misses).toBe(missesBefore + 1);
    expect(owing).toContain('Hidden until you submit');
    expect(owing).not.toContain(`/summary#dim-integrity"><strong>4.0`);
    expect(free).not.toContain('Hidden until you submit');
    expect(free).toContain(`/summary#dim-integrity"><strong>4.0`);
  });

  it('when many grids are kept, then the cache stays within its bound', async () => {
    const small = createComparisonCache({ dataEntries: 2, withheldEntries: 2, pageChars: 100 });
    small.pages.set('a', 'x'.repeat(60));
    small.pages.set('b', 'y'.repeat(60));
    expect(small.pages.get('a')).toBeUndefined();
    expect(small.pages.get('b')).toBe('y'.repeat(60));
    expect(small.pages.totalWeight).toBeLessThanOrEqual(100);
    small.withheld.set('1', new Set());
    small.withheld.set('2', new Set());
    small.withheld.get('1');
    small.withheld.set('3', new Set());
    expect(small.withheld.get('2')).toBeUndefined();
    expect(small.withheld.get('1')).toBeDefined();
    expect(small.withheld.size).toBe(2);
  });
});
