import net from 'node:net';
import pino from 'pino';
import { MAX_ATTEMPTS } from '../../../src/mail/delivery';
import { createOutboxWorker, type OutboxWorker } from '../../../src/mail/outbox-worker';
import { smtpSender } from '../../../src/mail/smtp';
import { saveSettings } from '../../../src/settings/settings.use-cases';
import { updateUser } from '../../../src/users/users.repository';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { linkIn, useSmtpServer } from '../../helpers/smtp';
import { csrfToken, signInAs, STRONG_PASSWORD } from '../../helpers/web';
import request from 'supertest';

const PUBLIC_URL = 'https://hiring.acme.example';
const silent = pino({ level: 'silent' });

// Greylists every address starting "grey" once; refuses every address starting "refused".
const smtp = useSmtpServer({ answer: (address, offered) => (address.startsWith('refused') ? 550 : address.startsWith('grey') && offered === 1 ? 451 : undefined) });

function outbox(ctx: TestContext, email: string) {
  return ctx.db.selectFrom('outbox_messages').selectAll().where('recipient_email', '=', email).orderBy('id').execute();
}

describeEachDialect(
  'mail delivered over SMTP',
  (ctx) => {
    let worker: OutboxWorker;
    let admin: Awaited<ReturnType<typeof signInAs>>;

    beforeAll(async () => {
      worker = createOutboxWorker({ db: ctx().db, clock: ctx().clock, send: smtpSender(ctx().config.mail!), logger: silent, random: () => 0.5 });
      admin = await signInAs(ctx().app, ctx().db, 'admin');
      await updateUser(ctx().db, admin.user.id, { name: 'Alma Admin' }, ctx().clock.now());
      await saveSettings(useCaseDeps(ctx().db, { clock: ctx().clock }), actingAs(admin.user.id), { independentFeedback: true, companyName: 'Acme Sales', timeZone: 'Europe/Berlin' });
    });

    async function invite(email: string, name = 'Nora Newcomer') {
      const token = await csrfToken(admin.agent, '/users');
      return admin.agent.post('/users').type('form').send({ _csrf: token, name, email, role: 'recruiter' });
    }

    it('when an admin invites someone, then the invite arrives as HTML and text from the company, and its link lets them set a password and sign in', async () => {
      const email = `nora.${ctx().dialect}@example.test`;
      const res = await invite(email);
      expect(res.status).toBe(303);
      // Written with the invite, sent after: the request did not wait for the mail server.
      expect((await outbox(ctx(), email)).map((m) => m.state)).toEqual(['pending']);
      expect(smtp().to(email)).toHaveLength(0);

      expect(await worker.deliverDue()).toBe(1);
      const [received] = smtp().to(email);
      const stored = (await outbox(ctx(), email))[0]!;
      expect(stored.state).toBe('sent');
      const mail = received!.mail;
      expect(mail.from?.value).toEqual([{ name: 'Acme Sales', address: 'hiring@acme.example' }]);
      expect(received!.from).toBe('hiring@acme.example');
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((v) => v.address) : []).toEqual([email]);
      expect(mail.messageId).toBe(stored.message_id);
      expect(mail.subject).toBe('Alma Admin invited you to Acme Sales on Salesbench');
      expect(mail.text).toContain('Recruiter');
      expect(mail.text).toContain(`${PUBLIC_URL}/invite/`);
      expect(mail.html).toContain(`href="${PUBLIC_URL}/invite/`);
      // No tracking: no images, nothing loaded from anywhere.
      expect(String(mail.html)).not.toMatch(/<img|url\(/i);
      expect(mail.headers.has('list-unsubscribe')).toBe(false);
      expect(mail.text).toContain('Acme Sales');

      const path = linkIn(received!, '/invite/');
      const visitor = request.agent(ctx().app);
      const page = await visitor.get(path);
      expect(page.status).toBe(200);
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
      const accepted = await visitor.post(path).type('form').send({ _csrf: token, password: STRONG_PASSWORD, password_confirm: STRONG_PASSWORD });
      expect(accepted.status).toBe(303);
      const user = await ctx().db.selectFrom('users').select('status').where('email', '=', email).executeTakeFirstOrThrow();
      expect(user.status).toBe('active');
    });

    it('when the recipient reads Russian in another time zone, then the message is in Russian with the expiry in their local time', async () => {
      const email = `olga.${ctx().dialect}@example.test`;
      expect((await invite(email, 'Ольга Новикова')).status).toBe(303);
      const user = await ctx().db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
      await updateUser(ctx().db, user.id, { language: 'ru', timeZone: 'Asia/Yekaterinburg' }, ctx().clock.now());
      const renew = await csrfToken(admin.agent, '/users');
      expect((await admin.agent.post(`/users/${user.id}/invite`).type('form').send({ _csrf: renew })).status).toBe(303);
      await worker.deliverDue();
      const [, renewed] = smtp().to(email);
      expect(renewed!.mail.subject).toBe('Alma Admin приглашает вас в Acme Sales в Salesbench');
      expect(renewed!.mail.text).toContain('Здравствуйте, Ольга Новикова');
      expect(renewed!.mail.html).toContain('lang="ru"');
      const expires = (await ctx().db.selectFrom('invites').select('expires_at').where('user_id', '=', user.id).orderBy('id', 'desc').executeTakeFirstOrThrow()).expires_at;
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Yekaterinburg', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(expires));
      expect(renewed!.mail.text).toContain(local);
    });

    it('when the server answers 451 (greylisting), then the message waits with backoff and goes out once later with the same Message-ID', async () => {
      const email = `grey.${ctx().dialect}@example.test`;
      expect((await invite(email)).status).toBe(303);
      await worker.deliverDue();
      let [stored] = await outbox(ctx(), email);
      expect(stored!.state).toBe('pending');
      expect(Number(stored!.attempts)).toBe(1);
      expect(stored!.last_error).toMatch(/^451 /);
      // The first wait is 30 s with jitter between half and all of it (0.5 here: 22.5 s).
      const wait = Date.parse(stored!.next_attempt_at) - ctx().clock.now().getTime();
      expect(wait).toBe(22_500);
      ctx().clock.advance(wait - 1);
      expect(await worker.deliverDue()).toBe(0);
      ctx().clock.advance(1);
      expect(await worker.deliverDue()).toBe(1);
      [stored] = await outbox(ctx(), email);
      expect(stored!.state).toBe('sent');
      expect(Number(stored!.attempts)).toBe(2);
      expect(smtp().offered.get(email)).toBe(2);
      expect(smtp().to(email).map((r) => r.mail.messageId)).toEqual([stored!.message_id]);
    });

    it('when the server refuses the recipient (550), then the message fails at once with the answer, shown to the admin, while the invite itself stands', async () => {
      const email = `refused.${ctx().dialect}@example.test`;
      expect((await invite(email)).status).toBe(303);
      await worker.deliverDue();
      const [stored] = await outbox(ctx(), email);
      expect(stored!.state).toBe('failed');
      expect(Number(stored!.attempts)).toBe(1);
      expect(stored!.last_error).toContain('550 5.1.1');
      expect(await ctx().db.selectFrom('users').select('status').where('email', '=', email).executeTakeFirstOrThrow()).toEqual({ status: 'invited' });
      const list = await admin.agent.get('/settings/mail?state=failed');
      expect(list.status).toBe(200);
      expect(list.text).toContain(email);
      const page = await admin.agent.get(`/settings/mail/${stored!.id}`);
      expect(page.text).toContain('Recipient address rejected');
      // Retry puts it back with all its tries; it fails the same way.
      const token = await csrfToken(admin.agent, `/settings/mail/${stored!.id}`);
      expect((await admin.agent.post(`/settings/mail/${stored!.id}/retry`).type('form').send({ _csrf: token })).status).toBe(303);
      const [again] = await outbox(ctx(), email);
      expect([again!.state, Number(again!.attempts), again!.last_error]).toEqual(['pending', 0, null]);
    });

    it('when the mail server cannot be reached, then each try waits twice as long as the last, and the message fails after the last try', async () => {
      const closed = net.createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as net.AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));
      const unreachable = createOutboxWorker({ db: ctx().db, clock: ctx().clock, send: smtpSender({ ...ctx().config.mail!, port }), logger: silent, random: () => 0.5 });
      const email = `unreached.${ctx().dialect}@example.test`;
      expect((await invite(email)).status).toBe(303);
      const waits: number[] = [];
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
        expect(await unreachable.deliverDue()).toBeGreaterThanOrEqual(1);
        const [stored] = await outbox(ctx(), email);
        expect(stored!.last_error).toMatch(/ECONNREFUSED|connect/i);
        if (attempt === MAX_ATTEMPTS) {
          expect(stored!.state).toBe('failed');
          break;
        }
        expect(stored!.state).toBe('pending');
        const wait = Date.parse(stored!.next_attempt_at) - ctx().clock.now().getTime();
        waits.push(wait);
        ctx().clock.advance(wait);
      }
      expect(waits).toEqual([22_500, 45_000, 90_000, 180_000, 360_000, 720_000, 1_440_000]);
      // The waits are over: the other messages, sent by the working worker, are not held up.
      await worker.deliverDue();
    });

    it('when a worker stops with messages claimed, then they go back to pending and the unfinished try does not count', async () => {
      const email = `stopped.${ctx().dialect}@example.test`;
      expect((await invite(email)).status).toBe(303);
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      const stuck = createOutboxWorker({ db: ctx().db, clock: ctx().clock, send: () => held, logger: silent });
      stuck.kick();
      for (let i = 0; i < 100 && (await outbox(ctx(), email))[0]!.state !== 'sending'; i += 1) await new Promise((r) => setTimeout(r, 10));
      expect((await outbox(ctx(), email))[0]!.state).toBe('sending');
      await stuck.stop(50);
      const [stored] = await outbox(ctx(), email);
      expect([stored!.state, Number(stored!.attempts), stored!.lease_owner]).toEqual(['pending', 0, null]);
      release();
      await worker.deliverDue();
      expect(smtp().to(email)).toHaveLength(1);
    });

    it('when two workers deliver the same outbox at once, then every message is sent exactly once', async () => {
      const emails = Array.from({ length: 30 }, (_, i) => `pair.${i}.${ctx().dialect}@example.test`);
      for (const email of emails) expect((await invite(email)).status).toBe(303);
      const a = createOutboxWorker({ db: ctx().db, clock: ctx().clock, send: smtpSender(ctx().config.mail!), logger: silent, batchSize: 3, owner: 'a' });
      const b = createOutboxWorker({ db: ctx().db, clock: ctx().clock, send: smtpSender(ctx().config.mail!), logger: silent, batchSize: 3, owner: 'b' });
      const [byA, byB] = await Promise.all([a.deliverDue(), b.deliverDue()]);
      expect(byA + byB).toBe(30);
      // PostgreSQL: both claimed at the same time, skipping each other's rows.
      if (ctx().dialect === 'postgres') expect(Math.min(byA, byB)).toBeGreaterThan(0);
      for (const email of emails) expect(smtp().to(email)).toHaveLength(1);
      const states = await ctx().db.selectFrom('outbox_messages').select('state').where('recipient_email', 'like', 'pair.%').execute();
      expect(states.every((s) => s.state === 'sent')).toBe(true);
    });
  },
  () => ({ SMTP_URL: smtp().url(), MAIL_FROM: 'hiring@acme.example', PUBLIC_URL }),
);
