import crypto from 'node:crypto';
import http from 'node:http';
import fc from 'fast-check';
import { sql } from 'kysely';
import request from 'supertest';
import { SESSION_COOKIE } from '../../../../src/app';
import type { Database } from '../../../../src/db/database';
import { listRoutes } from '../../../../src/auth/route-table';
import { describeEachDialect, type TestContext } from '../../../helpers/test-context';
import type { Agent } from '../../../helpers/web';
import { encoding, extraName, fieldValue, type FieldValue, hostile, marker, MISSING, PROBE, strictGarbage, upload } from './arbitraries';
import { type Actor, buildWorld, type World } from './fixtures';
import { scrapeForms } from './forms';
import { POST_ROUTES, type PostRouteSpec } from './post-routes';

/**
 * Bad input against every form endpoint, listed from the app's own router. Fixed seed and 100 runs
 * per endpoint by default; PROPERTY_RUNS and PROPERTY_SEED (a number, or "random") change both.
 */
const RUNS = Math.max(1, Number(process.env.PROPERTY_RUNS ?? 100));
const SEED = process.env.PROPERTY_SEED === 'random' ? crypto.randomInt(2 ** 31) : Number(process.env.PROPERTY_SEED ?? 20261128);
const SIDE_RUNS = Math.max(10, Math.ceil(RUNS / 8));
const SECRET = 'test-secret-that-is-long-enough-for-sessions';

/** Every table; a test below checks the list against the database, so a new table is compared too. */
const TABLES = [
  'users', 'invites', 'sessions', 'settings', 'login_attempts', 'sales_roles', 'rubrics', 'rubric_versions', 'rubric_dimensions', 'team_plans', 'stored_files', 'resume_texts',
  'openings', 'opening_recruiters', 'interview_stages', 'candidates', 'candidate_activity', 'candidate_search_stale', 'applications', 'application_events', 'interviews', 'interview_interviewers', 'scorecards',
  'scorecard_ratings', 'scorecard_history', 'decisions', 'reopened_decisions', 'onboarding_templates', 'onboarding_template_tasks', 'onboarding_plans', 'onboarding_plan_tasks', 'audit_log',
  'calibration_totals', 'calibration_delays', 'calibration_outcomes', 'pipeline_totals', 'pipeline_stage_days', 'source_totals', 'report_totals_stale', 'data_version', 'file_chunks',
  'opening_postings', 'careers_applications', 'careers_arrivals', 'candidate_imports',
  'outbox_messages', 'password_resets', 'email_changes', 'unsubscribe_tokens', 'notification_opt_outs', 'calendar_feeds', 'reminders', 'scheduler_leases', 'backup_runs',
  'api_tokens', 'api_request_counts',
  'webhook_endpoints', 'webhook_deliveries',
] as const satisfies readonly (keyof Database)[];
/** Sessions change on every request and failed sign-ins are counted on purpose. */
const COUNTED = TABLES.filter((t) => t !== 'sessions' && t !== 'login_attempts');

const REFUSED = [400, 409, 413, 422];
const MESSAGE = /class="field-error"|class="form-error"|role="alert"|class="narrow error-page"/;

type Pairs = [string, string][];

interface Attempt {
  readonly encoding: 'form' | 'multipart' | 'json';
  readonly changes: [number, FieldValue][];
  readonly extra: [string, string][];
  readonly strict: [number, string] | null;
  readonly file: { name: string; content: Buffer } | null;
}

function applyValue(pairs: Pairs, name: string, value: FieldValue): Pairs {
  const rest = pairs.filter(([k]) => k !== name);
  if (value === MISSING) return rest;
  const values = typeof value === 'string' ? [value] : [...value];
  return [...rest, ...values.map((v): [string, string] => [name, v])];
}

