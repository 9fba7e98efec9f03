/**
 * A company set up in English, read in Russian: the interview kit (anchors, questions, the stage)
 * and the new hire's onboarding checklist are in Russian too, at desktop and phone widths, with no
 * sideways scrolling. Each page is checked with axe-core and screenshotted.
 */
import { CATALOGS } from '../../src/i18n/i18n';
import { seededDimension, seededRole, seededTask } from '../../src/i18n/seeded-texts';
import type { DemoAccount } from '../../src/demo/demo';
import { reviewPage, type RunningApp, signIn, url, useDemoJourney, waitForPath, type Page } from './support';

let running: RunningApp;
let accounts: DemoAccount[];
let page: Page;

useDemoJourney('seeded-texts', (journey) => {
  ({ running, accounts, page } = journey);
});

async function signInInRussian(role: DemoAccount['role']): Promise<void> {
  const account = accounts.find((a) => a.role === role)!;
  await running.database.db.updateTable('users').set({ language: 'ru' }).where('email', '=', account.email).execute();
  await page.context().clearCookies();
  await page.goto(url('/login'));
  await signIn(page, account.email, account.password);
  await waitForPath(page, role === 'new_hire' ? '/onboarding' : '/');
}

async function atWidths(name: string): Promise<void> {
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await reviewPage(page, `${name}-${width}`);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    expect(sideways).toBe(false);
  }
}

describe('seeded texts in the reader’s language (browser)', () => {
  it('when an interviewer of an English company reads a kit in Russian, then its anchors, questions and stage are Russian', async () => {
    await signInInRussian('interviewer');
    await page.goto(url('/interviews?section=upcoming'));
    const kits = page.locator('a[href^="/interviews/"]');
    const hrefs = (await kits.evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))).filter((h) => /^\/interviews\/\d+$/.test(h));
    expect(hrefs.length).toBeGreaterThan(0);
    await page.goto(url(hrefs[0]!));
    const text = await page.locator('main').innerText();
    const stages = Object.entries(CATALOGS.ru).filter(([key]) => key.startsWith('stage.')).map(([, name]) => name);
    expect(stages.some((name) => text.includes(name))).toBe(true);
    expect(text).toContain(seededDimension('ae:integrity', 'ru')!.name);
    expect(text).not.toContain(seededDimension('ae:integrity', 'en')!.anchors[0]);
    await atWidths('seeded-kit-ru');
  });

  it('when the new hire of an English company reads their checklist in Russian, then the tasks are Russian', async () => {
    await signInInRussian('new_hire');
    const text = await page.locator('main').innerText();
    // The product demo (open in the demo plan) and the role, both seeded.
    expect(text).toContain(seededTask('sdr_outbound:5', 'ru')!.title);
    expect(text).not.toContain(seededTask('sdr_outbound:5', 'en')!.title);
    expect(text).toContain(seededRole('sdr_outbound', 'ru')!.name);
    await atWidths('seeded-checklist-ru');
  });
});
