import pino from 'pino';
import { createOutboxWorker } from '../../../src/mail/outbox-worker';
import { smtpSender } from '../../../src/mail/smtp';
import { describeEachDialect } from '../../helpers/test-context';
import { useSmtpServer } from '../../helpers/smtp';
import { csrfToken, signInAs } from '../../helpers/web';

const CREDENTIALS = { user: 'salesbench@acme.example', pass: 'p@ss:w/rd with spaces' };
const silent = pino({ level: 'silent' });

const smtp = useSmtpServer({ auth: CREDENTIALS });

describeEachDialect(
  'mail through a server that asks for a password',
  (ctx) => {
    it('when SMTP_URL holds the right user and password (escaped in the URL), then the server signs the app in and takes the message', async () => {
      const { agent, user } = await signInAs(ctx().app, ctx().db, 'admin');
      const token = await csrfToken(agent, '/settings/mail');
      expect((await agent.post('/settings/mail/test').type('form').send({ _csrf: token })).status).toBe(303);
      const worker = createOutboxWorker({ db: ctx().db, clock: ctx().clock, send: smtpSender(ctx().config.mail!), logger: silent });
      expect(await worker.deliverDue()).toBe(1);
      const [received] = smtp().to(user.email);
      expect(received!.user).toBe(CREDENTIALS.user);
      expect(received!.mail.subject).toBe('Test message from Salesbench');
      // MAIL_FROM's display name wins over the company name.
      expect(received!.mail.from?.value).toEqual([{ name: 'Acme Hiring', address: 'salesbench@acme.example' }]);
    });

    it('when the password is wrong, then the message fails at once with the server answer and the page says so, never showing the password', async () => {
      const { agent, user } = await signInAs(ctx().app, ctx().db, 'admin');
      const token = await csrfToken(agent, '/settings/mail');
      expect((await agent.post('/settings/mail/test').type('form').send({ _csrf: token })).status).toBe(303);
      const wrong = createOutboxWorker({ db: ctx().db, clock: ctx().clock, send: smtpSender({ ...ctx().config.mail!, url: smtp().url({ user: CREDENTIALS.user, pass: 'wrong' }) }), logger: silent });
      expect(await wrong.deliverDue()).toBe(1);
      const stored = await ctx().db.selectFrom('outbox_messages').selectAll().where('recipient_email', '=', user.email).executeTakeFirstOrThrow();
      expect([stored.state, Number(stored.attempts)]).toEqual(['failed', 1]);
      expect(stored.last_error).toContain('535');
      const page = await agent.get(`/settings/mail/${stored.id}`);
      expect(page.text).toContain('Authentication credentials invalid');
      const settings = await agent.get('/settings/mail');
      expect(settings.text).toContain(`127.0.0.1`);
      expect(settings.text).not.toContain(CREDENTIALS.pass);
      expect(settings.text).not.toContain(encodeURIComponent(CREDENTIALS.pass));
      expect(smtp().to(user.email)).toHaveLength(0);
    });
  },
  () => ({ SMTP_URL: smtp().url(CREDENTIALS), MAIL_FROM: 'Acme Hiring <salesbench@acme.example>', PUBLIC_URL: 'https://hiring.acme.example' }),
);
