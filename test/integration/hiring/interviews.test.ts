import request from 'supertest';
import { putSetting } from '../../../src/settings/settings.repository';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { makeInterview, makeOpening } from '../../helpers/hiring';
import { type Agent, createUser, csrfToken, signIn } from '../../helpers/web';

/** A complete, valid submission for the AE discovery role-play (focus: sales_dna, discovery). */
function fullScorecard(token: string, rating = '3'): Record<string, string> {
  return {
    _csrf: token,
    action: 'submit',
    rating_sales_dna: rating,
    evidence_sales_dna: 'Built rapport quickly; asked about the buyer’s team before pitching.',
    rating_discovery: 'na',
    evidence_discovery: '',
    key_takeaways: 'Curious, listens well.',
    recommendation: 'yes',
  };
}

describeEachDialect('interviews and independent scorecards', (ctx: () => TestContext) => {
  let anna: { id: number; email: string };
  let boris: { id: number; email: string };
  let annaAgent: Agent;
  let borisAgent: Agent;
  let opening: Awaited<ReturnType<typeof makeOpening>>;

  beforeAll(async () => {
    anna = await createUser(ctx().db, 'interviewer', { name: 'Anna Interviewer' });
    boris = await createUser(ctx().db, 'interviewer', { name: 'Boris Interviewer' });
    annaAgent = await signIn(ctx().app, anna.email);
    borisAgent = await signIn(ctx().app, boris.email);
    opening = await makeOpening(ctx().db, { roleKey: 'ae' });
  });

  it('when an interview is scheduled, then it is in the interviewer’s list and the kit shows the focus anchors and questions', async () => {
    const { interviewId } = await makeInterview(ctx().db, opening.id, [anna.id]);
    const list = await annaAgent.get('/interviews');
    expect(list.status).toBe(200);
    expect(list.text).toContain(`/interviews/${interviewId}`);
    const kit = await annaAgent.get(`/interviews/${interviewId}`);
    expect(kit.status).toBe(200);
    expect(kit.text).toContain('Role-play: discovery call');
    expect(kit.text).toContain('name="rating_sales_dna"');
    expect(kit.text).toContain('name="rating_discovery"');
    expect(kit.text).toContain('1 · Strong no');
    expect(kit.text).toContain('Other rubric dimensions, optional');
  });

  it('when the scorecard lacks a recommendation, a focus rating or its evidence, then it is not submitted and what was typed stays', async () => {
    const { interviewId } = await makeInterview(ctx().db, opening.id, [anna.id]);
    const token = await csrfToken(annaAgent, `/interviews/${interviewId}`);
    const res = await annaAgent.post(`/interviews/${interviewId}/scorecard`).type('form').send({ _csrf: token, action: 'submit', rating_sales_dna: '4', evidence_sales_dna: '', key_takeaways: 'Typed <b>notes</b>' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Choose an overall recommendation.');
    expect(res.text).toContain('Rate this focus dimension, or mark it not assessed.');
    expect(res.text).toContain('Note the evidence behind this rating.');
    expect(res.text).toContain('Typed &lt;b&gt;notes&lt;/b&gt;');
    expect(res.text).toMatch(/name="rating_sales_dna" value="4" checked/);
    expect(await ctx().db.selectFrom('scorecards').select('id').where('interview_id', '=', interviewId).execute()).toEqual([]);
  });

  it('when a draft is saved and later submitted, then it records the rubric version; an edit after submission is kept in the history', async () => {
    const { interviewId } = await makeInterview(ctx().db, opening.id, [anna.id]);
    const token = await csrfToken(annaAgent, `/interviews/${interviewId}`);
    const draft = await annaAgent.post(`/interviews/${interviewId}/scorecard`).type('form').send({ _csrf: token, action: 'draft', rating_sales_dna: '2' });
    expect(draft.status).toBe(303);
    let row = await ctx().db.selectFrom('scorecards').selectAll().where('interview_id', '=', interviewId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'draft', rubric_version: 1, submitted_at: null });

    expect((await annaAgent.post(`/interviews/${interviewId}/scorecard`).type('form').send(fullScorecard(token))).status).toBe(303);
    row = await ctx().db.selectFrom('scorecards').selectAll().where('interview_id', '=', interviewId).executeTakeFirstOrThrow();
    expect(row.status).toBe('submitted');
    const ratings = await ctx().db.selectFrom('scorecard_ratings').select(['dimension_key', 'rating']).where('scorecard_id', '=', row.id).orderBy('dimension_key').execute();
    expect(ratings).toEqual([
      { dimension_key: 'discovery', rating: null },
      { dimension_key: 'sales_dna', rating: 3 },
    ]);

    expect((await annaAgent.post(`/interviews/${interviewId}/scorecard`).type('form').send(fullScorecard(token, '4'))).status).toBe(303);
    const history = await ctx().db.selectFrom('scorecard_history').select('snapshot').where('scorecard_id', '=', row.id).execute();
    expect(history).toHaveLength(1);
    expect(JSON.parse(history[0]!.snapshot).ratings).toContainEqual(expect.objectContaining({ key: 'sales_dna', rating: 3 }));
    const kit = await annaAgent.get(`/interviews/${interviewId}`);
    expect(kit.text).toContain('You submitted this scorecard');
  });

  it('when two interviewers score one candidate, then neither sees the other’s scorecard before submitting their own', async () => {
    const { applicationId, interviewId } = await makeInterview(ctx().db, opening.id, [anna.id, boris.id]);
    const annaToken = await csrfToken(annaAgent, `/interviews/${interviewId}`);
    await annaAgent.post(`/interviews/${interviewId}/scorecard`).type('form').send({ ...fullScorecard(annaToken), key_takeaways: 'ANNA-SECRET-TAKEAWAY' });

    for (const path of [`/interviews/${interviewId}`, `/applications/${applicationId}`]) {
      const page = await borisAgent.get(path);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('ANNA-SECRET-TAKEAWAY');
    }
    expect((await borisAgent.get(`/applications/${applicationId}`)).text).toContain('once you have submitted yours');

    const borisToken = await csrfToken(borisAgent, `/interviews/${interviewId}`);
    await borisAgent.post(`/interviews/${interviewId}/scorecard`).type('form').send({ ...fullScorecard(borisToken, '2'), key_takeaways: 'BORIS-TAKEAWAY' });
    expect((await borisAgent.get(`/interviews/${interviewId}`)).text).toContain('ANNA-SECRET-TAKEAWAY');
    expect((await annaAgent.get(`/applications/${applicationId}`)).text).toContain('BORIS-TAKEAWAY');

    const manager = await signIn(ctx().app, (await ctx().db.selectFrom('users').select('email').where('id', '=', opening.hiringManagerId).executeTakeFirstOrThrow()).email);
    const managerView = await manager.get(`/applications/${applicationId}`);
    expect(managerView.text).toContain('ANNA-SECRET-TAKEAWAY');
    expect(managerView.text).toContain('BORIS-TAKEAWAY');
  });

  it('when an admin turns independent feedback off, then interviewers see others’ scorecards at once', async () => {
    const { applicationId, interviewId } = await makeInterview(ctx().db, opening.id, [anna.id, boris.id]);
    const token = await csrfToken(annaAgent, `/interviews/${interviewId}`);
    await annaAgent.post(`/interviews/${interviewId}/scorecard`).type('form').send({ ...fullScorecard(token), key_takeaways: 'VISIBLE-WHEN-OFF' });
    expect((await borisAgent.get(`/applications/${applicationId}`)).text).not.toContain('VISIBLE-WHEN-OFF');
    await putSetting(ctx().db, 'independent_feedback', '0');
    try {
      expect((await borisAgent.get(`/applications/${applicationId}`)).text).toContain('VISIBLE-WHEN-OFF');
    } finally {
      await putSetting(ctx().db, 'independent_feedback', '1');
    }
  });

  it('when someone who is not on the interview opens its kit or posts a scorecard, then it does not exist for them', async () => {
    const { interviewId, applicationId, candidateId } = await makeInterview(ctx().db, opening.id, [anna.id]);
    const outsider = await createUser(ctx().db, 'interviewer');
    const agent = await signIn(ctx().app, outsider.email);
    expect((await agent.get(`/interviews/${interviewId}`)).status).toBe(404);
    const token = await csrfToken(agent, '/interviews');
    expect((await agent.post(`/interviews/${interviewId}/scorecard`).type('form').send(fullScorecard(token))).status).toBe(404);
    expect((await agent.get(`/applications/${applicationId}`)).status).toBe(404);
    expect((await agent.get(`/candidates/${candidateId}`)).status).toBe(404);
    expect(await ctx().db.selectFrom('scorecards').select('id').where('interview_id', '=', interviewId).execute()).toEqual([]);
    const newHire = await createUser(ctx().db, 'new_hire');
    expect((await (await signIn(ctx().app, newHire.email)).get(`/interviews/${interviewId}`)).status).toBe(403);
    expect((await request(ctx().app).get(`/interviews/${interviewId}`)).status).toBe(303);
  });
});
