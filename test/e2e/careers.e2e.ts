/**
 * The careers page in a real browser: a visitor of the demo company's site opens /jobs, reads an
 * opening, applies with a real PDF résumé (after more than the 3 seconds a person needs), and sees the
 * thank-you page; then a recruiter signs in and finds the applicant in the candidates list, inbound
 * from the careers page, with the consent on the candidate page, and by a word form of a word in the
 * résumé once its text is read. axe-core on every public page, and
 * each is looked at (screenshots) at 1366 and 390 px.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { DemoAccount } from '../../src/demo/demo';
import { freshTempDir, type Page, reviewPage, type RunningApp, screenshot, seen, signIn, url, useDemoJourney, waitForPath } from './support';

let running: RunningApp;
let accounts: DemoAccount[];
let page: Page;
useDemoJourney('careers', (journey) => ({ running, accounts, page } = journey));

const SLUG = 'account-executive-mid-market';
const APPLICANT = { name: 'Quinn Visitor', email: 'quinn.visitor@example.net' };

async function resumePdf(): Promise<string> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const sheet = doc.addPage([595, 842]);
  sheet.drawText(`${APPLICANT.name} — Account Executive`, { x: 50, y: 780, size: 18, font });
  sheet.drawText('Five years of mid-market SaaS sales, 130% of quota in 2025.', { x: 50, y: 750, size: 11, font });
  const file = path.join(freshTempDir('resume'), 'quinn-visitor-cv.pdf');
  fs.writeFileSync(file, await doc.save());
  return file;
}

/** The page at both widths people read it at, then back to the desktop width. */
async function lookAt(p: Page, name: string): Promise<void> {
  await p.setViewportSize({ width: 1366, height: 900 });
  await reviewPage(p, `${name}-1366`);
  await p.setViewportSize({ width: 390, height: 844 });
  await screenshot(p, `${name}-390`);
  // Nothing wider than the phone's screen: no sideways scrolling.
  expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await p.setViewportSize({ width: 1366, height: 900 });
}

describe('careers page journey in a browser', () => {
  test('when a visitor applies through the careers page, then they are thanked, and the recruiter finds them with their consent', async () => {
    await page.goto(url('/jobs'));
    await seen(page.getByRole('heading', { level: 1, name: 'Open positions' }));
    await lookAt(page, 'careers-01-jobs');

    await page.getByRole('link', { name: 'Account Executive, mid-market' }).click();
    await waitForPath(page, `/jobs/${SLUG}`);
    await seen(page.getByRole('heading', { level: 1, name: 'Account Executive, mid-market' }));
    await seen(page.getByRole('heading', { level: 2, name: 'What you will do' }));
    await lookAt(page, 'careers-02-posting');

    await page.getByLabel('Full name (required)').fill(APPLICANT.name);
    await page.getByLabel('E-mail (required)').fill(APPLICANT.email);
    await page.getByLabel('Phone').fill('+49 30 5550100');
    await page.getByLabel('LinkedIn profile').fill('linkedin.com/in/quinn-visitor');
    await page.getByLabel('Résumé').setInputFiles(await resumePdf());
    await page.getByLabel('Cover note').fill('I would love to sell to mid-market teams again.');
    await page.getByLabel(/I agree that .* keeps and uses my data/).check();
    // A person takes longer than 3 seconds; the form refuses anything faster.
    await page.waitForTimeout(3_300);
    await page.getByRole('button', { name: 'Send application' }).click();
    await waitForPath(page, `/jobs/${SLUG}/thanks`);
    await seen(page.getByRole('heading', { level: 1, name: 'Thank you for applying' }));
    await seen(page.getByText('We have received your application for Account Executive, mid-market.'));
    await lookAt(page, 'careers-03-thanks');

    const recruiter = accounts.find((a) => a.role === 'recruiter')!;
    await page.goto(url('/login'));
    await signIn(page, recruiter.email, recruiter.password);
    await waitForPath(page, '/');
    await page.goto(url(`/candidates?q=${encodeURIComponent('quinn')}`));
    const row = page.getByRole('row', { name: new RegExp(APPLICANT.name) });
    await seen(row);
    await seen(row.getByText('Inbound · Careers page'));
    await reviewPage(page, 'careers-04-candidates');
    await row.getByRole('link', { name: APPLICANT.name }).click();
    await seen(page.getByRole('heading', { level: 1, name: APPLICANT.name }));
    await seen(page.getByText('Applications through the careers page'));
    await seen(page.getByText(/Consent given to keep the data for 24 months after the last contact/));
    await seen(page.getByRole('link', { name: 'quinn-visitor-cv.pdf' }).first());
    await reviewPage(page, 'careers-05-candidate');

    // The résumé's words are found once its text is read, off the request path, a moment after the upload:
    // "quotas" finds "quota" in the PDF, with the word marked where it matched.
    const byResume = page.getByRole('row', { name: new RegExp(APPLICANT.name) });
    for (let tries = 0; tries < 30; tries += 1) {
      await page.goto(url(`/candidates?q=${encodeURIComponent('quotas')}`));
      if ((await byResume.count()) > 0) break;
      await page.waitForTimeout(500);
    }
    await seen(byResume);
    expect(await byResume.locator('mark').first().textContent()).toBe('quota');
    await reviewPage(page, 'careers-06-search');

    const candidate = await running.database.db.selectFrom('candidates').selectAll().where('email', '=', APPLICANT.email).executeTakeFirstOrThrow();
    expect(candidate).toMatchObject({ source: 'inbound', source_detail: 'careers', linkedin_url: 'https://linkedin.com/in/quinn-visitor' });
    const mail = await running.database.db.selectFrom('outbox_messages').select(['subject', 'state']).where('recipient_email', '=', APPLICANT.email).executeTakeFirstOrThrow();
    expect(mail.subject).toContain('Your application for Account Executive, mid-market');
  });
});
