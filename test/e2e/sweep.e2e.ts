// The checks handed to page.evaluate run in the browser: test/e2e/tsconfig.json gives the journeys the DOM types, which the rest of the code base does not see.
/**
 * Accessibility and layout sweep: every GET page of the app, as every role of the demo company, in
 * a real browser. The pages come from the app's router, so a new page is swept as soon as it is
 * routed; a page with a path parameter needs a line in PAGES (which demo record to show) or a
 * reasoned line in EXCLUDED, otherwise the first test fails and names the route.
 *
 * On each page a role may open, in English: axe-core at 1280 px (WCAG 2.0/2.1/2.2 A and AA and best
 * practice: no violation of any impact), a keyboard check (every visible input, select, textarea and
 * button has an accessible name and is reached with Tab; every Tab stop shows a focus ring — an
 * outline or shadow that differs from the unfocused look with at least 3:1 contrast against what is
 * behind it), and at 390 px and 320 px the page must not scroll sideways (wide tables scroll
 * inside their own focusable, named box). Then the same pages in Russian (the browser asks for
 * it), each once, as the first visitor who may open it: axe at 320 px, where longer words and the
 * narrowest screen meet, and no sideways scrolling at 320 px and 390 px.
 *
 * Screenshots, full page, of each URL as its first visitor (the busiest role that may open it):
 * test/e2e/artifacts/sweep/<role>/<route>.png at 1280 px (e.g. openings-id-compare-2.png for the
 * second URL of that route) and <route>.mobile.png at 390 px, and <role>.ru/<route>.narrow.png at
 * 320 px in Russian; the pages × roles table of axe violations is printed and saved as
 * test/e2e/artifacts/sweep-table.txt.
 */
import fs from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import { type Role, ROLES, roleCan } from '../../src/auth/permissions';
import { systemClock } from '../../src/clock';
import { type DemoAccount, seedDemo } from '../../src/demo/demo';
import { createInvite } from '../../src/users/invites.repository';
import { insertUser } from '../../src/users/users.repository';
import { insertCandidate } from '../../src/candidates/candidates.repository';
import { createPasswordReset } from '../../src/auth/password-reset.repository';
import { createEmailChange } from '../../src/users/email-changes.repository';
import { createUnsubscribeToken } from '../../src/mail/notifications.repository';
import { requestTestMessage } from '../../src/mail/mail.use-cases';
import { createEndpoint } from '../../src/webhooks/webhooks.use-cases';
import { insertDelivery } from '../../src/webhooks/webhooks.repository';
import { WEBHOOK_EVENTS } from '../../src/webhooks/webhook';
import { createEventHandlers } from '../../src/event-handlers';
import { listRoutes, type RouteEntry } from '../../src/auth/route-table';
import { ARTIFACTS_DIR, type Browser, type BrowserContext, currentPath, finishRun, launchBrowser, type Page, runAxe, type RunningApp, startApp, url, waitForPath } from './support';

/** Demo records the parameterised pages show. Found after seeding; see demoIds(). */
interface DemoIds {
  readonly roleId: number;
  readonly rubricId: number;
  readonly openingId: number;
  /** Three applications of the opening, for a filled comparison grid. */
  readonly compareIds: readonly number[];
  /** An interview the demo interviewer sits on, and its application and candidate: every hiring role can open them. */
  readonly interviewId: number;
  /** An interview the recruiter and the hiring manager sit on together (a kit opens for its panel only). */
  readonly panelInterviewId: number;
  readonly applicationId: number;
  readonly candidateId: number;
  /** A likely duplicate of that candidate (the same e-mail with a +tag), to merge into it. */
  readonly duplicateId: number;
  readonly planId: number;
  readonly templateId: number;
  readonly templateTaskId: number;
  readonly inviteToken: string;
  readonly resetToken: string;
  readonly emailChangeToken: string;
  readonly unsubscribeToken: string;
  readonly messageId: number;
  /** A webhook endpoint with a delivered and a failed delivery in its log. */
  readonly webhookId: number;
  /** An active application of the opening (one can schedule on it). */
  readonly activeApplicationId: number;
}

/**
 * The URLs to visit for a GET route, keyed by its path in the router. Required for every route
 * with a path parameter; a route without one is visited as is unless listed here (to add
 * variants, e.g. a filled grid or an empty search).
 */
