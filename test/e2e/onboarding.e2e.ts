/**
 * Onboarding journey in a real browser, on the demo company: the new hire works through their
 * checklist (one task with a file, one with a note, one refused for missing evidence), the SDR lead
 * signs one off, the progress bars move, and the manager's dashboard shows it. Admin pages for
 * templates and a new plan are visited too. Every page is checked with axe-core and screenshotted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { systemClock } from '../../src/clock';
import { type DemoAccount, seedDemo } from '../../src/demo/demo';
import { finishRun, freshTempDir, openBrowser, reviewPage, type RunningApp, seen, signIn, startApp, url, waitForPath, type BrowserContext, type Page } from './support';

let running: RunningApp;
let accounts: DemoAccount[];
let context: BrowserContext;
let page: Page;
let evidencePdf: string;
let progressBefore = 0;

const account = (role: DemoAccount['role']) => accounts.find((a) => a.role === role)!;

async function signInAs(role: DemoAccount['role']): Promise<void> {
  await page.goto(url('/login'));
  if ((await page.getByRole('button', { name: 'Sign out' }).count()) > 0) {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await waitForPath(page, '/login');
  }
  await signIn(page, account(role).email, account(role).password);
  // A new hire's home is their checklist.
  await waitForPath(page, role === 'new_hire' ? '/onboarding' : '/');
}

async function overallProgress(): Promise<number> {
  return Number(await page.locator('#progress-overall').getAttribute('value'));
}

function taskItem(title: string) {
  return page.locator('li.task', { has: page.getByRole('heading', { level: 3, name: title, exact: true }) });
}

beforeAll(async () => {
  running = await startApp();
  accounts = await seedDemo(running.database.db, systemClock, 'en');
  context = await openBrowser('onboarding');
  page = context.pages()[0] ?? (await context.newPage());
  evidencePdf = path.join(freshTempDir('evidence'), 'outreach-sequence.pdf');
  fs.writeFileSync(evidencePdf, '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
});

afterAll(async () => {
  await context?.close();
  await running?.close();
  finishRun('axe-onboarding');
});

describe('onboarding journey in a browser', () => {
  test('when the new hire opens Onboarding, then the checklist shows tracks, progress bars, due dates and what is overdue', async () => {
    await signInAs('new_hire');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Onboarding' }).click();
    await waitForPath(page, '/onboarding');
    await seen(page.getByRole('heading', { level: 1, name: 'My onboarding' }));
    for (const track of ['Company & culture', 'Product immersion', 'Customer success', 'Sales development (SDR shadowing)', 'Your role']) {
      await seen(page.getByRole('heading', { level: 2, name: track }));
    }
    await seen(page.getByText('Sent back by Alex Morgan:'));
    await seen(taskItem('Write your first outreach sequence').getByText('Overdue', { exact: true }));
    progressBefore = await overallProgress();
    expect(progressBefore).toBeGreaterThan(0);
    await reviewPage(page, 'o01-checklist');
  });

  test('when the new hire marks an evidence task done with nothing attached, then they are back at the task, on the checklist\'s own address, with the message by the note field', async () => {
    const task = taskItem('Write your first outreach sequence');
    await task.getByText('Mark done', { exact: true }).click();
    await task.getByRole('button', { name: 'Mark as done and ask for sign-off' }).click();
    const again = taskItem('Write your first outreach sequence');
    await seen(again.getByText('This task needs evidence: write a note or attach a file.'));
    await seen(page.getByRole('alert').filter({ hasText: '“Write your first outreach sequence” was not marked done' }));
    const address = new URL(page.url());
    expect([address.pathname, address.search, address.hash.startsWith('#task-')]).toEqual(['/onboarding', '', true]);
    // The page opens at the task, not at the top.
    expect(await again.evaluate((el) => el.getBoundingClientRect().top >= -1 && el.getBoundingClientRect().top < window.innerHeight)).toBe(true);
    await reviewPage(page, 'o02-evidence-required');
  });

  test('when the new hire attaches a file to one task and a note to another, then both wait for sign-off', async () => {
    const outreach = taskItem('Write your first outreach sequence');
    await outreach.getByLabel(/^File/).setInputFiles(evidencePdf);
    await outreach.getByRole('button', { name: 'Mark as done and ask for sign-off' }).click();
    await seen(page.getByRole('status').filter({ hasText: 'Done: Write your first outreach sequence. It now waits for sign-off.' }));

    const demo = taskItem('Give the product demo to the product team');
    await demo.getByText('Mark done', { exact: true }).click();
    await demo.getByLabel('Note (a note or a file is required)').fill('Slides are in the shared drive. Two open questions: SSO for small teams, and the export API limits.');
    await demo.getByRole('button', { name: 'Mark as done and ask for sign-off' }).click();
    await seen(page.getByRole('status').filter({ hasText: 'Done: Give the product demo to the product team.' }));
    await seen(taskItem('Write your first outreach sequence').getByText('Waiting for sign-off', { exact: true }));
    await seen(taskItem('Write your first outreach sequence').getByRole('link', { name: 'Download evidence: outreach-sequence.pdf' }));
    expect(await overallProgress()).toBe(progressBefore);
    await reviewPage(page, 'o03-after-done');
  });

  test('when the SDR lead opens Assigned to me and signs off the outreach sequence, then it is done', async () => {
    await signInAs('interviewer');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Onboarding' }).click();
    await page.getByRole('navigation', { name: 'Onboarding sections' }).getByRole('link', { name: 'Assigned to me' }).click();
    await waitForPath(page, '/onboarding/tasks');
    const item = page.locator('article', { has: page.getByRole('heading', { name: 'Write your first outreach sequence' }) });
    await seen(item.getByText('Nina Alvarez', { exact: false }));
    await seen(item.getByRole('link', { name: 'Download evidence: outreach-sequence.pdf' }));
    await reviewPage(page, 'o04-assigned-to-me');
    await item.getByRole('button', { name: 'Sign off' }).click();
    await seen(page.getByRole('status').filter({ hasText: 'Signed off.' }));
    expect(await page.locator('article', { has: page.getByRole('heading', { name: 'Write your first outreach sequence' }) }).count()).toBe(0);
  });

  test('when the new hire looks again, then the progress bars have moved', async () => {
    await signInAs('new_hire');
    await page.goto(url('/onboarding'));
    // Signed off, it has folded away with the other finished tasks of its track.
    const track = page.locator('section.track').filter({ has: page.locator('h3.task-title', { hasText: 'Write your first outreach sequence' }) });
    await track.locator('details.done-tasks > summary').click();
    await seen(taskItem('Write your first outreach sequence').getByText('Done', { exact: true }));
    expect(await overallProgress()).toBe(progressBefore + 1);
    await reviewPage(page, 'o05-progress-moved');
  });

  test('when the manager opens the dashboard, then both new hires show with progress, overdue counts and the next task', async () => {
    await signInAs('hiring_manager');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Onboarding' }).click();
    await page.getByRole('navigation', { name: 'Onboarding sections' }).getByRole('link', { name: 'Plans' }).click();
    await waitForPath(page, '/onboarding/plans');
    const nina = page.getByRole('row', { name: /Nina Alvarez/ });
    await seen(nina);
    const percent = Number(/(\d+)%/.exec((await nina.locator('.progress-cell').innerText()) ?? '')?.[1]);
    expect(percent).toBeGreaterThan(0);
    await seen(page.getByRole('row', { name: /Sam Okafor/ }));
    await reviewPage(page, 'o06-dashboard');

    await page.getByRole('link', { name: 'Nina Alvarez' }).click();
    await seen(page.getByRole('heading', { level: 1, name: 'Onboarding: Nina Alvarez' }));
    await seen(page.getByRole('link', { name: 'Download evidence: outreach-sequence.pdf' }));
    await reviewPage(page, 'o07-plan');
  });

  test('when the manager records the 90-day review with no rating, then the message sits by the rating; with one, it is kept', async () => {
    await page.goto(url('/onboarding/plans'));
    await page.getByRole('link', { name: 'Sam Okafor' }).click();
    await page.getByLabel('Short note').fill('Strong discovery; forecasting needs work.');
    await page.getByRole('button', { name: 'Record the review' }).click();
    await seen(page.getByText('Choose a rating from 1 to 4.'));
    await page.getByLabel('3 · Above expectations').check();
    await page.getByRole('button', { name: 'Record the review' }).click();
    await seen(page.getByText('Rated 3 · Above expectations'));
    await reviewPage(page, 'o08-review');
  });

  test('when an admin opens the templates and a new plan form, then the pages read well', async () => {
    await signInAs('admin');
    await page.goto(url('/onboarding/templates'));
    await reviewPage(page, 'o09-templates');
    await page.getByRole('link', { name: 'Account Executive' }).click();
    await seen(page.getByRole('heading', { level: 1, name: 'Onboarding template: Account Executive' }));
    await reviewPage(page, 'o10-template');
    await page.getByRole('button', { name: 'Edit “Shadow the founder’s discovery calls”' }).click();
    await page.getByLabel('Due (days after the start date)').fill('400');
    await page.getByRole('button', { name: 'Save task' }).click();
    await seen(page.getByText('Enter a whole number of days from 0 to 365.'));
    await reviewPage(page, 'o11-task-form-error');
    await page.goto(url('/onboarding/plans/new'));
    await reviewPage(page, 'o12-new-plan');
  });
});
