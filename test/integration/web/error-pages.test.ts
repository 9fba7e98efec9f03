import { sql } from 'kysely';
import request from 'supertest';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { createUser, signInAs } from '../../helpers/web';

describeEachDialect('error pages', (ctx: () => TestContext) => {
  it('when a page does not exist, then a 404 page in the layout says so', async () => {
    await createUser(ctx().db, 'admin');
    const res = await request(ctx().app).get('/no/such/page');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Page not found');
    expect(res.text).toContain('<nav');
  });

  it('when the server fails, then a 500 page shows an error id that is also in the log, and no stack trace', async () => {
    const { agent } = await signInAs(ctx().app, ctx().db, 'admin');
    await sql`drop table invites`.execute(ctx().db);
    const res = await agent.get('/users');
    expect(res.status).toBe(500);
    const id = /class="error-id">([0-9a-f-]{36})</.exec(res.text)?.[1];
    expect(id).toBeDefined();
    expect(res.text).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
    const logged = ctx().logs.find((line) => line.errorId === id);
    expect(logged).toMatchObject({ level: 50 });
    expect(JSON.stringify(logged)).toContain('invites');
  });

  it('when a request finishes, then one log line names its id, method, status, time and user, with credentials in the URL redacted and no headers', async () => {
    const { agent, user } = await signInAs(ctx().app, ctx().db, 'admin');
    const res = await agent.get('/roles?_csrf=secret-token&page=1').set('Authorization', 'Bearer do-not-log');
    expect(res.status).toBe(200);
    const id = res.headers['x-request-id'] as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const lines = ctx().logs.filter((line) => (line.req as { id?: string } | undefined)?.id === id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, msg: 'request completed', userId: user.id, req: { method: 'GET', url: '/roles?_csrf=[redacted]&page=1' }, res: { statusCode: 200 } });
    expect(typeof lines[0]!.responseTime).toBe('number');
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain('secret-token');
    expect(text).not.toContain('do-not-log');
    expect(text).not.toContain('salesbench.sid');

    await request(ctx().app).get('/invite/abcdef123456');
    expect(ctx().logs.some((line) => (line.req as { url?: string } | undefined)?.url === '/invite/[redacted]')).toBe(true);
    expect(JSON.stringify(ctx().logs)).not.toContain('abcdef123456');
  });

  it('when a static file is served, then it is not logged', async () => {
    const before = ctx().logs.length;
    const res = await request(ctx().app).get('/static/css/app.css');
    expect(res.headers['x-request-id']).toBeDefined();
    expect(ctx().logs.slice(before).filter((line) => line.req !== undefined)).toHaveLength(0);
  });
});
