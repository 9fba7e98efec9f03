/** Shared by the browser journeys: an app on a fresh SQLite file, chromium, screenshots and axe checks. */
import { once } from 'node:events';
import fs from 'node:fs';
import type { Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Express } from 'express';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { createApp } from '../../src/app';
import { systemClock } from '../../src/clock';
import { type DemoAccount, seedDemo } from '../../src/demo/demo';
import { loadConfig } from '../../src/config';
import { migrateToLatest } from '../../src/db/migrate';
import { type OpenedDatabase, openDatabase } from '../../src/db/open-database';
import { createLogger } from '../../src/logger';
import { createOutboxWorker } from '../../src/mail/outbox-worker';
import { createResumeTextReader } from '../../src/resume-text/resume-text-reader';
import { createEventHandlers } from '../../src/event-handlers';
import { smtpSender } from '../../src/mail/smtp';
import { DiskFileStorage } from '../../src/uploads/file-storage';

export const ARTIFACTS_DIR = path.join(__dirname, 'artifacts');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** How long to wait for something a user would see (the app answers in milliseconds; argon2 takes a little longer). */
export const UI_TIMEOUT_MS = 15_000;


const tempDirs: string[] = [];
/** A port free now, for an app whose PUBLIC_URL must be known before it listens. */
export async function freePort(): Promise<number> {
  const probe = net.createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export function freshTempDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `salesbench-e2e-${label}-`));
  tempDirs.push(dir);
  return dir;
}

type Impact = 'minor' | 'moderate' | 'serious' | 'critical' | 'unknown';
interface AxePageSummary {
  readonly violations: Record<Impact, number>;
  /** Rules axe could not decide (e.g. contrast over a gradient): worth a human look, not a failure. */
  readonly incomplete: string[];
  readonly passedRules: number;
}
/** Written to artifacts/axe-summary.json after the run. */
export const axeSummary: Record<string, AxePageSummary> = {};

export async function openBrowser(label: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(freshTempDir(`${label}-profile`), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'en-US',
    viewport: { width: 1280, height: 800 },
  });
}

/** One browser for many contexts (e.g. one signed-in context per role). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
}

export let baseUrl = '';

export function url(pathname: string): string {
  return new URL(pathname, baseUrl).toString();
}

/** Path (and query) of the page the browser shows, e.g. "/login?email=…". */
export function currentPath(page: Page): string {
  const { pathname, search } = new URL(page.url());
  return pathname + search;
}

/** Waits until the element is visible to the user; fails with the locator in the message. */
export async function seen(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  return locator;
}

export async function waitForPath(page: Page, pathname: string): Promise<void> {
  await page.waitForURL((u) => u.pathname === pathname, { timeout: UI_TIMEOUT_MS });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
}

export interface AxeOutcome {
  readonly counts: Record<Impact, number>;
  /** Serious and critical violations, one line per rule with the elements it found; empty when none. */
  readonly blocking: string;
  readonly passedRules: number;
}

/** Runs axe-core on the page as shown and records the counts in the summary, without failing. */
/** What the sweep holds every page to: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practice. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

export async function runAxe(page: Page, name: string, options: { violationsOnly?: boolean; anyImpact?: boolean } = {}): Promise<AxeOutcome> {
  // Details of passing nodes cost time a sweep of many pages does not need; the counts stay.
  // A sandboxed frame (a message's HTML on the mail page) runs no script, axe's included: axe would
  // wait for it forever. The frame element itself (its title) is still checked.
  // axe runs in the page itself (legacy mode): the default opens a new blank page per run to merge
  // the frames' results, which is for cross-origin frames, and the app has none. The same rules run in
  // the same frames; in the sweep a run took 2.35 s a page that way, and 1.0 s this way.
  const builder = new AxeBuilder({ page }).exclude('iframe[sandbox]').setLegacyMode(true);
  if (options.violationsOnly) builder.options({ resultTypes: ['violations'] });
  if (options.anyImpact) builder.withTags(AXE_TAGS);
  const results = await builder.analyze();
  const counts: Record<Impact, number> = { minor: 0, moderate: 0, serious: 0, critical: 0, unknown: 0 };
  for (const violation of results.violations) counts[violation.impact ?? 'unknown'] += 1;
  axeSummary[name] = { violations: counts, incomplete: results.incomplete.map((r) => `${r.id} at ${r.nodes.map((n) => n.target.join(' ')).join(', ')}`), passedRules: results.passes.length };
  const blocking = results.violations
    .filter((v) => options.anyImpact || v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${v.nodes.map((n) => `    at ${n.target.join(' ')}: ${n.failureSummary ?? ''}`.replace(/\n/g, ' ')).join('\n')}`)
    .join('\n');
  return { counts, blocking, passedRules: results.passes.length };
}

/** Runs axe-core on the page as shown and fails on any serious or critical violation. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const { blocking, passedRules } = await runAxe(page, name);
  // A page axe found nothing to check on would pass vacuously.
  expect(passedRules).toBeGreaterThan(0);
  expect(blocking === '' ? 'no serious or critical axe violations' : `axe violations on ${name} (${page.url()}):\n${blocking}`).toBe('no serious or critical axe violations');
}

/** The screenshot and the accessibility check every visited page gets. */
export async function reviewPage(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page, name);
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  const emailField = await seen(page.getByLabel('Email'));
  await emailField.fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}


