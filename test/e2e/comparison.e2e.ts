/**
 * Comparison journey in a real browser: the demo company's hiring manager compares three AE
 * candidates side by side, sees the chart, exports the CSV, reads one candidate's summary and
 * records a hire (acknowledging any flag), then reopens it. The decision stays in reach: a side column
 * that follows the reader on a wide screen, a jump link on a phone. axe-core on every page.
 */
import fs from 'node:fs';
import type { DemoAccount } from '../../src/demo/demo';
import { type Page, reviewPage, screenshot, seen, signIn, url, useDemoJourney, waitForPath } from './support';

let accounts: DemoAccount[];
let page: Page;
useDemoJourney('comparison', (journey) => ({ accounts, page } = journey));

describe('comparison journey in a browser', () => {
  test('when the hiring manager compares three candidates, then the grid, the flags and the chart show', async () => {
    const manager = accounts.find((a) => a.role === 'hiring_manager')!;
    await page.goto(url('/login'));
    await signIn(page, manager.email, manager.password);
    await waitForPath(page, '/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Openings' }).click();
    await page.getByRole('link', { name: 'Account Executive (mid-market)' }).click();
    await page.getByRole('button', { name: 'Compare candidates' }).click();
    await seen(page.getByRole('heading', { level: 1, name: 'Compare candidates: Account Executive (mid-market)' }));
    await page.getByText('Filter, sort and choose candidates').click();
    await page.getByLabel('Status').selectOption({ label: 'Any' });
    const boxes = page.locator('input[name="ids"]');
    for (let i = 0; i < 3; i += 1) await boxes.nth(i).check();
    await page.getByRole('button', { name: 'Show' }).click();
    await seen(page.locator('table.compare-grid'));
    expect(await page.locator('table.compare-grid thead th.candidate-col').count()).toBe(3);
    await seen(page.getByRole('img', { name: /Radar chart/ }));
    await reviewPage(page, 'c01-compare');
  });

  test('when every candidate is shown on a narrow screen and the grid is scrolled both ways, then the candidates\' row and the dimensions\' column stay in place', async () => {
    const chosen = page.url();
    await page.setViewportSize({ width: 700, height: 600 });
    await page.goto(url(`${new URL(page.url()).pathname}?status=all`));
    const box = page.locator('.compare-scroll');
    await seen(box);
    const moved = await box.evaluate((el) => {
      el.scrollTop = 250;
      el.scrollLeft = 250;
      const frame = el.getBoundingClientRect();
      const header = el.querySelector('thead th.candidate-col')!.getBoundingClientRect();
      const dimension = el.querySelector('tbody tr:last-child th[scope="row"]')!.getBoundingClientRect();
      return { scrolled: el.scrollTop > 0 && el.scrollLeft > 0, headerTop: Math.round(header.top - frame.top), dimensionLeft: Math.round(dimension.left - frame.left) };
    });
    expect(moved).toEqual({ scrolled: true, headerTop: 0, dimensionLeft: 0 });
    await page.screenshot({ path: 'test/e2e/artifacts/c01b-compare-scrolled.png' });
    await page.setViewportSize({ width: 1280, height: 800 });
    // Back to the three chosen candidates, for the journey's next steps.
    await page.goto(chosen);
  });

  test('when every candidate is compared, then the radar draws those with ratings (never more than six), and a form chooses whom to chart', async () => {
    const chosen = page.url();
    const pathname = new URL(chosen).pathname;
    await page.goto(url(`${pathname}?status=all`));
    const chart = page.locator('#chart');
    await seen(chart.getByRole('img', { name: /Radar chart/ }));
    const legend = chart.getByRole('list', { name: 'Candidates charted' }).getByRole('listitem');
    const drawn = await legend.count();
    expect(drawn).toBeGreaterThan(1);
    expect(drawn).toBeLessThanOrEqual(6);
    await page.setViewportSize({ width: 1366, height: 900 });
    await reviewPage(page, 'c01c-compare-all-1366');
    await chart.locator('figure').screenshot({ path: 'test/e2e/artifacts/c01c-radar-1366.png' });
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'c01d-compare-all-390');
    await chart.locator('figure').screenshot({ path: 'test/e2e/artifacts/c01d-radar-390.png' });
    await page.setViewportSize({ width: 1280, height: 800 });
    // Choosing one candidate opens the choice form (as it shows by itself above six), which works without script.
    const first = await legend.first().textContent();
    const ids = await page.locator('table.compare-grid thead th.candidate-col a').evaluateAll((links) => links.map((a) => /applications\/(\d+)/.exec(a.getAttribute('href') ?? '')?.[1]));
    await page.goto(url(`${pathname}?status=all&chart=${ids.join('&chart=')}`));
    const boxes = page.locator('#chart input[name="chart"]');
    expect(await boxes.count()).toBe(drawn);
    for (let i = 1; i < drawn; i += 1) await boxes.nth(i).uncheck();
    await page.locator('#chart').getByRole('button', { name: 'Chart these' }).click();
    await seen(page.locator('#chart').getByRole('img', { name: /Radar chart/ }));
    const after = page.locator('#chart').getByRole('list', { name: 'Candidates charted' }).getByRole('listitem');
    expect(await after.count()).toBe(1);
    expect((await after.first().textContent())?.trim()).toBe(first?.trim());
    await reviewPage(page, 'c01e-compare-chosen');
    // The print view keeps the chart and its legend, without the choice form.
    await page.goto(url(`${pathname}?status=all&view=print`));
    await seen(page.getByRole('img', { name: /Radar chart/ }));
    expect(await page.locator('#chart-choice').count()).toBe(0);
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'c01f-compare-print');
    await page.emulateMedia({ media: 'screen' });
    await page.goto(chosen);
  });

  test('when the manager exports the grid, then a CSV with a header and the candidates whose scores they may see downloads', async () => {
    // Candidates the manager interviews and owes a scorecard for stay out of the export, as on the page.
    const hidden = await page.locator('tr.total-row td', { hasText: 'Hidden until you submit your own scorecard' }).count();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const file = await download.path();
    const lines = fs.readFileSync(file, 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toContain('Weighted score');
    expect(lines).toHaveLength(1 + 3 - hidden);
    expect(lines.length).toBeGreaterThan(1);
  });

  test('when the manager opens a candidate’s summary and records a hire, then the application is hired', async () => {
    const grid = page.locator('table.compare-grid');
    await grid.locator('thead th.candidate-col a').first().click();
    await seen(page.getByRole('heading', { level: 1, name: /Scorecard summary/ }));
    await reviewPage(page, 'c02-summary');
    await seen(page.getByRole('heading', { name: 'The panel’s recommendations' }));
    expect(await page.locator('.panel-card').count()).toBeGreaterThan(0);

    // Desktop: the decision is a column beside the ratings and stays in view while they scroll.
    await page.setViewportSize({ width: 1366, height: 900 });
    const side = page.locator('aside.summary-side');
    expect(await page.locator('.jump-to-decision').isVisible()).toBe(false);
    const [main, aside] = [await page.locator('.summary-main').boundingBox(), await side.boundingBox()];
    expect(aside!.x).toBeGreaterThan(main!.x + main!.width);
    await page.evaluate(() => window.scrollTo(0, 1600));
    await page.waitForFunction(() => window.scrollY > 1000);
    const followed = await side.boundingBox();
    expect(followed!.y).toBeGreaterThanOrEqual(0);
    expect(followed!.y).toBeLessThan(40);
    await expect(page.getByRole('button', { name: 'Record decision' }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: 'test/e2e/artifacts/c02b-summary-1366-scrolled.png' });
    await page.evaluate(() => window.scrollTo(0, 0));

    // Phone: one column; a jump link at the top leads to the decision at the end.
    await page.setViewportSize({ width: 390, height: 844 });
    const jump = page.getByRole('link', { name: 'Go to the decision ↓' });
    await seen(jump);
    await page.screenshot({ path: 'test/e2e/artifacts/c02c-summary-390-top.png' });
    await jump.click();
    await page.waitForFunction(() => window.location.hash === '#decision');
    const heading = await page.getByRole('heading', { level: 2, name: 'Decision' }).boundingBox();
    expect(heading!.y).toBeGreaterThanOrEqual(0);
    expect(heading!.y).toBeLessThan(844);
    await page.screenshot({ path: 'test/e2e/artifacts/c02d-summary-390-decision.png' });
    await page.setViewportSize({ width: 1280, height: 800 });
    if (!(await page.getByRole('radio', { name: 'Hire', exact: true }).count())) {
      throw new Error('the first compared candidate already has a decision; the demo should leave them open');
    }
    await page.getByRole('radio', { name: 'Hire', exact: true }).check();
    await page.getByLabel('Rationale').fill('Strongest discovery in the panel and clear process.');
    const acknowledgements = page.locator('textarea[name^="ack_"]');
    for (let i = 0; i < (await acknowledgements.count()); i += 1) await acknowledgements.nth(i).fill('Reference calls answered the concern.');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await seen(page.getByRole('status').filter({ hasText: 'is hired.' }));
    await seen(page.locator('.badge-decision-hire'));
    // The confirmation leads with the next step.
    expect(await page.locator('.decision-card > :first-child').textContent()).toContain('Start the onboarding plan');
    await reviewPage(page, 'c03-decision');
    const hired = (await page.getByRole('heading', { level: 1 }).textContent())?.replace('Scorecard summary: ', '').trim() ?? '';
    await page.getByRole('button', { name: 'Start the onboarding plan' }).click();
    await waitForPath(page, '/onboarding/plans/new');
    expect(await page.locator('input[name="hire_name"]').inputValue()).toBe(hired);
  });

  test('when the manager reopens the hire, then a reason is asked for, and the application awaits a new decision with the hire in its history', async () => {
    await page.goBack();
    await seen(page.getByRole('heading', { level: 1, name: /Scorecard summary/ }));
    await page.getByText('Reopen the decision', { exact: true }).first().click();
    await page.getByRole('button', { name: 'Reopen the decision' }).click();
    await seen(page.getByText('Write why the decision is reopened.'));
    await reviewPage(page, 'c04-reopen-refused');
    await page.getByLabel('Why reopen it?').fill('The candidate asked for another conversation about the role.');
    await page.getByRole('button', { name: 'Reopen the decision' }).click();
    await seen(page.getByRole('status').filter({ hasText: 'is reopened' }));
    await seen(page.getByRole('button', { name: 'Record decision' }));
    await seen(page.getByRole('heading', { name: 'Earlier decisions' }));
    await seen(page.getByText('The candidate asked for another conversation about the role.'));
    await reviewPage(page, 'c05-reopened');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { name: 'Earlier decisions' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test/e2e/artifacts/c05b-reopened-390-history.png' });
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
