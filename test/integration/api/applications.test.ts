import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { ApiClient, apiAs, makeToken, openApiValidator, type OpenApiValidator } from '../../helpers/api';
import { makeCandidate, makeInterview, makeOpening } from '../../helpers/hiring';
import { useCaseDeps } from '../../helpers/use-cases';
import { scoreInterview } from '../../helpers/writes';
import { createUser } from '../../helpers/web';

describeEachDialect('API: applications', (ctx: () => TestContext) => {
  let validator: OpenApiValidator;
  let recruiter: ApiClient;
  beforeAll(async () => {
    validator = await openApiValidator(ctx().app);
    recruiter = (await apiAs(ctx().app, ctx().db, validator, 'recruiter', { now: ctx().clock.now() })).api;
  });

  it('when a recruiter applies a candidate to an open opening, then 201 at the first stage; applying again is refused on opening_id', async () => {
    const opening = await makeOpening(ctx().db);
    const candidateId = await makeCandidate(ctx().db);
    const res = await recruiter.post('/api/v1/applications', { candidate_id: candidateId, opening_id: opening.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ candidate_id: candidateId, opening_id: opening.id, stage_id: opening.stages[0]!.id, status: 'active', status_reason: '' });
    const again = await recruiter.post('/api/v1/applications', { candidate_id: candidateId, opening_id: opening.id });
    expect(again.status).toBe(422);
    expect(Object.keys(again.body.error.fields)).toEqual(['opening_id']);
  });

  it('when the opening is closed or the candidate unknown, then 422 and no application', async () => {
    const opening = await makeOpening(ctx().db);
    await ctx().db.updateTable('openings').set({ status: 'closed' }).where('id', '=', opening.id).execute();
    const candidateId = await makeCandidate(ctx().db);
    expect((await recruiter.post('/api/v1/applications', { candidate_id: candidateId, opening_id: opening.id })).status).toBe(422);
    expect((await recruiter.post('/api/v1/applications', { candidate_id: 99999999, opening_id: opening.id })).status).toBe(422);
    expect((await recruiter.post('/api/v1/applications', { candidate_id: 'x' })).status).toBe(422);
    expect(await ctx().db.selectFrom('applications').select('id').where('candidate_id', '=', candidateId).execute()).toEqual([]);
  });

  it('when an application is moved, then it is at the new stage; a stage of another opening is refused on stage_id', async () => {
    const opening = await makeOpening(ctx().db);
    const other = await makeOpening(ctx().db);
    const created = await recruiter.post('/api/v1/applications', { candidate_id: await makeCandidate(ctx().db), opening_id: opening.id });
    const moved = await recruiter.post(`/api/v1/applications/${created.body.id}/stage`, { stage_id: opening.stages[2]!.id });
    expect(moved.status).toBe(200);
    expect(moved.body.stage_id).toBe(opening.stages[2]!.id);
    expect(moved.body.stage_name).toBe(opening.stages[2]!.name);
    const refused = await recruiter.post(`/api/v1/applications/${created.body.id}/stage`, { stage_id: other.stages[1]!.id });
    expect(refused.status).toBe(422);
    expect(Object.keys(refused.body.error.fields)).toEqual(['stage_id']);
    expect((await recruiter.get(`/api/v1/applications/${created.body.id}`)).body.stage_id).toBe(opening.stages[2]!.id);
  });

  it('when an application is rejected, then a reason is required; once rejected it can be neither rejected nor moved again', async () => {
    const opening = await makeOpening(ctx().db);
    const created = await recruiter.post('/api/v1/applications', { candidate_id: await makeCandidate(ctx().db), opening_id: opening.id });
    const noReason = await recruiter.post(`/api/v1/applications/${created.body.id}/reject`, { reason: '  ' });
    expect(noReason.status).toBe(422);
    expect(Object.keys(noReason.body.error.fields)).toEqual(['reason']);
    const rejected = await recruiter.post(`/api/v1/applications/${created.body.id}/reject`, { reason: 'Went with another offer' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', status_reason: 'Went with another offer' });
    expect((await recruiter.post(`/api/v1/applications/${created.body.id}/reject`, { reason: 'again' })).status).toBe(422);
    expect((await recruiter.post(`/api/v1/applications/${created.body.id}/stage`, { stage_id: opening.stages[1]!.id })).status).toBe(422);
  });

  it('when a hiring manager reads an application of their opening, then they may; moving it is the recruiter’s (403); another opening’s is 404', async () => {
    const { app, db } = ctx();
    const manager = await createUser(db, 'hiring_manager');
    const mine = await makeOpening(db, { hiringManagerId: manager.id });
    const theirs = await makeOpening(db);
    const onMine = await recruiter.post('/api/v1/applications', { candidate_id: await makeCandidate(db), opening_id: mine.id });
    const onTheirs = await recruiter.post('/api/v1/applications', { candidate_id: await makeCandidate(db), opening_id: theirs.id });
    const api = new ApiClient(app, await makeToken(db, manager.id, { now: ctx().clock.now() }), validator);
    expect((await api.get(`/api/v1/applications/${onMine.body.id}`)).status).toBe(200);
    expect((await api.get(`/api/v1/applications/${onTheirs.body.id}`)).status).toBe(404);
    expect((await api.post(`/api/v1/applications/${onMine.body.id}/stage`, { stage_id: mine.stages[1]!.id })).status).toBe(403);
  });

  it('when an interviewer still owes a scorecard on a rejected application, then its reason is withheld; once they submit, they see it', async () => {
    const { app, db } = ctx();
    const interviewer = await createUser(db, 'interviewer');
    const opening = await makeOpening(db);
    const interview = await makeInterview(db, opening.id, [interviewer.id]);
    await recruiter.post(`/api/v1/applications/${interview.applicationId}/reject`, { reason: 'Weak discovery in the panel' });
    const api = new ApiClient(app, await makeToken(db, interviewer.id, { now: ctx().clock.now() }), validator);
    const owed = await api.get(`/api/v1/applications/${interview.applicationId}`);
    expect(owed.status).toBe(200);
    expect(owed.body).toMatchObject({ status: 'rejected', status_reason: '' });
    await scoreInterview(useCaseDeps(db), interviewer.id, { interviewId: interview.interviewId, openingId: opening.id }, 3);
    const after = await api.get(`/api/v1/applications/${interview.applicationId}`);
    expect(after.body.status_reason).toBe('Weak discovery in the panel');
  });

  afterAll(() => {
    expect(validator.checked).toBeGreaterThan(20);
  });
});
