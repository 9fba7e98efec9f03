/**
 * Rubrics journey in a real browser: an admin of the demo company reads the sales roles and the
 * Account Executive rubric, edits one anchor, sees version 2 and what changed; reads the VP Sales
 * rubric; a hiring manager asks the team-plan advisor for the next hires. Every page is checked
 * with axe-core and screenshotted.
 */
import { systemClock } from '../../src/clock';
import { type DemoAccount, seedDemo } from '../../src/demo/demo';
import { finishRun, openBrowser, reviewPage, type RunningApp, seen, signIn, startApp, url, waitForPath, type BrowserContext, type Page } from './support';

let running: RunningApp;
let accounts: DemoAccount[];
let context: BrowserContext;
let page: Page;

const account = (role: DemoAccount['role']) => accounts.find((a) => a.role === role)!;

beforeAll(async () => {
  running = await startApp();
  accounts = await seedDemo(running.database.db, systemClock, 'en');
  context = await openBrowser('rubrics');
  page = context.pages()[0] ?? (await context.newPage());
});

afterAll(async () => {
  await context?.close();
  await running?.close();
  finishRun('axe-rubrics');
});

describe('rubrics journey in a browser', () => {
  test('when an admin opens Sales roles, then the five roles show what they do and how they are paid', async () => {
    await page.goto(url('/login'));
    await signIn(page, account('admin').email, account('admin').password);
    await waitForPath(page, '/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sales roles' }).click();
    await waitForPath(page, '/roles');
    for (const name of ['SDR – outbound', 'SDR – inbound', 'Account Executive', 'VP Sales']) {
      await seen(page.getByRole('heading', { name, exact: false }).first());
    }
    await seen(page.getByText('commission').first());
    await reviewPage(page, 'r01-roles');
  });

  test('when the admin opens the AE rubric, then the core knockouts and anchored ratings are shown', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rubrics' }).click();
    await waitForPath(page, '/rubrics');
    await reviewPage(page, 'r02-rubrics');
    await page.getByRole('link', { name: 'Account Executive' }).click();
    await seen(page.getByRole('heading', { level: 1, name: 'Rubric: Account Executive' }));
    await seen(page.getByRole('heading', { name: 'Core: every sales role' }));
    await seen(page.getByText('Knockout: below 2.5 is below the bar').first());
    await seen(page.getByRole('heading', { level: 3, name: 'Discovery' }));
    await reviewPage(page, 'r03-ae-rubric');
  });

  test('when the admin edits the "Yes" anchor of Discovery and saves, then version 2 is current and the change is listed', async () => {
    await page.getByRole('button', { name: 'Edit rubric' }).click();
    await seen(page.getByRole('heading', { level: 1, name: 'Edit rubric: Account Executive' }));
    await reviewPage(page, 'r04-ae-edit');
    const discovery = page.locator('fieldset', { has: page.locator('legend', { hasText: /^Discovery$/ }) });
    const anchor = discovery.getByLabel('3 · Yes');
    await anchor.fill('Asks open questions about budget, timeline and who decides, and plays the pain back in the buyer’s own words.');
    await page.getByLabel('What changed and why').fill('Sharper discovery anchor');
    await page.getByRole('button', { name: 'Save as a new version' }).click();

    await seen(page.getByRole('status').filter({ hasText: 'Saved as version 2.' }));
    await seen(page.getByText('Version 2').first());
    await seen(page.getByText('plays the pain back in the buyer’s own words'));
    await reviewPage(page, 'r05-ae-rubric-v2');

    await page.getByRole('link', { name: 'What changed' }).first().click();
    await seen(page.getByRole('heading', { level: 1, name: 'What changed: Account Executive' }));
    await seen(page.getByRole('rowheader', { name: 'Anchor 3 · Yes' }));
    await reviewPage(page, 'r06-ae-compare');
  });

  test('when the admin tries to save a weight of 12, then the message sits by the field and nothing is saved', async () => {
    await page.goto(url('/rubrics'));
    await page.getByRole('link', { name: 'Account Executive' }).click();
    await page.getByRole('button', { name: 'Edit rubric' }).click();
    const discovery = page.locator('fieldset', { has: page.locator('legend', { hasText: /^Discovery$/ }) });
    await discovery.getByLabel('Weight (0–10)').fill('12');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await seen(page.getByText('Enter a weight from 0 to 10.'));
    expect(await discovery.getByLabel('Weight (0–10)').inputValue()).toBe('12');
    await reviewPage(page, 'r07-ae-edit-error');
  });

  test('when anyone opens the VP Sales rubric, then it says why it is separate from the AE rubric', async () => {
    await page.goto(url('/rubrics'));
    await page.getByRole('link', { name: 'VP Sales' }).click();
    await seen(page.getByText('the best closer is rarely the best manager').first());
    await seen(page.getByText('Individual selling').first());
    await reviewPage(page, 'r08-vp-rubric');
  });

  test('when a hiring manager enters a young team, then the advisor puts a qualifier and a farmer first and explains the rule', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await waitForPath(page, '/login');
    await signIn(page, account('hiring_manager').email, account('hiring_manager').password);
    await waitForPath(page, '/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team plan' }).click();
    await waitForPath(page, '/team-plan');
    await page.getByLabel('Customers').fill('12');
    await page.getByLabel('Last month').fill('6');
    await page.getByRole('button', { name: 'Save and advise' }).click();
    await seen(page.getByText('Hire a qualifier first'));
    await seen(page.getByText('Hire a farmer now'));
    await seen(page.getByText('Rule: a qualifier comes first'));
    await reviewPage(page, 'r09-team-plan');
  });
});