const PAGES: Record<string, (ids: DemoIds) => string[]> = {
  '/invite/:token': (d) => [`/invite/${d.inviteToken}`],
  '/reset-password/:token': (d) => [`/reset-password/${d.resetToken}`],
  '/account/email/:token': (d) => [`/account/email/${d.emailChangeToken}`],
  '/unsubscribe/:token': (d) => [`/unsubscribe/${d.unsubscribeToken}`],
  '/settings/mail': () => ['/settings/mail', '/settings/mail?state=sent'],
  '/settings/mail/:id': (d) => [`/settings/mail/${d.messageId}`],
  '/settings/webhooks/:id': (d) => [`/settings/webhooks/${d.webhookId}`],
  '/roles/:id': (d) => [`/roles/${d.roleId}`],
  '/rubrics/:id': (d) => [`/rubrics/${d.rubricId}`],
  '/rubrics/:id/edit': (d) => [`/rubrics/${d.rubricId}/edit`],
  '/rubrics/:id/compare': (d) => [`/rubrics/${d.rubricId}/compare`],
  '/openings/:id': (d) => [`/openings/${d.openingId}`],
  '/openings/:id/edit': (d) => [`/openings/${d.openingId}/edit`],
  '/openings/:id/plan': (d) => [`/openings/${d.openingId}/plan`],
  '/openings/:id/compare': (d) => [
    `/openings/${d.openingId}/compare`,
    `/openings/${d.openingId}/compare?status=all&${d.compareIds.map((id) => `ids=${id}`).join('&')}`,
    // Choosing whom to chart shows the chart's choice form.
    `/openings/${d.openingId}/compare?status=all&${d.compareIds.map((id) => `chart=${id}`).join('&')}`,
  ],
  '/candidates': () => ['/candidates', '/candidates?q=no-such-candidate-anywhere', '/candidates?q=haddad+example.com'],
  '/candidates/:id': (d) => [`/candidates/${d.candidateId}`],
  '/candidates/:id/edit': (d) => [`/candidates/${d.candidateId}/edit`],
  '/candidates/:id/merge': (d) => [`/candidates/${d.candidateId}/merge?duplicate=${d.duplicateId}`],
  '/applications/:id': (d) => [`/applications/${d.applicationId}`],
  '/applications/:id/summary': (d) => [`/applications/${d.applicationId}/summary`],
  '/interviews/:id': (d) => [`/interviews/${d.interviewId}`, `/interviews/${d.panelInterviewId}`],
  '/applications/:id/interviews/new': (d) => [`/applications/${d.activeApplicationId}/interviews/new`],
  '/interviews/:id/schedule': (d) => [`/interviews/${d.interviewId}/schedule`],
  '/interviews/:id/cancel': (d) => [`/interviews/${d.interviewId}/cancel`],
  '/onboarding/plans/:id': (d) => [`/onboarding/plans/${d.planId}`],
  '/onboarding/templates/:id': (d) => [`/onboarding/templates/${d.templateId}`],
  '/onboarding/templates/:id/tasks/new': (d) => [`/onboarding/templates/${d.templateId}/tasks/new`],
  '/onboarding/templates/:id/tasks/:taskId': (d) => [`/onboarding/templates/${d.templateId}/tasks/${d.templateTaskId}`],
  '/reports/:report': () => ['/reports/prediction', '/reports/calibration', '/reports/sources', '/reports/pipeline', '/reports/pipeline?from=2000-01-01&to=2000-01-31', '/reports/onboarding'],
  '/candidates/:id/export': (d) => [`/candidates/${d.candidateId}/export`],
  '/openings/:id/careers': (d) => [`/openings/${d.openingId}/careers`],
  // The demo publishes its AE opening on the careers page (its English slug).
  '/jobs/:slug': () => ['/jobs/account-executive-mid-market'],
  '/jobs/:slug/thanks': () => ['/jobs/account-executive-mid-market/thanks'],
  '/candidates/:id/erase': (d) => [`/candidates/${d.candidateId}/erase`],
};

