import pino from 'pino';
import { createOutboxWorker, type OutboxWorker } from '../../../src/mail/outbox-worker';
import { smtpSender } from '../../../src/mail/smtp';
import { putSetting, SETTING_KEYS } from '../../../src/settings/settings.repository';
import { makeOpening } from '../../helpers/hiring';
import { useSmtpServer } from '../../helpers/smtp';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { type Agent, signInAs } from '../../helpers/web';
import { nextAddress, openForm, PDF, savePostingAs, sendForm, visitor } from './careers-helpers';

const COMPANY = 'Northwind Sales';
const smtp = useSmtpServer();

describeEachDialect(
  'careers page: the applicant’s confirmation through a real mail server',
  (ctx: () => TestContext) => {
    let recruiter: Agent;
    let worker: OutboxWorker;

    beforeAll(async () => {
      recruiter = (await signInAs(ctx().app, ctx().db, 'recruiter')).agent;
      await putSetting(ctx().db, SETTING_KEYS.companyName, COMPANY);
      worker = createOutboxWorker({ db: ctx().db, clock: ctx().clock, send: smtpSender(ctx().config.mail!), logger: pino({ level: 'silent' }) });
    });

    async function applyTo(title: string, fields: Record<string, string>): Promise<void> {
      const opening = await makeOpening(ctx().db);
      const slug = `posting-${opening.id}`;
      expect((await savePostingAs(recruiter, opening.id, { published: 'on', slug, public_title: title })).status).toBe(303);
      const browser = visitor(ctx().app);
      const address = nextAddress();
      const token = await openForm(browser, slug, address);
      ctx().clock.advance(4_000);
      const res = await sendForm(browser, slug, { token, address, fields, file: { content: PDF, name: 'cv.pdf' } });
      expect(res.status).toBe(303);
      await worker.deliverDue();
    }

    it('when a visitor applies in English, then the confirmation arrives in English, to them alone, naming the posting and the company', async () => {
      await applyTo('Account Executive Berlin', { name: 'Grace Applicant', email: 'grace.applicant@example.test', lang: 'en' });
      await smtp().waitFor(1);
      const [mail] = smtp().to('grace.applicant@example.test');
      expect(mail!.to).toEqual(['grace.applicant@example.test']);
      expect(mail!.mail.subject).toBe(`Your application for Account Executive Berlin at ${COMPANY}`);
      expect(mail!.mail.text).toContain('Grace Applicant');
      // An applicant is no one on a panel: nothing of the hiring team's judgement travels to them.
      expect(mail!.raw).not.toMatch(/scorecard|recommend|rating/i);
    });

    it('when a visitor applies in Russian, then the confirmation arrives in Russian', async () => {
      await applyTo('Менеджер по продажам', { name: 'Иван Петров', email: 'ivan.applicant@example.test', lang: 'ru' });
      await smtp().waitFor(2);
      const [mail] = smtp().to('ivan.applicant@example.test');
      expect(mail!.mail.subject).toBe(`Ваш отклик на вакансию «Менеджер по продажам» в ${COMPANY}`);
      expect(mail!.mail.text).toContain('Здравствуйте, Иван Петров!');
    });
  },
  () => ({ SMTP_URL: smtp().url(), PUBLIC_URL: 'https://hiring.northwind.example' }),
);
