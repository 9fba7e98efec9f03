import pino from 'pino';
import { createApp } from '../../../src/app';
import { secondsToNextWindow } from '../../../src/api/tokens';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { ApiClient, makeToken, openApiValidator, type OpenApiValidator } from '../../helpers/api';
import { createUser } from '../../helpers/web';

const LIMIT = 3;

describeEachDialect(
  'API: rate limit per token',
  (ctx: () => TestContext) => {
    let validator: OpenApiValidator;
    beforeAll(async () => {
      validator = await openApiValidator(ctx().app);
    });

    /** Moves the clock to the start of the next minute (a fresh window). */
    const nextMinute = () => ctx().clock.advance(secondsToNextWindow(ctx().clock.now()) * 1000 - (ctx().clock.now().getTime() % 1000));

    it('when a token makes more requests in a minute than allowed, then the next is 429 with Retry-After until the next minute; another token is not affected', async () => {
      const { app, db, clock } = ctx();
      nextMinute();
      const user = await createUser(db, 'recruiter');
      const api = new ApiClient(app, await makeToken(db, user.id, { now: clock.now() }), validator);
      const other = new ApiClient(app, await makeToken(db, user.id, { now: clock.now() }), validator);
      for (let i = 1; i <= LIMIT; i += 1) {
        const res = await api.get('/api/v1/candidates');
        expect(res.status).toBe(200);
        expect(res.headers['ratelimit-remaining']).toBe(String(LIMIT - i));
      }
      clock.advance(20_000);
      const refused = await api.get('/api/v1/candidates');
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('rate_limited');
      expect(refused.headers['retry-after']).toBe('40');
      expect((await other.get('/api/v1/candidates')).status).toBe(200);
      nextMinute();
      expect((await api.get('/api/v1/candidates')).status).toBe(200);
    });

    it('when two instances of the app serve one database, then a token’s requests on both count against one limit', async () => {
      const { app, db, clock, config, files } = ctx();
      nextMinute();
      const second = createApp({ config, db, logger: pino({ level: 'silent' }), clock, sessionSecret: 'another-secret-that-is-long-enough-for-sessions', storage: files });
      const token = await makeToken(db, (await createUser(db, 'recruiter')).id, { now: clock.now() });
      const onFirst = new ApiClient(app, token, validator);
      const onSecond = new ApiClient(second, token, validator);
      expect((await onFirst.get('/api/v1/candidates')).status).toBe(200);
      expect((await onSecond.get('/api/v1/candidates')).status).toBe(200);
      expect((await onFirst.get('/api/v1/candidates')).status).toBe(200);
      expect((await onSecond.get('/api/v1/candidates')).status).toBe(429);
    });

    it('when requests of one token arrive at once, then each counts once (the count is one atomic upsert)', async () => {
      const { app, db, clock } = ctx();
      nextMinute();
      const api = new ApiClient(app, await makeToken(db, (await createUser(db, 'recruiter')).id, { now: clock.now() }), validator);
      const statuses = (await Promise.all(Array.from({ length: LIMIT + 3 }, () => api.get('/api/v1/candidates')))).map((r) => r.status).sort();
      expect(statuses).toEqual([...Array(LIMIT).fill(200), ...Array(3).fill(429)]);
    });
  },
  { API_RATE_LIMIT_PER_MINUTE: String(LIMIT) },
);