/** GET routes that are not pages to look at, and why. */
const EXCLUDED: Record<string, string> = {
  '/healthz': 'a JSON health check for monitoring, not a page',
  '/setup': 'answers 404 once the company is set up; the foundation journey checks it on a fresh install',
  '/candidates/:id/resume': 'a file download (the uploaded résumé)',
  '/candidates/:id/careers/:entryId/resume': 'a file download (a résumé sent through the careers page)',
  '/company-logo/:version': "the company's logo image alone (shown in the header of every page)",
  '/candidates/:id/resume/inline': 'a PDF résumé alone, shown in a frame in the interview kit (checked there)',
  '/openings/:id/compare/csv': 'a CSV download of the comparison grid',
  '/candidates/import/:id': "an import's preview, which exists only for the person who uploaded the file and for an hour (axe runs on it in import.e2e.ts)",
  '/onboarding/tasks/:id/evidence': 'a file download (evidence attached to a task)',
  '/reports/:report/csv': 'a CSV download of a report',
  '/calendar/:file': 'a calendar file (text/calendar) fetched by calendar programs with its secret link',
  '/auth/oidc/start': "a redirect to the identity provider (or back to /login when none is set up), not a page",
  '/auth/oidc/callback': "the identity provider's redirect back after single sign-on, not a page (sso.e2e.ts goes through it)",
  '/settings/mail/:id/html': "a message's HTML alone, shown in a sandboxed frame on the message page (checked there)",
};

type Visitor = Role | 'anonymous';
const VISITORS: readonly Visitor[] = ['anonymous', ...ROLES];
const MOBILE = { width: 390, height: 844 };
/** WCAG 1.4.10 reflow: content fits 320 CSS px without scrolling in two directions. */
const NARROW = { width: 320, height: 640 };
type Language = 'en' | 'ru';
/** While working on a few pages: SWEEP_ONLY=<role>, SWEEP_PAGES=<comma-separated parts of URLs> and SWEEP_LANGUAGES=en|ru narrow the sweep. */
const onlyPages = process.env.SWEEP_PAGES?.split(',').filter(Boolean);
const DESKTOP = { width: 1280, height: 800 };

/** What a visitor may open according to the route's declared access. Public pages are for visitors who are not signed in. */
function mayOpen(route: RouteEntry, visitor: Visitor): boolean {
  const access = route.access;
  if (!access) return false;
  if (access.kind === 'public') return visitor === 'anonymous';
  if (visitor === 'anonymous') return false;
  return access.kind === 'signedIn' || roleCan(visitor, access.permission);
}

interface Visit {
  /** Axe violations in English at 1280 px / in Russian at 320 px; or the status that made the page skip. */
  readonly cell: string;
}

let running: RunningApp;
let accounts: DemoAccount[];
let ids: DemoIds;
let browser: Browser;
/** Concrete URL → the route it belongs to, in router order. */
const plan: { route: RouteEntry; url: string; name: string }[] = [];
const table = new Map<string, Map<Visitor, Visit>>();
const counts = { visited: 0, skipped: 0, notAllowed: 0, axeRuns: 0, widthChecks: 0, tabStops: 0 };
/** Pages already screenshotted in English (at 1280 px and 390 px, as their first visitor). */
const screenshotted = new Set<string>();
/** Pages already swept in Russian: each is, once, as the first visitor who may open it (the busiest roles come first). */
const sweptInRussian = new Set<string>();

