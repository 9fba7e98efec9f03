import { CompiledQuery, sql } from 'kysely';
import pino from 'pino';
import { createApp } from '../../../src/app';
import * as candidateActivityMigration from '../../../src/db/migrations/0021-candidate-activity';
import { candidateSearchQuery } from '../../../src/candidates/candidates.repository';
import { bulkMoveApplications } from '../../../src/candidates/applications.use-cases';
import { changeApplicationStatus, moveApplication } from '../../../src/candidates/applications.use-cases';
import { editCandidate } from '../../../src/candidates/candidates.use-cases';
import { ForbiddenError } from '../../../src/shared/errors';
import { makeCandidate, makeInterview, makeOpening } from '../../helpers/hiring';
import { queryCounter } from '../../helpers/query-count';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { type Agent, createUser, csrfToken, signIn, signInAs } from '../../helpers/web';
import { applyCandidate, scoreInterview } from '../../helpers/writes';

/** Between two changes: far enough apart to order them, short of the session's idle timeout. */
const STEP = 60 * 1000;

/** A urlencoded body with repeated fields (checkbox lists) as the browser sends them. */
function form(fields: Record<string, string | readonly (string | number)[]>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of typeof v === 'string' ? [v] : v) params.append(k, String(one));
  return params.toString();
}

/** The stage filter of a candidates page (empty when it is not offered). */
function stageFilter(html: string): string {
  const at = html.indexOf('<select id="filter-stage" name="stage">');
  return at < 0 ? '' : html.slice(at, html.indexOf('</select>', at));
}

