import request from 'supertest';
import { SESSION_COOKIE } from '../../../src/app';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { type Agent, createUser, csrfToken, signIn, STRONG_PASSWORD } from '../../helpers/web';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The `salesbench.sid=…` Set-Cookie line of a response, if any. */
function sessionSetCookie(res: request.Response): string | undefined {
  const raw: unknown = res.headers['set-cookie'];
  const lines = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  return lines.find((line) => line.startsWith(`${SESSION_COOKIE}=`));
}

/** `salesbench.sid=<value>`, ready for a Cookie header. */
function cookiePair(setCookie: string | undefined): string {
  if (!setCookie) throw new Error('no session cookie in the response');
  return setCookie.split(';')[0]!;
}

async function countSessionsOf(ctx: TestContext, userId: number): Promise<number> {
  const row = await ctx.db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function postLogin(agent: Agent, fields: Record<string, string>): Promise<request.Response> {
  const token = await csrfToken(agent, '/login');
  return agent.post('/login').type('form').send({ _csrf: token, ...fields });
}

describeEachDialect('sign-in and sessions', (ctx: () => TestContext) => {
  beforeEach(async () => {
    // The throttle counts per IP too, and every request here comes from the same address.
    await ctx().db.deleteFrom('login_attempts').execute();
  });

  describe('signing in', () => {
    it('when the email and password are right, then the user lands on / with a new session id and sees their name', async () => {
      const user = await createUser(ctx().db, 'recruiter', { name: 'Rita Recruiter' });
      const agent = request.agent(ctx().app);
      const page = await agent.get('/login');
      expect(page.status).toBe(200);
      const before = cookiePair(sessionSetCookie(page));
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];

      const res = await agent.post('/login').type('form').send({ _csrf: token, email: user.email, password: user.password });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/');
      const after = cookiePair(sessionSetCookie(res));
      expect(after).not.toBe(before);

      const home = await agent.get('/');
      expect(home.status).toBe(200);
      expect(home.text).toContain('Rita Recruiter');
    });

    it('when someone planted the pre-sign-in cookie, then that cookie is not signed in after the victim signs in', async () => {
      const user = await createUser(ctx().db, 'interviewer');
      const agent = request.agent(ctx().app);
      const page = await agent.get('/login');
      const planted = cookiePair(sessionSetCookie(page));
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
      expect((await agent.post('/login').type('form').send({ _csrf: token, email: user.email, password: user.password })).status).toBe(303);
      expect((await agent.get('/')).status).toBe(200);

      const attacker = await request(ctx().app).get('/').set('Cookie', planted);
      expect(attacker.status).toBe(303);
      expect(attacker.headers.location).toBe('/login');
    });

    it('when the email is typed in another case with spaces around it, then sign-in still works', async () => {
      const user = await createUser(ctx().db, 'recruiter', { email: 'mixed.case@example.test' });
      const res = await postLogin(request.agent(ctx().app), { email: '  Mixed.Case@Example.TEST ', password: user.password });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/');
    });

    it('when a signed-in user opens /login, then they are sent to /', async () => {
      const user = await createUser(ctx().db, 'recruiter');
      const agent = await signIn(ctx().app, user.email, user.password);
      const res = await agent.get('/login');
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/');
    });

    it('when an anonymous visitor opens /users, then after signing in they land back on /users', async () => {
      const admin = await createUser(ctx().db, 'admin');
      const agent = request.agent(ctx().app);
      const first = await agent.get('/users');
      expect(first.status).toBe(303);
      expect(first.headers.location).toBe('/login?next=%2Fusers');

      const page = await agent.get(first.headers.location!);
      expect(page.text).toContain('name="next" value="/users"');
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
      const res = await agent.post('/login').type('form').send({ _csrf: token, email: admin.email, password: admin.password, next: '/users' });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/users');
      expect((await agent.get('/users')).status).toBe(200);
    });

    it.each(['//evil.example', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)'])('when next is %s, then sign-in lands on / instead', async (next) => {
      const user = await createUser(ctx().db, 'recruiter');
      const agent = request.agent(ctx().app);
      const page = await agent.get(`/login?next=${encodeURIComponent(next)}`);
      expect(page.text).not.toContain('name="next"');
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
      const res = await agent.post('/login').type('form').send({ _csrf: token, email: user.email, password: user.password, next });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/');
    });
  });

  describe('refused sign-in', () => {
    it('when the password is wrong, then a 401 page says so, keeps the typed email and does not echo the password', async () => {
      const user = await createUser(ctx().db, 'recruiter', { email: 'wrong.password@example.test' });
      const agent = request.agent(ctx().app);
      const res = await postLogin(agent, { email: user.email, password: 'not the right password at all' });
      expect(res.status).toBe(401);
      expect(res.text).toContain('Email or password is incorrect.');
      expect(res.text).toContain('value="wrong.password@example.test"');
      expect(res.text).not.toContain('not the right password at all');
      const home = await agent.get('/');
      expect(home.status).toBe(303);
      expect(home.headers.location).toBe('/login');
    });

    it('when the email is unknown, then the message is exactly the same as for a wrong password', async () => {
      const res = await postLogin(request.agent(ctx().app), { email: 'nobody.here@example.test', password: STRONG_PASSWORD });
      expect(res.status).toBe(401);
      expect(res.text).toContain('Email or password is incorrect.');
      expect(res.text).toContain('value="nobody.here@example.test"');
      expect(res.text).not.toContain(STRONG_PASSWORD);
    });

    it('when the form is empty, then each field says it must be filled in', async () => {
      const res = await postLogin(request.agent(ctx().app), { email: '', password: '' });
      expect(res.status).toBe(422);
      expect(res.text).toContain('id="field-email-error"');
      expect(res.text).toContain('id="field-password-error"');
      expect(res.text).toContain('Please fill this in.');
    });

    it('when the user is deactivated, then the right password does not sign them in', async () => {
      const user = await createUser(ctx().db, 'recruiter');
      await ctx().db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', user.id).execute();
      const agent = request.agent(ctx().app);
      const res = await postLogin(agent, { email: user.email, password: user.password });
      expect(res.status).toBe(401);
      expect(res.text).toContain('Email or password is incorrect.');
      expect((await agent.get('/')).status).toBe(303);
    });

    it('when the user is only invited (no password yet), then they cannot sign in', async () => {
      const user = await createUser(ctx().db, 'recruiter');
      await ctx().db.updateTable('users').set({ status: 'invited', password_hash: null }).where('id', '=', user.id).execute();
      const res = await postLogin(request.agent(ctx().app), { email: user.email, password: user.password });
      expect(res.status).toBe(401);
    });

    it('when the form has no CSRF token, then it is refused with a readable page', async () => {
      const user = await createUser(ctx().db, 'recruiter');
      const agent = request.agent(ctx().app);
      await agent.get('/login');
      const res = await agent.post('/login').type('form').send({ email: user.email, password: user.password });
      expect(res.status).toBe(403);
      expect(res.text).toContain('Form expired');
      expect((await agent.get('/')).status).toBe(303);
    });
  });

  describe('signing out', () => {
    it('when the user signs out, then the session is gone: the agent and a replay of the old cookie are both sent to /login', async () => {
      const user = await createUser(ctx().db, 'recruiter');
      const agent = await signIn(ctx().app, user.email, user.password);
      const home = await agent.get('/');
      expect(home.status).toBe(200);
      const oldCookie = cookiePair(sessionSetCookie(home));
      expect((await request(ctx().app).get('/').set('Cookie', oldCookie)).status).toBe(200);
      expect(await countSessionsOf(ctx(), user.id)).toBe(1);

      const token = await csrfToken(agent, '/');
      const out = await agent.post('/logout').type('form').send({ _csrf: token });
      expect(out.status).toBe(303);
      expect(out.headers.location).toBe('/login');

      const after = await agent.get('/');
      expect(after.status).toBe(303);
      expect(after.headers.location).toBe('/login');
      const replay = await request(ctx().app).get('/').set('Cookie', oldCookie);
      expect(replay.status).toBe(303);
      expect(replay.headers.location).toBe('/login');
      expect(await countSessionsOf(ctx(), user.id)).toBe(0);
    });

    it('when an anonymous visitor posts /logout, then it is refused', async () => {
      const agent = request.agent(ctx().app);
      const token = await csrfToken(agent, '/login');
      const res = await agent.post('/logout').type('form').send({ _csrf: token });
      expect(res.status).toBe(401);
    });
  });

  describe('session cookie', () => {
    it('when a session starts, then its cookie is HttpOnly and SameSite=Lax, and not Secure by default', async () => {
      const page = await request(ctx().app).get('/login');
      const cookie = sessionSetCookie(page);
      expect(cookie).toBeDefined();
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax/i);
      expect(cookie).not.toMatch(/;\s*Secure/i);

      const user = await createUser(ctx().db, 'recruiter');
      const signedIn = await postLogin(request.agent(ctx().app), { email: user.email, password: user.password });
      const after = sessionSetCookie(signedIn);
      expect(after).toMatch(/;\s*HttpOnly/i);
      expect(after).toMatch(/;\s*SameSite=Lax/i);
      expect(after).not.toMatch(/;\s*Secure/i);
    });
  });

  describe('language', () => {
    it('when a signed-in user switches to Russian, then later pages are in Russian and a new sign-in on another browser is too', async () => {
      const user = await createUser(ctx().db, 'recruiter');
      const agent = await signIn(ctx().app, user.email, user.password);
      const english = await agent.get('/');
      expect(english.text).toContain('Sign out');
      expect(english.text).not.toContain('Выйти');

      const token = await csrfToken(agent, '/');
      const res = await agent.post('/language').type('form').send({ _csrf: token, language: 'ru', return_to: '/' });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/');

      const russian = await agent.get('/');
      expect(russian.text).toContain('Выйти');
      expect(russian.text).toContain('<html lang="ru">');

      const elsewhere = await signIn(ctx().app, user.email, user.password);
      const page = await elsewhere.get('/');
      expect(page.text).toContain('Выйти');
      expect(page.text).not.toContain('Sign out');
    });

    it('when an anonymous visitor prefers Russian in the browser, then the sign-in page is in Russian', async () => {
      const res = await request(ctx().app).get('/login').set('Accept-Language', 'ru-RU,ru;q=0.9');
      expect(res.status).toBe(200);
      expect(res.text).toContain('<html lang="ru">');
      expect(res.text).toContain('Войти');
      const english = await request(ctx().app).get('/login').set('Accept-Language', 'en-GB,en;q=0.9');
      expect(english.text).toContain('<html lang="en">');
      expect(english.text).not.toContain('Войти');
    });

    it('when an anonymous visitor picks Russian and then signs in, then the signed-in pages stay in Russian', async () => {
      const user = await createUser(ctx().db, 'recruiter');
      const agent = request.agent(ctx().app);
      const token = await csrfToken(agent, '/login');
      expect((await agent.post('/language').type('form').send({ _csrf: token, language: 'ru', return_to: '/login' })).headers.location).toBe('/login');
      const page = await agent.get('/login');
      expect(page.text).toContain('Войти');
      const loginToken = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
      expect((await agent.post('/login').type('form').send({ _csrf: loginToken, email: user.email, password: user.password })).status).toBe(303);
      expect((await agent.get('/')).text).toContain('Выйти');
    });

    it.each(['//evil.example', 'https://evil.example'])('when return_to is %s, then the switch redirects to / instead', async (returnTo) => {
      const agent = request.agent(ctx().app);
      const token = await csrfToken(agent, '/login');
      const res = await agent.post('/language').type('form').send({ _csrf: token, language: 'ru', return_to: returnTo });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/');
    });

    it('when the language is not one Salesbench speaks, then nothing changes', async () => {
      const user = await createUser(ctx().db, 'recruiter');
      const agent = await signIn(ctx().app, user.email, user.password);
      const token = await csrfToken(agent, '/');
      const res = await agent.post('/language').type('form').send({ _csrf: token, language: 'de', return_to: '/' });
      expect(res.status).toBe(303);
      expect((await agent.get('/')).text).toContain('Sign out');
      const row = await ctx().db.selectFrom('users').select('language').where('id', '=', user.id).executeTakeFirstOrThrow();
      expect(row.language).toBeNull();
    });
  });
});

