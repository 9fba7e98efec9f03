import request from 'supertest';
import { findTokenByValue } from '../../../src/api/tokens.repository';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { ApiClient, apiAs, makeToken, openApiValidator, type OpenApiValidator } from '../../helpers/api';
import { createUser, csrfToken, signIn } from '../../helpers/web';

describeEachDialect('API tokens: who a request is', (ctx: () => TestContext) => {
  let validator: OpenApiValidator;
  beforeAll(async () => {
    validator = await openApiValidator(ctx().app);
  });

  it('when a request has no token, then it is refused with 401 and the JSON error body', async () => {
    const res = await new ApiClient(ctx().app, undefined, validator).get('/api/v1/candidates');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('when a request carries only a signed-in session cookie, then it is refused with 401 (cookies are no credential on /api)', async () => {
    const { app, db } = ctx();
    const user = await createUser(db, 'admin');
    const agent = await signIn(app, user.email);
    expect((await agent.get('/candidates')).status).toBe(200);
    const res = await agent.get('/api/v1/candidates');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('when a token is unknown, then 401; when it is valid, then the request acts as its user', async () => {
    const { app, db } = ctx();
    expect((await new ApiClient(app, 'sbt_not-a-token', validator).get('/api/v1/candidates')).status).toBe(401);
    const { api } = await apiAs(app, db, validator, 'recruiter', { now: ctx().clock.now() });
    expect((await api.get('/api/v1/candidates')).status).toBe(200);
  });

  it('when a token reaches its expiry instant, then it is refused; a millisecond before, it works', async () => {
    const { app, db, clock } = ctx();
    const user = await createUser(db, 'recruiter');
    const expiresAt = new Date(clock.now().getTime() + 1000);
    const api = new ApiClient(app, await makeToken(db, user.id, { now: clock.now(), expiresAt }), validator);
    clock.advance(999);
    expect((await api.get('/api/v1/candidates')).status).toBe(200);
    clock.advance(1);
    const res = await api.get('/api/v1/candidates');
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/expired/);
  });

  it('when the token’s user is deactivated, then the token stops working', async () => {
    const { app, db } = ctx();
    const { api, user } = await apiAs(app, db, validator, 'recruiter', { now: ctx().clock.now() });
    expect((await api.get('/api/v1/candidates')).status).toBe(200);
    await db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', user.id).execute();
    expect((await api.get('/api/v1/candidates')).status).toBe(401);
  });

  it('when an admin deactivates the token’s user and later reactivates them, then the token stays revoked; their other person’s token is untouched', async () => {
    const { app, db } = ctx();
    const admin = await createUser(db, 'admin');
    const adminAgent = await signIn(app, admin.email);
    const { api, user } = await apiAs(app, db, validator, 'recruiter', { now: ctx().clock.now() });
    const { api: other } = await apiAs(app, db, validator, 'recruiter', { now: ctx().clock.now() });
    expect((await api.get('/api/v1/candidates')).status).toBe(200);
    const token = await csrfToken(adminAgent, '/users');
    expect((await adminAgent.post(`/users/${user.id}/deactivate`).type('form').send({ _csrf: token })).status).toBe(303);
    expect((await api.get('/api/v1/candidates')).status).toBe(401);
    expect((await adminAgent.post(`/users/${user.id}/reactivate`).type('form').send({ _csrf: token })).status).toBe(303);
    expect((await db.selectFrom('users').select('status').where('id', '=', user.id).executeTakeFirstOrThrow()).status).toBe('active');
    expect((await api.get('/api/v1/candidates')).status).toBe(401);
    expect((await other.get('/api/v1/candidates')).status).toBe(200);
  });

  it('when ids are beyond what the database holds, or a cursor names no id, then 400 or 422 with the JSON error, never a failure', async () => {
    const { app, db } = ctx();
    const { api } = await apiAs(app, db, validator, 'recruiter', { now: ctx().clock.now() });
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const url of ['/api/v1/candidates?opening=3000000000', '/api/v1/candidates?stage=3000000000', `/api/v1/candidates?cursor=${cursor([1.5])}`, `/api/v1/candidates?cursor=${cursor([3000000000])}`, `/api/v1/candidates?cursor=${cursor([-1])}`]) {
      const res = await api.get(url);
      expect([url, res.status]).toEqual([url, 400]);
      expect(res.body.error.code).toBeTruthy();
    }
    const res = await api.post('/api/v1/applications', { candidate_id: 3000000000, opening_id: 1 });
    expect([400, 422]).toContain(res.status);
    expect(res.body.error.fields).toHaveProperty('candidate_id');
    // The largest id a page accepts is still an id: an unknown one is 404 or a field message, not a failure.
    expect([200, 404, 422]).toContain((await api.get('/api/v1/candidates?opening=999999999')).status);
  });

  it('when a read-only token writes, then 403 insufficient_scope; a write token may', async () => {
    const { app, db } = ctx();
    const body = { name: 'Scoped Person', source: 'outbound' };
    const { api: reader } = await apiAs(app, db, validator, 'recruiter', { scopes: ['read'], now: ctx().clock.now() });
    const refused = await reader.post('/api/v1/candidates', body);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('insufficient_scope');
    expect((await reader.get('/api/v1/candidates')).status).toBe(200);
    const { api: writer } = await apiAs(app, db, validator, 'recruiter', { scopes: ['read', 'write'], now: ctx().clock.now() });
    expect((await writer.post('/api/v1/candidates', body)).status).toBe(201);
  });

  it('when someone makes a token on the account page, then it is shown once, listed with its last use, works, and stops working once revoked', async () => {
    const { app, db, clock } = ctx();
    const user = await createUser(db, 'recruiter');
    const agent = await signIn(app, user.email);
    const made = await agent.post('/account/api-tokens').type('form').send({ _csrf: await csrfToken(agent, '/account'), token_name: 'CRM sync', token_scope: 'read', token_expiry: '30' });
    expect(made.status).toBe(303);
    const page = await agent.get('/account');
    const token = /value="(sbt_[A-Za-z0-9_-]+)"/.exec(page.text)?.[1];
    expect(token).toBeDefined();
    expect(page.text).toContain('CRM sync');
    // Shown once: the next page no longer has it, and the database has only its hash.
    expect((await agent.get('/account')).text).not.toContain(token!);
    const stored = await db.selectFrom('api_tokens').select(['token_hash', 'scopes', 'expires_at', 'last_used_at']).where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token!.slice(4));
    expect(stored.scopes).toBe('read');
    expect(Date.parse(stored.expires_at) - clock.now().getTime()).toBe(30 * 86_400_000);
    expect(stored.last_used_at).toBeNull();

    const api = new ApiClient(app, token!, validator);
    expect((await api.get('/api/v1/candidates')).status).toBe(200);
    expect((await findTokenByValue(db, token!))?.lastUsedAt).toBe(clock.now().toISOString());
    expect((await agent.get('/account')).text).not.toContain('Never');

    const id = (await findTokenByValue(db, token!))!.id;
    const revoked = await agent.post(`/account/api-tokens/${id}/revoke`).type('form').send({ _csrf: await csrfToken(agent, '/account') });
    expect(revoked.status).toBe(303);
    expect((await api.get('/api/v1/candidates')).status).toBe(401);
    expect((await agent.get('/account')).text).toContain('Revoked');
    const audit = await db.selectFrom('audit_log').select('action').where('actor_id', '=', user.id).where('action', 'like', 'api.%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['api.token_create', 'api.token_revoke']);
  });

  it('when the account form is sent without a name, then it re-renders with the message by the field and the values kept', async () => {
    const { app, db } = ctx();
    const user = await createUser(db, 'interviewer');
    const agent = await signIn(app, user.email);
    const res = await agent.post('/account/api-tokens').type('form').send({ _csrf: await csrfToken(agent, '/account'), token_name: ' ', token_scope: 'write', token_expiry: '365' });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="field-token_name-error"/);
    expect(res.text).toMatch(/<option value="write" selected>/);
    expect(res.text).toMatch(/<option value="365" selected>/);
    expect(await db.selectFrom('api_tokens').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
  });

  it('when someone tries to revoke another person’s token, then nothing changes (404); an admin may revoke it', async () => {
    const { app, db } = ctx();
    const owner = await createUser(db, 'recruiter');
    const token = await makeToken(db, owner.id, { now: ctx().clock.now() });
    const id = (await findTokenByValue(db, token))!.id;
    const other = await signIn(app, (await createUser(db, 'recruiter')).email);
    expect((await other.post(`/account/api-tokens/${id}/revoke`).type('form').send({ _csrf: await csrfToken(other, '/account') })).status).toBe(404);
    expect((await findTokenByValue(db, token))?.revokedAt).toBeNull();
    const admin = await signIn(app, (await createUser(db, 'admin')).email);
    expect((await admin.post(`/settings/api-tokens/${id}/revoke`).type('form').send({ _csrf: await csrfToken(admin, '/settings/api-tokens') })).status).toBe(303);
    expect((await findTokenByValue(db, token))?.revokedAt).not.toBeNull();
  });

  it('when an admin makes a service token for a chosen user, then it acts as that user (their role), and a recruiter may not make one', async () => {
    const { app, db } = ctx();
    const integration = await createUser(db, 'interviewer', { name: 'Calendar integration' });
    const admin = await signIn(app, (await createUser(db, 'admin')).email);
    const made = await admin.post('/settings/api-tokens').type('form').send({ _csrf: await csrfToken(admin, '/settings/api-tokens'), token_user: String(integration.id), token_name: 'Sync', token_scope: 'write', token_expiry: '90' });
    expect(made.status).toBe(303);
    const page = await admin.get('/settings/api-tokens');
    const token = /value="(sbt_[A-Za-z0-9_-]+)"/.exec(page.text)?.[1];
    expect(token).toBeDefined();
    expect(page.text).toContain('Calendar integration');
    const row = await db.selectFrom('api_tokens').select(['kind', 'user_id']).where('user_id', '=', integration.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ kind: 'service', user_id: integration.id });
    const api = new ApiClient(app, token!, validator);
    // An interviewer may read candidates (those they interview) but not add one.
    expect((await api.get('/api/v1/candidates')).status).toBe(200);
    expect((await api.post('/api/v1/candidates', { name: 'X', source: 'other' })).status).toBe(403);

    const recruiter = await signIn(app, (await createUser(db, 'recruiter')).email);
    const refused = await recruiter.post('/settings/api-tokens').type('form').send({ _csrf: await csrfToken(recruiter, '/account'), token_user: String(integration.id), token_name: 'Mine', token_scope: 'write', token_expiry: '90' });
    expect(refused.status).toBe(403);
  });

  it('when an admin picks a deactivated user for a service token, then the form says so by the field', async () => {
    const { app, db } = ctx();
    const gone = await createUser(db, 'recruiter');
    await db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', gone.id).execute();
    const admin = await signIn(app, (await createUser(db, 'admin')).email);
    const res = await admin.post('/settings/api-tokens').type('form').send({ _csrf: await csrfToken(admin, '/settings/api-tokens'), token_user: String(gone.id), token_name: 'Sync', token_scope: 'read', token_expiry: '7' });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="field-token_user-error"/);
  });

  it('when a token request sends a CSRF-less POST, then CSRF does not apply (the bearer token is the credential)', async () => {
    const { app, db } = ctx();
    const { api } = await apiAs(app, db, validator, 'recruiter', { now: ctx().clock.now() });
    const res = await api.post('/api/v1/candidates', { name: 'No Csrf', source: 'agency' });
    expect(res.status).toBe(201);
  });

  it('when an API answer goes out, then it sets no cookie (sessions never run on /api)', async () => {
    const { api } = await apiAs(ctx().app, ctx().db, validator, 'recruiter', { now: ctx().clock.now() });
    const res = await api.get('/api/v1/candidates');
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect((await new ApiClient(ctx().app, undefined, validator).get('/api/v1/candidates')).headers['set-cookie']).toBeUndefined();
  });

  it('when the body is not JSON or too large, then 400 or 413 in the JSON error body, and nothing is added', async () => {
    const { app, db } = ctx();
    const user = await createUser(db, 'recruiter');
    const token = await makeToken(db, user.id, { now: ctx().clock.now() });
    const broken = await request(app).post('/api/v1/candidates').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send('{"name": ');
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('bad_request');
    validator.check('POST', '/api/v1/candidates', broken.status, broken.body, broken.text);
    const large = await request(app).post('/api/v1/candidates').set('Authorization', `Bearer ${token}`).send({ name: 'Big', source: 'other', notes: 'x'.repeat(300_000) });
    expect(large.status).toBe(413);
    expect(large.body.error.code).toBe('payload_too_large');
    validator.check('POST', '/api/v1/candidates', large.status, large.body, large.text);
    expect(await db.selectFrom('candidates').select('id').where('created_by', '=', user.id).execute()).toEqual([]);
  });

  it('when the OpenAPI document is fetched, then it is OpenAPI 3.1 and needs no token', async () => {
    const res = await request(ctx().app).get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/candidates', '/api/v1/candidates/{id}', '/api/v1/applications/{id}/stage']));
    expect(res.body.components.schemas.CandidateCreate.required).toEqual(expect.arrayContaining(['name', 'source']));
  });

  it('when an unknown API path is called with a valid token, then 404 in the JSON error body', async () => {
    const { api } = await apiAs(ctx().app, ctx().db, validator, 'admin', { now: ctx().clock.now() });
    const res = await api.get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  afterAll(() => {
    expect(validator.checked).toBeGreaterThan(10);
  });
});
