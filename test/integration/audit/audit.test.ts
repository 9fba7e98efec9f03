import { makeCandidate, makeOpening } from '../../helpers/hiring';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { type Agent, csrfToken, signInAs } from '../../helpers/web';
import { applyCandidate } from '../../helpers/writes';

describeEachDialect('audit log', (ctx: () => TestContext) => {
  let admin: Agent;
  let adminName: string;
  let recruiter: Agent;
  let recruiterId: number;
  let applicationId: number;

  beforeAll(async () => {
    const db = ctx().db;
    const a = await signInAs(ctx().app, db, 'admin');
    admin = a.agent;
    adminName = a.user.name;
    const r = await signInAs(ctx().app, db, 'recruiter');
    recruiter = r.agent;
    recruiterId = r.user.id;
    const opening = await makeOpening(db, { title: 'Audited opening' });
    applicationId = await applyCandidate(db, await makeCandidate(db, { name: 'Secret Candidate', email: 'secret.candidate@example.test' }), opening.id, recruiterId);
    const token = await csrfToken(recruiter, `/applications/${applicationId}`);
    const moved = await recruiter.post(`/applications/${applicationId}/stage`).type('form').send({ _csrf: token, stage_id: String(opening.stages[1]!.id) });
    expect(moved.status).toBe(303);
    const invited = await admin.post('/users').type('form').send({ _csrf: await csrfToken(admin, '/users'), name: 'Audit Invitee', email: 'audit.invitee@example.test', role: 'interviewer' });
    expect(invited.status).toBe(303);
  });

  it('when an admin opens the audit log, then every change made through the app is there with who, what and which record, but no candidate’s name or address', async () => {
    const res = await admin.get('/audit');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<td>Moved to another stage</td>');
    expect(res.text).toContain(`href="/applications/${applicationId}">Application #${applicationId}</a>`);
    expect(res.text).toContain('<td>Person invited</td>');
    expect(res.text).toContain(adminName);
    expect(res.text).not.toContain('Secret Candidate');
    expect(res.text).not.toContain('secret.candidate@example.test');
    expect(res.text).not.toContain('audit.invitee@example.test');
  });

  /** An action shown as an entry of the table (the filter's list names every action too). */
  const entry = (label: string) => `<td>${label}</td>`;

  it('when the log is filtered by person, action or dates, then only matching entries show', async () => {
    const byRecruiter = await admin.get(`/audit?person=${recruiterId}`);
    expect(byRecruiter.text).toContain(entry('Moved to another stage'));
    expect(byRecruiter.text).not.toContain(entry('Person invited'));
    const invites = await admin.get('/audit?action=user.invite');
    expect(invites.text).toContain(entry('Person invited'));
    expect(invites.text).not.toContain(entry('Moved to another stage'));
    const future = await admin.get('/audit?from=2999-01-01');
    expect(future.text).toContain('No entries match these filters.');
    const past = await admin.get('/audit?to=2000-01-01');
    expect(past.text).toContain('No entries match these filters.');
    const today = new Date().toISOString().slice(0, 10);
    const bounded = await admin.get(`/audit?from=${today}&to=${today}`);
    expect(bounded.text).toContain(entry('Person invited'));
  });

  it('when a date filter is not a date, then the message is next to the field and the rest of the log still shows', async () => {
    const res = await admin.get('/audit?from=31.12.2026');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/id="field-from-error" class="field-error">Enter a date as YYYY-MM-DD\./);
  });

  it('when there are more entries than a page holds, then the log pages by 50, newest first', async () => {
    const db = ctx().db;
    const rows = Array.from({ length: 60 }, (_, i) => ({ actor_id: recruiterId, action: 'candidate.edit', subject_type: 'candidate', subject_id: 10_000 + i, detail: '{}', created_at: new Date(Date.UTC(2001, 0, 1, 0, i)).toISOString() }));
    await db.insertInto('audit_log').values(rows).execute();
    const first = await admin.get('/audit?action=candidate.edit');
    expect((first.text.match(/Candidate #100\d\d/g) ?? []).length).toBe(50);
    expect(first.text).toContain('Candidate #10059');
    expect(first.text).toContain('rel="next"');
    const second = await admin.get('/audit?action=candidate.edit&page=2');
    expect((second.text.match(/Candidate #100\d\d/g) ?? []).length).toBe(10);
    expect(second.text).toContain('Candidate #10000');
    expect(second.text).not.toContain('rel="next"');
  });

  it('when anyone but an admin asks for the audit log, then it is refused', async () => {
    expect((await recruiter.get('/audit')).status).toBe(403);
    expect((await signInAs(ctx().app, ctx().db, 'hiring_manager')).agent.get('/audit').then((r) => r.status)).resolves.toBe(403);
  });

  it('when the privacy page lists its log, then only exports and erasures appear there', async () => {
    const res = await admin.get('/privacy');
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('Application #');
    expect(res.text).toContain('No candidate data has been exported or erased yet.');
  });
});
