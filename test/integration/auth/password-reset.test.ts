import pino from 'pino';
import request from 'supertest';
import { RESET_ANSWER_MS, RESET_LIMITS } from '../../../src/auth/password-reset.routes';
import { PASSWORD_RESET_TTL_MS } from '../../../src/auth/password-reset.use-cases';
import { createOutboxWorker, type OutboxWorker } from '../../../src/mail/outbox-worker';
import { smtpSender } from '../../../src/mail/smtp';
import { updateUser } from '../../../src/users/users.repository';
import { describeEachDialect } from '../../helpers/test-context';
import { linkIn, useSmtpServer } from '../../helpers/smtp';
import { type Agent, createUser, csrfToken, signIn } from '../../helpers/web';

const NEW_PASSWORD = 'violet harbor lantern seven';
const WINDOW_MS = 15 * 60_000;

const smtp = useSmtpServer();

async function askForLink(agent: Agent, email: string) {
  const token = await csrfToken(agent, '/forgot-password');
  return agent.post('/forgot-password').type('form').send({ _csrf: token, email });
}

/** The page's words, without what differs by request: the CSRF token and the address typed. */
function wordsOf(html: string, email: string): string {
  return html.replace(/name="_csrf" value="[^"]+"/g, '').replaceAll(email, '<address>').replace(/<meta name="csrf-token"[^>]*>/g, '');
}

