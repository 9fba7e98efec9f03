/**
 * Scheduling in a real browser, with mail going out to a real SMTP server (the npm smtp-server in
 * this process): a recruiter schedules an interview (the stage's usual interviewer ticked), moves it
 * and takes someone off the panel, then cancels it. The panel receives the invite, the update and
 * the cancellation, each with its calendar part. Every page is checked with axe and saved as a
 * screenshot, at desktop and phone width.
 */
import ical, { type VEvent } from 'node-ical';
import type { BrowserContext, Page } from 'playwright-core';
import { systemClock } from '../../src/clock';
import { seedDemo } from '../../src/demo/demo';
import { type Received, TestSmtpServer } from '../helpers/smtp';
import { finishRun, freePort, openBrowser, reviewPage, type RunningApp, screenshot, seen, signIn, startApp, url, waitForPath } from './support';

let smtp: TestSmtpServer;
let running: RunningApp;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
});

afterAll(async () => {
  await context?.close();
  await running?.close();
  await smtp.close();
  finishRun('axe-scheduling');
});

function eventOf(received: Received): { method: string | undefined; event: VEvent } {
  const part = received.mail.attachments.find((a) => a.contentType === 'text/calendar');
  if (!part) throw new Error(`no calendar part in "${received.mail.subject ?? ''}"`);
  const data = ical.sync.parseICS(part.content.toString('utf8'));
  return { method: (data.vcalendar as unknown as { method?: string }).method, event: Object.values(data).find((c): c is VEvent => c?.type === 'VEVENT')! };
}

async function untilReceived(count: number, to: string): Promise<Received[]> {
  for (let i = 0; i < 100 && smtp.to(to).length < count; i += 1) await new Promise((r) => setTimeout(r, 100));
  const received = smtp.to(to);
  expect(received).toHaveLength(count);
  return received;
}

