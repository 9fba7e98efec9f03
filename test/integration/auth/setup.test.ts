import request from 'supertest';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { csrfToken, STRONG_PASSWORD } from '../../helpers/web';
import { getSetting } from '../../../src/settings/settings.repository';

describeEachDialect('first-run setup', (ctx: () => TestContext) => {
  it('when no user exists, then every page leads to /setup', async () => {
    for (const path of ['/', '/users', '/login', '/nothing-here']) {
      const res = await request(ctx().app).get(path);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/setup');
    }
  });

  it('when the form is invalid, then each field shows its message, typed values stay and nothing is saved', async () => {
    const agent = request.agent(ctx().app);
    const token = await csrfToken(agent, '/setup');
    const res = await agent.post('/setup').type('form').send({ _csrf: token, name: '', email: 'not-an-email', password: 'short', language: 'ru', time_zone: 'Mars/Olympus' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="field-time_zone-error"');
    expect(res.text).toContain('Please fill this in.');
    expect(res.text).toContain('Enter an email address');
    expect(res.text).toContain('Use at least 12 characters.');
    expect(res.text).toContain('value="not-an-email"');
    expect(res.text).not.toContain('value="short"');
    const count = await ctx().db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('when the password is a common one, then it is refused', async () => {
    const agent = request.agent(ctx().app);
    const token = await csrfToken(agent, '/setup');
    const res = await agent.post('/setup').type('form').send({ _csrf: token, name: 'Ada', email: 'ada@example.test', password: 'password1234', language: 'en' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('too common');
  });

  it('when the form is valid, then the first admin exists with an argon2id hash, the company language is kept, and /setup is gone', async () => {
    const agent = request.agent(ctx().app);
    const token = await csrfToken(agent, '/setup');
    const form = await agent.get('/setup');
    expect(form.text).toContain('<option value="Europe/Berlin"');
    const res = await agent.post('/setup').type('form').send({ _csrf: token, name: 'Ada Admin', email: 'Ada@Example.test', password: STRONG_PASSWORD, language: 'ru', time_zone: 'Europe/Berlin' });
    expect(res.status).toBe(303);
    // Signed in at once: home greets them, in the language they chose, with a fresh session.
    expect(res.headers.location).toBe('/');
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('Ada Admin');
    expect(home.text).toContain('вы вошли в систему');

    const admin = await ctx().db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(admin).toMatchObject({ email: 'ada@example.test', role: 'admin', status: 'active', language: 'ru' });
    expect(admin.password_hash).toMatch(/^\$argon2id\$/);
    expect(await getSetting(ctx().db, 'company_language')).toBe('ru');
    expect(await getSetting(ctx().db, 'company_time_zone')).toBe('Europe/Berlin');
    const roles = await ctx().db.selectFrom('sales_roles').select(['key', 'name']).orderBy('position').execute();
    expect(roles.map((r) => r.key)).toEqual(['sdr_outbound', 'sdr_inbound', 'ae', 'farmer', 'vp_sales']);
    expect(roles.find((r) => r.key === 'ae')?.name).toBe('Менеджер по продажам (AE)');
    const integrity = await ctx().db.selectFrom('rubric_dimensions').select(['name', 'anchor_1']).where('key', '=', 'integrity').executeTakeFirstOrThrow();
    expect(integrity.anchor_1).toMatch(/[а-яё]/i);

    expect((await request(ctx().app).get('/setup')).status).toBe(404);
    // The sign-in started a new session: the set-up form's token is void.
    const stale = await agent.post('/setup').type('form').send({ _csrf: token, name: 'Eve', email: 'eve@example.test', password: STRONG_PASSWORD, language: 'en' });
    expect(stale.status).toBe(403);
    const visitor = request.agent(ctx().app);
    const fresh = await csrfToken(visitor, '/login');
    const again = await visitor.post('/setup').type('form').send({ _csrf: fresh, name: 'Eve', email: 'eve@example.test', password: STRONG_PASSWORD, language: 'en' });
    expect(again.status).toBe(404);
    const login = await request(ctx().app).get('/login');
    expect(login.status).toBe(200);
  });
});
