/**
 * Foundation journey in a real browser (Debian's chromium driven by playwright-core):
 * first-run setup, sign-in (wrong and right password), the People page, inviting an interviewer,
 * accepting the invite in a second browser, signing out, and the language switch.
 *
 * Every page visited is checked with axe-core (no serious or critical violations) and saved as a
 * full-page screenshot under test/e2e/artifacts/ for a human to look at.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { currentPath, finishRun, openBrowser, reviewPage, type RunningApp, screenshot, seen, signIn, startApp, url, waitForPath } from './support';

const admin = { name: 'Ada Admin', email: 'ada@example.com', password: 'violet harbor lantern 42' };
const invitee = { name: 'Ivan Interviewer', email: 'ivan@example.com', password: 'copper meadow falcon 77' };

let running: RunningApp;
let adminContext: BrowserContext;
let inviteeContext: BrowserContext;
let adminPage: Page;
let inviteePage: Page;
/** Filled by the invite step, used by the acceptance step. */
let inviteLink = '';

beforeAll(async () => {
  running = await startApp();
  adminContext = await openBrowser('admin');
  inviteeContext = await openBrowser('invitee');
  adminPage = adminContext.pages()[0] ?? (await adminContext.newPage());
  inviteePage = inviteeContext.pages()[0] ?? (await inviteeContext.newPage());
});

afterAll(async () => {
  await adminContext?.close();
  await inviteeContext?.close();
  await running?.close();
  finishRun('axe-foundation');
});

