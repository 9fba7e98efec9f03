import request from 'supertest';
import { describeEachDialect } from '../../helpers/test-context';
import { type Agent, createUser, csrfToken, signInAs } from '../../helpers/web';

describeEachDialect('mail without SMTP: kept in the outbox and shown to admins', (ctx) => {
  let admin: { agent: Agent; user: { id: number; email: string } };
  const messageTo = (email: string) => ctx().db.selectFrom('outbox_messages').selectAll().where('recipient_email', '=', email).executeTakeFirstOrThrow();

  beforeAll(async () => {
    admin = await signInAs(ctx().app, ctx().db, 'admin');
  });

  it('when an admin invites someone, then the link is shown to them as before, and the message is kept as "not sent: mail is not configured"', async () => {
    const token = await csrfToken(admin.agent, '/users');
    const res = await admin.agent.post('/users').type('form').send({ _csrf: token, name: 'Paula Pending', email: 'paula@example.test', role: 'interviewer' });
    expect(res.status).toBe(303);
    const list = await admin.agent.get('/users');
    expect(list.text).toContain('Send them this link; it works once');
    expect(list.text).toMatch(/http:\/\/localhost:\d+\/invite\/[A-Za-z0-9_-]{43}/);
    const stored = await messageTo('paula@example.test');
    expect([stored.state, Number(stored.attempts)]).toEqual(['not_configured', 0]);

    const page = await admin.agent.get('/settings/mail');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Mail is not configured');
    expect(page.text).toContain('SMTP_URL');
    expect(page.text).toContain('paula@example.test');
    const message = await admin.agent.get(`/settings/mail/${stored.id}`);
    expect(message.status).toBe(200);
    expect(message.text).toContain(`src="/settings/mail/${stored.id}/html"`);
    expect(message.text).toContain('/invite/');
    const html = await admin.agent.get(`/settings/mail/${stored.id}/html`);
    expect(html.status).toBe(200);
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    expect(html.headers['content-security-policy']).toContain('sandbox');
    expect(html.text).toContain('Paula Pending');
  });

  it('when someone asks for a password reset, then the kept message holds no working link and cannot be sent again', async () => {
    const user = await createUser(ctx().db, 'recruiter');
    const visitor = request.agent(ctx().app);
    const token = await csrfToken(visitor, '/forgot-password');
    expect((await visitor.post('/forgot-password').type('form').send({ _csrf: token, email: user.email })).status).toBe(200);
    const stored = await messageTo(user.email);
    expect(stored.state).toBe('not_configured');
    expect(`${stored.text_body}${stored.html_body}`).not.toMatch(/\/reset-password\/[A-Za-z0-9_-]{20,}/);
    const page = await admin.agent.get(`/settings/mail/${stored.id}`);
    expect(page.text).toContain('it is hidden here');
    expect(page.text).not.toContain(`/settings/mail/${stored.id}/retry`);
    const csrf = await csrfToken(admin.agent, `/settings/mail/${stored.id}`);
    expect((await admin.agent.post(`/settings/mail/${stored.id}/retry`).type('form').send({ _csrf: csrf })).status).toBe(303);
    expect((await messageTo(user.email)).state).toBe('not_configured');
  });

  it('when mail is not configured, then a kept message offers no retry, and a retry posted anyway changes nothing and says why', async () => {
    const stored = await messageTo('paula@example.test');
    const page = await admin.agent.get(`/settings/mail/${stored.id}`);
    expect(page.text).not.toContain(`/settings/mail/${stored.id}/retry`);
    const csrf = await csrfToken(admin.agent, `/settings/mail/${stored.id}`);
    const res = await admin.agent.post(`/settings/mail/${stored.id}/retry`).type('form').send({ _csrf: csrf });
    expect(res.status).toBe(303);
    expect((await admin.agent.get(res.headers.location!)).text).toContain('Mail is not configured');
    expect((await messageTo('paula@example.test')).state).toBe('not_configured');
  });

  it('when an admin asks for a test message, then it is kept and the page says mail is not configured', async () => {
    const csrf = await csrfToken(admin.agent, '/settings/mail');
    const res = await admin.agent.post('/settings/mail/test').type('form').send({ _csrf: csrf });
    expect(res.status).toBe(303);
    const page = await admin.agent.get('/settings/mail');
    expect(page.text).toContain('Test message from Salesbench');
    expect((await messageTo(admin.user.email)).state).toBe('not_configured');
  });

  it('when anyone but an admin opens the mail pages, then they are refused', async () => {
    const stored = await messageTo('paula@example.test');
    for (const role of ['recruiter', 'hiring_manager', 'interviewer', 'new_hire'] as const) {
      const { agent } = await signInAs(ctx().app, ctx().db, role);
      for (const path of ['/settings/mail', `/settings/mail/${stored.id}`, `/settings/mail/${stored.id}/html`]) expect([role, path, (await agent.get(path)).status]).toEqual([role, path, 403]);
    }
    const anonymous = await request(ctx().app).get('/settings/mail');
    expect(anonymous.status).toBe(303);
  });
});
