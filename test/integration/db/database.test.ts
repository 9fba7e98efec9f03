import { sql } from 'kysely';
import { migrateToLatest } from '../../../src/db/migrate';
import { runMaintenance } from '../../../src/maintenance';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';

describeEachDialect('database', (ctx: () => TestContext) => {
  it('when the suite runs on a dialect, then it really talks to that database', async () => {
    if (ctx().dialect === 'postgres') {
      const { rows } = await sql<{ version: string }>`select version() as version`.execute(ctx().db);
      expect(rows[0]?.version).toMatch(/^PostgreSQL/);
    } else {
      const { rows } = await sql<{ v: string }>`select sqlite_version() as v`.execute(ctx().db);
      expect(rows[0]?.v).toMatch(/^3\./);
    }
  });

  it('when migrations run again, then nothing changes and nothing fails', async () => {
    await expect(migrateToLatest(ctx().db)).resolves.toEqual([]);
  });

  it('when counting on either dialect, then numbers come back as numbers', async () => {
    const row = await ctx().db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(typeof row.n).toBe('number');
  });

  it('when maintenance runs, then expired sessions and old sign-in failures are deleted and live ones kept', async () => {
    const now = ctx().clock.now();
    const past = new Date(now.getTime() - 60_000).toISOString();
    const future = new Date(now.getTime() + 60_000).toISOString();
    await ctx().db.insertInto('sessions').values([
      { sid: 'expired', user_id: null, data: '{}', expires_at: past },
      { sid: 'live', user_id: null, data: '{}', expires_at: future },
    ]).execute();
    await ctx().db.insertInto('login_attempts').values([
      { key: 'ip:old', attempted_at: new Date(now.getTime() - 16 * 60_000).toISOString() },
      { key: 'ip:new', attempted_at: past },
    ]).execute();
    const { sessionsDeleted } = await runMaintenance(ctx().db, ctx().clock);
    expect(sessionsDeleted).toBe(1);
    const sids = (await ctx().db.selectFrom('sessions').select('sid').execute()).map((r) => r.sid);
    expect(sids).toEqual(['live']);
    const keys = (await ctx().db.selectFrom('login_attempts').select('key').execute()).map((r) => r.key);
    expect(keys).toEqual(['ip:new']);
  });
});