// The steps form one journey through the same browsers and database, so they run in order.
describe('foundation journey in a browser', () => {
  test('when a visitor opens a fresh install, then they are sent to the setup page', async () => {
    await adminPage.goto(url('/'));
    await waitForPath(adminPage, '/setup');

    await seen(adminPage.getByRole('heading', { level: 1, name: 'Set up Salesbench' }));
    await seen(adminPage.getByRole('button', { name: 'Create admin account' }));
    await reviewPage(adminPage, '01-setup');
  });

  test('when the first admin completes setup, then they are signed in and their home shows what to set up next; signing out leads to the sign-in page', async () => {
    await adminPage.getByLabel('Name').fill(admin.name);
    await adminPage.getByLabel('Email').fill(admin.email);
    await adminPage.getByLabel('Password').fill(admin.password);
    await adminPage.getByLabel("Your company's language").selectOption({ label: 'English' });
    await adminPage.getByRole('button', { name: 'Create admin account' }).click();
    await waitForPath(adminPage, '/');

    await seen(adminPage.getByRole('heading', { level: 1, name: `Hello, ${admin.name}` }));
    await seen(adminPage.getByRole('status').filter({ hasText: 'Your admin account is ready and you are signed in.' }));
    await seen(adminPage.getByRole('heading', { name: 'Getting started' }));
    await reviewPage(adminPage, '02-home-after-setup');

    await adminPage.getByRole('button', { name: 'Sign out' }).click();
    await waitForPath(adminPage, '/login');
    await seen(adminPage.getByRole('heading', { level: 1, name: 'Sign in' }));
    await reviewPage(adminPage, '02-login');
  });

  test('when the admin signs in with a wrong password, then "Email or password is incorrect." is shown', async () => {
    await signIn(adminPage, admin.email, 'not the right passphrase');

    const alert = await seen(adminPage.getByRole('alert'));
    expect((await alert.textContent())?.trim()).toBe('Email or password is incorrect.');
    expect(new URL(adminPage.url()).pathname).toBe('/login');
    expect(await adminPage.getByLabel('Email').inputValue()).toBe(admin.email);
    expect(await adminPage.getByLabel('Password').inputValue()).toBe('');
    await reviewPage(adminPage, '03-login-error');
  });

  test('when the admin signs in with the right password, then the home page greets them by name', async () => {
    await signIn(adminPage, admin.email, admin.password);
    await waitForPath(adminPage, '/');

    await seen(adminPage.getByRole('heading', { level: 1, name: `Hello, ${admin.name}` }));
    await seen(adminPage.getByText('You are signed in as: Admin'));
    await seen(adminPage.getByRole('button', { name: 'Sign out' }));
    await reviewPage(adminPage, '04-home-admin');
  });

  test('when the admin follows the People link in the navigation, then the people list shows them as the active admin', async () => {
    await adminPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    await waitForPath(adminPage, '/users');

    await seen(adminPage.getByRole('heading', { level: 1, name: 'People' }));
    const adminRow = await seen(adminPage.getByRole('row').filter({ hasText: admin.email }));
    expect(await adminRow.textContent()).toContain('Active');
    expect(await adminPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).getAttribute('aria-current')).toBe('page');
    await reviewPage(adminPage, '05-users');
  });

  test('when the admin invites an interviewer, then the confirmation shows a single-use invite link to copy', async () => {
    const inviteForm = adminPage.getByRole('region', { name: 'Invite someone' });
    await inviteForm.getByLabel('Name').fill(invitee.name);
    await inviteForm.getByLabel('Email').fill(invitee.email);
    await inviteForm.getByLabel('Role').selectOption('interviewer');
    await inviteForm.getByRole('button', { name: 'Create invite link' }).click();

    await seen(adminPage.getByRole('status').filter({ hasText: `${invitee.name} is invited. Send them this link; it works once:` }));
    const linkField = await seen(adminPage.locator('input.flash-value'));
    expect(await linkField.getAttribute('readonly')).not.toBeNull();
    inviteLink = await linkField.inputValue();
    const link = new URL(inviteLink);
    expect(link.origin).toBe(running.baseUrl);
    expect(link.pathname).toMatch(/^\/invite\/[^/]{20,}$/);
    expect(new URL(adminPage.url()).pathname).toBe('/users');

    const inviteeRow = await seen(adminPage.getByRole('row').filter({ hasText: invitee.email }));
    expect(await inviteeRow.textContent()).toContain('Invited');
    await reviewPage(adminPage, '06-users-invited');

    // Narrow screen: the same page as a phone shows it (screenshot only, for the visual review).
    await adminPage.setViewportSize({ width: 390, height: 844 });
    await screenshot(adminPage, '06b-users-invited-mobile');
    await adminPage.setViewportSize({ width: 1280, height: 800 });
  });

  test('when the invitee opens the link in their own browser and chooses a password, then they land signed in on the home page', async () => {
    expect(inviteLink).not.toBe('');
    await inviteePage.goto(inviteLink);

    await seen(inviteePage.getByRole('heading', { level: 1, name: 'Join Salesbench' }));
    await seen(inviteePage.getByText(`Welcome, ${invitee.name}. Choose a password to finish creating your account.`));
    expect(await inviteePage.getByLabel('Email').inputValue()).toBe(invitee.email);
    await reviewPage(inviteePage, '07-invite-accept');

    await inviteePage.getByLabel('Choose a password').fill(invitee.password);
    await inviteePage.getByLabel('Repeat the password').fill(invitee.password);
    await inviteePage.getByRole('button', { name: 'Create my account' }).click();
    await waitForPath(inviteePage, '/');

    await seen(inviteePage.getByRole('heading', { level: 1, name: `Hello, ${invitee.name}` }));
    await seen(inviteePage.getByRole('status').filter({ hasText: `Welcome to Salesbench, ${invitee.name}.` }));
    await seen(inviteePage.getByText('You are signed in as: Interviewer'));
    // An interviewer does not manage people, so the navigation does not offer it.
    expect(await inviteePage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).count()).toBe(0);
    await reviewPage(inviteePage, '08-home-interviewer');
  });

  test('when the invitee signs out, then they are back on the sign-in page', async () => {
    await inviteePage.getByRole('button', { name: 'Sign out' }).click();
    await waitForPath(inviteePage, '/login');

    await seen(inviteePage.getByRole('heading', { level: 1, name: 'Sign in' }));
    expect(await inviteePage.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
  });

  test('when someone opens the used invite link again, then they are told it is no longer valid', async () => {
    await inviteePage.goto(inviteLink);

    await seen(inviteePage.getByRole('heading', { level: 1, name: 'Link no longer valid' }));
    await seen(inviteePage.getByText('This invite link is no longer valid'));
    expect(await inviteePage.getByLabel('Choose a password').count()).toBe(0);
    await reviewPage(inviteePage, '09-invite-used');
  });

  test('when the admin reloads People, then the invitee shows as Active', async () => {
    await adminPage.goto(url('/users'));

    const inviteeRow = await seen(adminPage.getByRole('row').filter({ hasText: invitee.email }));
    expect(await inviteeRow.textContent()).toContain('Active');
    expect(await inviteeRow.textContent()).not.toContain('Invited');
    await reviewPage(adminPage, '10-users-active');
  });

  test('when the admin presses RU, then the interface is in Russian, and EN switches it back to English', async () => {
    const nav = adminPage.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('button', { name: 'RU' }).click();

    const russianNav = adminPage.getByRole('navigation', { name: 'Главное меню' });
    await seen(russianNav.getByRole('link', { name: 'Люди' }));
    await seen(adminPage.getByRole('heading', { level: 1, name: 'Люди' }));
    await seen(russianNav.getByRole('button', { name: 'Выйти' }));
    expect(new URL(adminPage.url()).pathname).toBe('/users');
    expect(await adminPage.locator('html').getAttribute('lang')).toBe('ru');
    await reviewPage(adminPage, '11-users-ru');

    await russianNav.getByRole('button', { name: 'EN' }).click();
    await seen(nav.getByRole('link', { name: 'People' }));
    await seen(adminPage.getByRole('heading', { level: 1, name: 'People' }));
    expect(await adminPage.locator('html').getAttribute('lang')).toBe('en');
    expect(currentPath(adminPage)).toBe('/users');
  });
});
