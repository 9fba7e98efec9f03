import dns from 'node:dns';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../../../src/clock';
import { mergeCandidates } from '../../../src/candidates/merge.use-cases';
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
import { queryCounter } from '../../helpers/query-count';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { createUser, csrfToken, signInAs } from '../../helpers/web';
import { decisionInput, scoreInterview } from '../../helpers/writes';
import { seedCatalog } from '../onboarding/helpers';
import { startReceiver } from './receiver';

const silent = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
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

  /** The secret a page shows once, in its flash message. */
  const secretIn = (text: string) => /id="flash-value-\d+" class="flash-value" type="text" readonly value="(whsec_[^"]+)"/.exec(text)?.[1];

  /** Registers an endpoint through the settings form; returns its id and the secret shown once on the page it leads to. */
  async function register(fields: Record<string, string | string[]>): Promise<{ status: number; text: string; id?: number; secret?: string }> {
    const token = await csrfToken(admin.agent, '/settings/webhooks/new');
    const res = await admin.agent.post('/settings/webhooks').type('form').send({ _csrf: token, enabled: 'on', ...fields });
    if (res.status !== 303) return { status: res.status, text: res.text };
    const location = String(res.headers.location);
    const page = await admin.agent.get(location);
    const secret = secretIn(page.text);
    return { status: res.status, text: page.text, id: Number(/^\/settings\/webhooks\/(\d+)$/.exec(location)?.[1]), ...(secret ? { secret } : {}) };
  }

  const deliveriesOf = (endpointId: number) => ctx().db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId).orderBy('id').execute();
  const receivedAt = (path: string) => receiver.received.filter((r) => r.path === path);

  it('when hiring moves on, then each chosen event reaches the receiver after commit, signed with the secret shown once, and the hire carries what HR needs without any scorecard text', async () => {
    const endpoint = await register({ url: `${receiver.base}/all`, description: 'HR system', events: ALL_EVENTS, allow_http: 'on', allow_private: 'on' });
    expect(endpoint.status).toBe(303);
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
    // Two posts to one endpoint may be in flight at once, so they can arrive in either order: put them in the order they were written.
    const writtenOrder = written.map((d) => d.delivery_id);
    const got = [...receivedAt('/all')].sort((a, b) => writtenOrder.indexOf(a.headers['x-salesbench-delivery'] as string) - writtenOrder.indexOf(b.headers['x-salesbench-delivery'] as string));
    expect(got.map((r) => r.headers['x-salesbench-delivery'])).toEqual(writtenOrder);
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
    // That the scorecard is in, not what it recommends: interviewers who still owe theirs may read the receiving channel.
    const scorecard = JSON.parse(got[2]!.body) as { data: { scorecard: Record<string, unknown> } };
    expect(scorecard.data.scorecard).toEqual({ id: expect.any(Number) as number, interview_id: interviewId, application_id: applicationId, opening_id: opening.id, interviewer: { id: interviewer.id, name: 'Ivo Interviewer', email: interviewer.email }, submitted_at: expect.any(String) as string });
    expect(got[2]!.body).not.toContain('strong_yes');
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
    const queries = queryCounter();
    const counted = useCaseDeps(ctx().db.withPlugin(queries.plugin), { clock: ctx().clock });
    const importRows = async (rows: number, tag: string) => {
      const csv = `Name,Email\n${Array.from({ length: rows }, (_, i) => `Imported ${tag}${i},${tag}${i}.${ctx().dialect}@import.test`).join('\n')}\n`;
      const id = await uploadImportFile(counted, actingAs(admin.user.id), { fileName: `${tag}.csv`, bytes: Buffer.from(csv) });
      queries.reset();
      const outcome = await runImport(counted, actingAs(admin.user.id), id, { encoding: 'auto', delimiter: 'auto', defaultSource: 'outbound', openingId: opening.id }, 'en');
      expect(outcome.ok).toBe(true);
      return queries.count;
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
    expect(allowed.status).toBe(303);
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
    expect(rotated.status).toBe(303);
    const secret = secretIn((await admin.agent.get(String(rotated.headers.location))).text)!;
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

  describe('sending', () => {
    /** Path → what the receiver does: answer after a while, stay silent, or hand the request to a test. */
    const behaviour = new Map<string, (req: { path: string; headers: http.IncomingHttpHeaders }) => number | null | Promise<number | null>>();
    let other: Awaited<ReturnType<typeof startReceiver>>;
    const gotAt = (path: string) => other.received.filter((r) => r.path === path);
    const idsAt = (path: string) => gotAt(path).map((r) => String(r.headers['x-salesbench-delivery']));

    beforeAll(async () => {
      other = await startReceiver((req) => (behaviour.get(req.path) ?? (() => 200))(req));
    });
    afterAll(async () => {
      await other.close();
    });

    /** An endpoint on the second receiver and `count` application.created deliveries for it. */
    async function endpointWith(path: string, count: number): Promise<number> {
      const endpoint = await register({ url: `${other.base}${path}`, events: ['application.created'], allow_http: 'on', allow_private: 'on' });
      const opening = await makeOpening(ctx().db);
      for (let i = 0; i < count; i += 1) await addApplication(deps(), actingAs(admin.user.id), await makeCandidate(ctx().db), opening.id);
      // Only this endpoint chooses the event among those left: other tests remove theirs.
      return endpoint.id!;
    }
    const removeEndpoints = async (...ids: number[]) => {
      for (const id of ids) await ctx().db.deleteFrom('webhook_endpoints').where('id', '=', id).execute();
    };

    it('when two senders share the outbox and the receiver answers more slowly than the lease, then each delivery arrives once', async () => {
      const slowly = () => new Promise<number>((resolve) => setTimeout(() => resolve(200), 4_000).unref());
      behaviour.set('/slow-a', slowly);
      behaviour.set('/slow-b', slowly);
      const a = await endpointWith('/slow-a', 3);
      const b = await endpointWith('/slow-b', 3);
      // Due by the real clock these two senders read.
      await ctx().db.updateTable('webhook_deliveries').set({ next_attempt_at: new Date(0).toISOString() }).where('endpoint_id', 'in', [a, b]).execute();
      const options = { db: ctx().db, clock: systemClock, post: postWebhook, logger: silent, random: () => 0.5, leaseMs: 3_000, leaseMarginMs: 1_500 };
      const first = createWebhookWorker({ ...options, owner: 'first' });
      const second = createWebhookWorker({ ...options, owner: 'second' });
      const firstRun = first.deliverDue();
      // The second looks for due deliveries all along, past the lease and the slow answers.
      const end = Date.now() + 5_000;
      while (Date.now() < end) {
        await second.deliverDue();
        await sleep(50);
      }
      await firstRun;
      const ids = [...idsAt('/slow-a'), ...idsAt('/slow-b')];
      expect(ids.length).toBeGreaterThanOrEqual(2);
      expect(new Set(ids).size).toBe(ids.length);
      await removeEndpoints(a, b);
    }, 20_000);

    it('when a sender\'s lease ran out and another sender took its deliveries over, then the first posts none of those it had not started', async () => {
      const id = await endpointWith('/taken-over', 3);
      const rows = await deliveriesOf(id);
      const second = createWebhookWorker({ db: ctx().db, clock: ctx().clock, post: postWebhook, logger: silent, random: () => 0.5, owner: 'second' });
      let arrivals = 0;
      let takeOver: Promise<unknown> | undefined;
      behaviour.set('/taken-over', async () => {
        arrivals += 1;
        // The second sender's posts.
        if (arrivals > 2) return 200;
        // The first sender's two posts are both held (however the machine orders their starts): while
        // they are, its leases run out and the second sender takes every delivery over and sends it.
        const deadline = Date.now() + 5_000;
        while (gotAt('/taken-over').length < 2 && Date.now() < deadline) await sleep(10);
        takeOver ??= (async () => {
          ctx().clock.advance(61_000);
          await second.deliverDue();
        })();
        await takeOver;
        return 200;
      });
      const worker1 = createWebhookWorker({ db: ctx().db, clock: ctx().clock, post: postWebhook, logger: silent, random: () => 0.5, owner: 'first' });
      await worker1.deliverDue();
      // The third was waiting its turn behind the first two (two posts at once per endpoint): the second sender posted it, the first did not.
      expect(idsAt('/taken-over').filter((d) => d === rows[2]!.delivery_id)).toHaveLength(1);
      expect((await deliveriesOf(id)).map((d) => d.state)).toEqual(['delivered', 'delivered', 'delivered']);
      await removeEndpoints(id);
    });

    it('when one endpoint\'s receiver is silent, then another endpoint\'s deliveries go out at once, and the silent one\'s untried deliveries wait for its retry without a try counted', async () => {
      behaviour.set('/silent', () => null);
      const silentId = await endpointWith('/silent', 3);
      const fastId = await endpointWith('/fast', 2);
      const worker1 = createWebhookWorker({ db: ctx().db, clock: ctx().clock, post: postWebhook, logger: silent, random: () => 0.5, leaseMs: 4_000, leaseMarginMs: 2_000 });
      const started = Date.now();
      const run = worker1.deliverDue();
      while (gotAt('/fast').length < 2 && Date.now() - started < 5_000) await sleep(20);
      // Before the silent receiver's first post timed out (2 s here): posts to one endpoint do not wait for another's.
      expect(gotAt('/fast')).toHaveLength(2);
      const silentFirst = Math.min(...gotAt('/silent').map((r) => r.at));
      expect(Math.max(...gotAt('/fast').map((r) => r.at)) - silentFirst).toBeLessThan(1_500);
      expect(await run).toBe(4);
      const [s1, s2, s3] = await deliveriesOf(silentId);
      for (const tried of [s1!, s2!]) expect([tried.state, Number(tried.attempts), tried.last_error]).toEqual(['pending', 1, 'no answer within 2 s']);
      expect([s3!.state, Number(s3!.attempts), s3!.next_attempt_at]).toEqual(['pending', 0, s1!.next_attempt_at]);
      expect(idsAt('/silent')).not.toContain(s3!.delivery_id);
      expect((await deliveriesOf(fastId)).map((d) => d.state)).toEqual(['delivered', 'delivered']);
      await removeEndpoints(silentId, fastId);
    }, 15_000);

    it('when the sender stops while a post is in flight, then that delivery keeps its lease (not sent again meanwhile), and one claimed but not yet posted goes back to the outbox', async () => {
      behaviour.set('/stopped', () => null);
      const id = await endpointWith('/stopped', 3);
      const worker1 = createWebhookWorker({ db: ctx().db, clock: ctx().clock, post: postWebhook, logger: silent, random: () => 0.5, leaseMs: 3_000, leaseMarginMs: 2_000, owner: 'stopping' });
      const run = worker1.deliverDue();
      while (gotAt('/stopped').length < 2) await sleep(20);
      await worker1.stop(50);
      const [d1, d2, d3] = await deliveriesOf(id);
      for (const inFlight of [d1!, d2!]) expect([inFlight.state, inFlight.lease_owner]).toEqual(['sending', 'stopping']);
      expect([d3!.state, Number(d3!.attempts), d3!.lease_owner]).toEqual(['pending', 0, null]);
      await run;
      await removeEndpoints(id);
    }, 10_000);

    it('when a receiver answers 200 and then trickles its body, then the delivery counts as delivered as soon as the status is in', async () => {
      const trickling = http.createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          res.writeHead(200, { 'content-type': 'text/plain' });
          const timer = setInterval(() => res.write('.'), 100);
          setTimeout(() => {
            clearInterval(timer);
            res.end();
          }, 3_000);
        });
      });
      await new Promise<void>((resolve) => trickling.listen(0, '127.0.0.1', resolve));
      try {
        const url = `http://127.0.0.1:${(trickling.address() as AddressInfo).port}/trickle`;
        const started = Date.now();
        expect(await postWebhook({ url, headers: {}, body: '{}', allowance: { allowHttp: true, allowPrivate: true }, timeoutMs: 1_000 })).toEqual({ status: 200 });
        expect(Date.now() - started).toBeLessThan(1_000);
        // The deadline is for the headers: a receiver that sends none gets a timeout.
        behaviour.set('/headers-never', () => null);
        expect(await postWebhook({ url: `${other.base}/headers-never`, headers: {}, body: '{}', allowance: { allowHttp: true, allowPrivate: true }, timeoutMs: 300 })).toEqual({ status: null, error: 'no answer within 0.3 s', permanent: false });
      } finally {
        trickling.closeAllConnections();
        await new Promise<void>((resolve) => trickling.close(() => resolve()));
      }
    });
  });

  it('when an endpoint is added or its secret rotated, then the answer is a redirect to its page, which shows the secret once: a reload shows it no more and adds nothing', async () => {
    const url = `${receiver.base}/once`;
    let token = await csrfToken(admin.agent, '/settings/webhooks/new');
    const created = await admin.agent.post('/settings/webhooks').type('form').send({ _csrf: token, enabled: 'on', url, events: ['application.created'], allow_http: 'on', allow_private: 'on' });
    expect(created.status).toBe(303);
    const location = String(created.headers.location);
    expect(location).toMatch(/^\/settings\/webhooks\/\d+$/);
    const page = await admin.agent.get(location);
    const secret = secretIn(page.text)!;
    expect(secret).toMatch(/^whsec_/);
    expect(page.text).toContain('Copy its signing secret now');
    expect((await admin.agent.get(location)).text).not.toContain(secret);
    expect(await ctx().db.selectFrom('webhook_endpoints').select('id').where('url', '=', url).execute()).toHaveLength(1);

    token = await csrfToken(admin.agent, location);
    const rotated = await admin.agent.post(`${location}/rotate`).type('form').send({ _csrf: token });
    expect([rotated.status, rotated.headers.location]).toEqual([303, location]);
    const rotatedPage = await admin.agent.get(location);
    const newSecret = secretIn(rotatedPage.text)!;
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(secret);
    const reloaded = await admin.agent.get(location);
    expect(reloaded.text).not.toContain(newSecret);
    expect(secretIn(reloaded.text)).toBeUndefined();
    const stored = await ctx().db.selectFrom('webhook_endpoints').select('secret').where('url', '=', url).executeTakeFirstOrThrow();
    expect(stored.secret).toBe(newSecret);
    await ctx().db.deleteFrom('webhook_endpoints').where('url', '=', url).execute();
  });

  it('when a delivery still waits for a try, then redeliver refuses it (its tries are not reset) and offers no button; a delivered or failed one is offered and goes out again', async () => {
    const endpoint = await register({ url: `${receiver.base}/again`, events: ['application.created'], allow_http: 'on', allow_private: 'on' });
    const opening = await makeOpening(ctx().db);
    for (let i = 0; i < 3; i += 1) await addApplication(deps(), actingAs(admin.user.id), await makeCandidate(ctx().db), opening.id);
    const [waiting, delivered, failed] = await deliveriesOf(endpoint.id!);
    const inAnHour = new Date(ctx().clock.now().getTime() + 3_600_000).toISOString();
    await ctx().db.updateTable('webhook_deliveries').set({ state: 'pending', attempts: 5, next_attempt_at: inAnHour }).where('id', '=', waiting!.id).execute();
    await ctx().db.updateTable('webhook_deliveries').set({ state: 'delivered', attempts: 1 }).where('id', '=', delivered!.id).execute();
    await ctx().db.updateTable('webhook_deliveries').set({ state: 'failed', attempts: 8 }).where('id', '=', failed!.id).execute();
    const page = await admin.agent.get(`/settings/webhooks/${endpoint.id}`);
    const action = (id: number) => `action="/settings/webhooks/${endpoint.id}/deliveries/${id}/redeliver"`;
    expect(page.text).not.toContain(action(waiting!.id));
    expect(page.text).toContain(action(delivered!.id));
    expect(page.text).toContain(action(failed!.id));

    const token = await csrfToken(admin.agent, `/settings/webhooks/${endpoint.id}`);
    const post = (id: number) => admin.agent.post(`/settings/webhooks/${endpoint.id}/deliveries/${id}/redeliver`).type('form').send({ _csrf: token });
    expect((await post(waiting!.id)).status).toBe(303);
    expect((await admin.agent.get(`/settings/webhooks/${endpoint.id}`)).text).toContain('This delivery cannot be sent again');
    for (const id of [delivered!.id, failed!.id]) expect((await post(id)).status).toBe(303);
    const after = await deliveriesOf(endpoint.id!);
    expect(after.map((d) => [d.state, Number(d.attempts)])).toEqual([['pending', 5], ['pending', 0], ['pending', 0]]);
    expect(after[0]!.next_attempt_at).toBe(inAnHour);
    await ctx().db.deleteFrom('webhook_endpoints').where('id', '=', endpoint.id!).execute();
  });

  it('when a candidate was merged into another and the kept one is erased, then the deliveries that named the merged one lose their details and a waiting one is not sent; another candidate\'s stay', async () => {
    const endpoint = await register({ url: `${receiver.base}/merged`, events: ['application.created', 'application.moved'], allow_http: 'on', allow_private: 'on' });
    const opening = await makeOpening(ctx().db);
    const otherOpening = await makeOpening(ctx().db);
    const merged = await makeCandidate(ctx().db, { name: 'Mona Merged' });
    const kept = await makeCandidate(ctx().db, { name: 'Kai Kept' });
    const bystander = await makeCandidate(ctx().db, { name: 'Bea Bystander' });
    const applicationId = await addApplication(deps(), actingAs(admin.user.id), merged, opening.id);
    await addApplication(deps(), actingAs(admin.user.id), kept, otherOpening.id);
    await addApplication(deps(), actingAs(admin.user.id), bystander, opening.id);
    await worker.deliverDue();
    await moveApplication(deps(), actingAs(admin.user.id), applicationId, opening.stages[1]!.id, 'en');
    expect((await deliveriesOf(endpoint.id!)).map((d) => d.state)).toEqual(['delivered', 'delivered', 'delivered', 'pending']);

    await mergeCandidates({ ...deps(), storage: ctx().files }, actingAs(admin.user.id), kept, merged, 'en');
    await eraseCandidate({ ...deps(), storage: ctx().files }, actingAs(admin.user.id), kept);
    const rows = await deliveriesOf(endpoint.id!);
    expect(rows.map((d) => d.state)).toEqual(['delivered', 'delivered', 'delivered', 'failed']);
    for (const i of [0, 1, 3]) expect(rows[i]!.payload).toBe('{}');
    expect(rows.map((d) => d.payload).join()).not.toMatch(/Mona Merged|Kai Kept/);
    expect(rows[2]!.payload).toContain('Bea Bystander');
    const before = receivedAt('/merged').length;
    await worker.deliverDue();
    expect(receivedAt('/merged')).toHaveLength(before);
    await ctx().db.deleteFrom('webhook_endpoints').where('id', '=', endpoint.id!).execute();
  });
});
