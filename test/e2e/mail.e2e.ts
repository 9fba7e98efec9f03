/**
 * Mail journeys in a real browser: a forgotten password, with the reset link taken from a real SMTP
 * server (the npm smtp-server in this process) and followed in the browser; the same request on an
 * instance without SMTP, where an admin finds the message on the mail page with its link hidden; and
 * the account page. Every page visited is checked with axe and saved as a screenshot.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { seedDemo, type DemoAccount } from '../../src/demo/demo';
import { systemClock } from '../../src/clock';
import { linkIn, TestSmtpServer } from '../helpers/smtp';
import { currentPath, finishRun, freePort, openBrowser, reviewPage, type RunningApp, seen, signIn, startApp, url, waitForPath } from './support';

const NEW_PASSWORD = 'harbor violet seventeen lanterns';

let smtp: TestSmtpServer;
let running: RunningApp | undefined;
let context: BrowserContext | undefined;
let page: Page;

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
});

afterAll(async () => {
  await context?.close();
  await running?.close();
  await smtp.close();
  finishRun('axe-mail');
});

async function freshApp(env: Record<string, string>, port = 0): Promise<DemoAccount[]> {
  await context?.close();
  await running?.close();
  running = await startApp(env, port);
  context = await openBrowser('mail');
  page = context.pages()[0] ?? (await context.newPage());
  return seedDemo(running.database.db, systemClock, 'en');
}

async function askForReset(email: string, shot: string): Promise<void> {
  await page.goto(url('/login'));
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await waitForPath(page, '/forgot-password');
  await reviewPage(page, `${shot}-forgot`);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await seen(page.getByRole('heading', { level: 1, name: 'Check your inbox' }));
  await reviewPage(page, `${shot}-sent`);
}

describe('mail journeys in a browser', () => {
  test('when a recruiter forgets their password, then the link arrives by mail, and following it they choose a new one and are signed in', async () => {
    const port = await freePort();
    const accounts = await freshApp({ SMTP_URL: smtp.url(), PUBLIC_URL: `http://127.0.0.1:${port}`, MAIL_FROM: 'Salesbench Demo <hiring@demo.salesbench.test>' }, port);
    const recruiter = accounts.find((a) => a.role === 'recruiter')!;
    await askForReset(recruiter.email, '01-smtp');

    await smtp.waitFor(1);
    const [received] = smtp.to(recruiter.email);
    expect(received!.mail.subject).toBe('Reset your Salesbench password');
    await page.goto(url(linkIn(received!, '/reset-password/')));
    await seen(page.getByRole('heading', { level: 1, name: 'Choose a new password' }));
    await reviewPage(page, '01-smtp-reset');
    await page.getByLabel('Choose a password').fill(NEW_PASSWORD);
    await page.getByLabel('Repeat the password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await waitForPath(page, '/');
    await seen(page.getByRole('status').filter({ hasText: 'Your password is changed, and you are signed in.' }));
    await seen(page.getByRole('link', { name: recruiter.name }));
    await reviewPage(page, '01-smtp-signed-in');

    // The same link again: used up.
    await page.goto(url(linkIn(received!, '/reset-password/')));
    await seen(page.getByText('This reset link no longer works'));
    // A security notice follows the change.
    await smtp.waitFor(2);
    expect(smtp.to(recruiter.email).map((r) => r.mail.subject)).toEqual(['Reset your Salesbench password', 'Your Salesbench password was changed']);
  });

  test('when mail is not configured, then the admin finds the reset message on the mail page, its link hidden', async () => {
    const accounts = await freshApp({});
    const interviewer = accounts.find((a) => a.role === 'interviewer')!;
    const admin = accounts.find((a) => a.role === 'admin')!;
    await askForReset(interviewer.email, '02-no-smtp');

    await page.goto(url('/login'));
    await signIn(page, admin.email, admin.password);
    await page.waitForURL((u) => u.pathname !== '/login');
    await page.goto(url('/settings'));
    await (await seen(page.getByRole('link', { name: 'Mail: settings and messages sent' }))).click();
    await waitForPath(page, '/settings/mail');
    await seen(page.getByText(/^Mail is not configured: messages are kept below/));
    await reviewPage(page, '02-no-smtp-mail-page');
    await (await seen(page.getByRole('link', { name: 'Reset your Salesbench password' }))).click();
    expect(currentPath(page)).toMatch(/^\/settings\/mail\/\d+$/);
    await seen(page.getByText('it is hidden here'));
    await seen(page.getByRole('cell', { name: interviewer.email }).or(page.getByText(interviewer.email)).first());
    expect(await page.locator('pre.mail-text').innerText()).not.toMatch(/\/reset-password\/[A-Za-z0-9_-]{20,}/);
    await reviewPage(page, '02-no-smtp-message');
  });

  test('when someone opens their account page from their name, then they set their time zone and it is kept', async () => {
    await page.locator('a[href="/account"]').first().click();
    await waitForPath(page, '/account');
    await seen(page.getByRole('heading', { level: 1, name: 'My account' }));
    await reviewPage(page, '03-account');
    await page.getByLabel('Time zone', { exact: true }).selectOption('Asia/Yekaterinburg');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await waitForPath(page, '/account');
    expect(await page.getByLabel('Time zone', { exact: true }).inputValue()).toBe('Asia/Yekaterinburg');
  });
});
