import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { LOGIN_THROTTLE } from '../../../src/auth/login-throttle';
import { DISCOVERY_FAILURE_TTL_MS } from '../../../src/auth/oidc.service';
import { createPasswordReset } from '../../../src/auth/password-reset.repository';
import { pathOf, signInAtProvider, startOidcProvider, startSso, type TestOidcProvider, TEST_CLIENT } from '../../helpers/oidc-provider';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { type Agent, createUser, csrfToken, signIn, signInAs } from '../../helpers/web';
import { freePort } from '../../helpers/free-port';

const MINUTE = 60_000;
/** The app's PUBLIC_URL in tests is http://localhost:3000: the provider sends browsers back there. */
const CALLBACK = 'http://localhost:3000/auth/oidc/callback';

let provider: TestOidcProvider;
beforeAll(async () => {
  provider = await startOidcProvider({ redirectUris: [CALLBACK], idTokenTtlSeconds: 120 });
});
afterAll(async () => {
  await provider?.stop();
});

/** Signs in at the provider as `login` and brings the browser back to the app; returns the app's answer to the callback. */
async function ssoAs(agent: Agent, login: string, tamper: (authorizationUrl: string) => string = (u) => u): Promise<request.Response> {
  const authorizationUrl = tamper(await startSso(agent));
  const callback = await signInAtProvider(authorizationUrl, login);
  return agent.get(pathOf(callback));
}

/** The message /login shows after a refused single sign-on. */
async function loginMessage(agent: Agent): Promise<string> {
  const page = await agent.get('/login');
  return page.text;
}

/** Why single sign-ons failed, as the app logged them. */
function failureReasons(ctx: TestContext): string[] {
  return ctx.logs.filter((line) => line.msg === 'single sign-on failed').map((line) => String(line.reason));
}

async function saveSsoPolicy(ctx: TestContext, fields: Record<string, string>): Promise<void> {
  const { agent } = await signInAs(ctx.app, ctx.db, 'admin');
  const token = await csrfToken(agent, '/settings/sso');
  const res = await agent.post('/settings/sso').type('form').send({ _csrf: token, sign_up_role: 'interviewer', ...fields });
  if (res.status !== 303) throw new Error(`saving single sign-on settings answered ${res.status}: ${res.text}`);
}

async function countUsers(ctx: TestContext, email: string): Promise<number> {
  return (await ctx.db.selectFrom('users').select('id').where('email', '=', email).execute()).length;
}