/** Names in a candidates page, in the order shown (the row headers' links). */
function listedNames(html: string): string[] {
  return [...html.matchAll(/<th scope="row"><a href="\/candidates\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]!);
}

describeEachDialect('candidates list order, bulk actions and the opening board', (ctx: () => TestContext) => {
  let recruiter: Agent;
  let recruiterId: number;
  let token: string;
  let opening: Awaited<ReturnType<typeof makeOpening>>;
  let other: Awaited<ReturnType<typeof makeOpening>>;
  const deps = () => useCaseDeps(ctx().db, { clock: ctx().clock });
  const app = (id: number) => ctx().db.selectFrom('applications').select(['stage_id', 'status', 'status_reason']).where('id', '=', id).executeTakeFirstOrThrow();
  const events = (ids: number[]) => ctx().db.selectFrom('application_events').select(['application_id', 'kind']).where('application_id', 'in', ids).execute();
  const audit = (ids: number[]) => ctx().db.selectFrom('audit_log').select(['action', 'subject_id']).where('subject_type', '=', 'application').where('subject_id', 'in', ids).execute();
  const post = (agent: Agent, path: string, fields: Record<string, string | readonly (string | number)[]>) => agent.post(path).type('form').send(form({ _csrf: token, ...fields }));

  /** A candidate applied to `opening` (through the app's use case, at the test clock's time). */
  async function applied(name: string, to = opening): Promise<{ candidateId: number; applicationId: number }> {
    const candidateId = await makeCandidate(ctx().db, { name });
    ctx().clock.advance(STEP);
    const applicationId = await applyCandidate(ctx().db, candidateId, to.id, recruiterId, deps());
    return { candidateId, applicationId };
  }

  beforeAll(async () => {
    const signedIn = await signInAs(ctx().app, ctx().db, 'recruiter');
    recruiter = signedIn.agent;
    recruiterId = signedIn.user.id;
    token = await csrfToken(recruiter, '/candidates');
    opening = await makeOpening(ctx().db, { title: 'Board AE' });
    other = await makeOpening(ctx().db, { title: 'Other AE' });
  });

  describe('order of the candidates list', () => {
    let ids: Record<string, number>;

    beforeAll(async () => {
      // Oldest first: Dora (active), Bea (rejected, last year's kind), Cleo (no application), Abe (active), Eve (hired).
      const dora = await applied('Sortee Dora');
      const bea = await applied('Sortee Bea');
      await changeApplicationStatus(deps(), actingAs(recruiterId), bea.applicationId, { status: 'rejected', reason: 'r' });
      const cleo = await makeCandidate(ctx().db, { name: 'Sortee Cleo' });
      const abe = await applied('Sortee Abe');
      const eve = await applied('Sortee Eve');
      await ctx().db.updateTable('applications').set({ status: 'hired' }).where('id', '=', eve.applicationId).execute();
      await ctx().db.updateTable('candidate_activity').set({ has_active: 0 }).where('candidate_id', '=', eve.candidateId).execute();
      ids = { dora: dora.applicationId, abe: abe.applicationId, cleo };
    });

    it('when "active first" is chosen (the default without a search), then candidates with an active application come first, newest first, then the rest newest first', async () => {
      const res = await recruiter.get('/candidates?q=sortee&sort=newest');
      expect(res.status).toBe(200);
      expect(listedNames(res.text)).toEqual(['Sortee Abe', 'Sortee Dora', 'Sortee Eve', 'Sortee Cleo', 'Sortee Bea']);
      expect(res.text).toMatch(/<option value="newest" selected>Active first<\/option>/);
    });

    it('when sorted by name, then A to Z whatever the status', async () => {
      const res = await recruiter.get('/candidates?q=sortee&sort=name');
      expect(listedNames(res.text)).toEqual(['Sortee Abe', 'Sortee Bea', 'Sortee Cleo', 'Sortee Dora', 'Sortee Eve']);
      expect(res.text).toContain('sort=name');
    });

    it('when sorted by last activity, then the candidate whose application moved last comes first, and a rejection counts as activity', async () => {
      ctx().clock.advance(STEP);
      await moveApplication(deps(), actingAs(recruiterId), ids.dora!, opening.stages[2]!.id, 'en');
      const res = await recruiter.get('/candidates?q=sortee&sort=activity');
      expect(listedNames(res.text)[0]).toBe('Sortee Dora');
      ctx().clock.advance(STEP);
      await changeApplicationStatus(deps(), actingAs(recruiterId), ids.abe!, { status: 'rejected', reason: 'r' });
      const after = await recruiter.get('/candidates?q=sortee&sort=activity');
      expect(listedNames(after.text).slice(0, 2)).toEqual(['Sortee Abe', 'Sortee Dora']);
      // And Abe, no longer active, leaves the top of the default order.
      const byDefault = await recruiter.get('/candidates?q=sortee&sort=newest');
      expect(listedNames(byDefault.text)[0]).toBe('Sortee Dora');
      await changeApplicationStatus(deps(), actingAs(recruiterId), ids.abe!, { status: 'active', reason: '' });
      // An edit of the candidate counts too, even without an application.
      ctx().clock.advance(STEP);
      await editCandidate({ ...deps(), storage: ctx().storage }, actingAs(recruiterId), ids.cleo!, { candidate: { name: 'Sortee Cleo', email: '', phone: '', linkedinUrl: '', source: 'referral', sourceDetail: 'Ivan', notes: 'Met at a fair' } });
      expect(listedNames((await recruiter.get('/candidates?q=sortee&sort=activity')).text)[0]).toBe('Sortee Cleo');
    });

    it('when a hiring manager lists candidates, then "active first" reads only the applications they can see', async () => {
      const manager = await createUser(ctx().db, 'hiring_manager');
      const own = await makeOpening(ctx().db, { hiringManagerId: manager.id, title: 'Managed AE' });
      const older = await applied('Scoped Older', own);
      const newer = await applied('Scoped Newer', own);
      await changeApplicationStatus(deps(), actingAs(recruiterId), older.applicationId, { status: 'rejected', reason: 'r' });
      await changeApplicationStatus(deps(), actingAs(recruiterId), newer.applicationId, { status: 'rejected', reason: 'r' });
      // Active elsewhere, on an opening the manager does not see.
      await applyCandidate(ctx().db, older.candidateId, other.id, recruiterId, deps());
      expect(listedNames((await recruiter.get('/candidates?q=scoped&sort=newest')).text)).toEqual(['Scoped Older', 'Scoped Newer']);
      const agent = await signIn(ctx().app, manager.email);
      const res = await agent.get('/candidates?q=scoped&sort=newest');
      expect(listedNames(res.text)).toEqual(['Scoped Newer', 'Scoped Older']);
      expect(res.text).not.toContain('Other AE');
      expect(res.text).not.toContain('name="candidate_ids"');
    });

    it('when no opening is chosen, then the stage filter offers no stage and asks for an opening first', async () => {
      const res = await recruiter.get('/candidates');
      expect(res.text).toContain('<select id="filter-stage" disabled');
      expect(res.text).toContain('Choose an opening to filter by its stages.');
      // Nothing the form would send: no stage list at all.
      expect(res.text).not.toContain('name="stage"');
      expect(res.text).not.toContain('<optgroup');
    });

    it('when an opening is chosen, then the stage filter offers its stages and not another opening\'s', async () => {
      const res = await recruiter.get(`/candidates?opening=${opening.id}`);
      const stageSelect = stageFilter(res.text);
      for (const stage of opening.stages) expect(stageSelect).toContain(`<option value="${stage.id}">`);
      for (const stage of other.stages) expect(stageSelect).not.toContain(`value="${stage.id}"`);
      expect(other.stages.length).toBeGreaterThan(0);
    });

    it('when a stage is in the address without its opening, then it filters by it, shows it chosen, and its opening is the bulk actions\' opening', async () => {
      const stage = opening.stages[2]!;
      const byStage = await recruiter.get(`/candidates?q=sortee&stage=${stage.id}`);
      expect(listedNames(byStage.text)).toEqual(['Sortee Dora']);
      expect(byStage.text).toContain(`<option value="${stage.id}" selected>`);
      expect(byStage.text).toContain('Moves and rejections apply to their applications in Board AE.');
      expect(byStage.text).toContain('<script src="/static/js/submit-on-change.js" defer></script>');
    });

    it('when the opening changes while a stage of the former one is still chosen, then that stage is dropped rather than matching nothing', async () => {
      await applied('Sortee Otto', other);
      const former = opening.stages[2]!;
      const res = await recruiter.get(`/candidates?q=sortee&opening=${other.id}&stage=${former.id}`);
      expect(listedNames(res.text)).toEqual(['Sortee Otto']);
      expect(res.text).toContain(`<option value="${other.id}" selected>`);
      // Neither offered nor carried on in the bulk form's address.
      expect(stageFilter(res.text)).toContain(`<option value="${other.stages[0]!.id}">`);
      expect(stageFilter(res.text)).not.toContain(`value="${former.id}"`);
      expect(res.text).toContain(`action="/candidates/bulk?q=sortee&amp;opening=${other.id}"`);
    });
  });

  describe('bulk actions on the candidates list', () => {
    it('when two selected candidates are moved to a stage, then both move as single moves do (history, audit) and the list comes back with its filters', async () => {
      const a = await applied('Bulk Ann');
      const b = await applied('Bulk Ben');
      const stage = opening.stages[2]!;
      const res = await post(recruiter, `/candidates/bulk?q=bulk&opening=${opening.id}&sort=name`, { opening_id: String(opening.id), candidate_ids: [a.candidateId, b.candidateId], action: 'move', stage_id: String(stage.id), reason: '' });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/candidates?q=bulk&opening=${opening.id}&sort=name`);
      expect((await app(a.applicationId)).stage_id).toBe(stage.id);
      expect((await app(b.applicationId)).stage_id).toBe(stage.id);
      expect((await events([a.applicationId, b.applicationId])).filter((e) => e.kind === 'stage')).toHaveLength(2);
      expect((await audit([a.applicationId, b.applicationId])).filter((e) => e.action === 'application.move').map((e) => e.subject_id).sort()).toEqual([a.applicationId, b.applicationId].sort());
      const page = await recruiter.get(res.headers.location as string);
      expect(page.text).toContain('2 applications moved to');
    });

    it('when the selection is empty, the reason missing or the stage from another plan, then the list re-renders with the message by the field, the selection kept and nothing saved', async () => {
      const a = await applied('Refused Ann');
      const before = await app(a.applicationId);
      const none = await post(recruiter, `/candidates/bulk?opening=${opening.id}`, { opening_id: String(opening.id), action: 'reject', reason: 'Kept reason' });
      expect(none.status).toBe(422);
      expect(none.text).toContain('Select at least one row.');
      expect(none.text).toContain('Kept reason');
      const noReason = await post(recruiter, `/candidates/bulk?q=refused&opening=${opening.id}`, { opening_id: String(opening.id), candidate_ids: [a.candidateId], action: 'reject', reason: '  ' });
      expect(noReason.status).toBe(422);
      expect(noReason.text).toMatch(/aria-invalid="true" aria-describedby="bulk-reason-error"/);
      expect(noReason.text).toContain('Say why the candidate is rejected.');
      expect(noReason.text).toMatch(new RegExp(`value="${a.candidateId}" id="select-${a.candidateId}"[^>]*checked`));
      const foreignStage = await post(recruiter, `/candidates/bulk?q=refused&opening=${opening.id}`, { opening_id: String(opening.id), candidate_ids: [a.candidateId], action: 'move', stage_id: String(other.stages[1]!.id) });
      expect(foreignStage.status).toBe(422);
      expect(foreignStage.text).toContain('Choose a stage of this opening’s plan.');
      expect(await app(a.applicationId)).toEqual(before);
      expect((await events([a.applicationId])).map((e) => e.kind)).toEqual(['applied']);
    });

    it('when one of the selected applications is closed, then the move is refused for all, the row is named, and the other one stays where it was', async () => {
      const open = await applied('Half Open');
      const closed = await applied('Half Closed');
      await changeApplicationStatus(deps(), actingAs(recruiterId), closed.applicationId, { status: 'rejected', reason: 'r' });
      const res = await post(recruiter, `/candidates/bulk?q=half&opening=${opening.id}`, { opening_id: String(opening.id), candidate_ids: [open.candidateId, closed.candidateId], action: 'move', stage_id: String(opening.stages[3]!.id) });
      expect(res.status).toBe(422);
      expect(res.text).toContain('Nothing was changed');
      expect(res.text).toContain('Half Closed: This application is closed.');
      expect(res.text).not.toContain('Half Open:');
      expect((await app(open.applicationId)).stage_id).toBe(opening.stages[0]!.id);
      expect((await events([open.applicationId])).map((e) => e.kind)).toEqual(['applied']);
    });

    it('when selected candidates are rejected with a reason, then each is rejected with it, and one without an application on the opening refuses them all', async () => {
      const a = await applied('Reject Ann');
      const b = await applied('Reject Ben');
      const elsewhere = await applied('Reject Elsewhere', other);
      const refused = await post(recruiter, `/candidates/bulk?q=reject&opening=${opening.id}`, { opening_id: String(opening.id), candidate_ids: [a.candidateId, elsewhere.candidateId], action: 'reject', reason: 'Not now' });
      expect(refused.status).toBe(422);
      expect(refused.text).toContain(`#${elsewhere.candidateId}: has no application on this opening`);
      expect((await app(a.applicationId)).status).toBe('active');
      const res = await post(recruiter, `/candidates/bulk?q=reject&opening=${opening.id}`, { opening_id: String(opening.id), candidate_ids: [a.candidateId, b.candidateId], action: 'reject', reason: 'Not now' });
      expect(res.status).toBe(303);
      for (const id of [a.applicationId, b.applicationId]) expect(await app(id)).toMatchObject({ status: 'rejected', status_reason: 'Not now' });
      expect((await audit([a.applicationId, b.applicationId])).filter((e) => e.action === 'application.status')).toHaveLength(2);
    });

    it('when selected candidates are added to an opening, then each applies at its first stage; one applied there already refuses them all', async () => {
      const fresh = await makeCandidate(ctx().db, { name: 'Add Fresh' });
      const there = await applied('Add There', other);
      const refused = await post(recruiter, '/candidates/bulk?q=add', { opening_id: '', candidate_ids: [fresh, there.candidateId], action: 'add', target_opening_id: String(other.id) });
      expect(refused.status).toBe(422);
      expect(refused.text).toContain('Add There: already applies to this opening');
      expect(await ctx().db.selectFrom('applications').select('id').where('candidate_id', '=', fresh).execute()).toEqual([]);
      const noOpening = await post(recruiter, '/candidates/bulk?q=add', { candidate_ids: [fresh], action: 'add', target_opening_id: '' });
      expect(noOpening.status).toBe(422);
      expect(noOpening.text).toMatch(/aria-describedby="bulk-opening-error"/);
      const res = await post(recruiter, '/candidates/bulk?q=add', { candidate_ids: [fresh], action: 'add', target_opening_id: String(other.id) });
      expect(res.status).toBe(303);
      expect(await ctx().db.selectFrom('applications').select(['opening_id', 'stage_id', 'status']).where('candidate_id', '=', fresh).execute()).toEqual([{ opening_id: other.id, stage_id: other.stages[0]!.id, status: 'active' }]);
    });

    it('when a candidate that does not exist is among the selection, then nothing is saved', async () => {
      const fresh = await makeCandidate(ctx().db, { name: 'Ghost Friend' });
      const res = await post(recruiter, '/candidates/bulk?q=ghost', { candidate_ids: [fresh, 999_999], action: 'add', target_opening_id: String(opening.id) });
      expect(res.status).toBe(422);
      expect(res.text).toContain('#999999: not found');
      expect(await ctx().db.selectFrom('applications').select('id').where('candidate_id', '=', fresh).execute()).toEqual([]);
    });

    it.each(['hiring_manager', 'interviewer'] as const)('when a %s posts a bulk move, then it is forbidden and nothing moves', async (role) => {
      const a = await applied(`Forbidden ${role}`);
      const { agent } = await signInAs(ctx().app, ctx().db, role);
      const ownToken = await csrfToken(agent, '/candidates');
      const res = await agent.post('/candidates/bulk').type('form').send(form({ _csrf: ownToken, opening_id: String(opening.id), candidate_ids: [a.candidateId], action: 'move', stage_id: String(opening.stages[2]!.id) }));
      expect(res.status).toBe(403);
      expect((await app(a.applicationId)).stage_id).toBe(opening.stages[0]!.id);
      await expect(bulkMoveApplications(deps(), actingAs(1, role), opening.id, [a.applicationId], opening.stages[2]!.id, 'en')).rejects.toBeInstanceOf(ForbiddenError);
    });
  });

  describe('the opening board', () => {
    it('when a recruiter opens the opening, then each stage is a column and each active application a card with its days in stage', async () => {
      const a = await applied('Card Ann');
      // Arrived at its stage three days and an hour ago.
      const since = new Date(ctx().clock.now().getTime() - (3 * 24 + 1) * 60 * STEP).toISOString();
      await ctx().db.updateTable('application_events').set({ created_at: since }).where('application_id', '=', a.applicationId).execute();
      const res = await recruiter.get(`/openings/${opening.id}`);
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/<div class="board" tabindex="0" role="region" aria-labelledby="pipeline-heading">/);
      for (const stage of opening.stages) expect(res.text).toContain(`id="stage-${stage.id}"`);
      const card = res.text.slice(res.text.indexOf(`id="card-${a.applicationId}"`));
      expect(card.slice(0, card.indexOf('</li>'))).toContain('3 days in stage');
      expect(card).toContain('No score yet');
      // The card's move control offers the next stage first.
      expect(card).toMatch(new RegExp(`<option value="${opening.stages[1]!.id}" selected>`));
    });

    it('when the card\'s move button is used, then the application moves as a single move does; a card of another opening or a stage outside the plan is refused', async () => {
      const a = await applied('Mover Ann');
      const elsewhere = await applied('Mover Elsewhere', other);
      const res = await post(recruiter, `/openings/${opening.id}/board/move`, { application_id: String(a.applicationId), stage_id: String(opening.stages[1]!.id) });
      expect(res.status).toBe(303);
      expect((await app(a.applicationId)).stage_id).toBe(opening.stages[1]!.id);
      expect((await audit([a.applicationId])).map((e) => e.action)).toContain('application.move');
      const after = await recruiter.get(`/openings/${opening.id}`);
      expect(after.text).toContain('0 days in stage');
      const foreign = await post(recruiter, `/openings/${opening.id}/board/move`, { application_id: String(elsewhere.applicationId), stage_id: String(opening.stages[1]!.id) });
      expect(foreign.status).toBe(422);
      expect((await app(elsewhere.applicationId)).stage_id).toBe(other.stages[0]!.id);
      const badStage = await post(recruiter, `/openings/${opening.id}/board/move`, { application_id: String(a.applicationId), stage_id: String(other.stages[2]!.id) });
      expect(badStage.status).toBe(422);
      expect(badStage.text).toContain('Choose a stage of this opening’s plan.');
      expect((await app(a.applicationId)).stage_id).toBe(opening.stages[1]!.id);
    });

    it('when cards are moved or rejected in bulk, then all change; a refused bulk (no reason) keeps the selection and saves nothing', async () => {
      const a = await applied('Board Ann');
      const b = await applied('Board Ben');
      const noReason = await post(recruiter, `/openings/${opening.id}/board/bulk`, { application_ids: [a.applicationId, b.applicationId], action: 'reject', reason: '' });
      expect(noReason.status).toBe(422);
      expect(noReason.text).toContain('Say why the candidate is rejected.');
      expect(noReason.text).toMatch(new RegExp(`value="${b.applicationId}" aria-label="Select Board Ben" checked`));
      expect((await app(a.applicationId)).status).toBe('active');
      const moved = await post(recruiter, `/openings/${opening.id}/board/bulk`, { application_ids: [a.applicationId, b.applicationId], action: 'move', stage_id: String(opening.stages[3]!.id) });
      expect(moved.status).toBe(303);
      expect((await app(a.applicationId)).stage_id).toBe(opening.stages[3]!.id);
      expect((await app(b.applicationId)).stage_id).toBe(opening.stages[3]!.id);
      const rejected = await post(recruiter, `/openings/${opening.id}/board/bulk`, { application_ids: [a.applicationId, b.applicationId], action: 'reject', reason: 'Role filled' });
      expect(rejected.status).toBe(303);
      expect(await app(b.applicationId)).toMatchObject({ status: 'rejected', status_reason: 'Role filled' });
      expect((await events([a.applicationId, b.applicationId])).filter((e) => e.kind === 'status')).toHaveLength(2);
    });

    it('when a bulk on the board names an application of another opening, then nothing changes', async () => {
      const a = await applied('Mixed Ann');
      const elsewhere = await applied('Mixed Elsewhere', other);
      const res = await post(recruiter, `/openings/${opening.id}/board/bulk`, { application_ids: [a.applicationId, elsewhere.applicationId], action: 'move', stage_id: String(opening.stages[2]!.id) });
      expect(res.status).toBe(422);
      expect(res.text).toContain('#' + String(elsewhere.applicationId) + ': not found, or not in this opening');
      expect((await app(a.applicationId)).stage_id).toBe(opening.stages[0]!.id);
    });

    it('when the hiring manager opens their board, then they see the cards without move controls, and posting a move is forbidden', async () => {
      const manager = await createUser(ctx().db, 'hiring_manager');
      const own = await makeOpening(ctx().db, { hiringManagerId: manager.id, title: 'HM Board' });
      const a = await applied('Read Only', own);
      const agent = await signIn(ctx().app, manager.email);
      const page = await agent.get(`/openings/${own.id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Read Only');
      expect(page.text).not.toContain('name="application_ids"');
      expect(page.text).not.toContain('/board/move');
      const ownToken = await csrfToken(agent, `/openings/${own.id}`);
      const res = await agent.post(`/openings/${own.id}/board/move`).type('form').send(form({ _csrf: ownToken, application_id: String(a.applicationId), stage_id: String(own.stages[1]!.id) }));
      expect(res.status).toBe(403);
      expect((await app(a.applicationId)).stage_id).toBe(own.stages[0]!.id);
    });

    it('when someone on the panel has not submitted their own scorecard, then the card hides the latest score from them, and shows it once they submit', async () => {
      const manager = await createUser(ctx().db, 'hiring_manager');
      const own = await makeOpening(ctx().db, { hiringManagerId: manager.id, title: 'Scored Board' });
      const colleague = await createUser(ctx().db, 'interviewer');
      const interview = await makeInterview(ctx().db, own.id, [colleague.id, manager.id]);
      await scoreInterview(deps(), colleague.id, { ...interview, openingId: own.id }, 3);
      const agent = await signIn(ctx().app, manager.email);
      const card = (html: string) => html.slice(html.indexOf(`id="card-${interview.applicationId}"`), html.indexOf('</li>', html.indexOf(`id="card-${interview.applicationId}"`)));
      const before = card((await agent.get(`/openings/${own.id}`)).text);
      expect(before).toContain('Score hidden until you submit your scorecard');
      expect(before).not.toContain('3.0');
      // Someone not on the panel sees the score.
      expect(card((await recruiter.get(`/openings/${own.id}`)).text)).toContain('Latest score 3.0 / 4');
      await scoreInterview(deps(), manager.id, { ...interview, openingId: own.id }, 2);
      const after = card((await agent.get(`/openings/${own.id}`)).text);
      expect(after).toMatch(/Latest score (2\.0|3\.0) \/ 4/);
      expect(after).not.toContain('Score hidden');
    });

    it('when someone on the panel still owes a scorecard on a closed application, then the closed list shows its status without the reason', async () => {
      const manager = await createUser(ctx().db, 'hiring_manager');
      const own = await makeOpening(ctx().db, { hiringManagerId: manager.id, title: 'Closed Board' });
      const interview = await makeInterview(ctx().db, own.id, [manager.id]);
      await changeApplicationStatus(deps(), actingAs(recruiterId), interview.applicationId, { status: 'rejected', reason: 'Reason-BOARD-55' });
      const agent = await signIn(ctx().app, manager.email);
      const withheld = (await agent.get(`/openings/${own.id}`)).text;
      expect(withheld).toContain(`/applications/${interview.applicationId}"`);
      expect(withheld).not.toContain('Reason-BOARD-55');
      expect((await recruiter.get(`/openings/${own.id}`)).text).toContain('Reason-BOARD-55');
      await scoreInterview(deps(), manager.id, { ...interview, openingId: own.id }, 2);
      expect((await agent.get(`/openings/${own.id}`)).text).toContain('Reason-BOARD-55');
    });
  });

  it('when the board and the list hold more rows, then they take no more queries (no query per card or row)', async () => {
    const queries = queryCounter();
    const { config, clock, storage } = ctx();
    const counted = createApp({ config, db: ctx().db.withPlugin(queries.plugin), logger: pino({ level: 'silent' }), clock, sessionSecret: 'test-secret-that-is-long-enough-for-sessions', storage });
    const user = await createUser(ctx().db, 'recruiter');
    const agent = await signIn(counted, user.email);
    const board = await makeOpening(ctx().db, { title: 'Counted Board' });
    const count = async (path: string) => {
      queries.reset();
      expect((await agent.get(path)).status).toBe(200);
      return queries.count;
    };
    await applied('Counted One', board);
    const few = { board: await count(`/openings/${board.id}`), list: await count(`/candidates?q=counted&opening=${board.id}`) };
    expect(few.board).toBeGreaterThan(3);
    for (let i = 0; i < 5; i += 1) await applied(`Counted More${i}`, board);
    const last = await applied('Counted Last', board);
    await moveApplication(deps(), actingAs(recruiterId), last.applicationId, board.stages[2]!.id, 'en');
    expect(await count(`/openings/${board.id}`)).toBe(few.board);
    expect(await count(`/candidates?q=counted&opening=${board.id}`)).toBe(few.list);
  });

  it('when the migration fills the sort keys of existing candidates, then it agrees with what the app keeps', async () => {
    const keys = async () => Object.fromEntries((await ctx().db.selectFrom('candidate_activity').select(['candidate_id', 'has_active']).execute()).map((r) => [r.candidate_id, Number(r.has_active)]));
    const kept = await keys();
    const moved = await ctx().db.selectFrom('applications').select(['candidate_id', 'updated_at']).orderBy('updated_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await candidateActivityMigration.down(ctx().db);
    await candidateActivityMigration.up(ctx().db);
    expect(await keys()).toEqual(kept);
    const latest = await ctx().db.selectFrom('candidate_activity').select(['candidate_id', 'last_activity_at']).orderBy('last_activity_at', 'desc').orderBy('candidate_id', 'desc').executeTakeFirstOrThrow();
    expect(latest).toEqual({ candidate_id: moved.candidate_id, last_activity_at: moved.updated_at });
  });

  it('when the sort keys are read on SQLite with a few thousand candidates, then each sort walks an index, without sorting in a temporary tree', async () => {
    if (ctx().dialect !== 'sqlite') return;
    await sql`insert into candidates (name, name_lower, last_name_lower, email, phone, linkedin_url, source, source_detail, notes, created_at, updated_at)
      select 'Bulk ' || value, 'bulk ' || value, '' || value, 'bulk' || value || '@example.test', '', '', 'outbound', '', '', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
      from (with recursive n(value) as (select 1 union all select value + 1 from n where value < 3000) select value from n)`.execute(ctx().db);
    await sql`insert into candidate_activity (candidate_id, has_active, last_activity_at) select id, id % 2, created_at from candidates where id not in (select candidate_id from candidate_activity)`.execute(ctx().db);
    await sql`analyze`.execute(ctx().db);
    const plan = async (sort: 'newest' | 'name' | 'activity', q = '') => {
      const compiled = candidateSearchQuery(ctx().db, { id: recruiterId, role: 'recruiter' }, { sort, q }, 3).compile();
      return (await ctx().db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]))).rows.map((r) => r.detail).join(' | ');
    };
    const newest = await plan('newest');
    expect(newest).toContain('candidate_activity_active_idx');
    const activity = await plan('activity');
    expect(activity).toContain('candidate_activity_last_idx');
    const byName = await plan('name');
    expect(byName).toMatch(/candidates_name_(sort|lower)_idx/);
    for (const p of [newest, activity, byName]) expect(p).not.toContain('TEMP B-TREE');
  });
});
