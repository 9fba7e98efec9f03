/**
 * Privacy in a real browser: the demo company's admin opens a candidate, is asked for their
 * password before exporting, then erases the candidate and finds the erasure in the privacy log
 * without the candidate's name. axe-core on every page.
 */
import type { DemoAccount } from '../../src/demo/demo';
import { type Page, reviewPage, type RunningApp, seen, signIn, url, useDemoJourney, waitForPath } from './support';

let running: RunningApp;
let accounts: DemoAccount[];
let page: Page;
useDemoJourney('privacy', (journey) => ({ running, accounts, page } = journey));

describe('privacy journey in a browser', () => {
  test('when the admin exports and then erases a candidate, then a wrong password is explained and the log keeps no name', async () => {
    const admin = accounts.find((a) => a.role === 'admin')!;
    const candidate = await running.database.db.selectFrom('candidates').select(['id', 'name']).orderBy('id').executeTakeFirstOrThrow();
    await page.goto(url('/login'));
    await signIn(page, admin.email, admin.password);
    await waitForPath(page, '/');

    await page.goto(url(`/candidates/${candidate.id}`));
    await seen(page.getByText('Personal data', { exact: true }));
    await reviewPage(page, 'privacy-01-candidate');
    await page.getByRole('button', { name: 'Export data' }).click();
    await seen(page.getByRole('heading', { level: 1, name: 'Export a candidate’s data' }));
    await page.getByLabel('Your password').fill('not my password at all');
    await page.getByRole('button', { name: 'Download the export' }).click();
    await seen(page.getByText('That password is not right.'));
    await reviewPage(page, 'privacy-02-export-wrong-password');

    await page.goto(url(`/candidates/${candidate.id}/erase`));
    await seen(page.getByRole('heading', { level: 1, name: 'Erase a candidate' }));
    await reviewPage(page, 'privacy-03-erase');
    await page.getByLabel('Type the candidate’s name to confirm').fill(candidate.name);
    await page.getByLabel('Your password').fill(admin.password);
    await page.getByRole('button', { name: 'Erase for good' }).click();
    await waitForPath(page, '/privacy');
    await seen(page.getByText('The candidate and everything stored about them were erased.'));
    await seen(page.getByRole('cell', { name: `Candidate #${candidate.id}` }));
    expect(await page.content()).not.toContain(candidate.name);
    await reviewPage(page, 'privacy-04-log');
  });
});
