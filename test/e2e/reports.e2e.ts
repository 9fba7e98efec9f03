/**
 * Reports in a real browser: the demo company's hiring manager opens the reports from the
 * navigation, reads each one (table and chart), exports the prediction report as CSV. axe-core on
 * every page.
 */
import fs from 'node:fs';
import type { DemoAccount } from '../../src/demo/demo';
import { type Page, reviewPage, screenshot, seen, signIn, url, useDemoJourney, waitForPath } from './support';

let accounts: DemoAccount[];
let page: Page;
useDemoJourney('reports', (journey) => ({ accounts, page } = journey));

describe('reports in a browser', () => {
  test('when the hiring manager opens Reports from the navigation, then the five reports are offered', async () => {
    const manager = accounts.find((a) => a.role === 'hiring_manager')!;
    await page.goto(url('/login'));
    await signIn(page, manager.email, manager.password);
    await waitForPath(page, '/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await seen(page.getByRole('heading', { level: 1, name: 'Reports' }));
    expect(await page.locator('.report-card').count()).toBe(5);
    await reviewPage(page, 'r01-index');
  });

  test('when the manager opens the prediction report, then the correlations, the scatter plots and the explanation show', async () => {
    await page.getByRole('link', { name: 'Interview vs 90-day review' }).first().click();
    await seen(page.getByRole('heading', { level: 1, name: 'Does our interview predict success?' }));
    await seen(page.getByText(/\d+ reviewed hires/).first());
    expect(await page.locator('.scatter svg circle').count()).toBeGreaterThanOrEqual(12);
    await seen(page.getByRole('heading', { name: 'How to read this' }));
    await reviewPage(page, 'r02-prediction');
  });

  test('when the manager excludes reviews by the hire’s own interviewers or decider, then the figures are recomputed without them, on a wide and a phone screen', async () => {
    await page.getByRole('checkbox', { name: 'Exclude reviews by the hire’s own interviewers or decider' }).check();
    await page.getByRole('button', { name: 'Recompute' }).click();
    await waitForPath(page, '/reports/prediction');
    await seen(page.getByText(/left out: written by the hire’s own interviewer or decider|No review was written by a hire’s own interviewer or decider/));
    expect(await page.getByRole('checkbox', { name: 'Exclude reviews by the hire’s own interviewers or decider' }).isChecked()).toBe(true);
    await reviewPage(page, 'r02b-prediction-excluded');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'r02c-prediction-phone');
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(url('/reports/prediction'));
  });

  test('when the manager exports the prediction report, then a CSV with the weighted score and each dimension downloads', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const lines = fs.readFileSync(await download.path(), 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Interview score,Hires,Reviews by own interviewer or decider,Correlation (r),95 % interval (low),95 % interval (high),What it suggests,Corrected for range restriction (estimate)');
    expect(lines[1]).toMatch(/^Weighted score \(0–100\),1\d,/);
    expect(lines.length).toBeGreaterThan(5);
  });

  test('when the manager opens calibration, sources, pipeline and onboarding, then each shows its table and chart', async () => {
    for (const [link, heading, shot] of [
      ['Interviewer calibration', 'Interviewer calibration', 'r03-calibration'],
      ['Sources', 'Sources', 'r04-sources'],
      ['Pipeline', 'Pipeline', 'r05-pipeline'],
      ['Onboarding', 'Onboarding', 'r06-onboarding'],
    ] as const) {
      await page.getByRole('navigation', { name: 'Reports' }).getByRole('link', { name: link, exact: true }).click();
      await seen(page.getByRole('heading', { level: 1, name: heading }));
      await seen(page.locator('table.report-table').first());
      await seen(page.locator('svg.report-chart').first());
      await reviewPage(page, shot);
    }
  });

  test('when the manager reads the sources and the pipeline on a wide and a phone screen, then stage columns carry stage names and the charts fill their box', async () => {
    for (const [path, shot] of [['/reports/sources', 'r04b-sources'], ['/reports/pipeline', 'r05b-pipeline']] as const) {
      await page.goto(url(path));
      const headers = await page.locator('table.stage-table tbody th[scope="row"]').allTextContents();
      expect(headers.length).toBeGreaterThan(0);
      expect(headers.join(' ')).toContain('Reference check');
      expect(headers.join(' ')).not.toMatch(/Stage \d/);
      for (const width of [1366, 390]) {
        await page.setViewportSize({ width, height: 900 });
        const fill = await page.locator('svg.report-bars').first().evaluate((svg) => svg.getBoundingClientRect().width / (svg.parentElement as HTMLElement).getBoundingClientRect().width);
        expect(fill).toBeGreaterThan(0.95);
        await screenshot(page, `${shot}-${width}`);
        await page.locator('table.stage-table').first().screenshot({ path: `test/e2e/artifacts/${shot}-${width}-stages.png` });
        await page.locator('svg.report-bars').last().screenshot({ path: `test/e2e/artifacts/${shot}-${width}-chart.png` });
      }
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  test('when the manager filters the pipeline to a period without applications, then the page says so', async () => {
    await page.getByRole('navigation', { name: 'Reports' }).getByRole('link', { name: 'Pipeline', exact: true }).click();
    await page.getByLabel('From').fill('2001-01-01');
    await page.getByLabel('To').fill('2001-12-31');
    await page.getByRole('button', { name: 'Apply' }).click();
    await seen(page.getByText('No applications in this period.'));
    await reviewPage(page, 'r07-pipeline-empty');
  });
});
