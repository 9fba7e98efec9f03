import pino from 'pino';
import { addApplication } from '../../../src/candidates/applications.use-cases';
import { scheduleInterview, submitScorecard } from '../../../src/interviews/interviews.use-cases';
import { cancelInterview } from '../../../src/interviews/schedule.use-cases';
import { createOutboxWorker } from '../../../src/mail/outbox-worker';
import { smtpSender } from '../../../src/mail/smtp';
import { createReminderScheduler } from '../../../src/reminders/scheduler';
import { sendDueReminders } from '../../../src/reminders/reminders.use-cases';
import { putSetting } from '../../../src/settings/settings.repository';
import { makeCandidate, makeOpening } from '../../helpers/hiring';
import { useSmtpServer } from '../../helpers/smtp';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { createUser } from '../../helpers/web';

const PUBLIC_URL = 'https://hiring.acme.example';
const HOUR = 3_600_000;
const smtp = useSmtpServer();

describeEachDialect(
  'scorecard reminders from the one scheduler',
  (ctx: () => TestContext) => {
    let recruiter: { id: number };
    let opening: Awaited<ReturnType<typeof makeOpening>>;
    const deps = () => useCaseDeps(ctx().db, { clock: ctx().clock, mail: { publicUrl: PUBLIC_URL, configured: true } });
    const scheduler = (owner: string) => createReminderScheduler({ ...deps(), logger: pino({ level: 'silent' }), owner, intervalMs: 60_000 });

    beforeAll(async () => {
      recruiter = await createUser(ctx().db, 'recruiter');
      opening = await makeOpening(ctx().db, { roleKey: 'ae' });
    });

    /** An interview that started at `start` (30 minutes long) with the given panel. */
    async function interviewAt(start: Date, panel: number[]): Promise<{ interviewId: number; applicationId: number }> {
      const candidate = await makeCandidate(ctx().db);
      const applicationId = await addApplication(deps(), actingAs(recruiter.id, 'recruiter'), candidate, opening.id);
      const interviewId = await scheduleInterview(deps(), actingAs(recruiter.id, 'recruiter'), applicationId, { stageId: opening.stages[1]!.id, scheduledAt: start.toISOString(), durationMinutes: 30, interviewerIds: panel });
      return { interviewId, applicationId };
    }

    const reminders = (userId: number) =>
      ctx().db.selectFrom('outbox_messages').select(['kind', 'subject']).where('recipient_user_id', '=', userId).where('kind', '=', 'scorecard_reminder').orderBy('id').execute();

    /** Moves the clock to `at` and runs the scheduler there. */
    async function runAt(at: Date, owner = 'instance-a') {
      ctx().clock.advance(at.getTime() - ctx().clock.now().getTime());
      return scheduler(owner).runOnce();
    }

    it('when the interview ended, then the first reminder goes 24 hours later (not a minute before), then one a day, three at most', async () => {
      const ivan = await createUser(ctx().db, 'interviewer');
      const start = new Date(ctx().clock.now().getTime() + HOUR);
      start.setUTCSeconds(0, 0);
      const end = new Date(start.getTime() + 30 * 60_000);
      await interviewAt(start, [ivan.id]);
      await runAt(new Date(end.getTime() + 24 * HOUR - 60_000));
      expect(await reminders(ivan.id)).toHaveLength(0);
      await runAt(new Date(end.getTime() + 24 * HOUR));
      expect(await reminders(ivan.id)).toHaveLength(1);
      // The same run again, or another instance's: nothing more.
      await scheduler('instance-a').runOnce();
      await scheduler('instance-b').runOnce();
      expect(await reminders(ivan.id)).toHaveLength(1);
      await runAt(new Date(end.getTime() + 48 * HOUR - 60_000));
      expect(await reminders(ivan.id)).toHaveLength(1);
      await runAt(new Date(end.getTime() + 48 * HOUR));
      await runAt(new Date(end.getTime() + 72 * HOUR));
      expect(await reminders(ivan.id)).toHaveLength(3);
      await runAt(new Date(end.getTime() + 96 * HOUR));
      await runAt(new Date(end.getTime() + 200 * HOUR));
      expect(await reminders(ivan.id)).toHaveLength(3);
    });

    it('when the scorecard is in, or the interview is cancelled, then no reminder goes; a company setting moves the first one', async () => {
      const [done, cancelled, later] = [await createUser(ctx().db, 'interviewer'), await createUser(ctx().db, 'interviewer'), await createUser(ctx().db, 'interviewer')];
      const start = new Date(ctx().clock.now().getTime() + HOUR);
      const first = await interviewAt(start, [done.id]);
      const second = await interviewAt(start, [cancelled.id]);
      await interviewAt(start, [later.id]);
      await putSetting(ctx().db, 'scorecard_reminder_hours', '48');
      try {
        ctx().clock.advance(2 * HOUR);
        await submitScorecard(deps(), actingAs(done.id, 'interviewer'), first.interviewId, {
          mode: 'submit',
          ratings: { sales_dna: { choice: '3', evidence: 'Asked about the team' }, discovery: { choice: 'na', evidence: '' } },
          keyTakeaways: 'Good',
          recommendation: 'yes',
        });
        await cancelInterview(deps(), actingAs(recruiter.id, 'recruiter'), second.interviewId, 'Withdrew');
        await runAt(new Date(start.getTime() + 30 * 60_000 + 24 * HOUR));
        expect(await reminders(later.id)).toHaveLength(0);
        await runAt(new Date(start.getTime() + 30 * 60_000 + 48 * HOUR));
        expect(await reminders(later.id)).toHaveLength(1);
        expect(await reminders(done.id)).toHaveLength(0);
        expect(await reminders(cancelled.id)).toHaveLength(0);
      } finally {
        await putSetting(ctx().db, 'scorecard_reminder_hours', '24');
      }
    });

    it('when two instances run at once, then one holds the lease, and each reminder still goes exactly once', async () => {
      const panel = await Promise.all([1, 2, 3, 4, 5].map(() => createUser(ctx().db, 'interviewer')));
      const start = new Date(ctx().clock.now().getTime() + HOUR);
      for (const p of panel) await interviewAt(start, [p.id]);
      ctx().clock.advance(start.getTime() + 30 * 60_000 + 24 * HOUR - ctx().clock.now().getTime());
      const a = scheduler('instance-a');
      const b = scheduler('instance-b');
      const runs = await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
      // One instance holds the lease: its runs work, the other's do nothing.
      const ran = runs.map((r) => r !== undefined);
      expect([JSON.stringify([true, false, true, false]), JSON.stringify([false, true, false, true])]).toContain(JSON.stringify(ran));
      for (const p of panel) expect(await reminders(p.id)).toHaveLength(1);
      // Even without the lease (two holders after a lease ran out), the claim rows keep each once.
      await Promise.all([sendDueReminders(deps()), sendDueReminders(deps())]);
      for (const p of panel) expect(await reminders(p.id)).toHaveLength(1);
      await a.stop();
      await b.stop();
    });

    it('when a reminder is delivered, then it reaches the interviewer over SMTP with the kit link and no one’s ratings', async () => {
      const worker = createOutboxWorker({ db: ctx().db, clock: ctx().clock, send: smtpSender(ctx().config.mail!), logger: pino({ level: 'silent' }) });
      await worker.deliverDue();
      const ivan = await createUser(ctx().db, 'interviewer', { email: `ivan.reminded.${ctx().dialect}@acme.example` });
      const start = new Date(ctx().clock.now().getTime() + HOUR);
      const { interviewId } = await interviewAt(start, [ivan.id]);
      await runAt(new Date(start.getTime() + 30 * 60_000 + 24 * HOUR));
      expect(await worker.deliverDue()).toBeGreaterThanOrEqual(1);
      const mail = smtp()
        .to(ivan.email)
        .find((m) => m.mail.subject?.startsWith('Your scorecard: '));
      expect(mail!.mail.text).toContain(`${PUBLIC_URL}/interviews/${interviewId}`);
      expect(mail!.raw.replace(/\r?\n[ \t]+/g, ' ')).toMatch(/^List-Unsubscribe:\s*<https:\/\/hiring\.acme\.example\/unsubscribe\//m);
      expect(mail!.raw).not.toMatch(/Strong (yes|no)|recommendation/i);
    });
  },
  () => ({ SMTP_URL: smtp().url(), PUBLIC_URL }),
);