describeEachDialect('sign-in throttling', (ctx: () => TestContext) => {
  beforeEach(async () => {
    // Failures count per IP too, and every request here comes from the same address.
    await ctx().db.deleteFrom('login_attempts').execute();
  });

  it('when an account had 10 failed attempts, then the 11th is refused with 429 even with the right password, and works again 16 minutes later', async () => {
    const user = await createUser(ctx().db, 'recruiter');
    const agent = request.agent(ctx().app);
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const res = await postLogin(agent, { email: user.email, password: `wrong password number ${attempt}` });
      expect(res.status).toBe(401);
    }

    const blocked = await postLogin(agent, { email: user.email, password: user.password });
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(blocked.text).toContain('Too many failed sign-in attempts');
    expect(blocked.text).toContain(`value="${user.email}"`);
    expect((await agent.get('/')).status).toBe(303);

    ctx().clock.advance(16 * MINUTE);
    const again = await postLogin(agent, { email: user.email, password: user.password });
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe('/');
    expect((await agent.get('/')).status).toBe(200);
  });

  it('when an account had 9 failed attempts, then the right password still works', async () => {
    const user = await createUser(ctx().db, 'recruiter');
    const agent = request.agent(ctx().app);
    for (let attempt = 1; attempt <= 9; attempt += 1) {
      expect((await postLogin(agent, { email: user.email, password: 'definitely the wrong one' })).status).toBe(401);
    }
    expect((await postLogin(agent, { email: user.email, password: user.password })).status).toBe(303);
  });
});

