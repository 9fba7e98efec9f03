/**
 * Importing candidates in a real browser: the demo company's recruiter goes from the candidate list
 * to the import, uploads a semicolon-separated Windows-1251 file as Russian Excel saves it, sees the
 * columns guessed from the Russian headers and what each row will do (one new, one known, one
 * refused), chooses an opening, imports, and finds the new candidate. axe-core on every page, and
 * the preview at a phone's width.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DemoAccount } from '../../src/demo/demo';
import { freshTempDir, type Page, reviewPage, type RunningApp, screenshot, seen, signIn, url, useDemoJourney, waitForPath } from './support';

let running: RunningApp;
let accounts: DemoAccount[];
let page: Page;
useDemoJourney('import', (journey) => ({ running, accounts, page } = journey));

/** Windows-1251 bytes of Cyrillic and ASCII text. */
function cp1251(text: string): Buffer {
  return Buffer.from([...text].map((ch) => {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) return code;
    if (code === 0x401) return 0xa8;
    if (code === 0x451) return 0xb8;
    return code - 0x410 + 0xc0;
  }));
}

describe('import journey in a browser', () => {
  test('when the recruiter imports a Russian Excel CSV, then they see each row’s outcome first and find the new candidate after', async () => {
    const db = running.database.db;
    const recruiter = accounts.find((a) => a.role === 'recruiter')!;
    const known = await db.selectFrom('candidates').select(['id', 'name', 'email']).where('email', '!=', '').orderBy('id').executeTakeFirstOrThrow();
    // An opening the known candidate does not apply to: their row joins them to it.
    const opening = await db
      .selectFrom('openings')
      .select(['id', 'title'])
      .where('status', '=', 'open')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('applications').select('applications.id').whereRef('applications.opening_id', '=', 'openings.id').where('applications.candidate_id', '=', known.id))))
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const file = path.join(freshTempDir('import'), 'кандидаты.csv');
    fs.writeFileSync(file, cp1251(`ФИО;Эл. почта;Телефон;Комментарий\r\nЁлкина Мария;elkina.e2e@example.test;+7 912 555-01-02;"Сильный охотник;\r\nхочет в закрытие"\r\nИзвестный Кандидат;${known.email};;\r\n;без.имени@example.test;;\r\n`));

    await page.goto(url('/login'));
    await signIn(page, recruiter.email, recruiter.password);
    await waitForPath(page, '/');
    await page.goto(url('/candidates'));
    await page.getByRole('button', { name: 'Import from a spreadsheet' }).click();
    await waitForPath(page, '/candidates/import');
    await reviewPage(page, 'import-01-upload');
    await page.getByLabel('CSV file').setInputFiles(file);
    await page.getByRole('button', { name: 'Upload and preview' }).click();

    await seen(page.getByRole('heading', { level: 1, name: 'Import candidates from кандидаты.csv' }));
    expect(await page.getByLabel('Encoding').locator('option:checked').textContent()).toBe('Detect (now Windows-1251 (Cyrillic))');
    expect(await page.getByLabel('Delimiter').locator('option:checked').textContent()).toBe('Detect (now Semicolon)');
    expect(await page.getByLabel('ФИО').locator('option:checked').textContent()).toBe('Name');
    await page.getByLabel('Apply everyone to').selectOption(String(opening.id));
    await page.getByRole('button', { name: 'Update the preview' }).click();
    await seen(page.getByText('1 new candidate', { exact: true }));
    await seen(page.getByText('1 row joins a known candidate', { exact: true }));
    await seen(page.getByText('1 row refused', { exact: true }));
    await seen(page.getByRole('link', { name: 'Joins the candidate already known by this e-mail' }));
    await seen(page.getByRole('cell', { name: 'Ёлкина Мария', exact: true }));
    await seen(page.getByText('no name').first());
    await reviewPage(page, 'import-02-preview');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'import-02-preview-390');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1366, height: 800 });
    await screenshot(page, 'import-02-preview-1366');
    await page.getByRole('button', { name: 'Import', exact: true }).click();

    await seen(page.getByText('Imported: 1 new, 1 joined to known candidates, 1 refused.'));
    await reviewPage(page, 'import-03-done');
    await page.getByRole('link', { name: 'Ёлкина Мария' }).first().click();
    await seen(page.getByRole('heading', { level: 1, name: 'Ёлкина Мария' }));
    await seen(page.getByRole('link', { name: opening.title, exact: true }));
    await seen(page.getByText('хочет в закрытие', { exact: false }));
    await reviewPage(page, 'import-04-candidate');
  });
});
