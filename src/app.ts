import path from 'node:path';
import ejs from 'ejs';
import express, { type Express } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Database } from './db/database';
import { createAuthRouter } from './auth/auth.routes';
import { createOidcRouter, createSsoSettingsRouter } from './auth/oidc.routes';
import { OidcClient } from './auth/oidc.service';
import { createInvitesRouter } from './auth/invites.routes';
import { createSetupRouter } from './auth/setup.routes';
import { navigationFor } from './auth/navigation';
import { type AppPassport, createPassport } from './auth/passport';
import { type Permission, roleCan } from './auth/permissions';
import { createSetupState, type SetupState } from './auth/setup-state';
import { createHealthRouter } from './health/health.routes';
import { createHomeRouter } from './home/home.routes';
import { owedCount } from './home/home.service';
import { createOnboardingTemplatesRouter } from './onboarding/onboarding-templates.routes';
import { createOnboardingRouter } from './onboarding/onboarding.routes';
import { createOnboardingPlansRouter } from './onboarding/plans.routes';
import { DbSessionStore } from './sessions/db-session-store';
import { createAuditRouter } from './audit/audit.routes';
import { createPasswordResetRouter } from './auth/password-reset.routes';
import { createMailRouter, createUnsubscribeRouter } from './mail/mail.routes';
import { createWebhooksRouter } from './webhooks/webhooks.routes';
import { createAccountRouter } from './users/account.routes';
import { createApiRouter } from './api/api.routes';
import { createApiTokensRouter } from './api/tokens.routes';
import { createApplicationsRouter } from './candidates/applications.routes';
import { createCandidatesRouter } from './candidates/candidates.routes';
import { createImportRouter } from './candidates/import.routes';
import { createDuplicatesRouter } from './candidates/duplicates.routes';
import { createComparisonRouter } from './comparison/comparison.routes';
import type { ComparisonCache } from './comparison/comparison-cache';
import { createInterviewsRouter } from './interviews/interviews.routes';
import { createScheduleRouter } from './interviews/schedule.routes';
import { createCalendarFeedRouter } from './interviews/calendar-feed.routes';
import { createRemindersRouter } from './reminders/reminders.routes';
import { createOpeningsRouter } from './openings/openings.routes';
import { createPrivacyRouter } from './privacy/privacy.routes';
import { createJobsRouter, createPostingRouter } from './careers/careers.routes';
import { createReportsRouter } from './reports/reports.routes';
import { createRolesRouter } from './roles/roles.routes';
import { companyLogoUrl, createCompanyLogoRouter, createSettingsRouter } from './settings/settings.routes';
import { getCompanyBrand } from './settings/settings.service';
import { createRubricsRouter } from './rubrics/rubrics.routes';
import { createTeamPlanRouter } from './team-plan/team-plan.routes';
import { createUsersRouter } from './users/users.routes';
import { verifyCsrf } from './web/csrf';
import { rejectNulBytes } from './web/nul-bytes';
import { createErrorHandler, notFound } from './web/error-handler';
import { createPageLocals } from './web/locals';
import { escapeHtml } from './web/escape';
// The signed-in person's type (req.user) for every file the app compiles with.
import type {} from './auth/session-user';
import { requestLog } from './web/request-log';
import { PROJECT_ROOT } from './paths';
import type { FileStorage } from './uploads/file-storage';
import { createEventHandlers } from './event-handlers';
import type { EventHandlers, UseCaseDeps } from './events/unit-of-work';

export interface AppDeps {
  readonly config: Config;
  readonly db: Kysely<Database>;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Resolved by the server (generated and stored when not configured). */
  readonly sessionSecret: string;
  /** Where uploaded files live; prepared (folders created, leftovers removed) before the app starts. */
  readonly storage: FileStorage;
  /** The reactions to domain events; the app's own set unless a test brings one. */
  readonly handlers?: EventHandlers;
  /** Told when a change has committed messages to the outbox (the mail worker sends them at once). */
  readonly onMailQueued?: () => void;
  /** Told when a change has queued résumés whose text is to be read (the reader starts at once). */
  readonly onResumeQueued?: () => void;
  /** Told when a change has queued webhook deliveries (the sender posts them at once). */
  readonly onWebhooksQueued?: () => void;
  /** What the comparison grid keeps between requests (its own, bounded, unless a test brings one to watch). */
  readonly comparisonCache?: ComparisonCache;
}

export const SESSION_COOKIE = 'salesbench.sid';

/** Paths that work before the first admin exists. */
const SETUP_OPEN_PATHS = new Set(['/setup', '/language']);