describeEachDialect(
  'single sign-on through a real OpenID Connect provider',
  (ctx: () => TestContext) => {
    beforeEach(async () => {
      await ctx().db.deleteFrom('login_attempts').execute();
      await ctx().db.deleteFrom('settings').where('key', 'like', 'sso_%').execute();
    });

    describe('signing in', () => {
      it('when an active user signs in at the provider with their verified e-mail, then they land on / signed in, with a new session id and a new CSRF token', async () => {
        const user = await createUser(ctx().db, 'recruiter', { name: 'Rita Sso' });
        const agent = request.agent(ctx().app);
        const page = await agent.get('/login');
        expect(page.text).toContain('Sign in with Test IdP');
        const before = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
        const cookieBefore = String(page.headers['set-cookie']);

        const res = await ssoAs(agent, user.email);
        expect(res.status).toBe(303);
        expect(res.headers.location).toBe('/');
        expect(String(res.headers['set-cookie'])).toMatch(/salesbench\.sid=/);
        expect(String(res.headers['set-cookie']).split(';')[0]).not.toBe(cookieBefore.split(';')[0]);
        const home = await agent.get('/');
        expect(home.status).toBe(200);
        expect(home.text).toContain('Rita Sso');
        expect(await csrfToken(agent, '/account')).not.toBe(before);
      });

      it('when the e-mail at the provider differs only in case, then it still matches the account', async () => {
        const user = await createUser(ctx().db, 'interviewer', { email: `case.${Date.now()}@example.test` });
        const res = await ssoAs(request.agent(ctx().app), user.email.toUpperCase());
        expect(res.headers.location).toBe('/');
      });

      it('when sign-in started from a page that asked for it, then the user lands back there', async () => {
        const user = await createUser(ctx().db, 'admin');
        const agent = request.agent(ctx().app);
        const page = await agent.get('/login?next=%2Fusers');
        expect(page.text).toContain('href="/auth/oidc/start?next=%2Fusers"');
        const start = await agent.get('/auth/oidc/start?next=%2Fusers');
        const res = await agent.get(pathOf(await signInAtProvider(String(start.headers.location), user.email)));
        expect(res.headers.location).toBe('/users');
      });

      it('when an invited person signs in with the invited address, then the invite is accepted and they are in', async () => {
        const { agent: admin } = await signInAs(ctx().app, ctx().db, 'admin');
        const email = `invited.${Date.now()}@example.test`;
        const token = await csrfToken(admin, '/users');
        expect((await admin.post('/users').type('form').send({ _csrf: token, name: 'Ivy Invited', email, role: 'recruiter' })).status).toBe(303);
        const res = await ssoAs(request.agent(ctx().app), email);
        expect(res.headers.location).toBe('/');
        const row = await ctx().db.selectFrom('users').select('status').where('email', '=', email).executeTakeFirstOrThrow();
        expect(row.status).toBe('active');
      });
    });

    describe('who is refused', () => {
      it('when nobody has the e-mail and sign-up is closed, then /login says so and no account is made', async () => {
        const agent = request.agent(ctx().app);
        const email = `stranger.${Date.now()}@example.test`;
        const res = await ssoAs(agent, email);
        expect(res.status).toBe(303);
        expect(res.headers.location).toBe('/login');
        expect(await loginMessage(agent)).toContain(`No Salesbench account uses ${email}`);
        expect((await agent.get('/')).headers.location).toBe('/login');
        expect(await countUsers(ctx(), email)).toBe(0);
      });

      it('when the provider has not verified the e-mail, then even an existing account is refused', async () => {
        const user = await createUser(ctx().db, 'recruiter');
        const agent = request.agent(ctx().app);
        const res = await ssoAs(agent, `unverified+${user.email}`);
        expect(res.headers.location).toBe('/login');
        expect(await loginMessage(agent)).toContain('has not verified the e-mail address');
        expect((await agent.get('/')).headers.location).toBe('/login');
      });

      it('when the provider gives no e-mail, then sign-in is refused', async () => {
        const agent = request.agent(ctx().app);
        await ssoAs(agent, `noemail+someone${Date.now()}`);
        expect(await loginMessage(agent)).toContain('did not tell us your e-mail address');
      });

      it('when the account is deactivated, then sign-in is refused', async () => {
        const { agent: admin } = await signInAs(ctx().app, ctx().db, 'admin');
        const user = await createUser(ctx().db, 'interviewer');
        const token = await csrfToken(admin, '/users');
        expect((await admin.post(`/users/${user.id}/deactivate`).type('form').send({ _csrf: token })).status).toBe(303);
        const agent = request.agent(ctx().app);
        const res = await ssoAs(agent, user.email);
        expect(res.headers.location).toBe('/login');
        expect(await loginMessage(agent)).toContain('is deactivated');
        expect((await agent.get('/')).headers.location).toBe('/login');
      });
    });

    describe('sign-up by e-mail domain', () => {
      it('when the domain is open, then a new person gets an account with the default role (interviewer) and is signed in', async () => {
        await saveSsoPolicy(ctx(), { sign_up_domains: 'Open-Signup.test, other.test' });
        const email = `newcomer.${Date.now()}@open-signup.test`;
        const agent = request.agent(ctx().app);
        const res = await ssoAs(agent, email);
        expect(res.headers.location).toBe('/');
        const row = await ctx().db.selectFrom('users').select(['role', 'status', 'password_hash']).where('email', '=', email).executeTakeFirstOrThrow();
        expect(row).toEqual({ role: 'interviewer', status: 'active', password_hash: null });
        expect((await agent.get('/')).status).toBe(200);
        const audit = await ctx().db.selectFrom('audit_log').select('action').where('action', '=', 'user.sso_join').execute();
        expect(audit.length).toBeGreaterThan(0);
      });

      it('when the admin chose another role for sign-ups, then the newcomer gets that role', async () => {
        await saveSsoPolicy(ctx(), { sign_up_domains: 'open-signup.test', sign_up_role: 'recruiter' });
        const email = `recruit.${Date.now()}@open-signup.test`;
        await ssoAs(request.agent(ctx().app), email);
        expect((await ctx().db.selectFrom('users').select('role').where('email', '=', email).executeTakeFirstOrThrow()).role).toBe('recruiter');
      });

      it('when the e-mail is at another domain (or a sub-domain), then no account is made', async () => {
        await saveSsoPolicy(ctx(), { sign_up_domains: 'open-signup.test' });
        for (const email of [`x.${Date.now()}@closed.test`, `y.${Date.now()}@sub.open-signup.test`]) {
          const agent = request.agent(ctx().app);
          expect((await ssoAs(agent, email)).headers.location).toBe('/login');
          expect(await countUsers(ctx(), email)).toBe(0);
        }
      });

      it('when the e-mail at an open domain is not verified, then no account is made', async () => {
        await saveSsoPolicy(ctx(), { sign_up_domains: 'open-signup.test' });
        const email = `unsure.${Date.now()}@open-signup.test`;
        await ssoAs(request.agent(ctx().app), `unverified+${email}`);
        expect(await countUsers(ctx(), email)).toBe(0);
      });
    });

    describe('require single sign-on', () => {
      it('when it is on, then an interviewer cannot sign in with the right password, and an admin still can', async () => {
        const interviewer = await createUser(ctx().db, 'interviewer');
        const admin = await createUser(ctx().db, 'admin');
        await saveSsoPolicy(ctx(), { require_sso: 'on' });

        const agent = request.agent(ctx().app);
        const token = await csrfToken(agent, '/login');
        const refused = await agent.post('/login').type('form').send({ _csrf: token, email: interviewer.email, password: interviewer.password });
        expect(refused.status).toBe(401);
        expect(refused.text).toContain('password sign-in is off for your account');
        expect((await agent.get('/')).headers.location).toBe('/login');
        expect((await agent.get('/login')).text).toContain('Password sign-in is for admins only');

        await signIn(ctx().app, admin.email, admin.password);
        expect((await ssoAs(request.agent(ctx().app), interviewer.email)).headers.location).toBe('/');
      });

      it('when it is on and an invited interviewer chooses a password on the invite page, then they are sent to sign in with the provider, not signed in', async () => {
        await saveSsoPolicy(ctx(), { require_sso: 'on' });
        const { agent: admin } = await signInAs(ctx().app, ctx().db, 'admin');
        const email = `invitee.${Date.now()}@example.test`;
        expect((await admin.post('/users').type('form').send({ _csrf: await csrfToken(admin, '/users'), name: 'Ian Invitee', email, role: 'interviewer' })).status).toBe(303);
        const token = /\/invite\/([A-Za-z0-9_-]+)"/.exec((await admin.get('/users')).text)?.[1];
        const agent = request.agent(ctx().app);
        const csrf = await csrfToken(agent, `/invite/${token}`);
        const res = await agent.post(`/invite/${token}`).type('form').send({ _csrf: csrf, password: 'correct pony staple orbit', password_confirm: 'correct pony staple orbit' });
        expect(res.headers.location).toBe('/login');
        expect((await agent.get('/')).headers.location).toBe('/login');
        expect(await loginMessage(agent)).toContain('Your password is saved, but your company signs in with Test IdP');
        expect((await ssoAs(agent, email)).headers.location).toBe('/');
      });

      it('when it is on and an interviewer chooses a new password through a reset link, then they are not signed in by it; an admin is', async () => {
        await saveSsoPolicy(ctx(), { require_sso: 'on' });
        for (const [role, landsOn] of [['interviewer', '/login'], ['admin', '/']] as const) {
          const user = await createUser(ctx().db, role);
          const { token } = await createPasswordReset(ctx().db, user.id, ctx().clock.now(), 60 * MINUTE);
          const agent = request.agent(ctx().app);
          const csrf = await csrfToken(agent, `/reset-password/${token}`);
          const res = await agent.post(`/reset-password/${token}`).type('form').send({ _csrf: csrf, password: 'a brand new orbit staple', password_confirm: 'a brand new orbit staple' });
          expect(res.headers.location).toBe(landsOn);
          expect((await agent.get('/')).status).toBe(role === 'admin' ? 200 : 303);
        }
      });

      it('when it is off, then the same interviewer signs in with their password', async () => {
        const interviewer = await createUser(ctx().db, 'interviewer');
        await saveSsoPolicy(ctx(), {});
        await expect(signIn(ctx().app, interviewer.email, interviewer.password)).resolves.toBeDefined();
      });
    });

    describe('checks of the provider answer', () => {
      it('when the state that comes back is not the one sent, then sign-in fails and nobody is signed in', async () => {
        const user = await createUser(ctx().db, 'recruiter');
        const agent = request.agent(ctx().app);
        const callback = new URL(await signInAtProvider(await startSso(agent), user.email));
        callback.searchParams.set('state', 'forged-state-value');
        const res = await agent.get(pathOf(callback.href));
        expect(res.headers.location).toBe('/login');
        expect(await loginMessage(agent)).toContain('did not complete');
        expect(failureReasons(ctx()).at(-1)).toMatch(/state/i);
        expect((await agent.get('/')).headers.location).toBe('/login');
      });

      it('when a callback arrives in a browser that never started a sign-in, then it fails', async () => {
        const user = await createUser(ctx().db, 'recruiter');
        const callback = await signInAtProvider(await startSso(request.agent(ctx().app)), user.email);
        const other = request.agent(ctx().app);
        expect((await other.get(pathOf(callback))).headers.location).toBe('/login');
        expect(await loginMessage(other)).toContain('did not complete');
      });

      it('when the ID token carries another nonce than the one sent, then sign-in fails', async () => {
        const user = await createUser(ctx().db, 'recruiter');
        const agent = request.agent(ctx().app);
        const res = await ssoAs(agent, user.email, (url) => {
          const changed = new URL(url);
          changed.searchParams.set('nonce', 'a-nonce-the-app-never-made');
          return changed.href;
        });
        expect(res.headers.location).toBe('/login');
        expect(await loginMessage(agent)).toContain('did not complete');
        expect(failureReasons(ctx()).at(-1)).toMatch(/nonce/);
        expect((await agent.get('/')).headers.location).toBe('/login');
      });

      it('when the ID token has expired by the app clock, then sign-in fails; a minute later than issued it still works', async () => {
        const user = await createUser(ctx().db, 'recruiter');
        const late = request.agent(ctx().app);
        const callback = await signInAtProvider(await startSso(late), user.email);
        ctx().clock.advance(10 * MINUTE);
        try {
          expect((await late.get(pathOf(callback))).headers.location).toBe('/login');
          expect(await loginMessage(late)).toContain('did not complete');
          expect(failureReasons(ctx()).at(-1)).toMatch(/"exp"/);
        } finally {
          ctx().clock.advance(-10 * MINUTE);
        }
        const onTime = request.agent(ctx().app);
        const fresh = await signInAtProvider(await startSso(onTime), user.email);
        ctx().clock.advance(MINUTE);
        try {
          expect((await onTime.get(pathOf(fresh))).headers.location).toBe('/');
        } finally {
          ctx().clock.advance(-MINUTE);
        }
      });

      it('when the ID token was changed after the provider signed it, then its signature is refused and nobody is signed in', async () => {
        const user = await createUser(ctx().db, 'recruiter');
        const agent = request.agent(ctx().app);
        const res = await ssoAs(agent, `forged+${user.email}`);
        expect(res.headers.location).toBe('/login');
        expect(await loginMessage(agent)).toContain('did not complete');
        expect(failureReasons(ctx()).at(-1)).toMatch(/signature/i);
        expect((await agent.get('/')).headers.location).toBe('/login');
      });

      it('when the provider\'s e-mail has a Kelvin sign for a K, then it is refused, not folded onto the account of kate@', async () => {
        const kate = await createUser(ctx().db, 'admin', { email: `kate.${Date.now()}@example.test` });
        const agent = request.agent(ctx().app);
        const res = await ssoAs(agent, `json:${JSON.stringify({ email: `\u212A${kate.email.slice(1)}`, email_verified: true })}`);
        expect(res.headers.location).toBe('/login');
        expect(await loginMessage(agent)).toContain('is not plain ASCII');
        expect((await agent.get('/')).headers.location).toBe('/login');
      });

      it('when the provider\'s e-mail holds a NUL, then it is refused with a message, not a server error', async () => {
        const agent = request.agent(ctx().app);
        const res = await ssoAs(agent, `json:${JSON.stringify({ email: `nul\u0000.${Date.now()}@example.test`, email_verified: true })}`);
        expect(res.status).toBe(303);
        expect(res.headers.location).toBe('/login');
        expect(await loginMessage(agent)).toContain('is not plain ASCII');
      });

      it('when the provider\'s name holds NUL and other control characters, then a newcomer gets the name without them', async () => {
        await saveSsoPolicy(ctx(), { sign_up_domains: 'open-signup.test' });
        const email = `ctl.${Date.now()}@open-signup.test`;
        const res = await ssoAs(request.agent(ctx().app), `json:${JSON.stringify({ email, email_verified: true, name: 'Nu\u0000ll\u0007 Name\u001b' })}`);
        expect(res.headers.location).toBe('/');
        expect((await ctx().db.selectFrom('users').select('name').where('email', '=', email).executeTakeFirstOrThrow()).name).toBe('Null Name');
      });

      it('when the same callback is replayed, then the second one fails', async () => {
        const user = await createUser(ctx().db, 'recruiter');
        const agent = request.agent(ctx().app);
        const callback = await signInAtProvider(await startSso(agent), user.email);
        expect((await agent.get(pathOf(callback))).headers.location).toBe('/');
        const replay = request.agent(ctx().app);
        await replay.get('/login');
        expect((await replay.get(pathOf(callback))).headers.location).toBe('/login');
      });
    });

    describe('throttling', () => {
      async function attemptKeys(): Promise<string[]> {
        return (await ctx().db.selectFrom('login_attempts').select('key').execute()).map((r) => r.key).sort();
      }

      it('when a callback is refused, then it counts as a failed sign-in of the address only, not of the e-mail', async () => {
        const email = `counted.${Date.now()}@example.test`;
        await ssoAs(request.agent(ctx().app), email);
        expect(await attemptKeys()).toEqual(['ip:127.0.0.1']);
      });

      it('when wrong passwords for an account reached the limit, then the password is turned away but the provider-verified sign-in of that account goes through', async () => {
        const user = await createUser(ctx().db, 'admin');
        const at = ctx().clock.now().toISOString();
        const rows = Array.from({ length: LOGIN_THROTTLE.maxFailures }, () => ({ key: `account:${user.email}`, attempted_at: at }));
        await ctx().db.insertInto('login_attempts').values(rows).execute();
        await expect(signIn(ctx().app, user.email, user.password)).rejects.toThrow();
        const agent = request.agent(ctx().app);
        expect((await ssoAs(agent, user.email)).headers.location).toBe('/');
        expect((await agent.get('/')).status).toBe(200);
      });

      it('when the person cancels at the provider, then the sign-in fails without counting; a forged state does count', async () => {
        const agent = request.agent(ctx().app);
        const state = new URL(await startSso(agent)).searchParams.get('state');
        const res = await agent.get(`/auth/oidc/callback?error=access_denied&error_description=End-User+aborted&state=${state}`);
        expect(res.headers.location).toBe('/login');
        expect(await loginMessage(agent)).toContain('did not complete');
        expect(await attemptKeys()).toEqual([]);

        const user = await createUser(ctx().db, 'recruiter');
        const forged = new URL(await signInAtProvider(await startSso(agent), user.email));
        forged.searchParams.set('state', 'forged-state-value');
        await agent.get(pathOf(forged.href));
        expect(await attemptKeys()).toEqual(['ip:127.0.0.1']);
      });

      it('when a callback comes back to a browser with no sign-in under way (back button, twice), then it does not count', async () => {
        const user = await createUser(ctx().db, 'recruiter');
        const agent = request.agent(ctx().app);
        const callback = await signInAtProvider(await startSso(agent), user.email);
        expect((await agent.get(pathOf(callback))).headers.location).toBe('/');
        const back = request.agent(ctx().app);
        for (let i = 0; i < 2; i += 1) expect((await back.get(pathOf(callback))).headers.location).toBe('/login');
        expect(await attemptKeys()).toEqual([]);
      });

      it('when the sign-in took longer than allowed, then it fails without counting', async () => {
        const user = await createUser(ctx().db, 'recruiter');
        const agent = request.agent(ctx().app);
        const callback = await signInAtProvider(await startSso(agent), user.email);
        ctx().clock.advance(16 * MINUTE);
        try {
          expect((await agent.get(pathOf(callback))).headers.location).toBe('/login');
        } finally {
          ctx().clock.advance(-16 * MINUTE);
        }
        expect(failureReasons(ctx()).at(-1)).toMatch(/too long/);
        expect(await attemptKeys()).toEqual([]);
      });

      it('when "require SSO" is on, then a wrong password for a non-admin counts against the address only; for an admin, against the account too', async () => {
        await saveSsoPolicy(ctx(), { require_sso: 'on' });
        await ctx().db.deleteFrom('login_attempts').execute();
        const interviewer = await createUser(ctx().db, 'interviewer');
        const admin = await createUser(ctx().db, 'admin');
        for (const email of [interviewer.email, admin.email]) {
          const agent = request.agent(ctx().app);
          const token = await csrfToken(agent, '/login');
          expect((await agent.post('/login').type('form').send({ _csrf: token, email, password: 'not the password' })).status).toBe(401);
        }
        expect(await attemptKeys()).toEqual([`account:${admin.email}`, 'ip:127.0.0.1', 'ip:127.0.0.1']);
      });

      it('when "require SSO" is off, then a wrong password for a non-admin counts against the account', async () => {
        const interviewer = await createUser(ctx().db, 'interviewer');
        const agent = request.agent(ctx().app);
        const token = await csrfToken(agent, '/login');
        await agent.post('/login').type('form').send({ _csrf: token, email: interviewer.email, password: 'not the password' });
        expect(await attemptKeys()).toEqual([`account:${interviewer.email}`, 'ip:127.0.0.1']);
      });

      it('when the address has failed as often as the limit allows, then even a good sign-in is turned away; one less and it passes', async () => {
        const user = await createUser(ctx().db, 'recruiter');
        const agent = request.agent(ctx().app);
        const callback = await signInAtProvider(await startSso(agent), user.email);
        const at = ctx().clock.now().toISOString();
        // Supertest's requests come from 127.0.0.1, the key the callback counts failures under.
        const rows = Array.from({ length: LOGIN_THROTTLE.maxFailures - 1 }, () => ({ key: 'ip:127.0.0.1', attempted_at: at }));
        await ctx().db.insertInto('login_attempts').values(rows).execute();
        expect((await agent.get(pathOf(callback))).headers.location).toBe('/');

        const blocked = request.agent(ctx().app);
        const second = await signInAtProvider(await startSso(blocked), user.email);
        await ctx().db.insertInto('login_attempts').values({ key: 'ip:127.0.0.1', attempted_at: at }).execute();
        expect((await blocked.get(pathOf(second))).headers.location).toBe('/login');
        expect(await loginMessage(blocked)).toContain('Too many failed sign-in attempts');
        expect((await blocked.get('/')).headers.location).toBe('/login');
      });
    });

    describe('settings page under the environment', () => {
      it('when the environment sets the provider, then /settings/sso shows its issuer and client read-only, never the secret', async () => {
        const { agent } = await signInAs(ctx().app, ctx().db, 'admin');
        const page = await agent.get('/settings/sso');
        expect(page.status).toBe(200);
        expect(page.text).toContain(provider.issuer);
        expect(page.text).toContain(TEST_CLIENT.id);
        expect(page.text).not.toContain(TEST_CLIENT.secret);
        expect(page.text).not.toContain('name="issuer"');
        expect(page.text).toContain('http://localhost:3000/auth/oidc/callback');
      });
    });
  },
  () => provider.env,
);