async function demoIds(): Promise<DemoIds> {
  const db = running.database.db;
  const user = (role: Role) => db.selectFrom('users').select('id').where('role', '=', role).orderBy('id').executeTakeFirstOrThrow();
  const [admin, recruiter, manager, interviewer, newHire] = await Promise.all([user('admin'), user('recruiter'), user('hiring_manager'), user('interviewer'), user('new_hire')]);
  const role = await db.selectFrom('sales_roles').select('id').where('key', '=', 'ae').executeTakeFirstOrThrow();
  const rubric = await db.selectFrom('rubrics').select('id').where('role_id', '=', role.id).executeTakeFirstOrThrow();
  const opening = await db.selectFrom('openings').select('id').where('role_id', '=', role.id).executeTakeFirstOrThrow();
  const applications = await db.selectFrom('applications').select('id').where('opening_id', '=', opening.id).orderBy('id').limit(3).execute();
  const interview = await db
    .selectFrom('interviews')
    .innerJoin('interview_interviewers', 'interview_interviewers.interview_id', 'interviews.id')
    .innerJoin('applications', 'applications.id', 'interviews.application_id')
    .select(['interviews.id as interviewId', 'applications.id as applicationId', 'applications.candidate_id as candidateId'])
    .where('interview_interviewers.user_id', '=', interviewer.id)
    .where('applications.opening_id', '=', opening.id)
    .orderBy('interviews.id')
    .executeTakeFirstOrThrow();
  const panel = await db
    .selectFrom('interview_interviewers as a')
    .innerJoin('interview_interviewers as b', 'b.interview_id', 'a.interview_id')
    .select('a.interview_id as id')
    .where('a.user_id', '=', recruiter.id)
    .where('b.user_id', '=', manager.id)
    .orderBy('a.interview_id')
    .executeTakeFirstOrThrow();
  const onboardingPlan = await db.selectFrom('onboarding_plans').select('id').where('new_hire_id', '=', newHire.id).executeTakeFirstOrThrow();
  const template = await db.selectFrom('onboarding_templates').select('id').orderBy('id').executeTakeFirstOrThrow();
  const templateTask = await db.selectFrom('onboarding_template_tasks').select('id').where('template_id', '=', template.id).orderBy('position').executeTakeFirstOrThrow();
  // The demo has no pending invite: add one, as the People page would.
  const now = new Date();
  const invitedId = await insertUser(db, { email: 'invited@demo.salesbench.test', name: 'Ines Invited', role: 'interviewer', status: 'invited', passwordHash: null, language: null }, now);
  const { token } = await createInvite(db, invitedId, admin.id, now, 86_400_000);
  // Links from mail, and a message in the outbox, as a reset request would leave them.
  const reset = await createPasswordReset(db, recruiter.id, now, 3_600_000);
  const emailChange = await createEmailChange(db, interviewer.id, 'moved@demo.salesbench.test', now, 86_400_000);
  const unsubscribeToken = await createUnsubscribeToken(db, newHire.id, 'welcome', new Date(now.getTime() + 86_400_000));
  await requestTestMessage({ db, clock: systemClock, handlers: createEventHandlers() }, { id: admin.id, role: 'admin' });
  const message = await db.selectFrom('outbox_messages').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
  // A webhook endpoint whose log has one delivery that went out and one that failed.
  const webhook = await createEndpoint({ db, clock: systemClock, handlers: createEventHandlers() }, { id: admin.id, role: 'admin' }, { url: 'https://hr.demo.salesbench.test/hooks', description: 'HR system', events: [...WEBHOOK_EVENTS], allowHttp: false, allowPrivate: false, enabled: true });
  for (const [n, state, status] of [[1, 'delivered', 200], [2, 'failed', 503]] as const) {
    const deliveryId = `00000000-0000-4000-8000-00000000000${n}`;
    await insertDelivery(db, { deliveryId, endpointId: webhook.id, event: 'candidate.hired', payload: '{}' }, now);
    await db.updateTable('webhook_deliveries').set({ state, attempts: n === 1 ? 1 : 8, last_status: status, last_error: n === 1 ? null : 'HTTP 503' }).where('delivery_id', '=', deliveryId).execute();
  }
  // The demo has no duplicates: add a second record of the interviewed candidate, as a careers page could.
  const person = await db.selectFrom('candidates').select(['name', 'email']).where('id', '=', interview.candidateId).executeTakeFirstOrThrow();
  const duplicateId = await insertCandidate(db, { name: person.name, email: person.email.replace('@', '+jobs@'), phone: '', linkedinUrl: '', source: 'inbound', sourceDetail: 'site', notes: '', resumeFileId: null, createdBy: null }, now);
  return {
    roleId: role.id,
    rubricId: rubric.id,
    openingId: opening.id,
    compareIds: applications.map((a) => a.id),
    ...interview,
    duplicateId,
    panelInterviewId: panel.id,
    planId: onboardingPlan.id,
    templateId: template.id,
    templateTaskId: templateTask.id,
    inviteToken: token,
    resetToken: reset.token,
    emailChangeToken: emailChange.token,
    unsubscribeToken,
    messageId: message.id,
    webhookId: webhook.id,
    activeApplicationId: (await db.selectFrom('applications').select('id').where('opening_id', '=', opening.id).where('status', '=', 'active').orderBy('id').executeTakeFirstOrThrow()).id,
  };
}

