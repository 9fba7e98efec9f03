import request from 'supertest';
import { type Access } from '../../../src/auth/guard';
import { ROLES, type Role } from '../../../src/auth/permissions';
import { listRoutes } from '../../../src/auth/route-table';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { type Agent, createUser, csrfToken, signInAs } from '../../helpers/web';
import { makeToken } from '../../helpers/api';

/**
 * Who may use each route. Adding a route without adding it here fails the first test, so every new
 * route gets a conscious access decision.
 */
const EXPECTED: Record<string, 'public' | 'signedIn' | readonly Role[]> = {
  'GET /healthz': 'public',
  'GET /login': 'public',
  'POST /login': 'public',
  // Single sign-on: the button on /login, and the provider's way back (checked by state, PKCE and nonce).
  'GET /auth/oidc/start': 'public',
  'GET /auth/oidc/callback': 'public',
  'GET /setup': 'public',
  'POST /setup': 'public',
  'GET /invite/:token': 'public',
  'POST /invite/:token': 'public',
  'POST /language': 'public',
  'POST /logout': 'signedIn',
  'GET /': 'signedIn',
  'GET /users': ['admin'],
  'POST /users': ['admin'],
  'POST /users/:id/invite': ['admin'],
  'POST /users/:id/role': ['admin'],
  'POST /users/:id/deactivate': ['admin'],
  'POST /users/:id/reactivate': ['admin'],
  'GET /roles': ['admin', 'recruiter', 'hiring_manager', 'interviewer'],
  'GET /roles/:id': ['admin', 'recruiter', 'hiring_manager', 'interviewer'],
  'POST /roles/:id': ['admin'],
  'GET /rubrics': ['admin', 'recruiter', 'hiring_manager', 'interviewer'],
  'GET /rubrics/:id': ['admin', 'recruiter', 'hiring_manager', 'interviewer'],
  'GET /rubrics/:id/edit': ['admin'],
  'POST /rubrics/:id': ['admin'],
  'GET /rubrics/:id/compare': ['admin', 'recruiter', 'hiring_manager', 'interviewer'],
  'GET /team-plan': ['admin', 'recruiter', 'hiring_manager'],
  'POST /team-plan': ['admin', 'recruiter', 'hiring_manager'],
  'GET /openings': ['admin', 'recruiter', 'hiring_manager'],
  'GET /openings/new': ['admin', 'recruiter'],
  'POST /openings': ['admin', 'recruiter'],
  'GET /openings/:id': ['admin', 'recruiter', 'hiring_manager'],
  'GET /openings/:id/edit': ['admin', 'recruiter'],
  'POST /openings/:id': ['admin', 'recruiter'],
  'POST /openings/:id/rubric-version': ['admin', 'recruiter'],
  'POST /openings/:id/board/move': ['admin', 'recruiter'],
  'POST /openings/:id/board/bulk': ['admin', 'recruiter'],
  'GET /openings/:id/plan': ['admin', 'recruiter', 'hiring_manager'],
  'POST /openings/:id/plan': ['admin', 'recruiter'],
  'GET /openings/:id/careers': ['admin', 'recruiter'],
  'POST /openings/:id/careers': ['admin', 'recruiter'],
  // The careers page is for visitors; its form carries its own token (bound to a cookie of its own).
  'GET /jobs': 'public',
  'GET /jobs/:slug': 'public',
  'POST /jobs/:slug/apply': 'public',
  'GET /jobs/:slug/thanks': 'public',
  'GET /candidates/:id/careers/:entryId/resume': ['admin', 'recruiter', 'hiring_manager', 'interviewer'],
  'GET /candidates': ['admin', 'recruiter', 'hiring_manager', 'interviewer'],
  'GET /candidates/new': ['admin', 'recruiter'],
  'GET /candidates/import': ['admin', 'recruiter'],
  'POST /candidates/import': ['admin', 'recruiter'],
  'GET /candidates/import/:id': ['admin', 'recruiter'],
  'POST /candidates/import/:id': ['admin', 'recruiter'],
  'POST /candidates/import/:id/discard': ['admin', 'recruiter'],
  'POST /candidates': ['admin', 'recruiter'],
  'POST /candidates/bulk': ['admin', 'recruiter'],
  'GET /candidates/:id': ['admin', 'recruiter', 'hiring_manager', 'interviewer'],
  'GET /candidates/:id/edit': ['admin', 'recruiter'],
  'POST /candidates/:id': ['admin', 'recruiter'],
  'GET /candidates/:id/resume': ['admin', 'recruiter', 'hiring_manager', 'interviewer'],
  'GET /candidates/:id/resume/inline': ['admin', 'recruiter', 'hiring_manager', 'interviewer'],
  'POST /candidates/:id/applications': ['admin', 'recruiter'],
  'GET /candidates/:id/merge': ['admin', 'recruiter'],
  'POST /candidates/:id/merge': ['admin', 'recruiter'],
  'GET /applications/:id': ['admin', 'recruiter', 'hiring_manager', 'interviewer'],
  'POST /applications/:id/stage': ['admin', 'recruiter'],
  'POST /applications/:id/status': ['admin', 'recruiter'],
  'POST /applications/:id/interviews': ['admin', 'recruiter'],
  'GET /applications/:id/interviews/new': ['admin', 'recruiter'],
  'GET /interviews/:id/schedule': ['admin', 'recruiter'],
  'POST /interviews/:id/schedule': ['admin', 'recruiter'],
  'GET /interviews/:id/cancel': ['admin', 'recruiter'],
  'POST /interviews/:id/cancel': ['admin', 'recruiter'],
  // Hiring managers may remind on their own openings' interviews (checked by the use case).
  'POST /interviews/:id/remind': ['admin', 'recruiter', 'hiring_manager', 'interviewer'],
  // A calendar program fetches the feed without a session: the token in the path is the credential.
  'GET /calendar/:file': 'public',
  'POST /account/calendar': 'signedIn',
  'POST /account/calendar/off': 'signedIn',
  'GET /interviews': ['admin', 'recruiter', 'hiring_manager', 'interviewer'],
  'GET /interviews/:id': ['admin', 'recruiter', 'hiring_manager', 'interviewer'],
  'POST /interviews/:id/scorecard': ['admin', 'recruiter', 'hiring_manager', 'interviewer'],
  'GET /openings/:id/compare': ['admin', 'recruiter', 'hiring_manager'],
  'GET /openings/:id/compare/csv': ['admin', 'recruiter', 'hiring_manager'],
  'GET /applications/:id/summary': ['admin', 'recruiter', 'hiring_manager'],
  'POST /applications/:id/decision': ['admin', 'hiring_manager'],
  'POST /applications/:id/decision/reopen': ['admin', 'hiring_manager'],
  'GET /reports': ['admin', 'recruiter', 'hiring_manager'],
  'GET /reports/:report': ['admin', 'recruiter', 'hiring_manager'],
  'GET /reports/:report/csv': ['admin', 'recruiter', 'hiring_manager'],
  'GET /settings': ['admin'],
  'POST /settings': ['admin'],
  'POST /settings/logo': ['admin'],
  'POST /settings/logo/remove': ['admin'],
  'GET /settings/sso': ['admin'],
  'POST /settings/sso': ['admin'],
  'GET /company-logo/:version': 'public',
  'GET /privacy': ['admin'],
  'GET /audit': ['admin'],
  'GET /settings/mail': ['admin'],
  'POST /settings/mail/test': ['admin'],
  'GET /settings/mail/:id': ['admin'],
  'GET /settings/mail/:id/html': ['admin'],
  'POST /settings/mail/:id/retry': ['admin'],
  'GET /settings/webhooks': ['admin'],
  'GET /settings/webhooks/new': ['admin'],
  'POST /settings/webhooks': ['admin'],
  'GET /settings/webhooks/:id': ['admin'],
  'POST /settings/webhooks/:id': ['admin'],
  'POST /settings/webhooks/:id/rotate': ['admin'],
  'POST /settings/webhooks/:id/delete': ['admin'],
  'POST /settings/webhooks/:id/deliveries/:deliveryId/redeliver': ['admin'],
  // A forgotten password, an unsubscribe link and the link confirming a new address work without signing in: their token is the proof.
  'GET /forgot-password': 'public',
  'POST /forgot-password': 'public',
  'GET /reset-password/:token': 'public',
  'POST /reset-password/:token': 'public',
  'GET /unsubscribe/:token': 'public',
  'POST /unsubscribe/:token': 'public',
  'GET /account/email/:token': 'public',
  'POST /account/email/:token': 'public',
  'GET /account': 'signedIn',
  'POST /account': 'signedIn',
  'POST /account/email': 'signedIn',
  'POST /account/password': 'signedIn',
  'POST /account/api-tokens': 'signedIn',
  'POST /account/api-tokens/:id/revoke': 'signedIn',
  'GET /settings/api-tokens': ['admin'],
  'POST /settings/api-tokens': ['admin'],
  'POST /settings/api-tokens/:id/revoke': ['admin'],
  'GET /candidates/:id/export': ['admin'],
  'POST /candidates/:id/export': ['admin'],
  'GET /candidates/:id/erase': ['admin'],
  'POST /candidates/:id/erase': ['admin'],
  // Onboarding: a new hire's checklist and an owner's tasks are per person (checked per plan and task).
  'GET /onboarding': 'signedIn',
  'POST /onboarding/tasks/:id/done': 'signedIn',
  'GET /onboarding/tasks/:id/evidence': 'signedIn',
  'GET /onboarding/tasks': 'signedIn',
  'POST /onboarding/tasks/:id/sign-off': 'signedIn',
  'POST /onboarding/tasks/:id/send-back': 'signedIn',
  'GET /onboarding/plans': ['admin', 'recruiter', 'hiring_manager'],
  'GET /onboarding/plans/new': ['admin', 'recruiter', 'hiring_manager'],
  'POST /onboarding/plans': ['admin', 'recruiter', 'hiring_manager'],
  'GET /onboarding/plans/:id': ['admin', 'recruiter', 'hiring_manager'],
  'POST /onboarding/plans/:id': ['admin', 'recruiter', 'hiring_manager'],
  'POST /onboarding/plans/:id/review': ['admin', 'recruiter', 'hiring_manager'],
  'GET /onboarding/templates': ['admin', 'recruiter', 'hiring_manager'],
  'GET /onboarding/templates/:id': ['admin', 'recruiter', 'hiring_manager'],
  'GET /onboarding/templates/:id/tasks/new': ['admin'],
  'POST /onboarding/templates/:id/tasks': ['admin'],
  'GET /onboarding/templates/:id/tasks/:taskId': ['admin'],
  'POST /onboarding/templates/:id/tasks/:taskId': ['admin'],
  'POST /onboarding/templates/:id/tasks/:taskId/delete': ['admin'],
};

