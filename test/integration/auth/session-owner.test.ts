import { type KyselyPlugin, type OperationNode } from 'kysely';
import pino from 'pino';
import { createApp } from '../../../src/app';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { createUser, signIn } from '../../helpers/web';

/** The table a query reads first (a select's first FROM), or its kind for other statements. */
function firstTable(node: OperationNode): string {
  const n = node as unknown as { kind: string; from?: { froms: { kind: string; table?: { identifier: { name: string } } }[] } };
  if (n.kind !== 'SelectQueryNode') return n.kind;
  return n.from?.froms[0]?.table?.identifier.name ?? 'SelectQueryNode';
}

describeEachDialect('a signed-in request reads its session and its person together', (ctx: () => TestContext) => {
  let reads: string[] = [];
  const counting: KyselyPlugin = {
    transformQuery: (args) => {
      reads.push(firstTable(args.node));
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const countedApp = () => {
    const { config, clock, storage } = ctx();
    return createApp({ config, db: ctx().db.withPlugin(counting), logger: pino({ level: 'silent' }), clock, sessionSecret: 'test-secret-that-is-long-enough-for-sessions', storage });
  };

  it('when a signed-in person opens a page, then one query reads the session and the person, and none reads the person again', async () => {
    const app = countedApp();
    const user = await createUser(ctx().db, 'recruiter');
    const agent = await signIn(app, user.email);
    reads = [];
    const res = await agent.get('/team-plan');
    expect(res.status).toBe(200);
    expect(res.text).toContain(user.name);
    expect(reads.filter((t) => t === 'sessions')).toHaveLength(1);
    expect(reads.filter((t) => t === 'users')).toEqual([]);
  });

  it('when the person is deactivated behind the session’s back, then the next request is signed out; while active it is signed in', async () => {
    const app = countedApp();
    const user = await createUser(ctx().db, 'recruiter');
    const agent = await signIn(app, user.email);
    expect((await agent.get('/team-plan')).status).toBe(200);
    await ctx().db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', user.id).execute();
    const res = await agent.get('/team-plan');
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });

  it('when the person’s row is gone, then the session signs no one in', async () => {
    const app = countedApp();
    const user = await createUser(ctx().db, 'recruiter');
    const agent = await signIn(app, user.email);
    const sid = (await ctx().db.selectFrom('sessions').select('sid').where('user_id', '=', user.id).executeTakeFirstOrThrow()).sid;
    // The session no longer names its person (an account removed under it): the session's own record decides.
    await ctx().db.updateTable('sessions').set({ user_id: null }).where('sid', '=', sid).execute();
    const res = await agent.get('/team-plan');
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });

  it('when the person’s role changes, then the very next request has the new role', async () => {
    const app = countedApp();
    const user = await createUser(ctx().db, 'interviewer');
    const agent = await signIn(app, user.email);
    expect((await agent.get('/team-plan')).status).toBe(403);
    await ctx().db.updateTable('users').set({ role: 'recruiter' }).where('id', '=', user.id).execute();
    expect((await agent.get('/team-plan')).status).toBe(200);
  });
});
