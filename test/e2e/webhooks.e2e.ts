/**
 * Webhook settings in a real browser: an admin adds an endpoint (a loopback address refused next to
 * the field until allowed), copies the secret shown once, and rotates it. Every page visited is
 * checked with axe and saved as a screenshot.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { seedDemo } from '../../src/demo/demo';
import { systemClock } from '../../src/clock';
import { finishRun, openBrowser, reviewPage, type RunningApp, seen, signIn, startApp, url, waitForPath } from './support';

let running: RunningApp;
let context: BrowserContext;
let page: Page;

afterAll(async () => {
  await context?.close();
  await running?.close();
  finishRun('axe-webhooks');
});

describe('webhook settings in a browser', () => {
  test('when an admin adds an endpoint, then a loopback target is refused until allowed, the secret is shown once, and rotating shows a new one', async () => {
    running = await startApp();
    const accounts = await seedDemo(running.database.db, systemClock, 'en');
    context = await openBrowser('webhooks');
    page = context.pages()[0] ?? (await context.newPage());
    const admin = accounts.find((a) => a.role === 'admin')!;
    await page.goto(url('/login'));
    await signIn(page, admin.email, admin.password);

    await page.goto(url('/settings'));
    await page.getByRole('link', { name: /Webhooks/ }).click();
    await waitForPath(page, '/settings/webhooks');
    await reviewPage(page, 'webhooks-01-empty');
    await page.getByRole('button', { name: 'Add an endpoint' }).click();
    await waitForPath(page, '/settings/webhooks/new');

    await page.getByLabel('URL').fill('https://127.0.0.1:9/hooks');
    await page.getByLabel(/candidate\.hired/).check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const error = await seen(page.locator('#field-url-error'));
    expect(await error.textContent()).toContain('private or loopback address');
    expect(await page.getByLabel('URL').inputValue()).toBe('https://127.0.0.1:9/hooks');
    await reviewPage(page, 'webhooks-02-refused');

    await page.getByLabel('Allow private, loopback and link-local addresses').check();
    await page.getByLabel(/candidate\.hired/).check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    // Redirected to the endpoint's page, which shows the secret once.
    await seen(page.getByRole('heading', { level: 1, name: 'Webhook endpoint' }));
    expect(await page.content()).toContain('Copy its signing secret now');
    const secret = await page.locator('input.flash-value').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await reviewPage(page, 'webhooks-03-secret');

    await page.reload();
    await seen(page.getByRole('heading', { level: 1, name: 'Webhook endpoint' }));
    expect(await page.content()).not.toContain(secret);
    await reviewPage(page, 'webhooks-04-endpoint');
    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await seen(page.getByText('New signing secret, in force at once.'));
    const rotated = await page.locator('input.flash-value').inputValue();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
  });
});