/** Settings, and EJS with includes resolved from the views folder. */
function configureViews(app: Express, config: Config): void {
  app.disable('x-powered-by');
  // Pages are never cached (no-store): an ETag would only cost a hash of every page.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  const viewsDir = path.join(PROJECT_ROOT, 'views');
  const cacheViews = process.env.NODE_ENV !== 'test';
  app.set('views', viewsDir);
  app.set('view engine', 'ejs');
  if (cacheViews) app.set('view cache', true);
  // Templates are indented for people; the indentation need not travel (rmWhitespace). Outside tests,
  // templates compile once and without per-line debug bookkeeping. Includes name their file from the
  // views folder (`include('/partials/field')`): EJS looks a relative include up on disk at every
  // render, a rooted one it resolves without touching the disk.
  app.engine('ejs', (file: string, data: object, callback: (err: Error | null, html?: string) => void) => {
    ejs.renderFile(file, data, { root: viewsDir, cache: cacheViews, compileDebug: !cacheViews, rmWhitespace: true, escape: escapeHtml }, callback as (err: Error | null, html: string) => void);
  });
}

/** Security headers: a CSP that allows no inline script or style; HSTS behind HTTPS. */
function securityHeaders(config: Config) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        // Frames show the app's own documents only (a résumé in the interview kit, a message's HTML).
        frameSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(config.cookieSecure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: config.cookieSecure,
    referrerPolicy: { policy: 'same-origin' },
  });
}

/** Forms, sessions in the database, passport, redirects that wait for the session, the absolute session lifetime. */
function sessionMiddleware(app: Express, deps: AppDeps, passport: AppPassport): void {
  const { config, db, clock } = deps;
  app.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 1000 }));
  app.use(rejectNulBytes);
  app.use(
    session({
      name: SESSION_COOKIE,
      secret: deps.sessionSecret,
      store: new DbSessionStore(db, clock, config.sessionIdleTimeoutMs),
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, maxAge: config.sessionIdleTimeoutMs, path: '/' },
    }),
  );
  app.use(passport.initialize());
  app.use(passport.session());

  // express-session sends the headers before its end-of-response save finishes, so a client that
  // follows a redirect at once (sign-in, a flash message) could arrive before its session is
  // written. A redirect therefore waits for the session to be saved; an empty one is not created.
  app.use((req, res, next) => {
    const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
    res.redirect = ((...args: unknown[]) => {
      const current = req.session as (typeof req.session & Record<string, unknown>) | undefined;
      if (!current || !Object.keys(current).some((key) => key !== 'cookie')) return redirect(...args);
      current.save((err) => (err ? next(err) : redirect(...args)));
    }) as typeof res.redirect;
    next();
  });

  // Absolute session lifetime: a signed-in session ends this long after sign-in, however active.
  app.use((req, _res, next) => {
    const since = req.session?.authenticatedAt;
    if (req.user && (!since || clock.now().getTime() - since > config.sessionAbsoluteTimeoutMs)) {
      return req.session.destroy((err) => {
        if (err) return next(err);
        req.user = undefined;
        next();
      });
    }
    next();
  });
}

/** The route table: every router below declares, per route, who may use it (see auth/guard.ts). */
function mountRoutes(app: Express, deps: AppDeps, useCases: UseCaseDeps, passport: AppPassport, setup: SetupState): void {
  const { config, storage } = deps;
  app.use(createAuthRouter({ ...useCases, passport, oidcEnv: config.oidc }));
  app.use(createOidcRouter({ ...useCases, oidcClient: new OidcClient(deps.clock), oidcEnv: config.oidc, publicUrl: config.publicUrl, logger: deps.logger }));
  app.use(createSsoSettingsRouter({ ...useCases, oidcEnv: config.oidc, publicUrl: config.publicUrl }));
  app.use(createSetupRouter({ ...useCases, setup }));
  app.use(createInvitesRouter({ ...useCases, oidcEnv: config.oidc }));
  app.use(createHomeRouter({ ...useCases, mailConfigured: config.mail !== undefined, backup: config.backup }));
  app.use(createUsersRouter({ ...useCases, inviteTtlMs: config.inviteTtlMs, publicUrl: config.publicUrl, mailConfigured: config.mail !== undefined }));
  app.use(createRolesRouter(useCases));
  app.use(createRubricsRouter(useCases));
  app.use(createTeamPlanRouter(useCases));
  app.use(createOpeningsRouter(useCases));
  app.use(createPostingRouter({ ...useCases, storage }));
  // Before the candidates' router: /candidates/import is not a candidate's id.
  app.use(createImportRouter(useCases));
  app.use(createCandidatesRouter({ ...useCases, storage, uploadMaxBytes: config.uploadMaxBytes }));
  app.use(createDuplicatesRouter({ ...useCases, storage }));
  app.use(createApplicationsRouter(useCases));
  app.use(createScheduleRouter(useCases));
  app.use(createRemindersRouter(useCases));
  app.use(createInterviewsRouter(useCases));
  app.use(createCalendarFeedRouter({ ...useCases, publicUrl: config.publicUrl }));
  app.use(createComparisonRouter(useCases, deps.comparisonCache));
  app.use(createReportsRouter(useCases));
  app.use(createSettingsRouter({ ...useCases, backup: config.backup, storage }));
  app.use(createPrivacyRouter({ ...useCases, storage }));
  app.use(createAuditRouter(useCases));
  app.use(createMailRouter({ ...useCases, mail: config.mail, onMailQueued: deps.onMailQueued }));
  app.use(createWebhooksRouter({ ...useCases, onQueued: deps.onWebhooksQueued }));
  app.use(createUnsubscribeRouter(useCases));
  app.use(createAccountRouter(useCases));
  app.use(createApiTokensRouter(useCases));
  app.use(createPasswordResetRouter({ ...useCases, oidcEnv: config.oidc }));
  const onboarding = { ...useCases, storage, uploadMaxBytes: config.uploadMaxBytes, inviteTtlMs: config.inviteTtlMs, publicUrl: config.publicUrl, mailConfigured: config.mail !== undefined };
  app.use(createOnboardingRouter(onboarding));
  app.use(createOnboardingPlansRouter(onboarding));
  app.use(createOnboardingTemplatesRouter(useCases));
}

