/**
 * The candidates list and the opening's board in a real browser: the recruiter picks an opening and
 * the list filters at once (no Filter press), moves two ticked candidates to a stage in one go, then
 * opens the opening's board and moves a card with its own button. axe on each page, screenshots at
 * 1366 and 390 px, and no sideways scrolling of the page at 390 px.
 */
import type { DemoAccount } from '../../src/demo/demo';
import { type Page, reviewPage, type RunningApp, screenshot, seen, signIn, url, useDemoJourney, waitForPath } from './support';

let page: Page;
let accounts: DemoAccount[];
let running: RunningApp;
useDemoJourney('board', (journey) => {
  page = journey.page;
  accounts = journey.accounts;
  running = journey.running;
});

async function sideways(p: Page): Promise<number> {
  return p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The demo opening with the most active applications, and its plan. */
async function busiestOpening() {
  const db = running.database.db;
  const row = await db
    .selectFrom('applications')
    .innerJoin('openings', 'openings.id', 'applications.opening_id')
    .select(['openings.id', 'openings.title'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('applications.status', '=', 'active')
    .groupBy(['openings.id', 'openings.title'])
    .orderBy('n', 'desc')
    .executeTakeFirstOrThrow();
  const stages = await db.selectFrom('interview_stages').select(['id', 'name']).where('opening_id', '=', row.id).orderBy('position').execute();
  return { id: row.id, title: row.title, stages };
}

describe('candidates list and opening board in a browser', () => {
  test('when the recruiter picks an opening, then the list filters without pressing Filter; ticked candidates move to a stage together', async () => {
    const recruiter = accounts.find((a) => a.role === 'recruiter')!;
    const opening = await busiestOpening();
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(url('/login'));
    await signIn(page, recruiter.email, recruiter.password);
    await waitForPath(page, '/');
    await page.goto(url('/candidates'));
    await reviewPage(page, 'b01-candidates');
    await page.getByLabel('Opening', { exact: true }).selectOption({ label: opening.title });
    await page.waitForURL((u) => u.searchParams.get('opening') === String(opening.id));
    await seen(page.getByText(`Moves and rejections apply to their applications in ${opening.title}.`));
    const boxes = page.locator('input[name="candidate_ids"]');
    expect(await boxes.count()).toBeGreaterThanOrEqual(2);
    const names = [await boxes.nth(0).getAttribute('aria-label'), await boxes.nth(1).getAttribute('aria-label')].map((l) => l!.replace(/^Select /, ''));
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    const target = opening.stages[opening.stages.length - 1]!;
    await page.getByLabel('Move to stage').selectOption({ label: target.name });
    await reviewPage(page, 'b02-candidates-selected');
    await page.getByRole('button', { name: 'Move selected' }).click();
    await seen(page.getByText(`2 applications moved to ${target.name}.`));
    // The list keeps its filter, and each moved candidate now shows the stage.
    expect(new URL(page.url()).searchParams.get('opening')).toBe(String(opening.id));
    for (const name of names) await seen(page.getByRole('row', { name: new RegExp(name) }).getByText(target.name));
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'b03-candidates-390');
    expect(await sideways(page)).toBe(0);
  });

  test('when the recruiter opens the opening, then the pipeline is a board of stage columns whose cards move with their own button', async () => {
    const opening = await busiestOpening();
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(url(`/openings/${opening.id}`));
    const board = await seen(page.getByRole('region', { name: 'Pipeline', exact: true }));
    expect(await board.getAttribute('tabindex')).toBe('0');
    await seen(board.getByRole('heading', { name: new RegExp(`^${opening.stages[0]!.name}`) }));
    await reviewPage(page, 'b04-board');
    const card = board.locator('.board-card').first();
    const name = (await card.locator('.board-card-head a').textContent())!.trim();
    await seen(card.getByText(/days? in stage/));
    const select = card.getByLabel(`Move ${name} to`);
    const chosen = opening.stages[1]!;
    await select.selectOption({ label: chosen.name });
    await card.getByRole('button', { name: 'Move' }).click();
    await seen(page.getByText(`Moved to ${chosen.name}.`));
    const column = page.locator(`section[aria-labelledby="stage-${chosen.id}"]`);
    await seen(column.getByRole('link', { name }));
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'b05-board-390');
    expect(await sideways(page)).toBe(0);
  });
});
