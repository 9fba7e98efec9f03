import request from 'supertest';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { csrfToken, signInAs } from '../../helpers/web';

describeEachDialect('CSRF protection and security headers', (ctx: () => TestContext) => {
  it('when a state-changing form is posted without a CSRF token, then it is refused with a page that explains why', async () => {
    const { agent } = await signInAs(ctx().app, ctx().db, 'admin');
    const res = await agent.post('/users').type('form').send({ name: 'Mallory', email: 'mallory@example.test', role: 'admin' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Form expired');
    expect(res.text).toContain('reload the page and submit again');
    const inserted = await ctx().db.selectFrom('users').select('id').where('email', '=', 'mallory@example.test').executeTakeFirst();
    expect(inserted).toBeUndefined();
  });

  it('when the CSRF token is wrong or belongs to another session, then it is refused', async () => {
    const { agent } = await signInAs(ctx().app, ctx().db, 'admin');
    const other = request.agent(ctx().app);
    const foreignToken = await csrfToken(other, '/login');
    for (const token of ['wrong', foreignToken]) {
      const res = await agent.post('/users').type('form').send({ _csrf: token, name: 'Mallory', email: 'mallory@example.test', role: 'admin' });
      expect(res.status).toBe(403);
    }
  });

  it('when signing in without a token, then the sign-in is refused', async () => {
    const res = await request(ctx().app).post('/login').type('form').send({ email: 'a@example.test', password: 'whatever whatever' });
    expect(res.status).toBe(403);
  });

  it('when any page is served, then it carries a strict CSP, nosniff and no X-Powered-By', async () => {
    const res = await request(ctx().app).get('/login');
    expect(res.headers['x-powered-by']).toBeUndefined();
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('when a page has user-provided text, then it is escaped', async () => {
    const { agent } = await signInAs(ctx().app, ctx().db, 'admin');
    const token = await csrfToken(agent, '/users');
    const res = await agent.post('/users').type('form').send({ _csrf: token, name: '<script>alert(1)</script>', email: 'bad', role: 'interviewer' });
    expect(res.status).toBe(422);
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('when static files are requested, then the CSS is served locally', async () => {
    const pico = await request(ctx().app).get('/static/vendor/pico/pico.min.css');
    expect(pico.status).toBe(200);
    expect(pico.headers['content-type']).toContain('text/css');
    const app = await request(ctx().app).get('/static/css/app.css');
    expect(app.status).toBe(200);
  });
});