describeEachDialect('single sign-on set up on the settings page', (ctx: () => TestContext) => {
  beforeEach(async () => {
    await ctx().db.deleteFrom('login_attempts').execute();
  });

  async function saveProvider(fields: Record<string, string>): Promise<request.Response> {
    const { agent } = await signInAs(ctx().app, ctx().db, 'admin');
    const token = await csrfToken(agent, '/settings/sso');
    return agent.post('/settings/sso').type('form').send({ _csrf: token, sign_up_role: 'interviewer', ...fields });
  }

  it('when nothing is set up, then /login has no single sign-on button and starting it says so', async () => {
    await createUser(ctx().db, 'admin');
    const agent = request.agent(ctx().app);
    const page = await agent.get('/login');
    expect(page.text).not.toContain('/auth/oidc/start');
    expect((await agent.get('/auth/oidc/start')).headers.location).toBe('/login');
    expect(await loginMessage(agent)).toContain('Single sign-on is not set up');
  });

  it('when an admin enters the provider, then people sign in with it; the secret is never shown back', async () => {
    const res = await saveProvider({ issuer: provider.issuer, client_id: TEST_CLIENT.id, client_secret: TEST_CLIENT.secret, display_name: 'Acme ID' });
    expect(res.status).toBe(303);
    const { agent: admin } = await signInAs(ctx().app, ctx().db, 'admin');
    const page = await admin.get('/settings/sso');
    expect(page.text).not.toContain(TEST_CLIENT.secret);
    expect(page.text).toContain('A secret is stored');

    const user = await createUser(ctx().db, 'hiring_manager');
    const agent = request.agent(ctx().app);
    expect((await agent.get('/login')).text).toContain('Sign in with Acme ID');
    expect((await ssoAs(agent, user.email)).headers.location).toBe('/');
  });

  it('when the issuer is plain http off the loopback, then the form refuses it with a message next to the field', async () => {
    const res = await saveProvider({ issuer: 'http://idp.example.com', client_id: 'x', client_secret: 'y' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('The issuer must use https://');
    expect(res.text).toContain('value="http://idp.example.com"');
  });

  it('when a sign-up domain is not a domain name, then the form names it', async () => {
    const res = await saveProvider({ issuer: provider.issuer, client_id: TEST_CLIENT.id, client_secret: TEST_CLIENT.secret, sign_up_domains: 'good.test, not a domain!' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('These are not domain names: not, a, domain!');
  });

  it('when "require SSO" is asked without a provider, then the form refuses it', async () => {
    const res = await saveProvider({ issuer: '', client_id: '', client_secret: '', require_sso: 'on' });
    expect(res.status).toBe(422);
  });

  it('when the issuer or the client ID changes and the secret is left empty, then the form asks for the new client\'s secret, keeping the values', async () => {
    expect((await saveProvider({ issuer: provider.issuer, client_id: TEST_CLIENT.id, client_secret: TEST_CLIENT.secret })).status).toBe(303);
    const otherClient = await saveProvider({ issuer: provider.issuer, client_id: 'another-client' });
    expect(otherClient.status).toBe(422);
    expect(otherClient.text).toContain('The issuer or client ID changed: enter the client secret');
    expect(otherClient.text).toContain('value="another-client"');
    const closed = await freePort();
    const otherIssuer = await saveProvider({ issuer: `http://127.0.0.1:${closed}`, client_id: TEST_CLIENT.id });
    expect(otherIssuer.status).toBe(422);
    expect(otherIssuer.text).toContain('The issuer or client ID changed: enter the client secret');
    expect(otherIssuer.text).toContain(`value="http://127.0.0.1:${closed}"`);
    const stored = await ctx().db.selectFrom('settings').select(['key', 'value']).where('key', 'like', 'sso_%').execute();
    expect(stored.find((row) => row.key.includes('client_id'))?.value).toBe(TEST_CLIENT.id);
    // The same issuer and client keep the stored secret; a new client with its own secret is saved.
    expect((await saveProvider({ issuer: provider.issuer, client_id: TEST_CLIENT.id, display_name: 'Renamed' })).status).toBe(303);
    expect((await saveProvider({ issuer: provider.issuer, client_id: 'another-client', client_secret: 'another-secret' })).status).toBe(303);
  });

  it('when the issuer is an address inside a private network, then the form refuses it; the loopback is accepted', async () => {
    for (const issuer of ['https://10.0.0.5', 'https://169.254.169.254', 'https://[fd00::1]']) {
      const res = await saveProvider({ issuer, client_id: 'x', client_secret: 'y' });
      expect(res.status).toBe(422);
      expect(res.text).toContain('cannot be an address inside a private network');
    }
    expect((await saveProvider({ issuer: provider.issuer, client_id: TEST_CLIENT.id, client_secret: TEST_CLIENT.secret })).status).toBe(303);
  });

  describe('a provider that signs with a key it does not publish', () => {
    let rogue: TestOidcProvider;
    beforeAll(async () => {
      rogue = await startOidcProvider({ redirectUris: [CALLBACK], foreignKeys: true });
    });
    afterAll(async () => {
      await rogue?.stop();
    });

    it('when its ID token arrives, then the signature is refused and nobody is signed in', async () => {
      expect((await saveProvider({ issuer: rogue.issuer, client_id: TEST_CLIENT.id, client_secret: TEST_CLIENT.secret })).status).toBe(303);
      const user = await createUser(ctx().db, 'recruiter');
      const agent = request.agent(ctx().app);
      const res = await ssoAs(agent, user.email);
      expect(res.headers.location).toBe('/login');
      expect(await loginMessage(agent)).toContain('did not complete');
      expect(failureReasons(ctx()).at(-1)).toMatch(/signature/i);
      expect((await agent.get('/')).headers.location).toBe('/login');
    });
  });

  describe('a provider whose discovery document is broken', () => {
    let server: http.Server;
    let issuer = '';
    let discoveryHits = 0;
    let document: (issuer: string) => Record<string, unknown> = () => ({});
    beforeAll(async () => {
      server = http.createServer((req, res) => {
        if (req.url !== '/.well-known/openid-configuration') return res.writeHead(404).end();
        discoveryHits += 1;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document(issuer)));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });
    const complete = (at: string) => ({ issuer: at, authorization_endpoint: `${at}/auth`, token_endpoint: `${at}/token`, jwks_uri: `${at}/jwks`, response_types_supported: ['code'] });

    it('when it has no authorization endpoint, then /auth/oidc/start says the provider is unavailable (no 500), and asks the issuer again only after a minute', async () => {
      document = (at) => ({ ...complete(at), authorization_endpoint: undefined });
      expect((await saveProvider({ issuer, client_id: 'x', client_secret: 'y', display_name: 'Broken IdP' })).status).toBe(303);
      const agent = request.agent(ctx().app);
      const before = discoveryHits;
      for (let i = 0; i < 3; i += 1) {
        const res = await agent.get('/auth/oidc/start');
        expect(res.status).toBe(303);
        expect(res.headers.location).toBe('/login');
      }
      expect(await loginMessage(agent)).toContain('Broken IdP cannot be reached right now');
      expect(discoveryHits - before).toBe(1);
      ctx().clock.advance(DISCOVERY_FAILURE_TTL_MS - 1000);
      try {
        await agent.get('/auth/oidc/start');
        expect(discoveryHits - before).toBe(1);
        ctx().clock.advance(2000);
        expect((await agent.get('/auth/oidc/start')).headers.location).toBe('/login');
        expect(discoveryHits - before).toBe(2);
      } finally {
        ctx().clock.advance(-(DISCOVERY_FAILURE_TTL_MS + 1000));
      }
    });

    it('when token_endpoint_auth_methods_supported is not a list, then the sign-in still starts', async () => {
      const fresh = `${issuer}/`;
      // Another issuer string than the test above, so its remembered failure does not answer.
      document = (at) => ({ ...complete(at.replace(/\/$/, '')), issuer: at, token_endpoint_auth_methods_supported: { basic: true } });
      expect((await saveProvider({ issuer: fresh, client_id: 'x', client_secret: 'y' })).status).toBe(303);
      const res = await request.agent(ctx().app).get('/auth/oidc/start');
      expect(res.status).toBe(303);
      expect(String(res.headers.location).startsWith(`${issuer}/auth?`)).toBe(true);
    });
  });

  it('when the provider cannot be reached, then /login says so and the password still works', async () => {
    const closed = await freePort();
    expect((await saveProvider({ issuer: `http://127.0.0.1:${closed}`, client_id: 'x', client_secret: 'y', display_name: 'Down IdP' })).status).toBe(303);
    const user = await createUser(ctx().db, 'recruiter');
    const agent = request.agent(ctx().app);
    const res = await agent.get('/auth/oidc/start');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login');
    expect(await loginMessage(agent)).toContain('Down IdP cannot be reached right now');
    await expect(signIn(ctx().app, user.email, user.password)).resolves.toBeDefined();
  });
});
