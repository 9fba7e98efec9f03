import { makeInterview, makeOpening } from '../../helpers/hiring';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { type Agent, createUser, csrfToken, signIn, signInAs } from '../../helpers/web';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** What a page hands out must stay inside the viewer's scope and under the app's own address. */
describeEachDialect('nothing leaks past a viewer’s scope', (ctx: () => TestContext) => {
  let interviewer: Agent;
  let manager: Agent;
  let ownOpening: { id: number; stages: { id: number; name: string }[] };
  let foreignOpening: { id: number; stages: { id: number; name: string }[] };

  beforeAll(async () => {
    const db = ctx().db;
    const m = await createUser(db, 'hiring_manager');
    const i = await createUser(db, 'interviewer');
    manager = await signIn(ctx().app, m.email);
    interviewer = await signIn(ctx().app, i.email);
    ownOpening = await makeOpening(db, { hiringManagerId: m.id, title: 'Opening Of Mine' });
    foreignOpening = await makeOpening(db, { title: 'Secret Expansion Opening' });
    await db.updateTable('interview_stages').set({ name: 'Secret stage name' }).where('id', '=', foreignOpening.stages[2]!.id).execute();
    await makeInterview(db, ownOpening.id, [i.id]);
  });

  it('when an interviewer or a hiring manager opens the candidate list, then its opening filter names only openings they manage or interview for', async () => {
    const asInterviewer = await interviewer.get('/candidates');
    expect(asInterviewer.text).toContain('Opening Of Mine');
    expect(asInterviewer.text).not.toContain('Secret Expansion Opening');
    const asManager = await manager.get('/candidates');
    expect(asManager.text).toContain('Opening Of Mine');
    expect(asManager.text).not.toContain('Secret Expansion Opening');
    const admin = (await signInAs(ctx().app, ctx().db, 'admin')).agent;
    expect((await admin.get('/candidates')).text).toContain('Secret Expansion Opening');
  });

  it('when someone filters the list by an opening outside their scope, then none of its stage names show', async () => {
    for (const agent of [interviewer, manager]) {
      const res = await agent.get(`/candidates?opening=${foreignOpening.id}`);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('Secret stage name');
      // The stage filter lists the stages of the viewer's own openings (the same default names): none of the foreign opening's.
      for (const stage of foreignOpening.stages) expect(res.text).not.toContain(`<option value="${stage.id}"`);
    }
    const own = await manager.get(`/candidates?opening=${ownOpening.id}`);
    expect(own.text).toContain(`<option value="${ownOpening.stages[1]!.id}">${ownOpening.stages[1]!.name}</option>`);
  });

  it('when a PDF is uploaded under another extension, then it downloads as .pdf, whatever the sender called it', async () => {
    const { agent: recruiter } = await signInAs(ctx().app, ctx().db, 'recruiter');
    const token = await csrfToken(recruiter, '/candidates/new');
    const created = await recruiter.post(`/candidates?_csrf=${encodeURIComponent(token)}`).field('name', 'Hta Sender').field('source', 'outbound').attach('resume', PDF, 'cv.hta');
    expect(created.status).toBe(303);
    const id = /\/candidates\/(\d+)$/.exec(created.headers.location!)![1];
    const download = await recruiter.get(`/candidates/${id}/resume`).buffer(true);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="cv.pdf"; filename*=UTF-8''cv.pdf`);
    expect(Buffer.compare(download.body as Buffer, PDF)).toBe(0);
    // A file kept before this rule, under its old name, is offered with the right extension too.
    await ctx().db.updateTable('stored_files').set({ original_name: 'old résumé.exe' }).where('id', '=', (await ctx().db.selectFrom('candidates').select('resume_file_id').where('id', '=', Number(id)).executeTakeFirstOrThrow()).resume_file_id!).execute();
    const old = await recruiter.get(`/candidates/${id}/resume`);
    expect(old.headers['content-disposition']).toBe(`attachment; filename="old r_sum_.pdf"; filename*=UTF-8''old%20r%C3%A9sum%C3%A9.pdf`);
  });

  it('when a request forges its Host header, then the invite link it gets still points at the configured address', async () => {
    const { agent: admin } = await signInAs(ctx().app, ctx().db, 'admin');
    const token = await csrfToken(admin, '/users');
    const invited = await admin.post('/users').set('Host', 'attacker.example').set('X-Forwarded-Host', 'attacker.example').type('form').send({ _csrf: token, name: 'Host Test', email: 'host.test@example.test', role: 'interviewer' });
    expect(invited.status).toBe(303);
    const page = await admin.get('/users');
    expect(page.text).toMatch(/value="http:\/\/localhost:3000\/invite\/[\w-]+"/);
    expect(page.text).not.toContain('attacker.example');
  });
});
