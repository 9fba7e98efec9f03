/**
 * Single sign-on in a real browser, through a real OpenID Connect provider's login page
 * (oidc-provider in a child process): a recruiter signs in with "Sign in with Test IdP", a stranger
 * is refused with a message on /login, and the admin sees the settings page. axe-core on our pages.
 */
import { hashPassword } from '../../src/auth/passwords';
import { insertUser } from '../../src/users/users.repository';
import { startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider';
import { type BrowserContext, finishRun, freePort, openBrowser, type Page, reviewPage, type RunningApp, seen, signIn, startApp, url, waitForPath } from './support';

let provider: TestOidcProvider;
let running: RunningApp;
let context: BrowserContext;
let page: Page;
const ADMIN = { email: 'ada.admin@example.test', password: 'correct pony staple orbit' };

beforeAll(async () => {
  const port = await freePort();
  provider = await startOidcProvider({ redirectUris: [`http://127.0.0.1:${port}/auth/oidc/callback`] });
  running = await startApp(provider.env, port);
  const now = new Date();
  await insertUser(running.database.db, { email: ADMIN.email, name: 'Ada Admin', role: 'admin', status: 'active', passwordHash: await hashPassword(ADMIN.password), language: 'en' }, now);
  await insertUser(running.database.db, { email: 'sam.sso@example.test', name: 'Sam Sso', role: 'recruiter', status: 'active', passwordHash: null, language: 'en' }, now);
  context = await openBrowser('sso');
  page = context.pages()[0] ?? (await context.newPage());
});

afterAll(async () => {
  await context?.close();
  await running?.close();
  await provider?.stop();
  finishRun('axe-sso');
});

/** On the provider's own login page: type the login (any password) and go on. */
async function signInAtProvider(login: string): Promise<void> {
  await seen(page.locator('input[name="login"]'));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
}

describe('single sign-on journey in a browser', () => {
  test('when a recruiter chooses "Sign in with Test IdP" and signs in at the provider, then they are in Salesbench', async () => {
    await page.goto(url('/login'));
    await seen(page.getByRole('button', { name: 'Sign in with Test IdP' }));
    await reviewPage(page, 'sso-01-login');
    await page.getByRole('button', { name: 'Sign in with Test IdP' }).click();
    expect(page.url().startsWith(provider.issuer)).toBe(true);
    await signInAtProvider('sam.sso@example.test');
    await waitForPath(page, '/');
    await seen(page.getByRole('button', { name: 'Sign out' }));
    expect(await page.content()).toContain('Sam Sso');
    await reviewPage(page, 'sso-02-signed-in');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await waitForPath(page, '/login');
  });

  test('when someone without an account signs in at the provider, then /login explains why they are refused', async () => {
    await context.clearCookies();
    await page.goto(url('/login'));
    await page.getByRole('button', { name: 'Sign in with Test IdP' }).click();
    await signInAtProvider('stranger@elsewhere.test');
    await waitForPath(page, '/login');
    await seen(page.getByText('No Salesbench account uses stranger@elsewhere.test. Ask your admin to invite you.'));
    await reviewPage(page, 'sso-03-refused');
  });

  test('when the admin opens the single sign-on settings, then the provider set by the environment is shown read-only', async () => {
    await context.clearCookies();
    await page.goto(url('/login'));
    await signIn(page, ADMIN.email, ADMIN.password);
    await waitForPath(page, '/');
    await page.goto(url('/settings'));
    await page.getByRole('link', { name: 'Single sign-on (OpenID Connect)' }).click();
    await waitForPath(page, '/settings/sso');
    await seen(page.getByText(provider.issuer));
    expect(await page.content()).not.toContain(provider.env.OIDC_CLIENT_SECRET);
    await reviewPage(page, 'sso-04-settings');
  });
});
