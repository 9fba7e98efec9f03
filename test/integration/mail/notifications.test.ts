import pino from 'pino';
import request from 'supertest';
import { createOutboxWorker, type OutboxWorker } from '../../../src/mail/outbox-worker';
import { smtpSender } from '../../../src/mail/smtp';
import { describeEachDialect } from '../../helpers/test-context';
import { useSmtpServer } from '../../helpers/smtp';
import { type Agent, createUser, csrfToken, signIn, signInAs } from '../../helpers/web';
import { postPlan, roleIdOf, seedCatalog, today } from '../onboarding/helpers';

const PUBLIC_URL = 'https://hiring.acme.example';

const smtp = useSmtpServer();

describeEachDialect(
  'notifications: the welcome message and its one-click unsubscribe',
  (ctx) => {
    let worker: OutboxWorker;
    let manager: { agent: Agent; user: { id: number; name: string } };
    let aeRole: number;

    beforeAll(async () => {
      await seedCatalog(ctx());
      worker = createOutboxWorker({ db: ctx().db, clock: ctx().clock, send: smtpSender(ctx().config.mail!), logger: pino({ level: 'silent' }) });
      manager = await signInAs(ctx().app, ctx().db, 'hiring_manager');
      aeRole = await roleIdOf(ctx().db, 'ae');
    });

    async function planFor(hireId: number, startDate = today(ctx(), 7)) {
      const res = await postPlan(manager.agent, { hire_mode: 'existing', hire_user_id: String(hireId), role_id: String(aeRole), start_date: startDate, manager_id: String(manager.user.id) });
      expect(res.status).toBe(303);
      await worker.deliverDue();
    }

    /** The List-Unsubscribe header's link, read from the message as it arrived (headers unfolded). */
    function unsubscribeLinkOf(email: string): string {
      const unfolded = smtp().to(email)[0]!.raw.replace(/\r?\n[ \t]+/g, ' ');
      const link = /^List-Unsubscribe: <([^>]+)>\r?$/m.exec(unfolded)?.[1];
      if (!link) throw new Error(`no List-Unsubscribe header in ${unfolded.slice(0, 800)}`);
      return link;
    }

    it('when a new hire gets an onboarding plan, then a welcome arrives with the start date, the manager and the checklist link, and a one-click unsubscribe', async () => {
      const hire = await createUser(ctx().db, 'new_hire', { name: 'Wanda Welcome' });
      await planFor(hire.id, '2027-01-04');
      const [received] = smtp().to(hire.email);
      const mail = received!.mail;
      expect(mail.subject).toBe('Welcome to Salesbench: your onboarding plan');
      expect(mail.text).toContain('starts on Mon, Jan 4, 2027');
      expect(mail.text).toMatch(/^--\s*\nSalesbench\n/m);
      expect(mail.text).toContain(manager.user.name);
      expect(mail.text).toContain(`${PUBLIC_URL}/onboarding`);
      expect(mail.html).toContain(`href="${PUBLIC_URL}/account#notifications"`);
      const link = unsubscribeLinkOf(hire.email);
      expect(link).toMatch(new RegExp(`^${PUBLIC_URL}/unsubscribe/[A-Za-z0-9_-]{43}$`));
      expect(received!.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
      expect(mail.html).toContain(`href="${link}"`);

      // A mail program posts the one-click request: no session, no CSRF token, just the link.
      const path = new URL(link).pathname;
      const page = await request(ctx().app).get(path);
      expect(page.status).toBe(200);
      expect(page.text).toContain(hire.email);
      // Opening the link changes nothing: the button (or the mail program's POST) does.
      expect(await ctx().db.selectFrom('notification_opt_outs').selectAll().where('user_id', '=', hire.id).execute()).toEqual([]);
      const clicked = await request(ctx().app).post(path).type('form').send('List-Unsubscribe=One-Click');
      expect(clicked.status).toBe(200);
      expect(clicked.text).toContain('role="status"');
      expect((await ctx().db.selectFrom('notification_opt_outs').select('kind').where('user_id', '=', hire.id).execute()).map((r) => r.kind)).toEqual(['welcome']);
      // Twice is the same as once.
      expect((await request(ctx().app).post(path).type('form').send('List-Unsubscribe=One-Click')).status).toBe(200);
      // The account page shows the notification off.
      const account = await (await signIn(ctx().app, hire.email, hire.password)).get('/account');
      expect(account.text).toMatch(/<input type="checkbox" name="notify_welcome">/);
    });

    it('when a person turned the welcome off on their account page, then their plan is made but no welcome is written', async () => {
      const hire = await createUser(ctx().db, 'new_hire');
      const agent = await signIn(ctx().app, hire.email, hire.password);
      const token = await csrfToken(agent, '/account');
      expect((await agent.post('/account').type('form').send({ _csrf: token, name: hire.name, language: 'en', time_zone: '' })).status).toBe(303);
      await planFor(hire.id);
      expect(await ctx().db.selectFrom('onboarding_plans').select('id').where('new_hire_id', '=', hire.id).execute()).toHaveLength(1);
      expect(await ctx().db.selectFrom('outbox_messages').select('id').where('recipient_email', '=', hire.email).execute()).toEqual([]);
      expect(smtp().to(hire.email)).toHaveLength(0);
    });

    // Last: it moves the clock past every session.
    it('when an unsubscribe link is unknown or older than its 180 days, then it shows the 410 page and changes nothing', async () => {
      const hire = await createUser(ctx().db, 'new_hire');
      await planFor(hire.id);
      const path = new URL(unsubscribeLinkOf(hire.email)).pathname;
      expect((await request(ctx().app).get('/unsubscribe/not-a-token')).status).toBe(410);
      expect((await request(ctx().app).post(`/unsubscribe/${'A'.repeat(43)}`)).status).toBe(410);
      ctx().clock.advance(179 * 86_400_000);
      expect((await request(ctx().app).get(path)).status).toBe(200);
      ctx().clock.advance(1 * 86_400_000);
      expect((await request(ctx().app).post(path)).status).toBe(410);
      expect(await ctx().db.selectFrom('notification_opt_outs').selectAll().where('user_id', '=', hire.id).execute()).toEqual([]);
    });
  },
  () => ({ SMTP_URL: smtp().url(), PUBLIC_URL }),
);
