/**
 * Hiring journey in a real browser: a recruiter creates an opening and a candidate with a résumé
 * and schedules an interview with two interviewers; the first interviewer submits a scorecard from
 * the interview kit; the second cannot see it until they submit their own. axe-core on every page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { systemClock } from '../../src/clock';
import { type DemoAccount, seedDemo } from '../../src/demo/demo';
import { type BrowserContext, finishRun, freshTempDir, openBrowser, type Page, reviewPage, type RunningApp, seen, signIn, startApp, url, waitForPath } from './support';

let running: RunningApp;
let accounts: DemoAccount[];
const contexts: BrowserContext[] = [];
let recruiter: Page;
let interviewer: Page;
let manager: Page;
let applicationPath = '';
let kitPath = '';

const account = (role: DemoAccount['role']) => accounts.find((a) => a.role === role)!;

async function pageFor(role: DemoAccount['role']): Promise<Page> {
  const context = await openBrowser(role);
  contexts.push(context);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url('/login'));
  await signIn(page, account(role).email, account(role).password);
  await waitForPath(page, '/');
  return page;
}

beforeAll(async () => {
  running = await startApp();
  accounts = await seedDemo(running.database.db, systemClock, 'en');
  recruiter = await pageFor('recruiter');
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await running?.close();
  finishRun('axe-hiring');
});

describe('hiring journey in a browser', () => {
  test('when a recruiter creates an AE opening, then it has the role’s interview plan', async () => {
    await recruiter.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Openings' }).click();
    await waitForPath(recruiter, '/openings');
    await reviewPage(recruiter, 'h01-openings');
    await recruiter.getByRole('button', { name: 'New opening' }).click();
    await recruiter.getByLabel('Title').fill('Account Executive – Nordics');
    await recruiter.getByLabel('Sales role').selectOption({ label: 'Account Executive' });
    await recruiter.getByLabel('Hiring manager').selectOption({ label: 'Harper Novak' });
    await reviewPage(recruiter, 'h02-opening-form');
    await recruiter.getByRole('button', { name: 'Create opening' }).click();
    await seen(recruiter.getByRole('heading', { level: 1, name: 'Account Executive – Nordics' }));
    await seen(recruiter.getByRole('heading', { name: 'Role-play: discovery call' }));
    await reviewPage(recruiter, 'h03-opening');
    await recruiter.getByRole('button', { name: 'Interview plan' }).click();
    await seen(recruiter.getByText('Every rubric dimension is assessed by at least one stage.'));
    await reviewPage(recruiter, 'h04-plan');
    await recruiter.goBack();
  });

  test('when the recruiter adds a candidate with a résumé, then the candidate page links the résumé', async () => {
    await recruiter.getByRole('button', { name: 'Add candidate' }).click();
    await recruiter.getByLabel('Name', { exact: true }).fill('Astrid Lindqvist');
    await recruiter.getByLabel('Email').fill('astrid@example.com');
    await recruiter.getByLabel('LinkedIn profile').fill('https://www.linkedin.com/in/astrid-lindqvist');
    await recruiter.getByLabel('Source', { exact: true }).selectOption('referral');
    await recruiter.getByLabel('Referred by (for referrals)').fill('Riley Chen');
    const resume = path.join(freshTempDir('resume'), 'astrid-cv.pdf');
    fs.writeFileSync(resume, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    await recruiter.getByLabel('Résumé (PDF or DOCX)').setInputFiles(resume);
    await reviewPage(recruiter, 'h05-candidate-form');
    await recruiter.getByRole('button', { name: 'Add candidate' }).click();
    await seen(recruiter.getByRole('heading', { level: 1, name: 'Astrid Lindqvist' }));
    await seen(recruiter.getByRole('link', { name: 'astrid-cv.pdf' }));
    await reviewPage(recruiter, 'h06-candidate');
  });

  test('when the recruiter schedules the discovery role-play with two interviewers, then the application lists it', async () => {
    await recruiter.getByRole('link', { name: 'Account Executive – Nordics' }).click();
    applicationPath = new URL(recruiter.url()).pathname;
    await recruiter.getByLabel('Stage', { exact: true }).selectOption({ label: 'Role-play: discovery call' });
    await recruiter.getByRole('button', { name: 'Schedule…' }).click();
    await seen(recruiter.getByRole('heading', { level: 1, name: 'Schedule an interview with Astrid Lindqvist' }));
    await recruiter.getByRole('checkbox', { name: 'Ivan Petrov' }).check();
    await recruiter.getByRole('checkbox', { name: 'Harper Novak' }).check();
    // Held two hours ago (the demo company's zone is UTC): entered after the fact, so it can be scored now.
    await recruiter.getByLabel(/^Start/).fill(new Date(Date.now() - 2 * 3_600_000).toISOString().slice(0, 16));
    await recruiter.getByRole('button', { name: 'Schedule', exact: true }).click();
    await seen(recruiter.getByRole('status').filter({ hasText: 'Interview scheduled' }));
    await seen(recruiter.getByText('That time has passed: the interview is recorded as held then.'));
    await reviewPage(recruiter, 'h07-application');
  });

  test('when the interviewer opens the kit and submits a scorecard, then it is recorded', async () => {
    interviewer = await pageFor('interviewer');
    await interviewer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My interviews' }).click();
    await reviewPage(interviewer, 'h08-my-interviews');
    await interviewer.getByRole('link', { name: 'Astrid Lindqvist' }).click();
    kitPath = new URL(interviewer.url()).pathname;
    await seen(interviewer.getByRole('heading', { level: 1, name: 'Interview kit: Astrid Lindqvist' }));
    await reviewPage(interviewer, 'h09-kit');
    await interviewer.locator('input[name="rating_sales_dna"][value="3"]').check();
    await interviewer.locator('#evidence_sales_dna').fill('Asked about the buyer’s team before pitching; mirrored their words.');
    await interviewer.locator('input[name="rating_discovery"][value="4"]').check();
    await interviewer.locator('#evidence_discovery').fill('Found budget, timeline and decision maker within ten minutes.');
    await interviewer.getByLabel('Key take-aways').fill('IVAN-TAKEAWAY: curious and structured.');
    await interviewer.getByRole('radio', { name: 'Yes', exact: true }).check();
    await interviewer.getByRole('button', { name: 'Submit scorecard' }).click();
    await seen(interviewer.getByRole('status').filter({ hasText: 'Scorecard submitted.' }));
    await reviewPage(interviewer, 'h10-kit-submitted');
  });

  test('when the second interviewer has not submitted, then the first scorecard stays hidden from them until they do', async () => {
    manager = await pageFor('hiring_manager');
    await manager.goto(url(kitPath));
    await seen(manager.getByText('Other interviewers’ scorecards appear here once you have submitted yours.'));
    expect(await manager.content()).not.toContain('IVAN-TAKEAWAY');
    await manager.goto(url(applicationPath));
    expect(await manager.content()).not.toContain('IVAN-TAKEAWAY');
    await manager.goto(url(kitPath));
    await manager.locator('input[name="rating_sales_dna"][value="2"]').check();
    await manager.locator('#evidence_sales_dna').fill('Talked more than listened.');
    await manager.locator('input[name="rating_discovery"][value="na"]').check();
    await manager.getByRole('radio', { name: 'No', exact: true }).check();
    await manager.getByRole('button', { name: 'Submit scorecard' }).click();
    await seen(manager.getByRole('status').filter({ hasText: 'Scorecard submitted.' }));
    await seen(manager.getByText('IVAN-TAKEAWAY: curious and structured.'));
    await reviewPage(manager, 'h11-kit-others-visible');
  });
});
