import fs from 'node:fs';
import { changeApplicationStatus } from '../../../src/candidates/applications.use-cases';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { applyCandidate } from '../../helpers/writes';
import { ensureCatalog, makeCandidate, makeOpening } from '../../helpers/hiring';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { type Agent, csrfToken, signInAs } from '../../helpers/web';

/** Bad input the form properties found; each case once more, by name. */
describeEachDialect('bad input found by the form properties', (ctx: () => TestContext) => {
  let recruiter: Agent;
  let token: string;

  beforeAll(async () => {
    await ensureCatalog(ctx().db);
    recruiter = (await signInAs(ctx().app, ctx().db, 'recruiter')).agent;
    token = await csrfToken(recruiter, '/');
  });

  it('when a form field holds a NUL character, then the request is refused with a message and nothing is saved', async () => {
    const { agent } = await signInAs(ctx().app, ctx().db, 'admin');
    const adminToken = await csrfToken(agent, '/');
    const before = await ctx().db.selectFrom('sales_roles').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    const res = await agent.post('/roles/1').type('form').send(`_csrf=${adminToken}&name=x%00y&summary=s&hands_off_to=h&pay_model=p`);
    expect(res.status).toBe(400);
    expect(res.text).toContain('error-page');
    expect(await ctx().db.selectFrom('sales_roles').selectAll().where('id', '=', 1).executeTakeFirstOrThrow()).toEqual(before);
  });

  it('when a search holds a NUL character, then the page says the request was bad instead of failing', async () => {
    const res = await recruiter.get('/candidates?q=a%00b');
    expect(res.status).toBe(400);
  });

  it('when a multipart form cannot be read or holds a NUL character, then it is refused with 400 and no upload is left behind', async () => {
    const candidateId = await makeCandidate(ctx().db, { name: 'Mia Multipart' });
    const malformed = await recruiter
      .post(`/candidates/${candidateId}?_csrf=${encodeURIComponent(token)}`)
      .field('name', 'Mia Multipart')
      .attach('resume', Buffer.from('%PDF-1.4\n'), { filename: 'a\u0000b.pdf', contentType: 'application/pdf' });
    expect(malformed.status).toBe(400);
    const nul = await recruiter.post(`/candidates/${candidateId}?_csrf=${encodeURIComponent(token)}`).field('name', 'Mia\u0000Multipart').field('source', 'outbound');
    expect(nul.status).toBe(400);
    expect(await ctx().db.selectFrom('candidates').select('name').where('id', '=', candidateId).executeTakeFirst()).toEqual({ name: 'Mia Multipart' });
    expect(fs.readdirSync(ctx().storage.tmpDir)).toEqual([]);
  });

  it('when an application gets a status it cannot take, then the message shows next to the status field', async () => {
    const opening = await makeOpening(ctx().db);
    const applicationId = await applyCandidate(ctx().db, await makeCandidate(ctx().db), opening.id, 1);
    const res = await recruiter.post(`/applications/${applicationId}/status`).type('form').send({ _csrf: token, status: 'hired', reason: '' });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="field-status-error" class="field-error">This value is not valid\./);
  });

  it('when an interview is scheduled on a closed application, then it is refused with a message and none is created', async () => {
    const opening = await makeOpening(ctx().db);
    const applicationId = await applyCandidate(ctx().db, await makeCandidate(ctx().db), opening.id, 1);
    await changeApplicationStatus(useCaseDeps(ctx().db), actingAs(1), applicationId, { status: 'withdrawn', reason: 'took another offer' });
    const res = await recruiter.post(`/applications/${applicationId}/interviews`).type('form').send({ _csrf: token, stage_id: String(opening.stages[0]!.id), interviewer_ids: '1', start: '2027-01-05T10:00', duration_minutes: '45' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('This application is closed.');
    // And the form to schedule one is not offered there.
    expect((await recruiter.get(`/applications/${applicationId}/interviews/new`)).status).toBe(404);
    expect(await ctx().db.selectFrom('interviews').select('id').where('application_id', '=', applicationId).execute()).toEqual([]);
  });

  it('when an opening is saved with an unknown status, then the message shows next to the status field', async () => {
    const opening = await makeOpening(ctx().db);
    const res = await recruiter.post(`/openings/${opening.id}`).type('form').send({ _csrf: token, title: 'AE', hiring_manager_id: String(opening.hiringManagerId), headcount: '1', status: 'paused-forever' });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="field-status-error" class="field-error">/);
  });
});