// Each clock-moving suite gets its own context (own database and clock), so a test that moves the
// clock far ahead cannot change what the other suites see.
describeEachDialect('idle session timeout', (ctx: () => TestContext) => {
  it('when the user is idle for just under 8 hours, then they are still signed in; idle for 8h01 after that, then they are sent to /login', async () => {
    const user = await createUser(ctx().db, 'recruiter');
    const agent = await signIn(ctx().app, user.email, user.password);
    ctx().clock.advance(7 * HOUR + 59 * MINUTE);
    expect((await agent.get('/')).status).toBe(200);

    ctx().clock.advance(8 * HOUR + MINUTE);
    const res = await agent.get('/');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login');
  });
});

describeEachDialect('absolute session timeout', (ctx: () => TestContext) => {
  it('when the user stays active with a request every 7 hours, then they stay signed in until 7 days have passed, then are sent to /login', async () => {
    const user = await createUser(ctx().db, 'recruiter');
    const agent = await signIn(ctx().app, user.email, user.password);
    const step = 7 * HOUR;
    let elapsed = 0;
    while (elapsed + step <= 7 * 24 * HOUR) {
      ctx().clock.advance(step);
      elapsed += step;
      const res = await agent.get('/');
      // Exactly at the 7-day mark is the boundary; every earlier step must still be signed in.
      if (elapsed < 7 * 24 * HOUR) expect({ afterHours: elapsed / HOUR, status: res.status }).toEqual({ afterHours: elapsed / HOUR, status: 200 });
    }
    ctx().clock.advance(step);
    const res = await agent.get('/');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login');
  });
});

