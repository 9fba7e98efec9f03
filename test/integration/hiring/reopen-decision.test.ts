import { scheduleInterview } from '../../../src/interviews/interviews.use-cases';
import { createPlan } from '../../../src/onboarding/plans.use-cases';
import { reopenDecision } from '../../../src/comparison/decisions.use-cases';
import { makeInterview, makeOpening } from '../../helpers/hiring';
import { scoredApplication } from '../../helpers/reports';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { type Agent, createUser, csrfToken, signIn } from '../../helpers/web';
import { scoreInterview } from '../../helpers/writes';
import { seedCatalog } from '../onboarding/helpers';

const csvLines = (text: string) => text.replace(/^\ufeff/, '').trim().split('\r\n');

describeEachDialect('reopening a decision', (ctx: () => TestContext) => {
  let manager: Agent;
  let managerUser: { id: number; name: string };
  let admin: Agent;
  let adminUser: { id: number; name: string };
  let recruiter: Agent;
  let recruiterUser: { id: number };
  let panel: { id: number; email: string }[];

  beforeAll(async () => {
    const db = ctx().db;
    await seedCatalog(ctx());
    managerUser = await createUser(db, 'hiring_manager', { name: 'Maria Manager' });
    manager = await signIn(ctx().app, (await db.selectFrom('users').select('email').where('id', '=', managerUser.id).executeTakeFirstOrThrow()).email);
    const a = await createUser(db, 'admin', { name: 'Ada Admin' });
    adminUser = a;
    admin = await signIn(ctx().app, a.email);
    const r = await createUser(db, 'recruiter', { name: 'Rita Recruiter' });
    recruiterUser = r;
    recruiter = await signIn(ctx().app, r.email);
    panel = [await createUser(db, 'interviewer', { name: 'Pat Panel' }), await createUser(db, 'interviewer', { name: 'Quinn Panel' })];
  });

  /** A fresh opening of Maria's with one application scored by both panel members (all 3s: no serious flag). */
  async function scoredOnFreshOpening(title: string, ratings: (number | null)[] = [3, 3]) {
    const opening = await makeOpening(ctx().db, { roleKey: 'ae', hiringManagerId: managerUser.id, title });
    await ctx().db.insertInto('opening_recruiters').values({ opening_id: opening.id, user_id: recruiterUser.id }).execute();
    const interview = await scoredApplication(ctx().db, opening.id, panel.slice(0, ratings.length).map((p) => p.id), ratings);
    return { opening, ...interview };
  }

  const statusOf = async (applicationId: number) => ctx().db.selectFrom('applications').select(['status', 'status_reason', 'stage_id']).where('id', '=', applicationId).executeTakeFirstOrThrow();
  const decide = async (agent: Agent, applicationId: number, fields: Record<string, string>) =>
    agent
      .post(`/applications/${applicationId}/decision`)
      .type('form')
      .send({ _csrf: await csrfToken(agent, `/applications/${applicationId}/summary`), ...fields });
  const reopen = async (agent: Agent, applicationId: number, reason: string | undefined) =>
    agent
      .post(`/applications/${applicationId}/decision/reopen`)
      .type('form')
      .send({ _csrf: await csrfToken(agent, '/'), ...(reason === undefined ? {} : { reason }) });

  it('when the hiring manager reopens a no-hire without a reason, then it is refused next to the field and nothing changes; with a reason, the application awaits a decision again at its stage', async () => {
    const { applicationId } = await scoredOnFreshOpening('AE reopen');
    expect((await decide(manager, applicationId, { decision: 'no_hire', rationale: 'Headcount frozen' })).status).toBe(303);
    const closed = await statusOf(applicationId);
    expect(closed).toMatchObject({ status: 'rejected', status_reason: 'Headcount frozen' });
    const home = async () => (await manager.get('/')).text.split('id="ready-heading"')[1]!.split('</section>')[0]!;
    expect(await home()).not.toContain(`/applications/${applicationId}/summary`);

    for (const blank of [undefined, '', '   ']) {
      const refused = await reopen(manager, applicationId, blank);
      expect(refused.status).toBe(422);
      expect(refused.text).toContain('Write why the decision is reopened.');
      expect(refused.text).toMatch(/<textarea id="reopen-reason" name="reason" rows="3" aria-invalid="true" aria-describedby="reopen-reason-error">/);
      expect(refused.text).toContain('<details class="reopen" open>');
    }
    expect(await statusOf(applicationId)).toEqual(closed);
    expect(await ctx().db.selectFrom('decisions').select('decision').where('application_id', '=', applicationId).execute()).toHaveLength(1);
    expect(await ctx().db.selectFrom('reopened_decisions').select('id').where('application_id', '=', applicationId).execute()).toEqual([]);

    const ok = await reopen(manager, applicationId, 'Headcount approved after all');
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`/applications/${applicationId}/summary#decision`);
    expect(await statusOf(applicationId)).toEqual({ status: 'active', status_reason: '', stage_id: closed.stage_id });
    expect(await ctx().db.selectFrom('decisions').select('id').where('application_id', '=', applicationId).execute()).toEqual([]);
    const kept = await ctx().db.selectFrom('reopened_decisions').selectAll().where('application_id', '=', applicationId).executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ decision: 'no_hire', rationale: 'Headcount frozen', decided_by: managerUser.id, reopened_by: managerUser.id, reason: 'Headcount approved after all' });

    // The summary: the decision form again, and the earlier decision with who reopened it, when and why.
    const summary = await manager.get(`/applications/${applicationId}/summary`);
    expect(summary.text).toContain('The decision on');
    expect(summary.text).toContain('Record decision');
    const history = summary.text.split('Earlier decisions')[1]!;
    expect(history).toContain('No hire');
    expect(history).toContain('Headcount frozen');
    expect(history).toContain('Reopened by Maria Manager on');
    expect(history).toContain('Headcount approved after all');
    // The application page: its history says so, with who and why; it is ready for a decision on the home page again.
    const page = await manager.get(`/applications/${applicationId}`);
    expect(page.text).toMatch(/Maria Manager · decision reopened: awaiting a decision again — <em>Headcount approved after all<\/em>/);
    expect(page.text).toMatch(/Maria Manager · decision: Rejected — <em>Headcount frozen<\/em>/);
    expect(await home()).toContain(`/applications/${applicationId}/summary`);

    // Deciding again: the standing decision on top, the reopened one below it.
    expect((await decide(manager, applicationId, { decision: 'hire', rationale: 'Budget is back' })).status).toBe(303);
    expect((await statusOf(applicationId)).status).toBe('hired');
    const after = await manager.get(`/applications/${applicationId}/summary`);
    const [current, earlier] = after.text.split('Earlier decisions');
    expect(current).toContain('Budget is back');
    expect(current).toContain('Start the onboarding plan');
    expect(earlier).toContain('Headcount frozen');
    expect(await ctx().db.selectFrom('decisions').select('decision').where('application_id', '=', applicationId).execute()).toEqual([{ decision: 'hire' }]);
  });

  it('when the decision is reopened, then the audit log records the reopening beside the earlier decision, with no words of the reason', async () => {
    const { applicationId } = await scoredOnFreshOpening('AE audit');
    await decide(manager, applicationId, { decision: 'no_hire', rationale: 'Not now' });
    await reopen(admin, applicationId, 'Secret-reason-7f3');
    const rows = await ctx().db.selectFrom('audit_log').select(['action', 'actor_id', 'detail']).where('subject_type', '=', 'application').where('subject_id', '=', applicationId).orderBy('id').execute();
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['decision.record', 'decision.reopen']));
    expect(rows.find((r) => r.action === 'decision.reopen')!.actor_id).toBe(adminUser.id);
    expect(JSON.stringify(rows)).not.toContain('Secret-reason-7f3');
    const log = await admin.get('/audit?action=decision.reopen');
    expect(log.status).toBe(200);
    expect(log.text).toContain('Decision reopened');
    expect(log.text).toContain(`Application #${applicationId}`);
  });

  it('when others try, then only the opening’s hiring manager or an admin may reopen: another manager gets 404, a recruiter and an interviewer 403, no CSRF token 403', async () => {
    const { applicationId } = await scoredOnFreshOpening('AE who');
    await decide(manager, applicationId, { decision: 'no_hire', rationale: 'No' });
    const other = await signIn(ctx().app, (await createUser(ctx().db, 'hiring_manager')).email);
    expect((await reopen(other, applicationId, 'Mine now')).status).toBe(404);
    expect((await reopen(recruiter, applicationId, 'Please')).status).toBe(403);
    const interviewer = await signIn(ctx().app, panel[0]!.email);
    expect((await reopen(interviewer, applicationId, 'Please')).status).toBe(403);
    // The decision page itself stays gated as before: an interviewer may not open it, another manager does not find it.
    expect((await interviewer.get(`/applications/${applicationId}/summary`)).status).toBe(403);
    expect((await other.get(`/applications/${applicationId}/summary`)).status).toBe(404);
    expect((await manager.post(`/applications/${applicationId}/decision/reopen`).type('form').send({ reason: 'No token' })).status).toBe(403);
    expect((await statusOf(applicationId)).status).toBe('rejected');
    // The recruiter sees the decision but is offered no reopening; the manager is.
    expect((await recruiter.get(`/applications/${applicationId}/summary`)).text).not.toContain('/decision/reopen');
    expect((await manager.get(`/applications/${applicationId}/summary`)).text).toContain(`action="/applications/${applicationId}/decision/reopen"`);
    expect((await reopen(admin, applicationId, 'Admin reopens')).status).toBe(303);
    expect((await statusOf(applicationId)).status).toBe('active');
    // Nothing left to reopen: said so, nothing written.
    const again = await reopen(admin, applicationId, 'Twice');
    expect(again.status).toBe(303);
    expect((await admin.get(again.headers.location!)).text).toContain('There is no decision to reopen');
    expect(await ctx().db.selectFrom('reopened_decisions').select('id').where('application_id', '=', applicationId).execute()).toHaveLength(1);
    expect((await reopen(admin, 999_999, 'Nobody')).status).toBe(404);
  });

  it('when a hire already has an onboarding plan, then reopening is refused with a message naming the plan, and the page offers no reopening', async () => {
    const { applicationId, opening } = await scoredOnFreshOpening('AE planned');
    await decide(manager, applicationId, { decision: 'hire', rationale: 'Yes' });
    const roleId = (await ctx().db.selectFrom('openings').select('role_id').where('id', '=', opening.id).executeTakeFirstOrThrow()).role_id;
    await createPlan({ ...useCaseDeps(ctx().db), inviteTtlMs: 86_400_000 }, actingAs(managerUser.id, 'hiring_manager'), {
      roleId,
      startDate: '2026-12-07',
      managerId: managerUser.id,
      buddyId: null,
      productLeadId: null,
      csLeadId: null,
      sdrLeadId: null,
      applicationId,
      hire: { mode: 'invite', name: 'Nina Newhire', email: `nina.${Date.now()}@example.test` },
    });
    const refused = await reopen(manager, applicationId, 'Second thoughts');
    expect(refused.status).toBe(303);
    const page = await manager.get(refused.headers.location!);
    expect(page.text).toContain('Not reopened: the onboarding plan of Nina Newhire (starting 2026-12-07) was made from this hire.');
    expect(page.text).toContain('This hire has an onboarding plan, so it cannot be reopened.');
    expect(page.text).toContain('Onboarding plan of Nina Newhire, starting 2026-12-07');
    expect(page.text).not.toContain('/decision/reopen');
    expect(page.text).not.toContain('Start the onboarding plan');
    expect((await statusOf(applicationId)).status).toBe('hired');
    expect(await ctx().db.selectFrom('decisions').select('decision').where('application_id', '=', applicationId).execute()).toEqual([{ decision: 'hire' }]);
  });

  it('when a hire is reopened, then no onboarding plan can start from it until it is hired again', async () => {
    const { applicationId, opening } = await scoredOnFreshOpening('AE no plan');
    await decide(manager, applicationId, { decision: 'hire', rationale: 'Yes' });
    await reopen(manager, applicationId, 'Offer withdrawn by us');
    const roleId = (await ctx().db.selectFrom('openings').select('role_id').where('id', '=', opening.id).executeTakeFirstOrThrow()).role_id;
    const plan = () =>
      createPlan({ ...useCaseDeps(ctx().db), inviteTtlMs: 86_400_000 }, actingAs(managerUser.id, 'hiring_manager'), {
        roleId,
        startDate: '2026-12-07',
        managerId: managerUser.id,
        buddyId: null,
        productLeadId: null,
        csLeadId: null,
        sdrLeadId: null,
        applicationId,
        hire: { mode: 'invite', name: 'Olga Offer', email: `olga.${Date.now()}@example.test` },
      });
    await expect(plan()).rejects.toMatchObject({ fieldErrors: { _form: 'onboarding.error.applicationInvalid' } });
    expect((await manager.get(`/applications/${applicationId}/summary`)).text).not.toContain('Start the onboarding plan');
  });

  it('when a decision is reopened and made again, then every report and its CSV count the application once, by its final decision', async () => {
    const db = ctx().db;
    const m = await createUser(db, 'hiring_manager', { name: 'Rhea Reports' });
    const agent = await signIn(ctx().app, m.email);
    const opening = await makeOpening(db, { roleKey: 'ae', hiringManagerId: m.id, title: 'AE counted once' });
    const { applicationId } = await scoredApplication(db, opening.id, [panel[0]!.id], [3], 'yes');
    await decide(agent, applicationId, { decision: 'hire', rationale: 'First', ack_low_confidence: 'One interview is enough here' });
    const pipelineLine = async () => csvLines((await agent.get('/reports/pipeline/csv')).text).find((l) => l.startsWith('AE counted once,'))!;
    const calibration = async () => csvLines((await agent.get('/reports/calibration/csv')).text);
    // Hired: one decision, one hire.
    expect(await pipelineLine()).toMatch(/,1,1$/);
    const calibrationHired = await calibration();
    expect((await agent.get(`/applications/${applicationId}/summary`)).status).toBe(200);

    await reopen(agent, applicationId, 'Offer declined, rethink');
    expect(await pipelineLine()).toMatch(/,0,0$/);
    // While reopened, nobody's recommendation is matched against a decision.
    expect((await calibration()).find((l) => l.startsWith('Pat Panel,'))).toMatch(/,0,0,[^,]*,[^,]*$/);
    expect((await agent.get('/reports/pipeline')).text).toContain('AE counted once');

    await decide(agent, applicationId, { decision: 'no_hire', rationale: 'Second' });
    // One decision (the final no-hire), no hire; the calibration's "matched decision" follows the final decision.
    expect(await pipelineLine()).toMatch(/,1,0$/);
    const calibrationRejected = await calibration();
    // Decided once, the "yes" matched the hire and no longer matches the final no-hire.
    expect(calibrationHired.find((l) => l.startsWith('Pat Panel,'))).toMatch(/,1,1,[^,]*,[^,]*$/);
    expect(calibrationRejected.find((l) => l.startsWith('Pat Panel,'))).toMatch(/,1,0,[^,]*,[^,]*$/);
    const outcomes = await db.selectFrom('calibration_outcomes').select(['decision', 'scorecards']).where('opening_id', '=', opening.id).execute();
    expect(outcomes).toEqual([{ decision: 'no_hire', scorecards: 1 }]);
    const sources = csvLines((await agent.get('/reports/sources/csv')).text).find((l) => l.startsWith('Outbound sourcing,'))!;
    // Applications 1, hires 0.
    expect(sources).toMatch(/^Outbound sourcing,1,1,.*,0,0,/);
    // The same application, closed by its final decision, counted once in the pipeline's statuses.
    const statuses = await db.selectFrom('pipeline_totals').select(['status', 'applications']).where('opening_id', '=', opening.id).execute();
    expect(statuses.map((s) => ({ status: s.status, n: Number(s.applications) }))).toEqual([{ status: 'rejected', n: 1 }]);
  });

  it('when a decision is reopened, then flags are computed afresh: a scorecard since then lifts "low confidence", and hiring again needs no reason for it', async () => {
    const db = ctx().db;
    const opening = await makeOpening(db, { roleKey: 'ae', hiringManagerId: managerUser.id, title: 'AE flags' });
    const interview = { ...(await makeInterview(db, opening.id, [panel[0]!.id, panel[1]!.id])), openingId: opening.id };
    await scoreInterview(useCaseDeps(db), panel[0]!.id, interview, 3);
    // One scorecard in: low confidence, and the panel owes one more.
    const before = await manager.get(`/applications/${interview.applicationId}/summary`);
    expect(before.text).toContain('Low confidence');
    expect((await decide(manager, interview.applicationId, { decision: 'hire', rationale: 'Early yes' })).status).toBe(422);
    expect((await decide(manager, interview.applicationId, { decision: 'hire', rationale: 'Early yes', ack_low_confidence: 'Urgent hire' })).status).toBe(303);
    await reopen(manager, interview.applicationId, 'Wait for the second scorecard');
    await scoreInterview(useCaseDeps(db), panel[1]!.id, interview, 3);
    const after = await manager.get(`/applications/${interview.applicationId}/summary`);
    expect(after.text.split('id="decision"')[0]).not.toContain('Low confidence');
    expect(after.text).not.toContain('name="ack_low_confidence"');
    expect((await decide(manager, interview.applicationId, { decision: 'hire', rationale: 'Full panel agrees' })).status).toBe(303);
    const standing = await db.selectFrom('decisions').select(['flags', 'acknowledgements']).where('application_id', '=', interview.applicationId).executeTakeFirstOrThrow();
    expect(JSON.parse(standing.flags)).not.toContain('low_confidence');
    expect(JSON.parse(standing.acknowledgements)).toEqual({});
    const earlier = await db.selectFrom('reopened_decisions').select(['flags', 'acknowledgements']).where('application_id', '=', interview.applicationId).executeTakeFirstOrThrow();
    expect(JSON.parse(earlier.flags)).toContain('low_confidence');
    expect(JSON.parse(earlier.acknowledgements)).toEqual({ low_confidence: 'Urgent hire' });
  });

  it('when someone who still owes a scorecard opens the decision page or the application, then no decision, reason, recommendation or take-away shows; once submitted, they do', async () => {
    const db = ctx().db;
    const { applicationId, opening } = await scoredOnFreshOpening('AE independent');
    await db.updateTable('scorecards').set({ key_takeaways: 'Takeaway-PANEL-91' }).where('application_id', '=', applicationId).execute();
    await decide(manager, applicationId, { decision: 'no_hire', rationale: 'Rationale-SECRET-42' });
    await reopen(manager, applicationId, 'Reason-SECRET-43');
    // The recruiter joins the panel of a new interview and has not scored it yet.
    const interviewId = await scheduleInterview(useCaseDeps(db), actingAs(recruiterUser.id, 'recruiter'), applicationId, { stageId: opening.stages[2]!.id, scheduledAt: null, interviewerIds: [recruiterUser.id] });
    const summary = await recruiter.get(`/applications/${applicationId}/summary`);
    expect(summary.status).toBe(200);
    expect(summary.text).toContain('Decisions are hidden until you submit your own scorecard.');
    for (const secret of ['Rationale-SECRET-42', 'Reason-SECRET-43', 'Takeaway-PANEL-91', 'Strong yes', 'badge-rec-yes', 'Earlier decisions']) expect({ secret, shown: summary.text.includes(secret) }).toEqual({ secret, shown: false });
    const page = await recruiter.get(`/applications/${applicationId}`);
    expect(page.text).toContain('decision reopened: awaiting a decision again');
    for (const secret of ['Rationale-SECRET-42', 'Reason-SECRET-43', 'Takeaway-PANEL-91']) expect({ secret, shown: page.text.includes(secret) }).toEqual({ secret, shown: false });

    await scoreInterview(useCaseDeps(db), recruiterUser.id, { interviewId, openingId: opening.id }, 3);
    const open = await recruiter.get(`/applications/${applicationId}/summary`);
    for (const seen of ['Rationale-SECRET-42', 'Reason-SECRET-43', 'Takeaway-PANEL-91', 'Earlier decisions']) expect({ seen, shown: open.text.includes(seen) }).toEqual({ seen, shown: true });
    expect((await recruiter.get(`/applications/${applicationId}`)).text).toContain('Reason-SECRET-43');
  });

  it('when someone who still owes a scorecard opens a rejected application, then the header shows the status without the no-hire rationale; once submitted, with it', async () => {
    const db = ctx().db;
    const { applicationId, opening } = await scoredOnFreshOpening('AE header rationale');
    const interviewId = await scheduleInterview(useCaseDeps(db), actingAs(recruiterUser.id, 'recruiter'), applicationId, { stageId: opening.stages[2]!.id, scheduledAt: null, interviewerIds: [recruiterUser.id] });
    expect((await decide(manager, applicationId, { decision: 'no_hire', rationale: 'Rationale-HEADER-77' })).status).toBe(303);
    expect(await statusOf(applicationId)).toMatchObject({ status: 'rejected', status_reason: 'Rationale-HEADER-77' });
    const withheld = await recruiter.get(`/applications/${applicationId}`);
    expect(withheld.text).toContain('badge-app-rejected');
    expect(withheld.text).not.toContain('Rationale-HEADER-77');
    expect((await manager.get(`/applications/${applicationId}`)).text).toContain('Rationale-HEADER-77');

    await scoreInterview(useCaseDeps(db), recruiterUser.id, { interviewId, openingId: opening.id }, 3);
    expect((await recruiter.get(`/applications/${applicationId}`)).text).toContain('Rationale-HEADER-77');
  });

  it('when the summary is opened, then each interviewer’s recommendation and take-aways show beside their ratings, and the decision sits in a side column reached by a jump link', async () => {
    const db = ctx().db;
    const { applicationId } = await scoredOnFreshOpening('AE panel view');
    await db.updateTable('scorecards').set({ key_takeaways: 'Asked sharp discovery questions' }).where('application_id', '=', applicationId).where('interviewer_id', '=', panel[0]!.id).execute();
    await db.updateTable('scorecards').set({ recommendation: 'strong_no' }).where('application_id', '=', applicationId).where('interviewer_id', '=', panel[1]!.id).execute();
    const page = await manager.get(`/applications/${applicationId}/summary`);
    const recommendations = page.text.split('id="summary-panel"')[1]!.split('</section>')[0]!;
    expect(recommendations).toMatch(/Pat Panel<\/strong>[\s\S]*?Yes<\/span>[\s\S]*?Asked sharp discovery questions/);
    expect(recommendations).toMatch(/Quinn Panel<\/strong>[\s\S]*?Strong no<\/span>[\s\S]*?No take-aways written\./);
    // In each dimension's table, the interviewer's row carries their recommendation.
    expect(page.text).toMatch(/<th scope="row">Quinn Panel<br><small class="muted">[^<]*<\/small><br><span class="badge badge-rec-strong_no">Strong no<\/span><\/th>/);
    expect(page.text).toContain('<a href="#decision">Go to the decision ↓</a>');
    expect(page.text).toContain('<aside class="summary-side" id="decision" aria-labelledby="decision-heading">');
    expect(page.text.indexOf('class="summary-main"')).toBeLessThan(page.text.indexOf('class="summary-side"'));
  });

  it('when a hire is recorded, then the confirmation leads with the onboarding-plan button', async () => {
    const { applicationId } = await scoredOnFreshOpening('AE confirm');
    const res = await decide(manager, applicationId, { decision: 'hire', rationale: 'Clear yes' });
    expect(res.headers.location).toBe(`/applications/${applicationId}/summary#decision`);
    const page = await manager.get(res.headers.location!);
    expect(page.text).toContain('is hired. Next: start their onboarding plan.');
    const card = page.text.split('<article class="decision-card">')[1]!.split('</article>')[0]!;
    expect(card.indexOf('Start the onboarding plan')).toBeGreaterThan(-1);
    expect(card.indexOf('Start the onboarding plan')).toBeLessThan(card.indexOf('Clear yes'));
    expect(card.indexOf('Start the onboarding plan')).toBeLessThan(card.indexOf('badge-decision-hire'));
  });

  it('when an admin reopens a decision, then the opening’s recruiters and its hiring manager hear of it (not the admin), without the reason', async () => {
    const db = ctx().db;
    const { applicationId } = await scoredOnFreshOpening('AE mail');
    await decide(manager, applicationId, { decision: 'no_hire', rationale: 'No' });
    const deps = useCaseDeps(db, { mail: { publicUrl: 'https://hiring.acme.example', configured: true } });
    await reopenDecision(deps, actingAs(adminUser.id, 'admin'), applicationId, { reason: 'Mail-SECRET-reason' });
    const mailTo = (userId: number) => db.selectFrom('outbox_messages').select(['subject', 'text_body']).where('recipient_user_id', '=', userId).where('kind', '=', 'decision_reopened').orderBy('id', 'desc').execute();
    const [toRecruiter] = await mailTo(recruiterUser.id);
    const [toManager] = await mailTo(managerUser.id);
    expect(toRecruiter!.subject).toMatch(/^Decision reopened: /);
    expect(toManager!.text_body).toContain('Ada Admin reopened the decision on');
    expect(toManager!.text_body).toContain('(it was: No hire)');
    expect(toManager!.text_body).toContain(`https://hiring.acme.example/applications/${applicationId}/summary`);
    expect(toManager!.text_body).not.toContain('Mail-SECRET-reason');
    // The admin reopened the other decisions too (through the app): never told of their own.
    expect(await mailTo(adminUser.id)).toEqual([]);
  });

  it('when someone sets a decided application back to active by hand, then it is refused with a pointer to reopening, and other status changes still go through', async () => {
    const { applicationId } = await scoredOnFreshOpening('AE by hand');
    await decide(manager, applicationId, { decision: 'hire', rationale: 'Yes' });
    const setStatus = async (status: string, reason: string) =>
      recruiter
        .post(`/applications/${applicationId}/status`)
        .type('form')
        .send({ _csrf: await csrfToken(recruiter, `/applications/${applicationId}`), status, reason });
    const refused = await setStatus('active', '');
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('A decision is recorded on this application: to make it active again, reopen the decision on the decision page (with a reason).');
    expect((await statusOf(applicationId)).status).toBe('hired');
    // The candidate declined the offer: recorded by hand, the hire decision stays as it was made.
    expect((await setStatus('withdrawn', 'Declined the offer')).status).toBe(303);
    expect((await statusOf(applicationId)).status).toBe('withdrawn');
    expect(await ctx().db.selectFrom('decisions').select('decision').where('application_id', '=', applicationId).execute()).toEqual([{ decision: 'hire' }]);
    // Reopened, it is active; an undecided application is set active by hand as before.
    await reopen(manager, applicationId, 'Counter-offer accepted after all');
    expect((await setStatus('rejected', 'Went quiet')).status).toBe(303);
    expect((await setStatus('active', '')).status).toBe(303);
    expect((await statusOf(applicationId)).status).toBe('active');
  });
});
