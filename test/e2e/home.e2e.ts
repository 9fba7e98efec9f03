/**
 * Each demo person signs in and lands on their own home: what they owe and what is next, and for
 * their role what is ready to decide, who owes feedback, what has nothing scheduled, the getting-
 * started checklist; a new hire lands on their checklist. Each home is checked with axe, at desktop
 * and phone width (no sideways scrolling), and saved as a screenshot.
 */
import type { DemoAccount } from '../../src/demo/demo';
import { type Page, reviewPage, type RunningApp, screenshot, seen, signIn, url, useDemoJourney, waitForPath } from './support';

let page: Page;
let accounts: DemoAccount[];
let running: RunningApp;
useDemoJourney('home', (journey) => {
  page = journey.page;
  accounts = journey.accounts;
  running = journey.running;
});

const HEADINGS: Record<string, RegExp[]> = {
  admin: [/^Getting started$/, /^Scorecards I owe/, /^Ready for a decision$/, /^Overdue scorecards$/],
  recruiter: [/^Scorecards I owe/, /^My next interviews/, /^No interview scheduled at their stage$/, /^Overdue scorecards$/],
  hiring_manager: [/^Scorecards I owe/, /^My next interviews/, /^Ready for a decision$/, /^Waiting on feedback$/],
  interviewer: [/^Scorecards I owe/, /^My next interviews/],
};

async function sideways(p: Page): Promise<number> {
  return p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('home per role in a browser', () => {
  for (const role of ['admin', 'recruiter', 'hiring_manager', 'interviewer', 'new_hire'] as const) {
    test(`when the ${role} signs in, then they land on what needs them, readable at phone width`, async () => {
      expect(running).toBeDefined();
      const account = accounts.find((a) => a.role === role)!;
      await page.context().clearCookies();
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.goto(url('/login'));
      await signIn(page, account.email, account.password);
      if (role === 'new_hire') {
        await waitForPath(page, '/onboarding');
        await seen(page.getByRole('heading', { level: 1 }));
      } else {
        await waitForPath(page, '/');
        await seen(page.getByRole('heading', { level: 1, name: `Hello, ${account.name}` }));
        for (const heading of HEADINGS[role]!) await seen(page.getByRole('heading', { level: 2, name: heading }));
        // The navigation says how many scorecards they owe.
        await seen(page.getByRole('navigation', { name: 'Main' }).locator('.nav-count'));
      }
      await reviewPage(page, `home-${role}`);
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `home-${role}-phone`);
    });
  }

  test('when the recruiter presses remind on an overdue scorecard, then home says the reminder went and the button waits a day', async () => {
    const recruiter = accounts.find((a) => a.role === 'recruiter')!;
    await page.context().clearCookies();
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(url('/login'));
    await signIn(page, recruiter.email, recruiter.password);
    await waitForPath(page, '/');
    const overdue = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Overdue scorecards' }) });
    const button = overdue.getByRole('button', { name: /^Remind / }).first();
    const who = ((await button.getAttribute('aria-label')) ?? '').replace(/^Remind /, '');
    await button.click();
    await waitForPath(page, '/');
    await seen(page.getByRole('status').filter({ hasText: `Reminder sent to ${who}.` }));
    await seen(overdue.getByText(/^Last reminder: /).first());
    await reviewPage(page, 'home-reminded');
  });
});
