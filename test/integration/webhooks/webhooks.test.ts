import dns from 'node:dns';
import type { KyselyPlugin } from 'kysely';
import pino from 'pino';
import { runImport, uploadImportFile } from '../../../src/candidates/import.use-cases';
import { addApplication, moveApplication } from '../../../src/candidates/applications.use-cases';
import { eraseCandidate } from '../../../src/privacy/privacy.use-cases';
import { recordDecision } from '../../../src/comparison/decisions.use-cases';
import { scheduleInterview } from '../../../src/interviews/interviews.use-cases';
import { runInUnitOfWork } from '../../../src/events/unit-of-work';
import { runMaintenance } from '../../../src/maintenance';
import { listPlanTasks } from '../../../src/onboarding/onboarding.repository';
import { listTemplates } from '../../../src/onboarding/onboarding-templates.repository';
import { addDays, todayOf } from '../../../src/onboarding/plan';
import { createPlanIn, recordReview } from '../../../src/onboarding/plans.use-cases';
import { markTaskDone, signOffTask } from '../../../src/onboarding/tasks.use-cases';
import { createPoster, postWebhook } from '../../../src/webhooks/transport';
import { MAX_ATTEMPTS, verifySignature } from '../../../src/webhooks/webhook';
import { createWebhookWorker, type WebhookWorker } from '../../../src/webhooks/webhook-worker';
import { makeCandidate, makeOpening } from '../../helpers/hiring';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { createUser, csrfToken, signInAs } from '../../helpers/web';
import { decisionInput, scoreInterview } from '../../helpers/writes';
import { seedCatalog } from '../onboarding/helpers';
import { startReceiver } from './receiver';

const silent = pino({ level: 'silent' });
const ALL_EVENTS = ['application.created', 'application.moved', 'scorecard.submitted', 'decision.recorded', 'candidate.hired', 'onboarding.completed'];