export interface RunningApp {
  readonly baseUrl: string;
  readonly database: OpenedDatabase;
  /** The express app, e.g. to list its routes. */
  readonly app: Express;
  close(): Promise<void>;
}

/**
 * Starts the app on a fresh SQLite file on 127.0.0.1 and a random port; `url()` then points at it.
 * With `env.SMTP_URL`, mail goes out as in production: a worker sends each change's messages as it commits.
 */
export async function startApp(env: Record<string, string> = {}, port = 0): Promise<RunningApp> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const dataDir = freshTempDir('data');
  const database = openDatabase({ dialect: 'sqlite', filename: path.join(dataDir, 'salesbench.sqlite') });
  await migrateToLatest(database.db);
  // Links in pages and mail are built on PUBLIC_URL: by default the address the app listens on, as a deployment would set it.
  const listenPort = port || (await freePort());
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, PUBLIC_URL: `http://127.0.0.1:${listenPort}`, ...env });
  const storage = new DiskFileStorage(config.uploadDir);
  storage.prepare();
  const logger = createLogger('silent');
  const sender = config.mail && smtpSender(config.mail);
  const mailer = sender && createOutboxWorker({ db: database.db, clock: systemClock, send: sender, logger });
  // Résumé texts are read as in production: by a background reader told after each commit that queues one.
  const resumeReader = createResumeTextReader({ db: database.db, clock: systemClock, storage, logger, handlers: createEventHandlers() });
  const app = createApp({ config, db: database.db, logger, clock: systemClock, sessionSecret: 'e2e-session-secret-0123456789-abcdefghijk', storage, onMailQueued: () => mailer?.kick(), onResumeQueued: () => resumeReader.kick() });
  mailer?.start();
  resumeReader.start();
  const server: Server = app.listen(listenPort, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    database,
    app,
    async close() {
      await mailer?.stop(1_000);
      await resumeReader.stop();
      sender?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}

/** Removes temporary folders and writes this journey's axe results next to its screenshots. */
export function finishRun(summaryName: string): void {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  if (fs.existsSync(ARTIFACTS_DIR)) fs.writeFileSync(path.join(ARTIFACTS_DIR, `${summaryName}.json`), `${JSON.stringify(axeSummary, null, 2)}\n`);
}

export type { Browser, BrowserContext, Page };

/**
 * One journey file's world: the app on a fresh database with the demo company, and a browser page,
 * all closed after the file (its axe results written under `axe-<name>`).
 */
export function useDemoJourney(name: string, ready: (journey: { running: RunningApp; accounts: DemoAccount[]; page: Page }) => void): void {
  let running: RunningApp | undefined;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    running = await startApp();
    const accounts = await seedDemo(running.database.db, systemClock, 'en');
    context = await openBrowser(name);
    ready({ running, accounts, page: context.pages()[0] ?? (await context.newPage()) });
  });
  afterAll(async () => {
    await context?.close();
    await running?.close();
    finishRun(`axe-${name}`);
  });
}
