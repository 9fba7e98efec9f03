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
});