describeEachDialect('form endpoints under random and hostile input', (ctx: () => TestContext) => {
  let world: World;
  let baselines: Map<string, { pairs: Pairs; multipart: boolean }>;
  let adminSession: string;
  /** One listening server for every request (supertest would otherwise start and stop one per request). */
  let server: http.Server;
  // The JSON API takes no forms: its refusals are checked against its schemas in test/integration/api.
  const postRoutes = () => listRoutes(ctx().app).filter((r) => r.method === 'POST' && !r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path}`);

  async function snapshot(tables: readonly (keyof Database)[] = []): Promise<string> {
    const { db } = ctx();
    const counts = await sql<Record<string, unknown>>`select ${sql.join(COUNTED.map((t) => sql`(select count(*) from ${sql.table(t)}) as ${sql.ref(t)}`))}`.execute(db);
    const parts: string[] = [JSON.stringify(Object.fromEntries(Object.entries(counts.rows[0]!).map(([k, v]) => [k, Number(v)])))];
    for (const table of tables) {
      const rows = await db.selectFrom(table).selectAll().execute();
      parts.push(`${table}:${rows.map((r) => JSON.stringify(r)).sort().join('\n')}`);
    }
    return parts.join('\n');
  }

  /** A new signed-in admin session, cloned in the session table: signing in for real costs a password hash each time. */
  async function freshSessionCookie(): Promise<string> {
    const sid = crypto.randomBytes(24).toString('base64url');
    await ctx()
      .db.insertInto('sessions')
      .values({ sid, user_id: world.users.admin.id, data: adminSession, expires_at: new Date(ctx().clock.now().getTime() + 3_600_000).toISOString() })
      .execute();
    const signed = `${sid}.${crypto.createHmac('sha256', SECRET).update(sid).digest('base64').replace(/=+$/, '')}`;
    return `${SESSION_COOKIE}=${encodeURIComponent(`s:${signed}`)}`;
  }

  function agentOf(spec: PostRouteSpec): Actor {
    return spec.as === 'fresh' ? 'admin' : spec.as;
  }

  async function send(spec: PostRouteSpec, path: string, pairs: Pairs, options: { encoding: Attempt['encoding']; token: string | undefined; file?: Attempt['file']; fileField?: string }): Promise<request.Response> {
    const cookie = spec.as === 'fresh' ? await freshSessionCookie() : undefined;
    const agent: Agent | ReturnType<typeof request> = cookie ? request(server) : world.agents[agentOf(spec)];
    const withCookie = <T extends request.Test>(req: T): T => (cookie ? (req.set('Cookie', cookie) as T) : req);
    if (options.encoding === 'json') {
      const grouped = new Map<string, string[]>();
      for (const [k, v] of pairs) grouped.set(k, [...(grouped.get(k) ?? []), v]);
      const body = Object.fromEntries([...grouped].map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
      let req = withCookie(agent.post(path).type('json'));
      if (options.token !== undefined) req = req.set('X-CSRF-Token', options.token);
      return req.send(JSON.stringify(body));
    }
    if (options.encoding === 'multipart') {
      let req = withCookie(agent.post(options.token === undefined ? path : `${path}?_csrf=${encodeURIComponent(options.token)}`));
      for (const [k, v] of pairs) req = req.field(k, v);
      if (options.file && options.fileField) req = req.attach(options.fileField, options.file.content, { filename: options.file.name || 'x', contentType: 'application/octet-stream' });
      // Multipart requests with no part at all are not valid multipart: send one harmless field.
      if (pairs.length === 0 && !options.file) req = req.field('_', '');
      return req;
    }
    const params = new URLSearchParams();
    if (options.token !== undefined) params.append('_csrf', options.token);
    for (const [k, v] of pairs) params.append(k, v);
    return withCookie(agent.post(path).type('form')).send(params.toString());
  }

  function fileFieldOf(key: string): string | undefined {
    if (key === 'POST /candidates' || key === 'POST /candidates/:id') return 'resume';
    if (key === 'POST /onboarding/tasks/:id/done') return 'file';
    if (key === 'POST /settings/logo') return 'logo';
    if (key === 'POST /candidates/import') return 'file';
    if (key === 'POST /jobs/:slug/apply') return 'resume';
    return undefined;
  }

  function tokenFor(spec: PostRouteSpec): string {
    return world.tokens[agentOf(spec)];
  }

  function successes(spec: PostRouteSpec): readonly number[] {
    return spec.accepts ?? [303];
  }

  /** What a user would call wrong with a response, whatever the input. */
  function problemsOf(res: request.Response): string[] {
    const problems: string[] = [];
    if (res.status >= 500) problems.push(`status ${res.status}`);
    const type = String(res.headers['content-type'] ?? '');
    if ((type.includes('html') || type.includes('text')) && res.text?.includes(PROBE)) {
      const at = res.text.indexOf(PROBE);
      problems.push(`unescaped probe echoed: …${res.text.slice(Math.max(0, at - 80), at + 40)}…`);
    }
    if (res.status === 303) {
      const location = String(res.headers.location ?? '');
      if (!location.startsWith('/') || location.startsWith('//')) problems.push(`redirect off site: ${location}`);
    }
    return problems;
  }

  beforeAll(async () => {
    const { app, db, config } = ctx();
    // Templates compiled once, as in production: thousands of pages are rendered here.
    app.set('view cache', true);
    server = http.createServer(app).listen(0);
    world = await buildWorld(server, db, config.inviteTtlMs);
    const session = await db.selectFrom('sessions').select('data').where('user_id', '=', world.users.admin.id).executeTakeFirstOrThrow();
    adminSession = session.data;
    // Baselines come from the forms as the pages render them now, before any property changes data.
    baselines = new Map();
    for (const key of postRoutes()) {
      const spec = POST_ROUTES[key];
      if (!spec) continue;
      let pairs: Pairs = spec.fields ? spec.fields.map(([k, v]) => [k, v]) : [];
      let multipart = fileFieldOf(key) !== undefined;
      if (spec.form) {
        const page = await world.agents[spec.formAs ?? agentOf(spec)].get(spec.form(world));
        const form = scrapeForms(page.text).find((f) => f.action === spec.path(world));
        if (form) {
          pairs = form.fields;
          multipart = form.multipart;
        } else if (!spec.fields) {
          throw new Error(`${key}: no form posting to ${spec.path(world)} on ${spec.form(world)} (status ${page.status})`);
        }
      }
      baselines.set(key, { pairs, multipart });
    }
  }, 300_000);

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('when the app is built, then every POST route has an entry saying how to fill it, and every table is compared', async () => {
    const missing = postRoutes().filter((key) => !POST_ROUTES[key]);
    expect(missing).toEqual([]);
    expect(Object.keys(POST_ROUTES).filter((key) => !postRoutes().includes(key))).toEqual([]);
    const tables =
      ctx().dialect === 'sqlite'
        ? // FTS5's own shadow tables (candidate_search_data, …) are part of its virtual table.
          (await sql<{ name: string }>`select name from pragma_table_list where schema = 'main' and type in ('table', 'virtual') and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(ctx().db)).rows
        : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_name not like 'kysely_%'`.execute(ctx().db)).rows;
    // The search index has no row type (FTS5 on SQLite, tsvector on PostgreSQL): what changes it is counted through candidate_search_stale and the candidates.
    expect(tables.map((t) => t.name).sort()).toEqual([...TABLES, 'candidate_search'].sort());
  });

  describe.each(Object.keys(POST_ROUTES))('%s', (key) => {
    const spec = POST_ROUTES[key]!;
    const fileField = fileFieldOf(key);

    it(`when it gets random and hostile fields (${RUNS} runs), then it never fails, never echoes markup, and a refusal has a message and changes nothing`, async () => {
      const base = baselines.get(key)!;
      const names = [...new Set([...base.pairs.map(([k]) => k), ...Object.keys(spec.valid?.(world, 0) ?? {})])];
      const strict = spec.strict ?? [];
      let n = 0;
      let known: string | undefined;
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            encoding,
            // Mostly one bad field in an otherwise valid form, so the bad value gets past the other checks to the save.
            changes: fc.oneof({ weight: 3, arbitrary: fc.tuple(fc.nat(), fieldValue).map((change) => [change]) }, { weight: 1, arbitrary: fc.array(fc.tuple(fc.nat(), fieldValue), { maxLength: 4 }) }),
            extra: fc.array(fc.tuple(extraName, hostile), { maxLength: 2 }),
            strict: strict.length > 0 ? fc.option(fc.tuple(fc.nat(), strictGarbage), { freq: 3 }) : fc.constant(null),
            file: fileField ? fc.option(upload, { freq: 2 }) : fc.constant(null),
          }),
          async (attempt: Attempt) => {
            n += 1;
            let pairs: Pairs = base.pairs.map(([k, v]) => [k, v]);
            for (const [name, value] of Object.entries(spec.valid?.(world, n) ?? {})) pairs = applyValue(pairs, name, value);
            for (const [index, value] of attempt.changes) if (names.length > 0) pairs = applyValue(pairs, names[index % names.length]!, value);
            if (attempt.strict) pairs = applyValue(pairs, strict[attempt.strict[0] % strict.length]!, attempt.strict[1]);
            pairs = [...pairs, ...attempt.extra];
            // A refusal leaves the data as it was, so the state after one refusal is the state before the next request.
            const before = known ?? (await snapshot(spec.tables));
            known = undefined;
            const res = await send(spec, spec.path(world), pairs, { encoding: attempt.encoding, token: tokenFor(spec), file: attempt.file, fileField });
            const problems = problemsOf(res);
            const accepted = successes(spec).includes(res.status);
            // A strict field's garbage counts only when the route reads the body as sent.
            const bodyArrives = attempt.encoding === 'form' || (attempt.encoding === 'multipart' && base.multipart);
            const mustRefuse = attempt.strict !== null && bodyArrives;
            if (mustRefuse && accepted && !spec.redirectsOnRefusal) problems.push(`accepted garbage in ${strict[attempt.strict![0] % strict.length]} with ${res.status}`);
            if (!accepted || (mustRefuse && spec.redirectsOnRefusal)) {
              if (!accepted && ![...REFUSED, ...(spec.refusals ?? [])].includes(res.status)) problems.push(`unexpected status ${res.status}`);
              if (!accepted && !MESSAGE.test(res.text ?? '')) problems.push(`refused with ${res.status} but no message`);
              const after = await snapshot(spec.tables);
              if (after !== before) problems.push(`data changed although refused (${res.status})`);
              else if (!accepted) known = after;
            }
            if (problems.length > 0) throw new Error(`${key} ${attempt.encoding} → ${res.status}: ${problems.join('; ')}`);
          },
        ),
        { numRuns: RUNS, seed: SEED, endOnFailure: false, interruptAfterTimeLimit: 600_000 },
      );
    }, 900_000);

    if (!spec.csrfExempt) it(`when the CSRF token is missing or wrong (${SIDE_RUNS} runs), then it is refused with 403 and nothing changes`, async () => {
      const base = baselines.get(key)!;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('missing', 'empty', 'wrong', 'other-session', 'repeated'), fc.constantFrom<'form' | 'multipart' | 'json'>('form', 'multipart', 'json'), marker, async (kind, how, probe) => {
          const valid = spec.valid?.(world, 0) ?? {};
          let pairs: Pairs = base.pairs.map(([k, v]) => [k, v]);
          for (const [name, value] of Object.entries(valid)) pairs = applyValue(pairs, name, value);
          const own = tokenFor(spec);
          const other = Object.values(world.tokens).find((t) => t !== own)!;
          const token = { missing: undefined, empty: '', wrong: `${own.slice(0, -2)}${probe}`, 'other-session': other, repeated: undefined }[kind];
          if (kind === 'repeated') pairs = [['_csrf', own], ['_csrf', own], ...pairs];
          const before = await snapshot(spec.tables);
          const res = await send(spec, spec.path(world), pairs, { encoding: kind === 'repeated' ? 'form' : how, token, fileField: fileFieldOf(key) });
          const problems = problemsOf(res);
          if (res.status !== 403) problems.push(`status ${res.status}, not 403`);
          if ((await snapshot(spec.tables)) !== before) problems.push('data changed');
          if (problems.length > 0) throw new Error(`${key} ${kind} ${how} → ${res.status}: ${problems.join('; ')}`);
        }),
        { numRuns: SIDE_RUNS, seed: SEED },
      );
    }, 300_000);

    if (spec.foreign) {
      it(`when the path holds someone else's id or garbage (${SIDE_RUNS} runs), then it is not found and nothing changes`, async () => {
        const base = baselines.get(key)!;
        const template = spec.path(world);
        const firstId = /\/(\d+|[A-Za-z0-9_-]{20,})(?=\/|$)/;
        // Ids far above any record's, or not ids at all (never empty or dots: those lead to another route).
        const garbageId = fc.oneof(
          fc.oneof(fc.integer({ min: 10_000_000, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: -5, max: 0 })).map(String),
          hostile.filter((s) => s.length < 2000 && s.trim() !== '' && !/^\.+$/.test(s.trim()) && !/^\d+$/.test(s.trim())).map((s) => encodeURIComponent(s)),
        );
        const paths = fc.oneof(fc.constantFrom(...spec.foreign!(world)), garbageId.map((id) => template.replace(firstId, `/${id}`)));
        await fc.assert(
          fc.asyncProperty(paths, async (path) => {
            let pairs: Pairs = base.pairs.map(([k, v]) => [k, v]);
            for (const [name, value] of Object.entries(spec.valid?.(world, 0) ?? {})) pairs = applyValue(pairs, name, value);
            const before = await snapshot(spec.tables);
            const res = await send(spec, path, pairs, { encoding: 'form', token: tokenFor(spec) });
            const problems = problemsOf(res);
            if (path === template) return;
            // 400 for ids no URL should hold (a NUL character).
            if (![400, 403, 404, 410].includes(res.status)) problems.push(`status ${res.status}, not 404`);
            if ((await snapshot(spec.tables)) !== before) problems.push('data changed');
            if (problems.length > 0) throw new Error(`${key} at ${path} → ${res.status}: ${problems.join('; ')}`);
          }),
          { numRuns: SIDE_RUNS, seed: SEED },
        );
      }, 300_000);
    }
  });

  it('when every page is opened by every role after the hostile submissions, then none fails and none shows a probe unescaped', async () => {
    const ids = world.ids;
    const fill: [RegExp, Record<string, number | string>][] = [
      [/^\/invite\//, { token: ids.inviteToken }],
      [/^\/reset-password\//, { token: ids.resetToken }],
      [/^\/unsubscribe\//, { token: ids.unsubscribeToken }],
      [/^\/account\/email\//, { token: ids.emailChangeToken }],
      [/^\/settings\/mail\//, { id: ids.outboxMessage }],
      [/^\/settings\/webhooks\//, { id: ids.webhook }],
      [/^\/roles\//, { id: ids.salesRole }],
      [/^\/rubrics\//, { id: ids.rubric }],
      [/^\/openings\//, { id: ids.opening }],
      [/^\/candidates\/import\//, { id: ids.candidateImport }],
      [/^\/candidates\//, { id: ids.candidate, entryId: 1 }],
      [/^\/jobs\//, { slug: ids.postingSlug }],
      [/^\/applications\//, { id: ids.application }],
      [/^\/interviews\//, { id: ids.interview }],
      [/^\/onboarding\/tasks\//, { id: ids.hireTask }],
      [/^\/calendar\//, { file: 'no-such-feed.ics' }],
      [/^\/company-logo\//, { version: 'no-such-logo' }],
      [/^\/onboarding\/plans\//, { id: ids.plan }],
      [/^\/onboarding\/templates\//, { id: ids.template, taskId: ids.templateTask }],
      // Calibration lists interviewers and openings by name: where stored markup would show.
      [/^\/reports\//, { report: 'calibration' }],
    ];
    const problems: string[] = [];
    // The JSON API answers only to tokens (a cookie gets 401): its answers are checked against its own document by the API's suites.
    const gets = listRoutes(ctx().app).filter((r) => r.method === 'GET' && !r.path.startsWith('/api/'));
    for (const route of gets) {
      const params = fill.find(([prefix]) => prefix.test(route.path))?.[1] ?? {};
      const path = route.path.replace(/:(\w+)/g, (_, name: string) => {
        if (params[name] === undefined) problems.push(`${route.path}: no id for :${name}`);
        return String(params[name]);
      });
      for (const actor of Object.keys(world.agents) as Actor[]) {
        const res = await world.agents[actor].get(`${path}?q=${encodeURIComponent('<x-probe-1>')}&next=${encodeURIComponent('<x-probe-2>')}&page=${encodeURIComponent("1'")}`);
        for (const p of problemsOf(res)) problems.push(`GET ${path} as ${actor}: ${p}`);
      }
      const odd = await world.agents.admin.get(`${path}?q=a%00b&opening=${'9'.repeat(30)}&status=%F0%9F%92%A9&page=-1`);
      for (const p of problemsOf(odd)) problems.push(`GET ${path} with odd query: ${p}`);
    }
    expect(problems).toEqual([]);
    // Search and pages for the records the properties created, too.
    const list = await world.agents.admin.get('/candidates?q=x-probe');
    expect(problemsOf(list)).toEqual([]);
  }, 300_000);
});