/**
 * The JSON API, called with a token (read and write scopes) of a user of each role: the same
 * permissions as the pages. A token's scopes are checked besides (see test/integration/api).
 */
const API_EXPECTED: Record<string, 'public' | 'signedIn' | readonly Role[]> = {
  'GET /api/v1/openapi.json': 'public',
  'GET /api/v1/candidates': ['admin', 'recruiter', 'hiring_manager', 'interviewer'],
  'GET /api/v1/candidates/:id': ['admin', 'recruiter', 'hiring_manager', 'interviewer'],
  'POST /api/v1/candidates': ['admin', 'recruiter'],
  'PATCH /api/v1/candidates/:id': ['admin', 'recruiter'],
  'GET /api/v1/applications/:id': ['admin', 'recruiter', 'hiring_manager', 'interviewer'],
  'POST /api/v1/applications': ['admin', 'recruiter'],
  'POST /api/v1/applications/:id/stage': ['admin', 'recruiter'],
  'POST /api/v1/applications/:id/reject': ['admin', 'recruiter'],
  'GET /api/v1/openings': ['admin', 'recruiter', 'hiring_manager'],
  'GET /api/v1/openings/:id': ['admin', 'recruiter', 'hiring_manager'],
  'GET /api/v1/applications/:id/scorecards': ['admin', 'recruiter', 'hiring_manager', 'interviewer'],
  'GET /api/v1/applications/:id/decision': ['admin', 'recruiter', 'hiring_manager'],
  'POST /api/v1/applications/:id/decision': ['admin', 'hiring_manager'],
  'GET /api/v1/applications/:id/interviews': ['admin', 'recruiter', 'hiring_manager', 'interviewer'],
  'POST /api/v1/applications/:id/interviews': ['admin', 'recruiter'],
  'GET /api/v1/onboarding/plans': ['admin', 'recruiter', 'hiring_manager'],
  'GET /api/v1/onboarding/plans/:id': ['admin', 'recruiter', 'hiring_manager'],
  'GET /api/v1/users': ['admin'],
  'GET /api/v1/users/:id': ['admin'],
};
Object.assign(EXPECTED, API_EXPECTED);