describeEachDialect('outgoing webhooks', (ctx: () => TestContext) => {
  let admin: Awaited<ReturnType<typeof signInAs>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let worker: WebhookWorker;
  /** Path → how many more times it answers 500 before 200. */
  const failures = new Map<string, number>();
  const deps = () => useCaseDeps(ctx().db, { clock: ctx().clock });

  beforeAll(async () => {
    await seedCatalog(ctx());
    admin = await signInAs(ctx().app, ctx().db, 'admin');
    receiver = await startReceiver((req) => {
      const left = failures.get(req.path) ?? 0;
      if (left <= 0) return 200;
      failures.set(req.path, left - 1);
      return 500;
    });
    worker = createWebhookWorker({ db: ctx().db, clock: ctx().clock, post: postWebhook, logger: silent, random: () => 0.5 });
  });

  afterAll(async () => {
    await receiver.close();
  });

  /** Registers an endpoint through the settings form; returns its id and the secret shown once. */
  async function register(fields: Record<string, string | string[]>): Promise<{ status: number; text: string; id?: number; secret?: string }> {
    const token = await csrfToken(admin.agent, '/settings/webhooks/new');
    const res = await admin.agent.post('/settings/webhooks').type('form').send({ _csrf: token, enabled: 'on', ...fields });
    const secret = /id="webhook-secret"[^>]*value="([^"]+)"/.exec(res.text)?.[1];
    const id = Number(/href="\/settings\/webhooks\/(\d+)"/.exec(res.text)?.[1]);
    return { status: res.status, text: res.text, ...(secret ? { secret, id } : {}) };
  }

  const deliveriesOf = (endpointId: number) => ctx().db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId).orderBy('id').execute();
  const receivedAt = (path: string) => receiver.received.filter((r) => r.path === path);

  it('when hiring moves on, then each chosen event reaches the receiver after commit, signed with the secret shown once, and the hire carries what HR needs without any scorecard text', async () => {
    const endpoint = await register({ url: `${receiver.base}/all`, description: 'HR system', events: ALL_EVENTS, allow_http: 'on', allow_private: 'on' });
    expect(endpoint.status).toBe(200);
    expect(endpoint.secret).toMatch(/^whsec_/);
    const secret = endpoint.secret!;
    // Shown once: neither the list nor the endpoint's page shows it again.
    expect((await admin.agent.get('/settings/webhooks')).text).not.toContain(secret);
    expect((await admin.agent.get(`/settings/webhooks/${endpoint.id}`)).text).not.toContain(secret);

    const manager = await createUser(ctx().db, 'hiring_manager', { name: 'Mia Manager' });
    const interviewer = await createUser(ctx().db, 'interviewer', { name: 'Ivo Interviewer' });
    const opening = await makeOpening(ctx().db, { roleKey: 'ae', hiringManagerId: manager.id, title: 'Account Executive Berlin' });
    const candidateId = await makeCandidate(ctx().db, { name: 'Hana Hire', email: `hana.${ctx().dialect}@example.test` });
    await ctx().db.updateTable('candidates').set({ phone: '+49 30 1234567' }).where('id', '=', candidateId).execute();
    const applicationId = await addApplication(deps(), actingAs(admin.user.id), candidateId, opening.id);
    await moveApplication(deps(), actingAs(admin.user.id), applicationId, opening.stages[1]!.id, 'en');
    const interviewId = await scheduleInterview(deps(), actingAs(admin.user.id), applicationId, { stageId: opening.stages[1]!.id, scheduledAt: null, interviewerIds: [interviewer.id] });
    await scoreInterview(deps(), interviewer.id, { interviewId, openingId: opening.id }, 4, 'submit', 'strong_yes');
    // The evidence written under each rating ('e') and the takeaways stay in Salesbench.
    await ctx().db.updateTable('scorecard_ratings').set({ evidence: 'Evidence-7f3 from the call' }).execute();
    await recordDecision(deps(), actingAs(manager.id, 'hiring_manager'), applicationId, decisionInput('hire', 'Rationale-9k2'));

    // Written with each change, nothing posted before the sender runs.
    const written = await deliveriesOf(endpoint.id!);
    expect(written.map((d) => d.event)).toEqual(['application.created', 'application.moved', 'scorecard.submitted', 'decision.recorded', 'candidate.hired']);
    expect(written.every((d) => d.state === 'pending')).toBe(true);
    expect(receivedAt('/all')).toEqual([]);

    expect(await worker.deliverDue()).toBe(5);
    const got = receivedAt('/all');
    expect(got.map((r) => r.headers['x-salesbench-event'])).toEqual(['application.created', 'application.moved', 'scorecard.submitted', 'decision.recorded', 'candidate.hired']);
    const now = Math.floor(ctx().clock.now().getTime() / 1000);
    for (const r of got) {
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['x-salesbench-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verifySignature(secret, r.headers['x-salesbench-signature'] as string, r.body, now)).toBe(true);
      expect(verifySignature('whsec_wrong', r.headers['x-salesbench-signature'] as string, r.body, now)).toBe(false);
      expect(JSON.parse(r.body).id).toBe(r.headers['x-salesbench-delivery']);
      expect(r.body).not.toMatch(/Evidence-7f3|Rationale-9k2|Reason to go ahead/);
    }
    const hired = JSON.parse(got[4]!.body) as { event: string; data: { hire: Record<string, unknown> } };
    expect(hired.event).toBe('candidate.hired');
    expect(hired.data.hire).toEqual({
      application_id: applicationId,
      candidate: { id: candidateId, name: 'Hana Hire', email: `hana.${ctx().dialect}@example.test`, phone: '+49 30 1234567' },
      opening: { id: opening.id, title: 'Account Executive Berlin', role: 'Account Executive' },
      hiring_manager: { id: manager.id, name: 'Mia Manager', email: manager.email },
      decision_date: ctx().clock.now().toISOString().slice(0, 10),
      start_date: null,
      onboarding_plan_id: null,
    });
    const scorecard = JSON.parse(got[2]!.body) as { data: { scorecard: Record<string, unknown> } };
    expect(scorecard.data.scorecard.recommendation).toBe('strong_yes');
    expect((await deliveriesOf(endpoint.id!)).map((d) => [d.state, Number(d.attempts), d.last_status === null ? null : Number(d.last_status)])).toEqual(Array(5).fill(['delivered', 1, 200]));

    // The log shows each delivery with its response code.
    const page = await admin.agent.get(`/settings/webhooks/${endpoint.id}`);
    expect(page.text).toContain('candidate.hired');
    expect(page.text).toContain('Delivered');

    // Nothing more to send: a second pass posts nothing.
    expect(await worker.deliverDue()).toBe(0);
    await ctx().db.deleteFrom('webhook_endpoints').where('id', '=', endpoint.id!).execute();
  });

  it('when a change writes deliveries, then the sender is woken once after commit; a change that writes none wakes nobody', async () => {
    const endpoint = await register({ url: `${receiver.base}/kick`, events: ['application.created'], allow_http: 'on', allow_private: 'on' });
    let kicks = 0;
    const kicking = useCaseDeps(ctx().db, { clock: ctx().clock, webhooks: { onQueued: () => (kicks += 1) } });
    const opening = await makeOpening(ctx().db);
    const applicationId = await addApplication(kicking, actingAs(admin.user.id), await makeCandidate(ctx().db), opening.id);
    expect(kicks).toBe(1);
    await moveApplication(kicking, actingAs(admin.user.id), applicationId, opening.stages[2]!.id, 'en');
    expect(kicks).toBe(1);
    await worker.deliverDue();
    expect(receivedAt('/kick')).toHaveLength(1);
    await ctx().db.deleteFrom('webhook_endpoints').where('id', '=', endpoint.id!).execute();
  });

  it('when candidates are imported into an opening, then each new application gets one application.created delivery, and the payloads take no query per row', async () => {
    const endpoint = await register({ url: `${receiver.base}/import`, events: ['application.created'], allow_http: 'on', allow_private: 'on' });
    const opening = await makeOpening(ctx().db);
    let queries = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        queries += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const counted = useCaseDeps(ctx().db.withPlugin(counting), { clock: ctx().clock });
    const importRows = async (rows: number, tag: string) => {
      const csv = `Name,Email\n${Array.from({ length: rows }, (_, i) => `Imported ${tag}${i},${tag}${i}.${ctx().dialect}@import.test`).join('\n')}\n`;
      const id = await uploadImportFile(counted, actingAs(admin.user.id), { fileName: `${tag}.csv`, bytes: Buffer.from(csv) });
      queries = 0;
      const outcome = await runImport(counted, actingAs(admin.user.id), id, { encoding: 'auto', delimiter: 'auto', defaultSource: 'outbound', openingId: opening.id }, 'en');
      expect(outcome.ok).toBe(true);
      return queries;
    };
    const few = await importRows(2, 'few');
    const many = await importRows(40, 'many');
    expect(many).toBe(few);
    const written = await deliveriesOf(endpoint.id!);
    expect(written).toHaveLength(42);
    expect(written.every((d) => d.event === 'application.created')).toBe(true);
    const names = written.map((d) => (JSON.parse(d.payload) as { data: { application: { candidate: { name: string } } } }).data.application.candidate.name);
    expect(names).toContain('Imported many39');
    expect(new Set(written.map((d) => d.delivery_id)).size).toBe(42);
    await ctx().db.deleteFrom('webhook_deliveries').where('endpoint_id', '=', endpoint.id!).execute();
    await ctx().db.deleteFrom('webhook_endpoints').where('id', '=', endpoint.id!).execute();
  });

  it('when maintenance runs, then deliveries done with more than 90 days ago leave the log, and newer or waiting ones stay', async () => {
    const endpoint = await register({ url: `${receiver.base}/old`, events: ['application.created'], allow_http: 'on', allow_private: 'on' });
    const opening = await makeOpening(ctx().db);
    for (let i = 0; i < 4; i += 1) await addApplication(deps(), actingAs(admin.user.id), await makeCandidate(ctx().db), opening.id);
    const rows = await deliveriesOf(endpoint.id!);
    const day = 86_400_000;
    const at = (days: number) => new Date(ctx().clock.now().getTime() - days * day).toISOString();
    const set = (i: number, state: 'delivered' | 'failed' | 'pending', days: number) => ctx().db.updateTable('webhook_deliveries').set({ state, updated_at: at(days) }).where('id', '=', rows[i]!.id).execute();
    await set(0, 'delivered', 91);
    await set(1, 'failed', 91);
    await set(2, 'delivered', 89);
    await set(3, 'pending', 200);
    await runMaintenance(ctx().db, ctx().clock);
    expect((await deliveriesOf(endpoint.id!)).map((d) => d.id)).toEqual([rows[2]!.id, rows[3]!.id]);
    await ctx().db.deleteFrom('webhook_endpoints').where('id', '=', endpoint.id!).execute();
  });

  it('when a change rolls back, or an endpoint is disabled or did not choose the event, then nothing is written for it, and a disabled endpoint\'s waiting delivery waits', async () => {
    const chosen = await register({ url: `${receiver.base}/chosen`, events: ['decision.recorded'], allow_http: 'on', allow_private: 'on' });
    const off = await register({ url: `${receiver.base}/off`, events: ['decision.recorded'], allow_http: 'on', allow_private: 'on' });
    const token = await csrfToken(admin.agent, `/settings/webhooks/${off.id}`);
    expect((await admin.agent.post(`/settings/webhooks/${off.id}`).type('form').send({ _csrf: token, url: `${receiver.base}/off`, events: ['decision.recorded'], allow_http: 'on', allow_private: 'on' })).status).toBe(303);
    const manager = await createUser(ctx().db, 'hiring_manager');
    const opening = await makeOpening(ctx().db, { hiringManagerId: manager.id });
    const applicationId = await addApplication(deps(), actingAs(admin.user.id), await makeCandidate(ctx().db), opening.id);
    // A decision without a rationale is refused: its transaction writes nothing.
    await expect(recordDecision(deps(), actingAs(manager.id, 'hiring_manager'), applicationId, decisionInput('no_hire', ''))).rejects.toThrow();
    expect(await deliveriesOf(chosen.id!)).toEqual([]);
    await recordDecision(deps(), actingAs(manager.id, 'hiring_manager'), applicationId, decisionInput('no_hire'));
    expect((await deliveriesOf(chosen.id!)).map((d) => d.event)).toEqual(['decision.recorded']);
    expect(await deliveriesOf(off.id!)).toEqual([]);
    // Disabled with a delivery waiting: it waits until the endpoint is enabled again.
    await ctx().db.updateTable('webhook_endpoints').set({ enabled: 0 }).where('id', '=', chosen.id!).execute();
    expect(await worker.deliverDue()).toBe(0);
    expect(receivedAt('/chosen')).toEqual([]);
    await ctx().db.updateTable('webhook_endpoints').set({ enabled: 1 }).where('id', '=', chosen.id!).execute();
    expect(await worker.deliverDue()).toBe(1);
    expect(receivedAt('/chosen')).toHaveLength(1);
    for (const id of [chosen.id!, off.id!]) await ctx().db.deleteFrom('webhook_endpoints').where('id', '=', id).execute();
  });

  it('when the receiver fails, then the delivery is retried with backoff under the same delivery id, the log shows each response, it fails after the last try, and "redeliver" sends it again', async () => {
    const endpoint = await register({ url: `${receiver.base}/flaky`, events: ['decision.recorded'], allow_http: 'on', allow_private: 'on' });
    failures.set('/flaky', 2);
    const manager = await createUser(ctx().db, 'hiring_manager');
    const opening = await makeOpening(ctx().db, { hiringManagerId: manager.id });
    const applicationId = await addApplication(deps(), actingAs(admin.user.id), await makeCandidate(ctx().db), opening.id);
    await recordDecision(deps(), actingAs(manager.id, 'hiring_manager'), applicationId, decisionInput('no_hire'));
    const start = ctx().clock.now().getTime();
    try {
      await worker.deliverDue();
      let [row] = await deliveriesOf(endpoint.id!);
      expect([row!.state, Number(row!.attempts), Number(row!.last_status)]).toEqual(['pending', 1, 500]);
      expect(new Date(row!.next_attempt_at).getTime() - ctx().clock.now().getTime()).toBe(60_000);
      // Not due yet: nothing is posted.
      ctx().clock.advance(59_000);
      expect(await worker.deliverDue()).toBe(0);
      ctx().clock.advance(1_000);
      expect(await worker.deliverDue()).toBe(1);
      [row] = await deliveriesOf(endpoint.id!);
      expect([row!.state, Number(row!.attempts), Number(row!.last_status)]).toEqual(['pending', 2, 500]);
      const log = await admin.agent.get(`/settings/webhooks/${endpoint.id}`);
      expect(log.text).toMatch(/2 \/ 8/);
      expect(log.text).toContain('<td>500</td>');
      ctx().clock.advance(5 * 60_000);
      await worker.deliverDue();
      [row] = await deliveriesOf(endpoint.id!);
      expect([row!.state, Number(row!.attempts), Number(row!.last_status)]).toEqual(['delivered', 3, 200]);
      const tries = receivedAt('/flaky');
      expect(tries).toHaveLength(3);
      expect(new Set(tries.map((r) => r.headers['x-salesbench-delivery'])).size).toBe(1);

      // A receiver that never recovers: 8 tries over about a day, then failed for good.
      failures.set('/flaky', 100);
      await ctx().db.updateTable('webhook_deliveries').set({ state: 'pending', attempts: 0, next_attempt_at: ctx().clock.now().toISOString() }).where('id', '=', row!.id).execute();
      for (let i = 0; i < MAX_ATTEMPTS; i += 1) {
        await worker.deliverDue();
        ctx().clock.advance(13 * 3_600_000);
      }
      [row] = await deliveriesOf(endpoint.id!);
      expect([row!.state, Number(row!.attempts), Number(row!.last_status)]).toEqual(['failed', MAX_ATTEMPTS, 500]);
      expect(await worker.deliverDue()).toBe(0);
    } finally {
      ctx().clock.advance(start - ctx().clock.now().getTime());
    }
    // Redeliver (the button): the receiver is back, the same delivery goes out once more.
    failures.set('/flaky', 0);
    const [failed] = await deliveriesOf(endpoint.id!);
    const token = await csrfToken(admin.agent, `/settings/webhooks/${endpoint.id}`);
    expect((await admin.agent.post(`/settings/webhooks/${endpoint.id}/deliveries/${failed!.id}/redeliver`).type('form').send({ _csrf: token })).status).toBe(303);
    // Without the CSRF token the button does nothing.
    expect((await admin.agent.post(`/settings/webhooks/${endpoint.id}/deliveries/${failed!.id}/redeliver`).type('form').send({})).status).toBe(403);
    expect((await deliveriesOf(endpoint.id!))[0]!.state).toBe('pending');
    await worker.deliverDue();
    const [again] = await deliveriesOf(endpoint.id!);
    expect([again!.state, Number(again!.attempts), Number(again!.last_status)]).toEqual(['delivered', 1, 200]);
    expect(receivedAt('/flaky').at(-1)!.headers['x-salesbench-delivery']).toBe(failed!.delivery_id);
    await ctx().db.deleteFrom('webhook_endpoints').where('id', '=', endpoint.id!).execute();
  });

  it('when an onboarding plan is completed, then onboarding.completed is sent once, with the plan, the new hire and the dates', async () => {
    const endpoint = await register({ url: `${receiver.base}/onboarding`, events: ['onboarding.completed'], allow_http: 'on', allow_private: 'on' });
    const manager = await createUser(ctx().db, 'hiring_manager');
    const hire = await createUser(ctx().db, 'new_hire', { name: 'Nina Newhire' });
    const template = (await listTemplates(ctx().db, 'en')).find((t) => t.roleKey === 'sdr_outbound')!;
    const startDate = addDays(todayOf(ctx().clock.now()), -80);
    const planId = await runInUnitOfWork(deps(), (uow) => createPlanIn(uow, manager.id, { newHireId: hire.id, roleId: template.roleId, startDate, managerId: manager.id, buddyId: null, productLeadId: null, csLeadId: null, sdrLeadId: null }));
    const withStorage = { ...deps(), storage: ctx().files };
    for (const task of (await listPlanTasks(ctx().db, [planId], null)).filter((t) => t.kind !== 'review' && t.required)) await markTaskDone(withStorage, actingAs(hire.id, 'new_hire'), task.id, { note: 'done' });
    for (const task of (await listPlanTasks(ctx().db, [planId], null)).filter((t) => t.doneAt && t.signOff !== 'none')) await signOffTask(deps(), actingAs(manager.id, 'hiring_manager'), task.id);
    expect(await deliveriesOf(endpoint.id!)).toEqual([]);
    await recordReview(deps(), actingAs(manager.id, 'hiring_manager'), planId, { rating: 4, note: 'Ramped fast.' });
    await worker.deliverDue();
    const [got] = receivedAt('/onboarding');
    expect(JSON.parse(got!.body).data).toEqual({ onboarding: { plan_id: planId, application_id: null, new_hire: { id: hire.id, name: 'Nina Newhire', email: hire.email }, manager: { id: manager.id, name: manager.name, email: manager.email }, role: 'SDR – outbound', start_date: startDate, completed_at: ctx().clock.now().toISOString() } });
    expect(got!.body).not.toContain('Ramped fast');
    expect(receivedAt('/onboarding')).toHaveLength(1);
    await ctx().db.deleteFrom('webhook_endpoints').where('id', '=', endpoint.id!).execute();
  });

  it('when a target is loopback or private, or plain http, then registration refuses it next to the field unless allowed, and delivery refuses it unless allowed', async () => {
    const before = await ctx().db.selectFrom('webhook_endpoints').select('id').execute();
    const loopback = await register({ url: `${receiver.base.replace('http:', 'https:')}/x`, events: ['candidate.hired'] });
    expect(loopback.status).toBe(422);
    expect(loopback.text).toMatch(/id="field-url-error" class="field-error">This is a private or loopback address/);
    expect(loopback.text).toContain(`value="${receiver.base.replace('http:', 'https:')}/x"`);
    const plain = await register({ url: 'http://hr.example.com/x', events: ['candidate.hired'] });
    expect(plain.status).toBe(422);
    expect(plain.text).toContain('Use https://, or allow plain http://');
    for (const url of ['https://[::1]/x', 'https://[::ffff:127.0.0.1]/x', 'https://169.254.169.254/latest', 'https://10.0.0.8/x', 'https://localhost/x']) {
      expect((await register({ url, events: ['candidate.hired'], allow_http: 'on' })).status).toBe(422);
    }
    const none = await register({ url: 'https://hr.example.com/x' });
    expect(none.text).toMatch(/id="field-events-error" class="field-error">Choose at least one event/);
    expect(await ctx().db.selectFrom('webhook_endpoints').select('id').execute()).toEqual(before);

    // At delivery: an endpoint whose allowance was taken away (changed in the database) is refused, and nothing reaches the receiver.
    const allowed = await register({ url: `${receiver.base}/guarded`, events: ['decision.recorded'], allow_http: 'on', allow_private: 'on' });
    expect(allowed.status).toBe(200);
    await ctx().db.updateTable('webhook_endpoints').set({ allow_private: 0 }).where('id', '=', allowed.id!).execute();
    const manager = await createUser(ctx().db, 'hiring_manager');
    const opening = await makeOpening(ctx().db, { hiringManagerId: manager.id });
    const applicationId = await addApplication(deps(), actingAs(admin.user.id), await makeCandidate(ctx().db), opening.id);
    await recordDecision(deps(), actingAs(manager.id, 'hiring_manager'), applicationId, decisionInput('no_hire'));
    await worker.deliverDue();
    const [refused] = await deliveriesOf(allowed.id!);
    expect(refused!.state).toBe('failed');
    expect(refused!.last_status).toBeNull();
    expect(refused!.last_error).toMatch(/target refused/);
    expect(receivedAt('/guarded')).toEqual([]);
    await ctx().db.deleteFrom('webhook_endpoints').where('id', '=', allowed.id!).execute();
  });

  it('when a public name resolves to a loopback address (DNS rebinding), then the post is refused unless allowed, and when allowed it goes to the address that was checked', async () => {
    const port = new URL(receiver.base).port;
    // A resolver standing for a name that points at this machine.
    const rebinding = ((_host: string, _options: dns.LookupOptions, callback: (err: null, addresses: dns.LookupAddress[]) => void) => callback(null, [{ address: '127.0.0.1', family: 4 }])) as unknown as typeof dns.lookup;
    const post = createPoster(rebinding);
    const request = { url: `http://hooks.example.com:${port}/rebind`, headers: {}, body: '{}' };
    const refused = await post({ ...request, allowance: { allowHttp: true, allowPrivate: false } });
    expect(refused).toEqual({ status: null, error: expect.stringMatching(/hooks\.example\.com resolves to 127\.0\.0\.1, a loopback address/) as string, permanent: true });
    expect(receivedAt('/rebind')).toEqual([]);
    expect(await post({ ...request, allowance: { allowHttp: true, allowPrivate: true } })).toEqual({ status: 200 });
    expect(receivedAt('/rebind')).toHaveLength(1);
    expect(receivedAt('/rebind')[0]!.headers.host).toBe(`hooks.example.com:${port}`);
  });

  it('when an admin rotates, edits and deletes an endpoint, then each takes effect, the new secret signs from then on, and a non-admin cannot reach the pages', async () => {
    const endpoint = await register({ url: `${receiver.base}/rotated`, events: ['decision.recorded'], allow_http: 'on', allow_private: 'on' });
    let token = await csrfToken(admin.agent, `/settings/webhooks/${endpoint.id}`);
    const rotated = await admin.agent.post(`/settings/webhooks/${endpoint.id}/rotate`).type('form').send({ _csrf: token });
    expect(rotated.status).toBe(200);
    const secret = /id="webhook-secret"[^>]*value="([^"]+)"/.exec(rotated.text)![1]!;
    expect(secret).not.toBe(endpoint.secret);
    const manager = await createUser(ctx().db, 'hiring_manager');
    const opening = await makeOpening(ctx().db, { hiringManagerId: manager.id });
    const applicationId = await addApplication(deps(), actingAs(admin.user.id), await makeCandidate(ctx().db), opening.id);
    await recordDecision(deps(), actingAs(manager.id, 'hiring_manager'), applicationId, decisionInput('no_hire'));
    await worker.deliverDue();
    const [got] = receivedAt('/rotated');
    const now = Math.floor(ctx().clock.now().getTime() / 1000);
    expect(verifySignature(secret, got!.headers['x-salesbench-signature'] as string, got!.body, now)).toBe(true);
    expect(verifySignature(endpoint.secret!, got!.headers['x-salesbench-signature'] as string, got!.body, now)).toBe(false);

    // An edit that makes the URL plain http without the allowance is refused next to the field, the values kept.
    token = await csrfToken(admin.agent, `/settings/webhooks/${endpoint.id}`);
    const bad = await admin.agent.post(`/settings/webhooks/${endpoint.id}`).type('form').send({ _csrf: token, url: 'http://hr.example.com/hook', events: ['candidate.hired'] });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('value="http://hr.example.com/hook"');

    const recruiter = await signInAs(ctx().app, ctx().db, 'recruiter');
    expect((await recruiter.agent.get(`/settings/webhooks/${endpoint.id}`)).status).toBe(403);
    expect((await recruiter.agent.get('/settings/webhooks')).status).toBe(403);

    token = await csrfToken(admin.agent, `/settings/webhooks/${endpoint.id}`);
    expect((await admin.agent.post(`/settings/webhooks/${endpoint.id}/delete`).type('form').send({ _csrf: token })).status).toBe(303);
    expect(await ctx().db.selectFrom('webhook_endpoints').select('id').where('id', '=', endpoint.id!).execute()).toEqual([]);
    expect(await deliveriesOf(endpoint.id!)).toEqual([]);
    expect((await admin.agent.get(`/settings/webhooks/${endpoint.id}`)).status).toBe(404);
    const audit = await ctx().db.selectFrom('audit_log').select('action').where('subject_type', '=', 'webhook_endpoint').where('subject_id', '=', endpoint.id!).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['webhook.create', 'webhook.rotate', 'webhook.delete']);
  });

  it('when a candidate is erased, then the deliveries naming them lose their details and one still waiting is not sent', async () => {
    const endpoint = await register({ url: `${receiver.base}/erased`, events: ['application.created'], allow_http: 'on', allow_private: 'on' });
    const opening = await makeOpening(ctx().db);
    const candidateId = await makeCandidate(ctx().db, { name: 'Erik Erased' });
    await addApplication(deps(), actingAs(admin.user.id), candidateId, opening.id);
    await eraseCandidate({ ...deps(), storage: ctx().files }, actingAs(admin.user.id), candidateId);
    const [row] = await deliveriesOf(endpoint.id!);
    expect(row!.state).toBe('failed');
    expect(row!.payload).not.toContain('Erik Erased');
    await worker.deliverDue();
    expect(receivedAt('/erased')).toEqual([]);
    await ctx().db.deleteFrom('webhook_endpoints').where('id', '=', endpoint.id!).execute();
  });
});