/** A screenshot name that stays the same from run to run: the route, and which of its URLs. "/openings/:id/compare", 2 → "openings-id-compare-2". */
function screenshotName(routePath: string, variant: number): string {
  const base = routePath.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '') || 'home';
  return variant === 0 ? base : `${base}-${variant + 1}`;
}

interface KeyboardReport {
  readonly unnamed: string[];
  readonly unreachable: string[];
  readonly noFocusIndicator: string[];
  readonly controls: number;
  readonly tabStops: number;
}

/**
 * Marks every visible control and Tab stop, records each one's look unfocused, then listens to
 * focus. Transitions are switched off so the focused look is read at once, not mid-animation.
 */
async function prepareKeyboardCheck(page: Page): Promise<number> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(() => {
    // A constructed sheet, because the app's CSP refuses inline styles.
    const still = new CSSStyleSheet();
    still.replaceSync('*, *::before, *::after { transition: none !important; animation: none !important; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, still];
    // Nothing focused while the unfocused looks are read.
    (document.activeElement as HTMLElement | null)?.blur();
    const look = (el: Element) => {
      const s = getComputedStyle(el);
      return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor, s.backgroundColor, s.textDecorationLine].join('|');
    };
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    };
    const stops = [...document.querySelectorAll<HTMLElement>('a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]')].filter((el) => shown(el) && !(el as HTMLButtonElement).disabled);
    const unfocused = new Map<Element, string>(stops.map((el) => [el, look(el)]));
    const reached = new Map<Element, boolean>();
    const state = { reached, shown, wrapped: false };
    // WCAG contrast of two CSS colours (rgb/rgba; a translucent one is laid over white).
    const rgb = (color: string): [number, number, number, number] => {
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(color);
      return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : [0, 0, 0, 0];
    };
    const luminance = ([r, g, b, a]: [number, number, number, number]) => {
      const over = (c: number) => (c * a + 255 * (1 - a)) / 255;
      const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(over(r)) + 0.7152 * lin(over(g)) + 0.0722 * lin(over(b));
    };
    const contrast = (a: string, b: string) => {
      const [x, y] = [luminance(rgb(a)), luminance(rgb(b))];
      return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
    };
    // What a ring drawn around the element is seen against: the first opaque background outside it.
    const backdrop = (el: Element) => {
      for (let e = el.parentElement; e; e = e.parentElement) {
        const bg = getComputedStyle(e).backgroundColor;
        if (rgb(bg)[3] > 0.5) return bg;
      }
      return 'rgb(255, 255, 255)';
    };
    const ringContrast = (el: Element): number => {
      const s = getComputedStyle(el);
      const against = backdrop(el);
      let best = 0;
      if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1) best = Math.max(best, contrast(s.outlineColor, against));
      for (const color of s.boxShadow === 'none' ? [] : s.boxShadow.match(/rgba?\([^)]*\)/g) ?? []) best = Math.max(best, contrast(color, against));
      return best;
    };
    const judge = (el: Element) => {
      const before = unfocused.get(el) ?? '';
      // A visible focus: a ring (outline or shadow) that was not there unfocused, at 3:1 against its backdrop.
      const ratio = ringContrast(el);
      const visible = look(el) !== before && ratio >= 3;
      // An element may hold several stops (a date field's parts and its calendar button): each must show the ring.
      reached.set(el, (reached.get(el) ?? true) && visible);
      if (!visible) el.setAttribute('data-sweep-focus', `${ratio.toFixed(2)}:1${look(el) === before ? ', looks as unfocused' : ''}`);
    };
    document.addEventListener('focusin', (event) => {
      const el = event.target as Element;
      // Focus came round to the first stop again: the walk is over (that stop was judged the first time).
      if (reached.size > 0 && reached.keys().next().value === el) {
        state.wrapped = true;
        return;
      }
      judge(el);
    });
    // Tab stops inside one element (a date field's parts, its calendar button) move no focus between
    // elements: judge the focused element again after every Tab.
    document.addEventListener('keyup', (event) => {
      const el = document.activeElement;
      if (event.key === 'Tab' && el && el !== document.body && !state.wrapped) judge(el);
    });
    (window as unknown as { sweepFocus: unknown }).sweepFocus = state;
    (document.activeElement as HTMLElement | null)?.blur();
    return stops.length;
  });
}

