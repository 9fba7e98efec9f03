import pino from 'pino';
import request from 'supertest';
import { createOutboxWorker, type OutboxWorker } from '../../../src/mail/outbox-worker';
import { smtpSender } from '../../../src/mail/smtp';
import { describeEachDialect } from '../../helpers/test-context';
import { linkIn, useSmtpServer } from '../../helpers/smtp';
import { createUser, csrfToken, signIn } from '../../helpers/web';

const NEW_PASSWORD = 'amber falcon quietly ninety';

const smtp = useSmtpServer();

describeEachDialect(
  'the account page',
  (ctx) => {
    let worker: OutboxWorker;
    beforeAll(() => {
      worker = createOutboxWorker({ db: ctx().db, clock: ctx().clock, send: smtpSender(ctx().config.mail!), logger: pino({ level: 'silent' }) });
    });

    const userRow = (id: number) => ctx().db.selectFrom('users').select(['name', 'email', 'language', 'time_zone']).where('id', '=', id).executeTakeFirstOrThrow();

    it('when nobody is signed in, then the account page sends them to sign in', async () => {
      await createUser(ctx().db, 'admin');
      const res = await request(ctx().app).get('/account');
      expect(res.status).toBe(303);
      expect(res.headers.location).toMatch(/^\/login/);
    });

    it('when someone saves their name, language and time zone, then they are kept and the pages speak that language', async () => {
      const user = await createUser(ctx().db, 'interviewer');
      const agent = await signIn(ctx().app, user.email, user.password);
      const page = await agent.get('/account');
      expect(page.status).toBe(200);
      expect(page.text).toContain('<option value="Asia/Yekaterinburg">');
      const token = await csrfToken(agent, '/account');
      const saved = await agent.post('/account').type('form').send({ _csrf: token, name: 'Ирина Петрова', language: 'ru', time_zone: 'Asia/Yekaterinburg', notify_welcome: 'on' });
      expect(saved.status).toBe(303);
      expect(await userRow(user.id)).toEqual({ name: 'Ирина Петрова', email: user.email, language: 'ru', time_zone: 'Asia/Yekaterinburg' });
      const after = await agent.get('/account');
      expect(after.text).toContain('<html lang="ru"');
      expect(after.text).toContain('<option value="Asia/Yekaterinburg" selected>');
    });

    it('when the time zone or language is not one we know, then the field says so, what was typed stays, and nothing is saved', async () => {
      const user = await createUser(ctx().db, 'interviewer');
      const agent = await signIn(ctx().app, user.email, user.password);
      const token = await csrfToken(agent, '/account');
      const zone = await agent.post('/account').type('form').send({ _csrf: token, name: 'Changed Name', language: 'en', time_zone: 'Mars/Olympus' });
      expect(zone.status).toBe(422);
      expect(zone.text).toContain('id="field-time_zone-error" class="field-error"');
      expect(zone.text).toContain('value="Changed Name"');
      const language = await agent.post('/account').type('form').send({ _csrf: token, name: 'Changed Name', language: 'xx', time_zone: '' });
      expect(language.status).toBe(422);
      expect(language.text).toContain('id="field-language-error" class="field-error"');
      expect((await userRow(user.id)).name).toBe(user.name);
    });

    it('when someone changes their address, then it changes only once the link sent to the new address is confirmed, and the old address is told', async () => {
      const user = await createUser(ctx().db, 'recruiter');
      const agent = await signIn(ctx().app, user.email, user.password);
      const newEmail = `moved.${ctx().dialect}@example.test`;
      let token = await csrfToken(agent, '/account');
      const wrong = await agent.post('/account/email').type('form').send({ _csrf: token, new_email: newEmail, email_password: 'not my password' });
      expect(wrong.status).toBe(422);
      expect(wrong.text).toContain('id="field-email_password-error" class="field-error"');
      expect(wrong.text).toContain(`value="${newEmail}"`);
      const taken = await createUser(ctx().db, 'interviewer');
      const clash = await agent.post('/account/email').type('form').send({ _csrf: token, new_email: taken.email, email_password: user.password });
      expect(clash.status).toBe(422);
      expect(clash.text).toContain('id="field-new_email-error" class="field-error"');

      expect((await agent.post('/account/email').type('form').send({ _csrf: token, new_email: newEmail, email_password: user.password })).status).toBe(303);
      await worker.deliverDue();
      expect((await userRow(user.id)).email).toBe(user.email);
      const [confirmation] = smtp().to(newEmail);
      expect(confirmation!.mail.subject).toBe('Confirm your new e-mail address for Salesbench');
      const link = linkIn(confirmation!, '/account/email/');

      // Opened by anyone (a mail scanner too): a page with a button, nothing changed yet.
      const visitor = request.agent(ctx().app);
      const page = await visitor.get(link);
      expect(page.status).toBe(200);
      expect(page.text).toContain(newEmail);
      expect((await userRow(user.id)).email).toBe(user.email);
      token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
      const confirmed = await visitor.post(link).type('form').send({ _csrf: token });
      expect(confirmed.status).toBe(303);
      expect((await userRow(user.id)).email).toBe(newEmail);
      await signIn(ctx().app, newEmail, user.password);
      await expect(signIn(ctx().app, user.email, user.password)).rejects.toThrow();
      expect((await visitor.get(link)).status).toBe(410);

      await worker.deliverDue();
      const [notice] = smtp().to(user.email);
      expect(notice!.mail.subject).toBe('Your Salesbench e-mail address was changed');
      expect(notice!.mail.text).toContain(newEmail);
      // A security notice: no way to turn it off.
      expect(notice!.mail.headers.has('list-unsubscribe')).toBe(false);
    });

    it('when someone changes their password, then the current one is required, their other sessions end, this one stays, and a notice goes out', async () => {
      const user = await createUser(ctx().db, 'hiring_manager');
      const agent = await signIn(ctx().app, user.email, user.password);
      const elsewhere = await signIn(ctx().app, user.email, user.password);
      const token = await csrfToken(agent, '/account');
      const wrong = await agent.post('/account/password').type('form').send({ _csrf: token, current_password: 'wrong one', password: NEW_PASSWORD, password_confirm: NEW_PASSWORD });
      expect(wrong.status).toBe(422);
      expect(wrong.text).toContain('id="field-current_password-error" class="field-error"');
      const mismatch = await agent.post('/account/password').type('form').send({ _csrf: token, current_password: user.password, password: NEW_PASSWORD, password_confirm: 'something else' });
      expect(mismatch.status).toBe(422);
      expect(mismatch.text).toContain('id="field-password_confirm-error" class="field-error"');
      expect((await elsewhere.get('/account')).status).toBe(200);

      const changed = await agent.post('/account/password').type('form').send({ _csrf: token, current_password: user.password, password: NEW_PASSWORD, password_confirm: NEW_PASSWORD });
      expect(changed.status).toBe(303);
      expect((await agent.get('/account')).status).toBe(200);
      const other = await elsewhere.get('/account');
      expect(other.status).toBe(303);
      expect(other.headers.location).toMatch(/^\/login/);
      await signIn(ctx().app, user.email, NEW_PASSWORD);
      await worker.deliverDue();
      expect(smtp().to(user.email).map((r) => r.mail.subject)).toEqual(['Your Salesbench password was changed']);
    });
  },
  () => ({ SMTP_URL: smtp().url(), PUBLIC_URL: 'https://hiring.acme.example' }),
);
