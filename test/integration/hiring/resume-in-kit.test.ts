import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { makeInterview, makeOpening } from '../../helpers/hiring';
import { type Agent, createUser, csrfToken, signIn, signInAs } from '../../helpers/web';
import request from 'supertest';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('[Content_Types].xml word/document.xml')]);

function bytes(r: request.Response, cb: (err: Error | null, body: Buffer) => void): void {
  const stream = r as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
}

describeEachDialect('the résumé in the interview kit', (ctx: () => TestContext) => {
  let recruiter: Agent;
  let opening: Awaited<ReturnType<typeof makeOpening>>;

  beforeAll(async () => {
    recruiter = (await signInAs(ctx().app, ctx().db, 'recruiter')).agent;
    opening = await makeOpening(ctx().db, { roleKey: 'ae' });
  });

  async function attachResume(candidateId: number, content: Buffer, name: string): Promise<void> {
    const token = await csrfToken(recruiter, `/candidates/${candidateId}/edit`);
    const res = await recruiter.post(`/candidates/${candidateId}?_csrf=${encodeURIComponent(token)}`).field('name', 'Kit Candidate').field('source', 'outbound').attach('resume', content, name);
    expect(res.status).toBe(303);
  }

  it('when the résumé is a PDF, then the kit shows it in a frame with a download link, and the frame’s URL sends it inline, sandboxed by its own policy', async () => {
    const interviewer = await createUser(ctx().db, 'interviewer');
    const { interviewId, candidateId } = await makeInterview(ctx().db, opening.id, [interviewer.id]);
    await attachResume(candidateId, PDF, 'kit cv.pdf');
    const agent = await signIn(ctx().app, interviewer.email);

    const kit = await agent.get(`/interviews/${interviewId}`);
    expect(kit.status).toBe(200);
    const frame = /<iframe class="resume-frame" src="([^"]+)" title="([^"]+)"><\/iframe>/.exec(kit.text);
    expect(frame?.[1]).toBe(`/candidates/${candidateId}/resume/inline`);
    expect(frame?.[2]).toMatch(/^Résumé of .+ \(PDF\)$/);
    expect(kit.text).toContain(`<a href="/candidates/${candidateId}/resume" download>Download the résumé (PDF)</a>`);
    expect(kit.headers['content-security-policy']).toContain("frame-src 'self'");
    expect(kit.headers['content-security-policy']).toContain("frame-ancestors 'none'");

    const inline = await agent.get(`/candidates/${candidateId}/resume/inline`).buffer(true).parse(bytes);
    expect(inline.status).toBe(200);
    expect(inline.headers['content-type']).toBe('application/pdf');
    expect(inline.headers['content-disposition']).toBe('inline; filename="kit cv.pdf"; filename*=UTF-8\'\'kit%20cv.pdf');
    expect(inline.headers['x-content-type-options']).toBe('nosniff');
    expect(inline.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(inline.headers['cache-control']).toBe('private, no-store');
    const policy = String(inline.headers['content-security-policy']).split(/;\s*/);
    expect(policy).toEqual(expect.arrayContaining(["default-src 'none'", "frame-ancestors 'self'", 'sandbox allow-scripts']));
    expect(policy.some((d) => d.startsWith('sandbox') && d.includes('allow-same-origin'))).toBe(false);
    expect(Buffer.compare(inline.body as Buffer, PDF)).toBe(0);

    // The download stays a download.
    const download = await agent.get(`/candidates/${candidateId}/resume`);
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment; /);
  });

  it('when the résumé is a DOCX, then the kit offers only the download and the inline URL does not exist', async () => {
    const interviewer = await createUser(ctx().db, 'interviewer');
    const { interviewId, candidateId } = await makeInterview(ctx().db, opening.id, [interviewer.id]);
    await attachResume(candidateId, DOCX, 'kit cv.docx');
    const agent = await signIn(ctx().app, interviewer.email);

    const kit = await agent.get(`/interviews/${interviewId}`);
    expect(kit.status).toBe(200);
    expect(kit.text).not.toContain('<iframe');
    expect(kit.text).toContain(`<a href="/candidates/${candidateId}/resume">Résumé</a>`);
    const inline = await agent.get(`/candidates/${candidateId}/resume/inline`);
    expect(inline.status).toBe(404);
    expect(inline.headers['content-disposition']).toBeUndefined();
    const download = await agent.get(`/candidates/${candidateId}/resume`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="kit cv.docx"/);
  });

  it('when the candidate has no résumé, then the kit has no frame and the inline URL does not exist', async () => {
    const interviewer = await createUser(ctx().db, 'interviewer');
    const { interviewId, candidateId } = await makeInterview(ctx().db, opening.id, [interviewer.id]);
    const agent = await signIn(ctx().app, interviewer.email);
    expect((await agent.get(`/interviews/${interviewId}`)).text).not.toContain('<iframe');
    expect((await agent.get(`/candidates/${candidateId}/resume/inline`)).status).toBe(404);
  });

  it('when someone may not download the résumé, then they may not see it inline either: same answer for both URLs', async () => {
    const interviewer = await createUser(ctx().db, 'interviewer');
    const { candidateId } = await makeInterview(ctx().db, opening.id, [interviewer.id]);
    await attachResume(candidateId, PDF, 'private.pdf');
    const stranger = await signIn(ctx().app, (await createUser(ctx().db, 'interviewer')).email);
    const otherManager = await signIn(ctx().app, (await createUser(ctx().db, 'hiring_manager')).email);
    const newHire = await signIn(ctx().app, (await createUser(ctx().db, 'new_hire')).email);
    for (const [agent, status] of [[stranger, 404], [otherManager, 404], [newHire, 403]] as const) {
      const download = await agent.get(`/candidates/${candidateId}/resume`);
      const inline = await agent.get(`/candidates/${candidateId}/resume/inline`);
      expect([download.status, inline.status]).toEqual([status, status]);
      expect(inline.headers['content-type']).not.toBe('application/pdf');
    }
    const anonymous = await request(ctx().app).get(`/candidates/${candidateId}/resume/inline`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe(`/login?next=${encodeURIComponent(`/candidates/${candidateId}/resume/inline`)}`);
    // The assigned interviewer and the opening's hiring manager see it.
    const assigned = await signIn(ctx().app, interviewer.email);
    expect((await assigned.get(`/candidates/${candidateId}/resume/inline`)).status).toBe(200);
    const managerEmail = (await ctx().db.selectFrom('users').select('email').where('id', '=', opening.hiringManagerId).executeTakeFirstOrThrow()).email;
    expect((await (await signIn(ctx().app, managerEmail)).get(`/candidates/${candidateId}/resume/inline`)).status).toBe(200);
  });
});
