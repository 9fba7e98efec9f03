import { putSetting } from '../../../src/settings/settings.repository';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { ApiClient, apiAs, makeToken, openApiValidator, type OpenApiValidator } from '../../helpers/api';
import { makeInterview, makeOpening } from '../../helpers/hiring';
import { useCaseDeps } from '../../helpers/use-cases';
import { scoreInterview } from '../../helpers/writes';
import { createUser } from '../../helpers/web';

describeEachDialect('API: openings, scorecards and decisions', (ctx: () => TestContext) => {
  let validator: OpenApiValidator;
  let recruiter: ApiClient;
  const now = () => ctx().clock.now();
  const clientOf = async (userId: number, scopes: ('read' | 'write')[] = ['read', 'write']) => new ApiClient(ctx().app, await makeToken(ctx().db, userId, { now: now(), scopes }), validator);

  beforeAll(async () => {
    validator = await openApiValidator(ctx().app);
    recruiter = (await apiAs(ctx().app, ctx().db, validator, 'recruiter', { now: now() })).api;
  });

  it('when openings are listed page by page, then a recruiter meets each once and a hiring manager only their own', async () => {
    const { db } = ctx();
    const manager = await createUser(db, 'hiring_manager');
    const own = [await makeOpening(db, { hiringManagerId: manager.id }), await makeOpening(db, { hiringManagerId: manager.id })];
    await makeOpening(db);
    const total = Number((await db.selectFrom('openings').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await recruiter.get(`/api/v1/openings?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((o: { id: number }) => o.id));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    const asManager = await clientOf(manager.id);
    const theirs = await asManager.get('/api/v1/openings');
    expect(theirs.body.data.map((o: { id: number }) => o.id).sort()).toEqual(own.map((o) => o.id).sort());
  });

  it('when an opening is opened, then it comes with its plan; someone else’s is 404 to a hiring manager, and interviewers may not list openings (403)', async () => {
    const { db } = ctx();
    const manager = await createUser(db, 'hiring_manager');
    const opening = await makeOpening(db, { hiringManagerId: manager.id });
    const other = await makeOpening(db);
    const res = await (await clientOf(manager.id)).get(`/api/v1/openings/${opening.id}`);
    expect(res.status).toBe(200);
    expect(res.body.stages.map((s: { id: number }) => s.id)).toEqual(opening.stages.map((s) => s.id));
    expect((await (await clientOf(manager.id)).get(`/api/v1/openings/${other.id}`)).status).toBe(404);
    const interviewer = await createUser(db, 'interviewer');
    expect((await (await clientOf(interviewer.id)).get('/api/v1/openings')).status).toBe(403);
  });

  describe('independent feedback through the API', () => {
    it('when an interviewer still owes their scorecard, then they see no one else’s scorecards and no decision; once they submit, they see the panel', async () => {
      const { db } = ctx();
      const [first, second] = [await createUser(db, 'interviewer'), await createUser(db, 'interviewer')];
      const manager = await createUser(db, 'hiring_manager');
      const opening = await makeOpening(db, { hiringManagerId: manager.id });
      const interview = await makeInterview(db, opening.id, [first.id, second.id]);
      const deps = useCaseDeps(db);
      await scoreInterview(deps, first.id, { interviewId: interview.interviewId, openingId: opening.id }, 3);
      // A draft is not a submission: the second interviewer still owes theirs.
      await scoreInterview(deps, second.id, { interviewId: interview.interviewId, openingId: opening.id }, 2, 'draft');
      const asSecond = await clientOf(second.id);
      const owed = await asSecond.get(`/api/v1/applications/${interview.applicationId}/scorecards`);
      expect(owed.status).toBe(200);
      expect(owed.body).toEqual({ data: [], withheld: true });

      const asFirst = await clientOf(first.id);
      const firstView = await asFirst.get(`/api/v1/applications/${interview.applicationId}/scorecards`);
      expect(firstView.body.withheld).toBe(false);
      expect(firstView.body.data.map((s: { interviewer_id: number }) => s.interviewer_id)).toEqual([first.id]);

      await scoreInterview(deps, second.id, { interviewId: interview.interviewId, openingId: opening.id }, 2);
      const after = await asSecond.get(`/api/v1/applications/${interview.applicationId}/scorecards`);
      expect(after.body.withheld).toBe(false);
      expect(after.body.data.map((s: { interviewer_id: number }) => s.interviewer_id).sort()).toEqual([first.id, second.id].sort());
      expect(after.body.data[0].ratings.length).toBeGreaterThan(0);
    });

    it('when the one owing a scorecard is the hiring manager, then the decision is withheld from them and they may not record one (409)', async () => {
      const { db } = ctx();
      const manager = await createUser(db, 'hiring_manager');
      const interviewer = await createUser(db, 'interviewer');
      const opening = await makeOpening(db, { hiringManagerId: manager.id });
      const interview = await makeInterview(db, opening.id, [interviewer.id, manager.id]);
      await scoreInterview(useCaseDeps(db), interviewer.id, { interviewId: interview.interviewId, openingId: opening.id }, 4);
      const asManager = await clientOf(manager.id);
      expect((await asManager.get(`/api/v1/applications/${interview.applicationId}/decision`)).body).toEqual({ decision: null, withheld: true });
      const refused = await asManager.post(`/api/v1/applications/${interview.applicationId}/decision`, { decision: 'no_hire', rationale: 'Not yet' });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('conflict');
      expect(await db.selectFrom('decisions').select('id').where('application_id', '=', interview.applicationId).execute()).toEqual([]);
    });

    it('when an admin turns the rule off, then nothing is withheld, even from someone who owes a scorecard', async () => {
      const { db } = ctx();
      const [first, second] = [await createUser(db, 'interviewer'), await createUser(db, 'interviewer')];
      const opening = await makeOpening(db);
      const interview = await makeInterview(db, opening.id, [first.id, second.id]);
      await scoreInterview(useCaseDeps(db), first.id, { interviewId: interview.interviewId, openingId: opening.id }, 3);
      await putSetting(db, 'independent_feedback', '0');
      try {
        const res = await (await clientOf(second.id)).get(`/api/v1/applications/${interview.applicationId}/scorecards`);
        expect(res.body.withheld).toBe(false);
        expect(res.body.data.map((s: { interviewer_id: number }) => s.interviewer_id)).toEqual([first.id]);
      } finally {
        await putSetting(db, 'independent_feedback', '1');
      }
    });
  });

  it('when the opening’s hiring manager records a no-hire, then 201, the application is rejected with the rationale, and a second decision is 409', async () => {
    const { db } = ctx();
    const manager = await createUser(db, 'hiring_manager');
    const interviewer = await createUser(db, 'interviewer');
    const opening = await makeOpening(db, { hiringManagerId: manager.id });
    const interview = await makeInterview(db, opening.id, [interviewer.id]);
    await scoreInterview(useCaseDeps(db), interviewer.id, { interviewId: interview.interviewId, openingId: opening.id }, 1, 'submit', 'no');
    const asManager = await clientOf(manager.id);
    const missing = await asManager.post(`/api/v1/applications/${interview.applicationId}/decision`, { decision: 'no_hire', rationale: ' ' });
    expect(missing.status).toBe(422);
    expect(Object.keys(missing.body.error.fields)).toEqual(['rationale']);
    const res = await asManager.post(`/api/v1/applications/${interview.applicationId}/decision`, { decision: 'no_hire', rationale: 'Below the bar on discovery' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ withheld: false, decision: { decision: 'no_hire', rationale: 'Below the bar on discovery' } });
    expect((await recruiter.get(`/api/v1/applications/${interview.applicationId}`)).body).toMatchObject({ status: 'rejected', status_reason: 'Below the bar on discovery' });
    expect((await asManager.post(`/api/v1/applications/${interview.applicationId}/decision`, { decision: 'hire', rationale: 'Changed my mind' })).status).toBe(409);
    expect((await recruiter.get(`/api/v1/applications/${interview.applicationId}/decision`)).body.decision.decision).toBe('no_hire');
  });

  it('when someone may not decide on the application, then: another opening’s manager 404, a recruiter 403, a read-only token 403', async () => {
    const { db } = ctx();
    const manager = await createUser(db, 'hiring_manager');
    const opening = await makeOpening(db, { hiringManagerId: manager.id });
    const interview = await makeInterview(db, opening.id, [(await createUser(db, 'interviewer')).id]);
    const body = { decision: 'no_hire', rationale: 'r' };
    const stranger = await clientOf((await createUser(db, 'hiring_manager')).id);
    expect((await stranger.post(`/api/v1/applications/${interview.applicationId}/decision`, body)).status).toBe(404);
    expect((await recruiter.post(`/api/v1/applications/${interview.applicationId}/decision`, body)).status).toBe(403);
    const readOnly = await clientOf(manager.id, ['read']);
    const refused = await readOnly.post(`/api/v1/applications/${interview.applicationId}/decision`, body);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('insufficient_scope');
    expect(await db.selectFrom('decisions').select('id').where('application_id', '=', interview.applicationId).execute()).toEqual([]);
  });

  afterAll(() => {
    expect(validator.checked).toBeGreaterThanOrEqual(20);
  });
});
