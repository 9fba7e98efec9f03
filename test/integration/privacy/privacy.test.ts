import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { insertEvent } from '../../../src/candidates/applications.repository';
import { insertDecision, moveDecisionToReopened } from '../../../src/comparison/decisions.repository';
import { insertInterview } from '../../../src/interviews/interviews.repository';
import { sweepUnreferencedFiles } from '../../../src/uploads/sweep';
import { makeCandidate, makeOpening } from '../../helpers/hiring';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { type Agent, csrfToken, signInAs, STRONG_PASSWORD } from '../../helpers/web';
import { readZip } from '../../helpers/zip';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const NEWER_PDF = Buffer.concat([PDF, Buffer.from('% second version of the résumé\n')]);

/** Every table holding something about candidates, with how to find one candidate's rows in it. */
const CANDIDATE_TABLES = ['candidates', 'applications', 'application_events', 'interviews', 'interview_interviewers', 'scorecards', 'scorecard_ratings', 'scorecard_history', 'decisions', 'reopened_decisions', 'careers_applications', 'stored_files', 'audit_log'] as const;

function binary(res: request.Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describeEachDialect('privacy: export and erase a candidate', (ctx: () => TestContext) => {
  let admin: Agent;
  let adminId: number;
  let adminName: string;

  beforeAll(async () => {
    const signedIn = await signInAs(ctx().app, ctx().db, 'admin');
    admin = signedIn.agent;
    adminId = signedIn.user.id;
    adminName = signedIn.user.name;
  });

  async function counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const table of CANDIDATE_TABLES) {
      const row = await ctx().db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      out[table] = Number(row.n);
    }
    return out;
  }

  /** A candidate with a replaced résumé, an application, stage history, an interview, a scorecard with a revision, and a decision. */
  async function makeFullCandidate(name: string, email: string) {
    const { db } = ctx();
    const opening = await makeOpening(db);
    const token = await csrfToken(admin, '/candidates/new');
    const created = await admin
      .post(`/candidates?_csrf=${encodeURIComponent(token)}`)
      .field('name', name)
      .field('email', email)
      .field('source', 'outbound')
      .field('notes', 'Met at the Berlin sales meetup')
      .field('opening_id', String(opening.id))
      .attach('resume', PDF, 'first cv.pdf');
    expect(created.status).toBe(303);
    const candidateId = Number(/\/candidates\/(\d+)$/.exec(String(created.headers.location))![1]);
    const firstFile = await db.selectFrom('stored_files').innerJoin('candidates', 'candidates.resume_file_id', 'stored_files.id').select(['stored_files.id', 'stored_files.storage_key']).where('candidates.id', '=', candidateId).executeTakeFirstOrThrow();
    const replaced = await admin
      .post(`/candidates/${candidateId}?_csrf=${encodeURIComponent(token)}`)
      .field('name', name)
      .field('email', email)
      .field('source', 'outbound')
      .field('notes', 'Met at the Berlin sales meetup')
      .attach('resume', NEWER_PDF, 'Résumé 2026.pdf');
    expect(replaced.status).toBe(303);
    const file = await db.selectFrom('stored_files').innerJoin('candidates', 'candidates.resume_file_id', 'stored_files.id').select(['stored_files.id', 'stored_files.storage_key']).where('candidates.id', '=', candidateId).executeTakeFirstOrThrow();
    const application = await db.selectFrom('applications').select(['id', 'stage_id']).where('candidate_id', '=', candidateId).executeTakeFirstOrThrow();
    await insertEvent(db, { applicationId: application.id, actorId: adminId, kind: 'stage', stageId: opening.stages[1]!.id, status: null, note: 'strong phone screen' }, new Date());
    const interviewId = await insertInterview(db, { applicationId: application.id, stageId: opening.stages[1]!.id, scheduledAt: null, interviewerIds: [adminId], createdBy: adminId }, new Date());
    const rubric = await db.selectFrom('openings').select(['rubric_id', 'rubric_version']).where('id', '=', opening.id).executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const scorecard = await db
      .insertInto('scorecards')
      .values({ interview_id: interviewId, application_id: application.id, interviewer_id: adminId, rubric_id: rubric.rubric_id, rubric_version: rubric.rubric_version, status: 'submitted', recommendation: 'yes', key_takeaways: 'Clear discovery questions', submitted_at: now, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('scorecard_ratings').values({ scorecard_id: scorecard.id, dimension_key: 'discovery', rating: 3, evidence: 'Asked about budget early' }).execute();
    await db.insertInto('scorecard_history').values({ scorecard_id: scorecard.id, changed_by: adminId, changed_at: now, snapshot: JSON.stringify({ recommendation: 'no', keyTakeaways: 'first take' }) }).execute();
    // An earlier decision, reopened, and the one standing now.
    await insertDecision(db, { applicationId: application.id, decision: 'no_hire', rationale: 'Too early to tell', acknowledgements: {}, flags: ['low_confidence'], weightedScore: 250, decidedBy: adminId }, new Date());
    await moveDecisionToReopened(db, application.id, { reopenedBy: adminId, reason: 'A second interview was planned' }, new Date());
    await insertDecision(db, { applicationId: application.id, decision: 'hire', rationale: 'Best discovery of the panel', acknowledgements: {}, flags: [], weightedScore: 310, decidedBy: adminId }, new Date());
    return { candidateId, applicationId: application.id, interviewId, scorecardId: scorecard.id, file, firstFile, token };
  }

  it('when a résumé is replaced, then the earlier file is gone from the database and the disk', async () => {
    const made = await makeFullCandidate('Anna Replaced', 'anna.replaced@example.test');
    expect(await ctx().db.selectFrom('stored_files').select('id').where('id', '=', made.firstFile.id).executeTakeFirst()).toBeUndefined();
    expect(fs.existsSync(path.join(ctx().storage.filesDir, made.firstFile.storage_key))).toBe(false);
    expect(fs.existsSync(path.join(ctx().storage.filesDir, made.file.storage_key))).toBe(true);
  });

  it('when an admin exports a candidate with their password, then the ZIP holds candidate.json with every record and the résumé bytes', async () => {
    const made = await makeFullCandidate('Marta Export', 'marta.export@example.test');
    const page = await admin.get(`/candidates/${made.candidateId}`);
    expect(page.text).toContain(`href="/candidates/${made.candidateId}/export"`);
    expect(page.text).toContain(`href="/candidates/${made.candidateId}/erase"`);
    const token = await csrfToken(admin, `/candidates/${made.candidateId}/export`);
    const res = await admin.post(`/candidates/${made.candidateId}/export`).type('form').send({ _csrf: token, password: STRONG_PASSWORD }).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="candidate-${made.candidateId}-export.zip"`);
    const entries = await readZip(res.body as Buffer);
    const fileName = `files/${made.file.id}-Résumé 2026.pdf`;
    expect([...entries.keys()].sort()).toEqual(['candidate.json', fileName].sort());
    expect(entries.get(fileName)!.equals(NEWER_PDF)).toBe(true);
    const doc = JSON.parse(entries.get('candidate.json')!.toString('utf8'));
    expect(doc.candidate).toMatchObject({ id: made.candidateId, name: 'Marta Export', email: 'marta.export@example.test', notes: 'Met at the Berlin sales meetup' });
    expect(doc.applications).toHaveLength(1);
    expect(doc.stageHistory.map((e: { kind: string }) => e.kind)).toEqual(['applied', 'stage']);
    expect(doc.stageHistory[1].note).toBe('strong phone screen');
    expect(doc.interviews).toEqual([expect.objectContaining({ id: made.interviewId, interviewerIds: [adminId] })]);
    expect(doc.scorecards).toHaveLength(1);
    expect(doc.scorecards[0].ratings).toEqual([expect.objectContaining({ dimension_key: 'discovery', rating: 3, evidence: 'Asked about budget early' })]);
    expect(doc.scorecards[0].history[0].snapshot).toEqual({ recommendation: 'no', keyTakeaways: 'first take' });
    expect(doc.decisions).toEqual([expect.objectContaining({ decision: 'hire', rationale: 'Best discovery of the panel', flags: [] })]);
    expect(doc.reopenedDecisions).toEqual([expect.objectContaining({ decision: 'no_hire', rationale: 'Too early to tell', flags: ['low_confidence'], reopened_by: adminId, reason: 'A second interview was planned' })]);
    expect(doc.files).toEqual([expect.objectContaining({ id: made.file.id, original_name: 'Résumé 2026.pdf', path: fileName })]);
    expect(JSON.stringify(doc)).not.toContain(made.file.storage_key);
    const audit = await ctx().db.selectFrom('audit_log').selectAll().where('action', '=', 'candidate.export').where('subject_id', '=', made.candidateId).execute();
    expect(audit).toHaveLength(1);
  });

  it('when the password is wrong, then the export shows a message next to the field and nothing is downloaded or logged', async () => {
    const made = await makeFullCandidate('Wrong Export', 'wrong.export@example.test');
    const before = await counts();
    const token = await csrfToken(admin, `/candidates/${made.candidateId}/export`);
    const res = await admin.post(`/candidates/${made.candidateId}/export`).type('form').send({ _csrf: token, password: 'not my password at all' });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/html/);
    expect(res.text).toMatch(/id="field-password-error"[^>]*>That password is not right\./);
    expect(await counts()).toEqual(before);
  });

  it('when the password or the typed name is wrong, then nothing is erased', async () => {
    const made = await makeFullCandidate('Wrong Erase', 'wrong.erase@example.test');
    const before = await counts();
    const token = await csrfToken(admin, `/candidates/${made.candidateId}/erase`);
    const wrongPassword = await admin.post(`/candidates/${made.candidateId}/erase`).type('form').send({ _csrf: token, password: 'not my password at all', confirm_name: 'Wrong Erase' });
    expect(wrongPassword.status).toBe(422);
    expect(wrongPassword.text).toContain('That password is not right.');
    expect(wrongPassword.text).toContain('value="Wrong Erase"');
    const wrongName = await admin.post(`/candidates/${made.candidateId}/erase`).type('form').send({ _csrf: token, password: STRONG_PASSWORD, confirm_name: 'Someone Else' });
    expect(wrongName.status).toBe(422);
    expect(wrongName.text).toMatch(/id="field-confirm_name-error"[^>]*>This does not match the candidate’s name\./);
    expect(await counts()).toEqual(before);
    expect(fs.existsSync(path.join(ctx().storage.filesDir, made.file.storage_key))).toBe(true);
  });

  it('when an admin erases a candidate, then no row or file about them remains and the privacy log shows counts without their name or email', async () => {
    const made = await makeFullCandidate('Erika Erased', 'erika.erased@example.test');
    const other = await makeFullCandidate('Otto Kept', 'otto.kept@example.test');
    const { db } = ctx();
    const token = await csrfToken(admin, `/candidates/${made.candidateId}/erase`);
    const res = await admin.post(`/candidates/${made.candidateId}/erase`).type('form').send({ _csrf: token, password: STRONG_PASSWORD, confirm_name: '  erika   ERASED ' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/privacy');

    expect(await db.selectFrom('candidates').select('id').where('id', '=', made.candidateId).execute()).toEqual([]);
    expect(await db.selectFrom('applications').select('id').where('candidate_id', '=', made.candidateId).execute()).toEqual([]);
    expect(await db.selectFrom('application_events').select('id').where('application_id', '=', made.applicationId).execute()).toEqual([]);
    expect(await db.selectFrom('interviews').select('id').where('application_id', '=', made.applicationId).execute()).toEqual([]);
    expect(await db.selectFrom('interview_interviewers').select('user_id').where('interview_id', '=', made.interviewId).execute()).toEqual([]);
    expect(await db.selectFrom('scorecards').select('id').where('application_id', '=', made.applicationId).execute()).toEqual([]);
    expect(await db.selectFrom('scorecard_ratings').select('dimension_key').where('scorecard_id', '=', made.scorecardId).execute()).toEqual([]);
    expect(await db.selectFrom('scorecard_history').select('id').where('scorecard_id', '=', made.scorecardId).execute()).toEqual([]);
    expect(await db.selectFrom('decisions').select('id').where('application_id', '=', made.applicationId).execute()).toEqual([]);
    expect(await db.selectFrom('reopened_decisions').select('id').where('application_id', '=', made.applicationId).execute()).toEqual([]);
    expect(await db.selectFrom('stored_files').select('id').where('id', '=', made.file.id).execute()).toEqual([]);
    expect(fs.existsSync(path.join(ctx().storage.filesDir, made.file.storage_key))).toBe(false);
    // Nothing anywhere in the database still mentions them.
    for (const table of CANDIDATE_TABLES) {
      const rows = JSON.stringify(await db.selectFrom(table).selectAll().execute());
      expect(`${table}: ${rows.includes('erika') || rows.includes('Erika')}`).toBe(`${table}: false`);
    }
    // The other candidate is untouched.
    expect(await db.selectFrom('candidates').select('name').where('id', '=', other.candidateId).executeTakeFirst()).toEqual({ name: 'Otto Kept' });
    expect(fs.existsSync(path.join(ctx().storage.filesDir, other.file.storage_key))).toBe(true);

    const entry = await db.selectFrom('audit_log').selectAll().where('action', '=', 'candidate.erase').where('subject_id', '=', made.candidateId).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_id: adminId, subject_type: 'candidate' });
    expect(JSON.parse(entry.detail)).toEqual({ candidates: 1, applications: 1, applicationEvents: 2, interviews: 1, interviewInterviewers: 1, scorecards: 1, scorecardRatings: 1, scorecardHistory: 1, decisions: 2, careersApplications: 0, files: 1 });
    expect(JSON.stringify(entry)).not.toMatch(/erika|erased@/i);

    const log = await admin.get('/privacy');
    expect(log.status).toBe(200);
    expect(log.text).toContain('The candidate and everything stored about them were erased.');
    expect(log.text).toContain(`Candidate #${made.candidateId}`);
    expect(log.text).toContain(adminName);
    expect(log.text).not.toMatch(/Erika/);
    expect((await admin.get(`/candidates/${made.candidateId}`)).status).toBe(404);
  });

  it('when someone other than an admin asks, then export and erase are refused and an unknown candidate is not found', async () => {
    const candidateId = await makeCandidate(ctx().db, { name: 'Guarded Person' });
    for (const role of ['recruiter', 'hiring_manager', 'interviewer', 'new_hire'] as const) {
      const { agent } = await signInAs(ctx().app, ctx().db, role);
      const token = await csrfToken(agent, '/');
      for (const action of ['export', 'erase']) {
        expect(`${role} GET ${action} ${(await agent.get(`/candidates/${candidateId}/${action}`)).status}`).toBe(`${role} GET ${action} 403`);
        const res = await agent.post(`/candidates/${candidateId}/${action}`).type('form').send({ _csrf: token, password: STRONG_PASSWORD, confirm_name: 'Guarded Person' });
        expect(`${role} POST ${action} ${res.status}`).toBe(`${role} POST ${action} 403`);
      }
      expect((await agent.get('/privacy')).status).toBe(403);
      expect((await agent.get(`/candidates/${candidateId}`)).text).not.toContain('/erase"');
    }
    expect((await request(ctx().app).get(`/candidates/${candidateId}/erase`)).status).toBe(303);
    expect((await admin.get('/candidates/999999/erase')).status).toBe(404);
    expect(await ctx().db.selectFrom('candidates').select('id').where('id', '=', candidateId).executeTakeFirst()).toEqual({ id: candidateId });
  });

  it('when the CSRF token is missing, then nothing is erased', async () => {
    const candidateId = await makeCandidate(ctx().db, { name: 'Csrf Person' });
    const before = await counts();
    const res = await admin.post(`/candidates/${candidateId}/erase`).type('form').send({ password: STRONG_PASSWORD, confirm_name: 'Csrf Person' });
    expect(res.status).toBe(403);
    const exported = await admin.post(`/candidates/${candidateId}/export`).type('form').send({ password: STRONG_PASSWORD });
    expect(exported.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('when an admin keeps typing wrong passwords, then further attempts are refused for a while, even with the right one', async () => {
    const { agent } = await signInAs(ctx().app, ctx().db, 'admin');
    const candidateId = await makeCandidate(ctx().db, { name: 'Throttle Person' });
    const token = await csrfToken(agent, `/candidates/${candidateId}/export`);
    for (let i = 0; i < 10; i += 1) {
      expect((await agent.post(`/candidates/${candidateId}/export`).type('form').send({ _csrf: token, password: `guess number ${i}` })).status).toBe(422);
    }
    const blocked = await agent.post(`/candidates/${candidateId}/erase`).type('form').send({ _csrf: token, password: STRONG_PASSWORD, confirm_name: 'Throttle Person' });
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Too many wrong passwords');
    expect(await ctx().db.selectFrom('candidates').select('id').where('id', '=', candidateId).executeTakeFirst()).toEqual({ id: candidateId });
  });

  it('when the app starts after a crash between the database and the disk, then files no record points at are removed', async () => {
    const { db, storage } = ctx();
    const orphanKey = 'a'.repeat(32);
    const strayKey = 'b'.repeat(32);
    fs.writeFileSync(storage.pathOf(orphanKey), PDF);
    fs.writeFileSync(storage.pathOf(strayKey), PDF);
    await db.insertInto('stored_files').values({ storage_key: orphanKey, original_name: 'orphan.pdf', mime_type: 'application/pdf', size_bytes: PDF.length, sha256: 'x', uploaded_by: null, created_at: new Date().toISOString() }).execute();
    const kept = await makeFullCandidate('Kept Through Sweep', 'kept.sweep@example.test');
    const later = new Date(Date.now() + 2 * 60 * 60_000);
    const swept = await sweepUnreferencedFiles(db, storage, later);
    expect(swept.rows).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(storage.pathOf(orphanKey))).toBe(false);
    expect(fs.existsSync(storage.pathOf(strayKey))).toBe(false);
    expect(fs.existsSync(storage.pathOf(kept.file.storage_key))).toBe(true);
    expect(await db.selectFrom('stored_files').select('id').where('storage_key', '=', orphanKey).executeTakeFirst()).toBeUndefined();
  });
});