async function finishKeyboardCheck(page: Page): Promise<KeyboardReport> {
  return page.evaluate(() => {
    const { reached, shown } = (window as unknown as { sweepFocus: { reached: Map<Element, boolean>; shown: (el: Element) => boolean } }).sweepFocus;
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : '';
      const name = el.getAttribute('name') ? `[name="${el.getAttribute('name')}"]` : '';
      const text = (el.textContent ?? '').trim().slice(0, 30);
      return `${el.tagName.toLowerCase()}${id}${name}${text ? ` "${text}"` : ''}`;
    };
    const axeApi = (window as unknown as { axe: { setup(node: Node): unknown; teardown(): void; utils: { getNodeFromTree(el: Element): unknown }; commons: { text: { accessibleTextVirtual(v: unknown): string } } } }).axe;
    try {
      axeApi.teardown();
    } catch {
      // Not set up: nothing to tear down.
    }
    axeApi.setup(document);
    const controls = [...document.querySelectorAll<HTMLElement>('input:not([type="hidden"]), select, textarea, button')].filter((el) => shown(el) && !(el as HTMLButtonElement).disabled);
    const unnamed = controls.filter((el) => axeApi.commons.text.accessibleTextVirtual(axeApi.utils.getNodeFromTree(el)).trim() === '').map(describe);
    axeApi.teardown();
    // Tab reaches one radio of a group; arrow keys move within it.
    const groupReached = (el: HTMLInputElement) => [...reached.keys()].some((r) => r instanceof HTMLInputElement && r.type === 'radio' && r.name === el.name && r.form === el.form);
    const unreachable = controls.filter((el) => !reached.has(el) && !(el instanceof HTMLInputElement && el.type === 'radio' && groupReached(el))).map(describe);
    const noFocusIndicator = [...reached.entries()].filter(([, visible]) => !visible).map(([el]) => `${describe(el)} (${el.getAttribute('data-sweep-focus') ?? ''})`);
    return { unnamed, unreachable, noFocusIndicator, controls: controls.length, tabStops: reached.size };
  });
}