function describeAccess(access: Access | undefined): string {
  if (!access) return 'none';
  return access.kind === 'permission' ? access.permission : access.kind;
}

describeEachDialect('route × role table', (ctx: () => TestContext) => {
  it('when the app is built, then every route declares its access and appears in the expected table', () => {
    const routes = listRoutes(ctx().app);
    expect(routes.length).toBeGreaterThan(10);
    const undeclared = routes.filter((r) => !r.access).map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const route of routes) {
      const expected = EXPECTED[`${route.method} ${route.path}`];
      const declared = describeAccess(route.access);
      if (expected === 'public' || expected === 'signedIn') expect(`${route.method} ${route.path} ${declared}`).toBe(`${route.method} ${route.path} ${expected}`);
      else expect(route.access?.kind).toBe('permission');
    }
  });

  it('when each role and an anonymous visitor call each protected route, then only the expected ones get through', async () => {
    const { app, db } = ctx();
    const target = await createUser(db, 'interviewer');
    const agents = new Map<Role, Agent>();
    for (const role of ROLES) agents.set(role, (await signInAs(app, db, role)).agent);
    const anonymous = request.agent(app);
    const anonymousToken = await csrfToken(anonymous, '/login');

    // Sign-out last: it ends the agent's session.
    const routes = listRoutes(app)
      .filter((r) => EXPECTED[`${r.method} ${r.path}`] !== 'public' && !r.path.startsWith('/api/'))
      .sort((a, b) => Number(a.path === '/logout') - Number(b.path === '/logout'));
    const failures: string[] = [];

    for (const route of routes) {
      const url = route.path.replace(':id', String(target.id)).replace(':token', 'x');
      const expected = EXPECTED[`${route.method} ${route.path}`]!;
      for (const who of [...ROLES, 'anonymous'] as const) {
        const agent = who === 'anonymous' ? anonymous : agents.get(who)!;
        const res =
          route.method === 'GET'
            ? await agent.get(url)
            : await agent.post(url).type('form').send({ _csrf: who === 'anonymous' ? anonymousToken : await csrfToken(agent, '/account') });
        const allowed = who !== 'anonymous' && (expected === 'signedIn' || (Array.isArray(expected) && expected.includes(who)));
        const signInRedirect = res.status === 303 && String(res.headers.location).startsWith('/login');
        let ok: boolean;
        if (who === 'anonymous') ok = route.method === 'GET' ? signInRedirect : res.status === 401;
        else if (allowed) ok = res.status !== 401 && res.status !== 403 && !(signInRedirect && route.path !== '/logout');
        else ok = res.status === 403;
        if (!ok) failures.push(`${route.method} ${route.path} as ${who}: ${res.status} ${res.headers.location ?? ''}`);
      }
    }
    expect(failures).toEqual([]);
    // Every route as every role: several hundred requests, slow on a busy machine.
  }, 120_000);

  it('when each role calls each API route with a token, and a request comes without one, then only the expected ones get through (401 without a token, 403 for a role without the permission)', async () => {
    const { app, db, clock } = ctx();
    const target = await createUser(db, 'interviewer');
    const tokens = new Map<Role, string>();
    for (const role of ROLES) tokens.set(role, await makeToken(db, (await createUser(db, role)).id, { now: clock.now() }));
    const routes = listRoutes(app).filter((r) => r.path.startsWith('/api/') && API_EXPECTED[`${r.method} ${r.path}`] !== 'public');
    expect(routes.length).toBe(Object.values(API_EXPECTED).filter((e) => e !== 'public').length);
    const failures: string[] = [];
    for (const route of routes) {
      const url = route.path.replace(':id', String(target.id));
      const expected = API_EXPECTED[`${route.method} ${route.path}`]!;
      for (const who of [...ROLES, 'anonymous'] as const) {
        let req = route.method === 'GET' ? request(app).get(url) : route.method === 'PATCH' ? request(app).patch(url).send({}) : request(app).post(url).send({});
        if (who !== 'anonymous') req = req.set('Authorization', `Bearer ${tokens.get(who)!}`);
        const res = await req;
        const allowed = who !== 'anonymous' && (expected === 'signedIn' || (Array.isArray(expected) && expected.includes(who)));
        const ok = who === 'anonymous' ? res.status === 401 : allowed ? res.status !== 401 && res.status !== 403 : res.status === 403 && res.body?.error?.code === 'forbidden';
        if (!ok) failures.push(`${route.method} ${route.path} as ${who}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