describeEachDialect(
  'password reset by e-mail',
  (ctx) => {
    let worker: OutboxWorker;
    const fresh = () => ctx().clock.advance(WINDOW_MS + 1);
    const resets = (userId: number) => ctx().db.selectFrom('password_resets').selectAll().where('user_id', '=', userId).execute();

    beforeAll(() => {
      worker = createOutboxWorker({ db: ctx().db, clock: ctx().clock, send: smtpSender(ctx().config.mail!), logger: pino({ level: 'silent' }) });
    });
    beforeEach(fresh);

    async function resetLinkFor(email: string): Promise<string> {
      const before = smtp().to(email).length;
      expect((await askForLink(request.agent(ctx().app), email)).status).toBe(200);
      await worker.deliverDue();
      const received = smtp().to(email);
      expect(received).toHaveLength(before + 1);
      return linkIn(received[before]!, '/reset-password/');
    }

    it('when someone follows the link from the sign-in page and the mail, then they choose a new password, are signed in, and their other sessions end', async () => {
      const user = await createUser(ctx().db, 'recruiter');
      const elsewhere = await signIn(ctx().app, user.email, user.password);
      const login = await request(ctx().app).get('/login');
      expect(login.text).toContain('href="/forgot-password"');

      const link = await resetLinkFor(user.email);
      const mail = smtp().to(user.email).at(-1)!.mail;
      expect(mail.subject).toBe('Reset your Salesbench password');
      expect(mail.html).toContain(`href="https://hiring.acme.example${link}"`);
      // Only the token's hash is stored; the sent message keeps no working link.
      const [reset] = await resets(user.id);
      expect(reset!.token_hash).not.toContain(link.split('/').pop()!);
      const stored = await ctx().db.selectFrom('outbox_messages').select(['text_body', 'html_body', 'state']).where('kind', '=', 'password_reset').where('recipient_email', '=', user.email).executeTakeFirstOrThrow();
      expect(stored.state).toBe('sent');
      expect(`${stored.text_body}${stored.html_body}`).not.toContain(link);

      const visitor = request.agent(ctx().app);
      const form = await visitor.get(link);
      expect(form.status).toBe(200);
      expect(form.text).toContain(user.email);
      const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
      const done = await visitor.post(link).type('form').send({ _csrf: token, password: NEW_PASSWORD, password_confirm: NEW_PASSWORD });
      expect(done.status).toBe(303);
      expect(done.headers.location).toBe('/');
      const home = await visitor.get('/');
      expect(home.status).toBe(200);
      expect(home.text).toContain(user.name);
      // The session signed in before the reset is over; the old password no longer works, the new one does.
      const other = await elsewhere.get('/');
      expect(other.status).toBe(303);
      expect(other.headers.location).toMatch(/^\/login/);
      await expect(signIn(ctx().app, user.email, user.password)).rejects.toThrow();
      await signIn(ctx().app, user.email, NEW_PASSWORD);
      // Used once: the link now shows the 410 page, to read and to post.
      expect((await visitor.get(link)).status).toBe(410);
      const signedInToken = await csrfToken(visitor, '/account');
      expect((await visitor.post(link).type('form').send({ _csrf: signedInToken, password: NEW_PASSWORD, password_confirm: NEW_PASSWORD })).status).toBe(410);
      // A security notice follows.
      await worker.deliverDue();
      expect(smtp().to(user.email).at(-1)!.mail.subject).toBe('Your Salesbench password was changed');
    });

    it('when the address has no account, is deactivated or only invited, then the page is word for word the same and nothing is sent', async () => {
      const active = await createUser(ctx().db, 'interviewer');
      const deactivated = await createUser(ctx().db, 'interviewer');
      await updateUser(ctx().db, deactivated.id, { status: 'deactivated' }, ctx().clock.now());
      const invited = await createUser(ctx().db, 'interviewer');
      await updateUser(ctx().db, invited.id, { status: 'invited' }, ctx().clock.now());
      const pages = new Map<string, string>();
      for (const email of [active.email, 'nobody.here@example.test', deactivated.email, invited.email]) {
        const res = await askForLink(request.agent(ctx().app), email);
        expect(res.status).toBe(200);
        pages.set(email, wordsOf(res.text, email));
      }
      expect(new Set(pages.values()).size).toBe(1);
      await worker.deliverDue();
      expect(smtp().to(active.email)).toHaveLength(1);
      for (const email of ['nobody.here@example.test', deactivated.email, invited.email]) expect(smtp().to(email)).toHaveLength(0);
      expect(await resets(deactivated.id)).toEqual([]);
      expect(await resets(invited.id)).toEqual([]);
    });

    it('when asked for an address with and without an account, then both answers take about the same time', async () => {
      const user = await createUser(ctx().db, 'interviewer');
      const time = async (email: string) => {
        fresh();
        const agent = request.agent(ctx().app);
        const token = await csrfToken(agent, '/forgot-password');
        const started = process.hrtime.bigint();
        const res = await agent.post('/forgot-password').type('form').send({ _csrf: token, email });
        expect(res.status).toBe(200);
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        known.push(await time(user.email));
        unknown.push(await time(`nobody.${i}@example.test`));
      }
      // Another test file running beside this one only ever adds time: the fastest of six answers is
      // each address's own cost (a median of a busy machine's runs differed by 35 ms either way).
      const [k, u] = [Math.min(...known), Math.min(...unknown)];
      console.log(`[${ctx().dialect}] reset request, fastest ms: known address ${k.toFixed(1)}, unknown ${u.toFixed(1)}`);
      expect(Math.min(k, u)).toBeGreaterThanOrEqual(RESET_ANSWER_MS);
      expect(Math.abs(k - u)).toBeLessThan(25);
    });

    it('when a link is an hour old, then it no longer works; a minute before, it does', async () => {
      const user = await createUser(ctx().db, 'interviewer');
      const first = await resetLinkFor(user.email);
      ctx().clock.advance(PASSWORD_RESET_TTL_MS - 60_000);
      expect((await request(ctx().app).get(first)).status).toBe(200);
      ctx().clock.advance(60_000);
      const gone = await request(ctx().app).get(first);
      expect(gone.status).toBe(410);
      expect(gone.text).toContain('This reset link no longer works');
    });

    it('when a newer link is asked for, then the older one stops working', async () => {
      const user = await createUser(ctx().db, 'interviewer');
      const first = await resetLinkFor(user.email);
      const second = await resetLinkFor(user.email);
      expect((await request(ctx().app).get(first)).status).toBe(410);
      expect((await request(ctx().app).get(second)).status).toBe(200);
    });

    it('when the new password breaks the rules or the two do not match, then the form says so next to the field and the link still works', async () => {
      const user = await createUser(ctx().db, 'interviewer');
      const link = await resetLinkFor(user.email);
      const visitor = request.agent(ctx().app);
      const token = /name="_csrf" value="([^"]+)"/.exec((await visitor.get(link)).text)![1]!;
      const short = await visitor.post(link).type('form').send({ _csrf: token, password: 'short', password_confirm: 'short' });
      expect(short.status).toBe(422);
      expect(short.text).toMatch(/id="field-password-error" class="field-error"/);
      const mismatch = await visitor.post(link).type('form').send({ _csrf: token, password: NEW_PASSWORD, password_confirm: `${NEW_PASSWORD}!` });
      expect(mismatch.status).toBe(422);
      expect(mismatch.text).toMatch(/id="field-password_confirm-error" class="field-error"/);
      expect((await visitor.get(link)).status).toBe(200);
      await signIn(ctx().app, user.email, user.password);
    });

    it('when the address is not an address, then the field says so and keeps what was typed', async () => {
      const res = await askForLink(request.agent(ctx().app), 'not an address');
      expect(res.status).toBe(422);
      expect(res.text).toContain('id="field-email-error" class="field-error"');
      expect(res.text).toContain('value="not an address"');
    });

    it(`when one address is asked for more than ${RESET_LIMITS.perAddress} times in 15 minutes, then the next request is refused with 429 until the window passes`, async () => {
      const user = await createUser(ctx().db, 'interviewer');
      for (let i = 0; i < RESET_LIMITS.perAddress; i += 1) expect((await askForLink(request.agent(ctx().app), user.email)).status).toBe(200);
      const refused = await askForLink(request.agent(ctx().app), user.email);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.text).toContain('Too many reset requests');
      expect(refused.text).toContain(`value="${user.email}"`);
      // Another address from the same place is still served.
      expect((await askForLink(request.agent(ctx().app), 'someone.else@example.test')).status).toBe(200);
      fresh();
      expect((await askForLink(request.agent(ctx().app), user.email)).status).toBe(200);
      expect((await resets(user.id)).length).toBe(RESET_LIMITS.perAddress + 1);
    });

    it(`when one IP asks for more than ${RESET_LIMITS.perIp} addresses in 15 minutes, then the next request is refused with 429`, async () => {
      for (let i = 0; i < RESET_LIMITS.perIp; i += 1) expect((await askForLink(request.agent(ctx().app), `spray.${i}@example.test`)).status).toBe(200);
      expect((await askForLink(request.agent(ctx().app), 'spray.last@example.test')).status).toBe(429);
    });
  },
  () => ({ SMTP_URL: smtp().url(), PUBLIC_URL: 'https://hiring.acme.example' }),
);