/** Builds the Express application. No I/O happens here: everything it uses is passed in. */
export function createApp(deps: AppDeps): Express {
  const { config, db, logger, clock } = deps;
  const mail = { publicUrl: config.publicUrl, configured: config.mail !== undefined, fromName: config.mail?.fromName, onQueued: deps.onMailQueued };
  const useCases: UseCaseDeps = { db, clock, handlers: deps.handlers ?? createEventHandlers({ mail, resumeText: { onQueued: deps.onResumeQueued }, webhooks: { onQueued: deps.onWebhooksQueued } }) };
  const app = express();
  const passport = createPassport(db);
  const setup = createSetupState(db);
  const pageLocals = createPageLocals({
    can: (user, permission) => roleCan(user.role, permission as Permission),
    navigation: (user, path) => navigationFor(user.role, path),
    // "My interviews 2": the scorecards I owe on held interviews (one indexed count per page).
    badges: async (user): Promise<Record<string, number>> => (roleCan(user.role, 'interviews:participate') ? { '/interviews': await owedCount(db, user.id, clock.now()) } : {}),
    // The company's name and logo in the header and titles (one query of the settings' primary key per page).
    brand: async () => {
      const { name, logo } = await getCompanyBrand(db);
      return { name, logoUrl: logo ? companyLogoUrl(logo) : null };
    },
  });

  configureViews(app, config);
  app.use(requestLog(logger));
  app.use(securityHeaders(config));
  const staticOptions = { maxAge: '1h', index: false, fallthrough: true } as const;
  app.use('/static/vendor/pico', express.static(path.join(PROJECT_ROOT, 'node_modules/@picocss/pico/css'), staticOptions));
  app.use('/static', express.static(path.join(PROJECT_ROOT, 'static'), staticOptions));
  app.use(createHealthRouter(db));
  app.use(createCompanyLogoRouter({ db, storage: deps.storage }));
  // The careers page is for visitors: before sessions, so its pages set no session cookie (and the
  // list may be cached); its form carries its own signed token bound to a cookie of its own.
  app.use(createJobsRouter({ ...useCases, storage: deps.storage, uploadMaxBytes: config.uploadMaxBytes, secret: deps.sessionSecret, cookieSecure: config.cookieSecure, publicUrl: config.publicUrl, pageLocals }));
  // The JSON API authenticates by bearer token alone: mounted before sessions and CSRF, which never run for /api.
  app.use(createApiRouter({ ...useCases, storage: deps.storage, logger, publicUrl: config.publicUrl, ratePerMinute: config.apiRateLimitPerMinute }));
  sessionMiddleware(app, deps, passport);
  app.use(pageLocals);
  app.use((req, res, next) => {
    if (SETUP_OPEN_PATHS.has(req.path)) return next();
    setup
      .isComplete()
      .then((complete) => (complete ? next() : res.redirect(303, '/setup')))
      .catch(next);
  });
  // An unsubscribe link's token is its own credential, and mail programs send the one-click POST
  // (RFC 8058) without any session: the only state change that needs no CSRF token.
  app.use((req, res, next) => (req.method === 'POST' && req.path.startsWith('/unsubscribe/') ? next() : verifyCsrf(req, res, next)));
  mountRoutes(app, deps, useCases, passport, setup);
  app.use(notFound);
  app.use(createErrorHandler(logger, pageLocals));
  return app;
}