describeEachDialect(
  'session cookie behind HTTPS (COOKIE_SECURE)',
  (ctx: () => TestContext) => {
    it('when the request came over HTTPS through the proxy, then the session cookie is Secure, HttpOnly and SameSite=Lax, also after sign-in', async () => {
      const user = await createUser(ctx().db, 'recruiter');
      const page = await request(ctx().app).get('/login').set('X-Forwarded-Proto', 'https');
      const cookie = sessionSetCookie(page);
      expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax/i);

      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
      const res = await request(ctx().app)
        .post('/login')
        .set('X-Forwarded-Proto', 'https')
        .set('Cookie', cookiePair(cookie))
        .type('form')
        .send({ _csrf: token, email: user.email, password: user.password });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/');
      const after = sessionSetCookie(res);
      expect(after).toMatch(/;\s*Secure/i);

      const home = await request(ctx().app).get('/').set('X-Forwarded-Proto', 'https').set('Cookie', cookiePair(after));
      expect(home.status).toBe(200);
    });

    it('when the request came over plain HTTP, then no session cookie is sent at all', async () => {
      const page = await request(ctx().app).get('/login');
      expect(page.status).toBe(200);
      expect(sessionSetCookie(page)).toBeUndefined();
    });
  },
  { COOKIE_SECURE: 'true', TRUST_PROXY: 'true' },
);
