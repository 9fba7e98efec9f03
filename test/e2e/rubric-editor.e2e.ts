/**
 * The rubric editor in a real browser: Save stays on screen wherever the admin scrolls, anchor
 * boxes show their whole text, the key waits under Advanced, and a dimension moves down and up
 * with buttons that keep what was typed (nothing saved until Save).
 */
import { findRubric, findVersionDimensions, listRubrics } from '../../src/rubrics/rubrics.repository';
import { type DemoAccount } from '../../src/demo/demo';
import { currentPath, type Page, reviewPage, type RunningApp, seen, signIn, url, useDemoJourney, waitForPath } from './support';

let running: RunningApp;
let accounts: DemoAccount[];
let page: Page;
let rubricId: number;

useDemoJourney('rubric-editor', (journey) => {
  ({ running, accounts, page } = journey);
});

const fieldset = (name: string) => page.locator('fieldset.dimension-edit', { has: page.locator('legend', { hasText: new RegExp(`^${name}$`) }) });

async function saveInView(): Promise<boolean> {
  const save = page.locator('.sticky-actions').getByRole('button', { name: 'Save as a new version' });
  const box = await save.boundingBox();
  const viewport = page.viewportSize()!;
  return box !== null && box.y >= 0 && box.y + box.height <= viewport.height;
}

describe('the rubric editor in a browser', () => {
  test('when an admin scrolls the long editor, then Save stays in view, anchors show their whole text and the key is under Advanced', async () => {
    const admin = accounts.find((a) => a.role === 'admin')!;
    await page.goto(url('/login'));
    await signIn(page, admin.email, admin.password);
    await waitForPath(page, '/');
    rubricId = (await listRubrics(running.database.db, 'en')).find((r) => r.roleKey === 'ae')!.id;
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(url(`/rubrics/${rubricId}/edit`));
    await seen(page.getByRole('heading', { level: 1, name: 'Edit rubric: Account Executive' }));
    expect(await saveInView()).toBe(true);
    await fieldset('Discovery').scrollIntoViewIfNeeded();
    expect(await saveInView()).toBe(true);
    await page.screenshot({ path: `${__dirname}/artifacts/re01-editor-1366-viewport.png` });

    // Every anchor box is tall enough for its text: nothing is cut off behind a scrollbar.
    const cut = await page.locator('.anchor-grid textarea').evaluateAll((boxes) => boxes.filter((b) => (b as HTMLTextAreaElement).scrollHeight > (b as HTMLTextAreaElement).clientHeight + 1).length);
    expect(cut).toBe(0);
    const discovery = fieldset('Discovery');
    const anchor = discovery.getByLabel('3 · Yes');
    const before = (await anchor.boundingBox())!.height;
    await anchor.fill(`${'Asks open questions about budget, timeline and who decides. '.repeat(8)}`);
    expect((await anchor.boundingBox())!.height).toBeGreaterThan(before);

    const key = discovery.getByLabel('Key');
    expect(await key.isVisible()).toBe(false);
    await discovery.locator('summary', { hasText: 'Advanced' }).click();
    await seen(key);
    expect(await key.inputValue()).toBe('discovery');
    await reviewPage(page, 're02-editor-1366');
  });

  test('when the admin moves Integrity down and back up with the buttons, then the order follows, the text typed stays, focus stays on the button, and Save stores the order', async () => {
    const integrity = fieldset('Integrity');
    // The move re-renders the page (the same heading before and after): read the order once the new page is in, for up to 10 s.
    const firstTwoLegends = async (expected: string[]): Promise<string[]> => {
      let last: string[] = [];
      for (const stop = Date.now() + 10_000; Date.now() < stop; await new Promise((resolve) => setTimeout(resolve, 100))) {
        last = await page.locator('fieldset.dimension-edit > legend').allTextContents().then((l) => l.slice(0, 2).map((t) => t.trim()), () => []);
        if (last.join('|') === expected.join('|')) break;
      }
      return last;
    };
    await integrity.getByLabel('1 · Strong no').fill('Typed before moving: hides a lost deal.');
    await integrity.getByRole('button', { name: 'Move down: Integrity' }).click();
    await seen(page.getByRole('heading', { level: 1, name: 'Edit rubric: Account Executive' }));
    expect(await firstTwoLegends(['Culture & mission fit', 'Integrity'])).toEqual(['Culture & mission fit', 'Integrity']);
    expect(currentPath(page)).toBe(`/rubrics/${rubricId}`);
    expect(await fieldset('Integrity').getByLabel('1 · Strong no').inputValue()).toBe('Typed before moving: hides a lost deal.');
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Move down: Integrity', undefined, { timeout: 5_000 });
    expect((await findRubric(running.database.db, rubricId, 'en'))!.currentVersion).toBe(1);
    await reviewPage(page, 're03-after-move-1366');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await seen(page.getByRole('heading', { level: 1, name: 'Edit rubric: Account Executive' }));
    expect(await firstTwoLegends(['Integrity', 'Culture & mission fit'])).toEqual(['Integrity', 'Culture & mission fit']);
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Move down: Integrity', undefined, { timeout: 5_000 });
    await page.screenshot({ path: `${__dirname}/artifacts/re04-after-move-390-viewport.png` });
    expect(await saveInView()).toBe(true);
    await reviewPage(page, 're04-after-move-390');

    await fieldset('Integrity').getByRole('button', { name: 'Move down: Integrity' }).click();
    await seen(page.getByRole('heading', { level: 1, name: 'Edit rubric: Account Executive' }));
    await page.getByLabel('What changed and why').fill('Culture first');
    await page.locator('.sticky-actions').getByRole('button', { name: 'Save as a new version' }).click();
    await seen(page.getByRole('status').filter({ hasText: 'Saved as version 2.' }));
    const dims = (await findVersionDimensions(running.database.db, rubricId, 2, 'en'))!;
    expect(dims.slice(0, 2).map((d) => d.key)).toEqual(['culture_mission', 'integrity']);
    expect(dims[1]!.anchors[0]).toBe('Typed before moving: hides a lost deal.');
    await page.setViewportSize({ width: 1366, height: 900 });
  });
});