describe('scheduling journey in a browser', () => {
  test('when a recruiter schedules, reschedules and cancels an interview, then the panel receives the invite, the update and the cancellation of one calendar event', async () => {
    const port = await freePort();
    running = await startApp({ SMTP_URL: smtp.url(), PUBLIC_URL: `http://127.0.0.1:${port}` }, port);
    const accounts = await seedDemo(running.database.db, systemClock, 'en');
    context = await openBrowser('scheduling');
    page = context.pages()[0] ?? (await context.newPage());
    await page.setViewportSize({ width: 1366, height: 900 });
    const db = running.database.db;
    const recruiter = accounts.find((a) => a.role === 'recruiter')!;
    const manager = accounts.find((a) => a.role === 'hiring_manager')!;
    const interviewer = accounts.find((a) => a.role === 'interviewer')!;
    // An active application on one of the manager's openings, and a stage the manager sits on by default.
    const target = await db
      .selectFrom('applications')
      .innerJoin('openings', 'openings.id', 'applications.opening_id')
      .innerJoin('interview_stages', 'interview_stages.opening_id', 'openings.id')
      .innerJoin('users', 'users.id', 'openings.hiring_manager_id')
      .select(['applications.id as applicationId', 'interview_stages.id as stageId', 'interview_stages.name as stageName'])
      .where('applications.status', '=', 'active')
      .where('users.email', '=', manager.email)
      .where('interview_stages.interviewer_ids', '!=', '[]')
      .orderBy('applications.id')
      .executeTakeFirstOrThrow();
    const before = (who: string) => smtp.to(who).length;
    const managerBefore = before(manager.email);
    const interviewerBefore = before(interviewer.email);

    await page.goto(url('/login'));
    await signIn(page, recruiter.email, recruiter.password);
    await waitForPath(page, '/');
    await page.goto(url(`/applications/${target.applicationId}`));
    await page.getByLabel('Stage', { exact: true }).selectOption(String(target.stageId));
    await page.getByRole('button', { name: 'Schedule…' }).click();
    await waitForPath(page, `/applications/${target.applicationId}/interviews/new`);
    await seen(page.getByRole('heading', { level: 1 }));
    // The stage's usual interviewer is ticked; someone else is added by hand.
    expect(await page.getByLabel(manager.name).isChecked()).toBe(true);
    expect(await page.getByLabel(interviewer.name).isChecked()).toBe(false);
    await page.getByLabel(interviewer.name).check();
    await page.getByLabel(/^Start/).fill('2027-03-10T09:00');
    await page.getByLabel('Duration (minutes)').fill('45');
    await page.getByLabel('Place or video link').fill('https://meet.example.test/abc-defg');
    await page.getByLabel('Note to the panel (optional)').fill('Bring the pricing deck');
    await reviewPage(page, '01-schedule-form');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, '01-schedule-form-phone');
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await waitForPath(page, `/applications/${target.applicationId}`);
    await seen(page.getByRole('status').filter({ hasText: 'Interview scheduled' }));
    await reviewPage(page, '02-scheduled');

    const [invite] = (await untilReceived(interviewerBefore + 1, interviewer.email)).slice(-1);
    const request1 = eventOf(invite!);
    expect(request1.method).toBe('REQUEST');
    expect(Number(request1.event.sequence)).toBe(0);
    expect(request1.event.location).toBe('https://meet.example.test/abc-defg');
    expect(eventOf((await untilReceived(managerBefore + 1, manager.email)).at(-1)!).event.uid).toBe(request1.event.uid);

    // Reschedule, taking the interviewer off the panel.
    await page.getByRole('link', { name: 'Reschedule' }).last().click();
    await seen(page.getByRole('heading', { level: 1, name: /Reschedule the interview/ }));
    await page.getByLabel(/^Start/).fill('2027-03-11T10:30');
    await page.getByLabel(interviewer.name).uncheck();
    await reviewPage(page, '03-reschedule-form');
    await page.getByRole('button', { name: 'Save and send the update' }).click();
    await waitForPath(page, `/applications/${target.applicationId}`);
    await seen(page.getByRole('status').filter({ hasText: 'Interview rescheduled' }));
    const update = eventOf((await untilReceived(managerBefore + 2, manager.email)).at(-1)!);
    expect(update).toMatchObject({ method: 'REQUEST', event: { uid: request1.event.uid } });
    expect(Number(update.event.sequence)).toBe(1);
    const removed = eventOf((await untilReceived(interviewerBefore + 2, interviewer.email)).at(-1)!);
    expect(removed.method).toBe('CANCEL');
    expect(removed.event.uid).toBe(request1.event.uid);

    // Cancel, with a reason.
    await page.getByRole('link', { name: 'Cancel', exact: true }).last().click();
    await seen(page.getByRole('heading', { level: 1, name: /Cancel the interview/ }));
    await page.getByRole('button', { name: 'Cancel the interview' }).click();
    await seen(page.getByText('Say why it is cancelled: the panel reads it.'));
    await reviewPage(page, '04-cancel-refused');
    await page.getByLabel('Why is it cancelled?').fill('The candidate withdrew');
    await page.getByRole('button', { name: 'Cancel the interview' }).click();
    await waitForPath(page, `/applications/${target.applicationId}`);
    await seen(page.getByRole('status').filter({ hasText: 'Interview cancelled' }));
    await seen(page.getByText('The candidate withdrew').first());
    await reviewPage(page, '05-cancelled');
    const cancel = eventOf((await untilReceived(managerBefore + 3, manager.email)).at(-1)!);
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.event.uid).toBe(request1.event.uid);
    expect(Number(cancel.event.sequence)).toBe(2);
    expect(smtp.to(interviewer.email)).toHaveLength(interviewerBefore + 2);

    // My interviews, as the manager, at both widths: the time and the state stay visible.
    await context.clearCookies();
    await page.goto(url('/login'));
    await signIn(page, manager.email, manager.password);
    await waitForPath(page, '/');
    await page.goto(url('/interviews'));
    await seen(page.getByRole('heading', { level: 2, name: /To score/ }));
    await reviewPage(page, '06-my-interviews');
    await page.setViewportSize({ width: 390, height: 844 });
    const firstTime = page.locator('.my-interview-time').first();
    if ((await firstTime.count()) > 0) {
      const box = (await firstTime.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await reviewPage(page, '06-my-interviews-phone');
  });
});
