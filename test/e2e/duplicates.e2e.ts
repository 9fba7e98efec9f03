/**
 * Duplicates in a real browser: the demo company's recruiter opens a candidate, finds a second
 * record of the same person listed as a likely duplicate (the same e-mail with a +tag), merges it
 * into the candidate after reading what will move, and lands on the candidate with both
 * applications. axe-core on every page, and the confirm page at a phone's width.
 */
import { addApplication } from '../../src/candidates/applications.use-cases';
import { insertCandidate } from '../../src/candidates/candidates.repository';
import type { DemoAccount } from '../../src/demo/demo';
import { systemClock } from '../../src/clock';
import { createEventHandlers } from '../../src/event-handlers';
import { type Page, reviewPage, type RunningApp, screenshot, seen, signIn, url, useDemoJourney, waitForPath } from './support';

let running: RunningApp;
let accounts: DemoAccount[];
let page: Page;
useDemoJourney('duplicates', (journey) => ({ running, accounts, page } = journey));

describe('duplicates journey in a browser', () => {
  test('when the recruiter merges a likely duplicate into a candidate, then they land on the candidate with both applications', async () => {
    const db = running.database.db;
    const recruiter = accounts.find((a) => a.role === 'recruiter')!;
    const recruiterId = (await db.selectFrom('users').select('id').where('email', '=', recruiter.email).executeTakeFirstOrThrow()).id;
    const kept = await db
      .selectFrom('candidates')
      .innerJoin('applications', 'applications.candidate_id', 'candidates.id')
      .innerJoin('openings', 'openings.id', 'applications.opening_id')
      .select(['candidates.id', 'candidates.name', 'candidates.email', 'openings.id as openingId', 'openings.title'])
      .where('candidates.email', '!=', '')
      .orderBy('candidates.id')
      .executeTakeFirstOrThrow();
    const other = await db.selectFrom('openings').select(['id', 'title']).where('id', '!=', kept.openingId).where('status', '!=', 'closed').orderBy('id').executeTakeFirstOrThrow();
    // A second record of the same person, as someone typing the address with a +tag would make it.
    const duplicateId = await insertCandidate(db, { name: kept.name, email: kept.email.replace('@', '+jobs@'), phone: '', linkedinUrl: '', source: 'inbound', sourceDetail: 'site', notes: 'Applied on the careers page.', resumeFileId: null, createdBy: null }, new Date());
    await addApplication({ db, clock: systemClock, handlers: createEventHandlers() }, { id: recruiterId, role: 'recruiter' }, duplicateId, other.id);

    await page.goto(url('/login'));
    await signIn(page, recruiter.email, recruiter.password);
    await waitForPath(page, '/');

    await page.goto(url(`/candidates/${kept.id}`));
    await seen(page.getByText('Likely duplicates', { exact: true }));
    await seen(page.getByText('same e-mail (ignoring dots and +tags)'));
    await reviewPage(page, 'duplicates-01-candidate');
    await page.getByRole('link', { name: `Merge ${kept.name} into this candidate` }).click();

    await seen(page.getByRole('heading', { level: 1, name: 'Merge two records' }));
    await seen(page.getByText(`1 application with their stages, interviews, scorecards, decisions and history: “${other.title}”`));
    await reviewPage(page, 'duplicates-02-confirm');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'duplicates-02-confirm-390');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1366, height: 800 });
    await page.getByRole('button', { name: 'Merge', exact: true }).click();

    await waitForPath(page, `/candidates/${kept.id}`);
    await seen(page.getByText(`${kept.name} was merged into this candidate.`));
    await seen(page.getByRole('link', { name: kept.title, exact: true }));
    await seen(page.getByRole('link', { name: other.title, exact: true }));
    await seen(page.getByText('Applied on the careers page.', { exact: false }));
    expect(await page.getByText('Likely duplicates', { exact: true }).count()).toBe(0);
    await reviewPage(page, 'duplicates-03-merged');

    const gone = await page.goto(url(`/candidates/${duplicateId}`));
    expect(gone?.status()).toBe(404);
  });
});