/** At phone width the page itself must not scroll sideways; names the elements that stick out. */
async function sidewaysOverflow(page: Page, viewport: { width: number; height: number }): Promise<string[]> {
  await page.setViewportSize(viewport);
  counts.widthChecks += 1;
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width && document.body.scrollWidth <= width) return [];
    const scrolls = (el: Element | null): boolean => {
      for (let e = el; e && e !== document.body; e = e.parentElement) if (['auto', 'scroll'].includes(getComputedStyle(e).overflowX)) return true;
      return false;
    };
    const out = [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > width + 1 && !scrolls(el.parentElement));
    // The outermost offenders are the ones to fix.
    return out.filter((el) => !out.includes(el.parentElement as Element)).slice(0, 5).map((el) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} (${Math.round(el.getBoundingClientRect().right)}px)`);
  });
}

/** Signs in through the form by its fields' names, which do not change with the language. */
async function signInByForm(page: Page, visitor: Role): Promise<void> {
  const account = accounts.find((a) => a.role === visitor)!;
  await page.goto(url('/login'));
  await page.locator('input[name="email"]').fill(account.email);
  await page.locator('input[name="password"]').fill(account.password);
  await page.locator('form[action="/login"] button[type="submit"]').click();
  // A new hire's home is their checklist.
  await waitForPath(page, visitor === 'new_hire' ? '/onboarding' : '/');
}

/** Opens the page; a reason to skip it (recorded in the table), or undefined to check it. */
async function open(page: Page, target: string, visitor: Visitor, failures: string[]): Promise<string | undefined> {
  const response = await page.goto(url(target));
  const status = response?.status() ?? 0;
  if (status === 403 || status === 404) return String(status);
  const where = `${target} as ${visitor}`;
  const type = response?.headers()['content-type'] ?? '';
  if (status >= 500 || !type.startsWith('text/html')) {
    failures.push(`${where}: answered ${status} ${type}${type.startsWith('text/html') ? '' : ' (not a page: add the route to EXCLUDED with the reason)'}`);
    return `!${status}`;
  }
  const landed = currentPath(page);
  // A new hire's home is their checklist: it is visited as /onboarding.
  if (target === '/' && visitor === 'new_hire' && landed === '/onboarding') return '→';
  if (landed !== target) {
    failures.push(`${where}: redirected to ${landed} (a route that only redirects belongs in EXCLUDED, with the reason)`);
    return '→';
  }
  return undefined;
}

async function checkAxe(page: Page, where: string, failures: string[]): Promise<number> {
  counts.axeRuns += 1;
  const outcome = await runAxe(page, `sweep ${where}`, { violationsOnly: true, anyImpact: true });
  if (outcome.blocking) failures.push(`${where}: axe\n${outcome.blocking}`);
  // A page axe found nothing to check on would pass vacuously.
  if (outcome.passedRules === 0) failures.push(`${where}: axe checked nothing`);
  return Object.values(outcome.counts).reduce((a, b) => a + b, 0);
}

async function checkKeyboard(page: Page, where: string, failures: string[]): Promise<void> {
  const stops = await prepareKeyboardCheck(page);
  // Some controls take several Tab presses (a date-time field has one stop per part): walk until focus comes round again.
  for (let pressed = 0; pressed < stops * 3 + 30; pressed += 1) {
    await page.keyboard.press('Tab');
    if (pressed >= stops && pressed % 5 === 0 && (await page.evaluate(() => (window as unknown as { sweepFocus: { wrapped: boolean } }).sweepFocus.wrapped))) break;
  }
  const keys = await finishKeyboardCheck(page);
  counts.tabStops += keys.tabStops;
  if (keys.unnamed.length) failures.push(`${where}: controls without an accessible name: ${keys.unnamed.join(', ')}`);
  if (keys.unreachable.length) failures.push(`${where}: controls Tab does not reach: ${keys.unreachable.join(', ')}`);
  if (keys.noFocusIndicator.length) failures.push(`${where}: no visible focus ring (3:1) on: ${keys.noFocusIndicator.join(', ')}`);
  // The walk leaves focus somewhere (often the skip link); screenshots show the page at rest.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

async function checkWidths(page: Page, where: string, failures: string[]): Promise<void> {
  for (const viewport of [MOBILE, NARROW]) {
    const overflow = await sidewaysOverflow(page, viewport);
    if (overflow.length) failures.push(`${where}: at ${viewport.width} px the page scrolls sideways, because of: ${overflow.join(', ')}`);
  }
}

async function sweepAs(visitor: Visitor, language: Language): Promise<string[]> {
  const failures: string[] = [];
  const context: BrowserContext = await browser.newContext({ locale: language === 'ru' ? 'ru-RU' : 'en-US', viewport: DESKTOP });
  const page = await context.newPage();
  try {
    if (visitor !== 'anonymous') await signInByForm(page, visitor);
    const dir = path.join(ARTIFACTS_DIR, 'sweep', language === 'en' ? visitor : `${visitor}.ru`);
    fs.mkdirSync(dir, { recursive: true });
    for (const { route, url: target, name } of plan) {
      const row = table.get(target)!;
      if (onlyPages && !onlyPages.some((part) => target.includes(part))) continue;
      if (!mayOpen(route, visitor)) {
        if (language === 'en') counts.notAllowed += 1;
        continue;
      }
      // The Russian pass checks the longer words and the narrow screen: once per page, not once per role.
      if (language === 'ru') {
        if (sweptInRussian.has(target)) continue;
        sweptInRussian.add(target);
      }
      const skip = await open(page, target, visitor, failures);
      const cell = (row.get(visitor)?.cell ?? '').split(' ');
      if (skip) {
        if (language === 'en') counts.skipped += 1;
        // This visitor may not see this record: the next one who may, sweeps it in Russian.
        else sweptInRussian.delete(target);
        row.set(visitor, { cell: skip });
        continue;
      }
      const where = `${target} as ${visitor} (${language})`;
      if (language === 'en') {
        counts.visited += 1;
        // One screenshot per page and width is enough to look at (as its first visitor, the busiest
        // role that may open it); every visitor gets every check.
        const firstVisit = !screenshotted.has(target);
        if (firstVisit) {
          screenshotted.add(target);
          await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
        }
        const found = await checkAxe(page, `${where} at ${DESKTOP.width} px`, failures);
        row.set(visitor, { cell: `${found}` });
        await checkKeyboard(page, where, failures);
        await checkWidths(page, where, failures);
        if (firstVisit) {
          await page.setViewportSize(MOBILE);
          await page.screenshot({ path: path.join(dir, `${name}.mobile.png`), fullPage: true });
        }
      } else {
        await checkWidths(page, where, failures);
        // Now at 320 px: the narrowest screen and the longer words.
        const found = await checkAxe(page, `${where} at ${NARROW.width} px`, failures);
        row.set(visitor, { cell: `${cell[0] ?? '?'}/${found}` });
        await page.screenshot({ path: path.join(dir, `${name}.narrow.png`), fullPage: true });
      }
      await page.setViewportSize(DESKTOP);
    }
  } finally {
    await context.close();
  }
  return failures;
}

function printTable(): string {
  const header = ['page', ...VISITORS];
  const rows = [...table.entries()].map(([target, cells]) => [target, ...VISITORS.map((v) => cells.get(v)?.cell ?? '·')]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [
    'axe violations (any impact) per page and visitor: English at 1280 px / Russian at 320 px; 403 or 404 = the role may not see this record (skipped); · = the role lacks the permission',
    line(header),
    ...rows.map(line),
    `${counts.visited} pages visited in English (in Russian each page once), ${counts.skipped} skipped (403/404), ${counts.notAllowed} not allowed by the permissions table`,
    `${counts.axeRuns} axe runs, ${counts.widthChecks} width checks (390 px and 320 px, English and Russian), ${counts.tabStops} Tab stops checked for a visible focus ring`,
  ].join('\n');
}

beforeAll(async () => {
  running = await startApp();
  accounts = await seedDemo(running.database.db, systemClock, 'en');
  ids = await demoIds();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await running?.close();
  if (table.size > 0) {
    const text = printTable();
    fs.writeFileSync(path.join(ARTIFACTS_DIR, 'sweep-table.txt'), `${text}\n`);
    process.stdout.write(`\n${text}\n\n`);
  }
  finishRun('axe-sweep');
});

describe('accessibility sweep of every page as every role', () => {
  test('when the app’s GET routes are listed, then each one is a page to visit with demo ids or is excluded with a reason', () => {
    // The JSON API (/api/…) answers JSON to bearer tokens, never pages: its answers are checked against its OpenAPI document in test/integration/api.
    const routes = listRoutes(running.app).filter((r) => r.method === 'GET' && !r.path.startsWith('/api/'));
    const problems: string[] = [];
    for (const route of routes) {
      if (route.path in EXCLUDED) continue;
      const pages = PAGES[route.path];
      if (!pages && route.path.includes(':')) {
        problems.push(`GET ${route.path} has a path parameter but no entry in PAGES (which demo record to show) or EXCLUDED (why it is not a page) in test/e2e/sweep.e2e.ts`);
        continue;
      }
      for (const [variant, target] of (pages ? pages(ids) : [route.path]).entries()) {
        plan.push({ route, url: target, name: screenshotName(route.path, variant) });
        table.set(target, new Map());
      }
    }
    const known = new Set(routes.map((r) => r.path));
    for (const stale of [...Object.keys(PAGES), ...Object.keys(EXCLUDED)].filter((p) => !known.has(p))) problems.push(`${stale} is listed in test/e2e/sweep.e2e.ts but is no GET route of the app: remove it`);
    expect(problems).toEqual([]);
    expect(plan.length).toBeGreaterThan(20);
  });

  test('when every visitor opens every page they may see, in English and in Russian, then axe finds nothing, the keyboard reaches every control with a visible focus, and nothing scrolls sideways at 390 px or 320 px', async () => {
    expect(plan.length).toBeGreaterThan(0);
    // Two visitors at a time, each in their own context of the one browser; the busiest roles first,
    // each in English, then in Russian. The timeout allows for a machine busy with other work, where
    // axe runs several times slower.
    const visitors = [...ROLES, 'anonymous' as const].filter((v) => !process.env.SWEEP_ONLY || v === process.env.SWEEP_ONLY);
    const languages = (process.env.SWEEP_LANGUAGES?.split(',') ?? ['en', 'ru']) as Language[];
    const queue = visitors.map((visitor) => ({ visitor, languages }));
    const failures: Record<string, string[]> = {};
    const lane = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        for (const language of next.languages) failures[`${next.visitor} (${language})`] = await sweepAs(next.visitor, language);
      }
    };
    await Promise.all([lane(), lane()]);
    expect(failures).toEqual(Object.fromEntries(Object.keys(failures).map((v) => [v, []])));
  }, 1_800_000);
});
