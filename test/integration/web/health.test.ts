import request from 'supertest';
import { createTestContext, testDialects } from '../../helpers/test-context';

describe.each(testDialects())('GET /healthz [%s]', (dialect) => {
  it('when the database answers, then 200 with db ok', async () => {
    const ctx = await createTestContext(dialect);
    try {
      const res = await request(ctx.app).get('/healthz');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok', db: 'ok' });
    } finally {
      await ctx.close();
    }
  });

  it('when the database does not answer, then 503 with db down', async () => {
    const ctx = await createTestContext(dialect);
    await ctx.db.destroy();
    const res = await request(ctx.app).get('/healthz');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ db: 'down' });
    await ctx.close().catch(() => undefined);
  });
});
