import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { OidcEnvConfig } from '../config';
import { isUniqueViolation } from '../db/errors';
import type { UseCaseDeps } from '../events/unit-of-work';
import type { MessageKey, TranslateParams } from '../i18n/i18n';
import { ValidationError, type FieldErrors } from '../shared/errors';
import { addFlash } from '../web/flash';
import { checkboxField, keepValues, parseForm } from '../web/forms';
import { renderPage } from '../web/render';
import { safeLocalPath } from '../web/safe-redirect';
import { allow, publicAccess } from './guard';
import { clearAccountFailures, recordFailedLogin, secondsUntilAllowed } from './login-throttle';
import { isSignUpRole, parseDomainList, SIGN_UP_ROLES } from './oidc';
import { findSsoSetup, getStoredSsoSettings, ssoDisplayName, type OidcClient, type PendingSsoSignIn, SsoFailedError, type SsoProvider, SsoUnavailableError } from './oidc.service';
import { logIn } from './sign-in.views';
import { saveSsoSettings, signInWithSso } from './sso.use-cases';

declare module 'express-session' {
  interface SessionData {
    /** A single sign-on under way: what the provider's answer must match. Used once. */
    oidc: PendingSsoSignIn;
  }
}

export type OidcRouterDeps = UseCaseDeps & {
  readonly oidcClient: OidcClient;
  readonly oidcEnv: OidcEnvConfig | undefined;
  readonly publicUrl: string;
  /** Why a sign-in failed goes to the log (never a token or a code): what an admin needs to fix a provider's set-up. */
  readonly logger: Pick<Logger, 'warn'>;
};

export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';


const settingsSchema = z.object({
  issuer: z.string('validation.invalid').default('').transform((v) => v.trim()).pipe(z.string().max(500, 'validation.tooLong')),
  client_id: z.string('validation.invalid').default('').transform((v) => v.trim()).pipe(z.string().max(500, 'validation.tooLong')),
  client_secret: z.string('validation.invalid').default('').transform((v) => v.trim()).pipe(z.string().max(2000, 'validation.tooLong')),
  display_name: z.string('validation.invalid').default('').transform((v) => v.trim()).pipe(z.string().max(60, 'validation.tooLong')),
  require_sso: checkboxField,
  sign_up_domains: z.string('validation.invalid').default('').pipe(z.string().max(2000, 'validation.tooLong')),
  sign_up_role: z.string('validation.invalid').default('interviewer').refine(isSignUpRole, 'sso.error.role'),
});
const SETTINGS_FIELDS = ['issuer', 'client_id', 'display_name', 'sign_up_domains', 'sign_up_role', 'require_sso'];

/** Sign-in through the company's OpenID Connect provider, and its settings page (admins). */
export function createOidcRouter(deps: OidcRouterDeps): Router {
  const { db, clock, oidcClient, oidcEnv, publicUrl } = deps;
  const router = Router();
  const redirectUri = `${publicUrl}${OIDC_CALLBACK_PATH}`;

  /** Back to /login with a message (never a 500: the password form stays usable). */
  const backToLogin = (req: Request, res: Response, message: MessageKey, params: TranslateParams = {}) => {
    addFlash(req, { kind: 'error', message, params });
    res.redirect(303, '/login');
  };
  const nameOf = (res: Response, provider: SsoProvider) => ssoDisplayName(provider, res.locals.t as (key: MessageKey) => string);
  const throttledFor = async (keys: string[]) => secondsUntilAllowed(db, keys, clock.now());

  // A link, not a form: the page's CSP (form-action 'self') would stop a form's redirect to the provider.
  // Starting a sign-in changes nothing but this browser's pending state; the callback is what is checked.
  router.get('/auth/oidc/start', publicAccess(), async (req, res) => {
    const { provider } = await findSsoSetup(db, oidcEnv);
    if (!provider) return backToLogin(req, res, 'sso.notConfigured');
    const wait = await throttledFor([`ip:${req.ip ?? 'unknown'}`]);
    if (wait > 0) return backToLogin(req, res, 'login.throttled', { minutes: Math.ceil(wait / 60) });
    try {
      const { url, pending } = await oidcClient.startSignIn(provider, redirectUri, safeLocalPath(req.query.next, '/'));
      req.session.oidc = pending;
      res.redirect(303, url);
    } catch (err) {
      if (!(err instanceof SsoUnavailableError)) throw err;
      deps.logger.warn({ issuer: provider.issuer, reason: String((err.cause as Error | undefined)?.message ?? err.message) }, 'single sign-on: the identity provider cannot be reached');
      return backToLogin(req, res, 'sso.unavailable', { name: nameOf(res, provider) });
    }
  });

  router.get(OIDC_CALLBACK_PATH, publicAccess(), async (req, res) => {
    const { provider, policy } = await findSsoSetup(db, oidcEnv);
    if (!provider) return backToLogin(req, res, 'sso.notConfigured');
    const name = nameOf(res, provider);
    const ipKeys = [`ip:${req.ip ?? 'unknown'}`];
    const wait = await throttledFor(ipKeys);
    if (wait > 0) return backToLogin(req, res, 'login.throttled', { minutes: Math.ceil(wait / 60) });

    const pending = req.session.oidc;
    delete req.session.oidc;
    // The address the provider sent the browser to, built from PUBLIC_URL (never the Host header).
    const callbackUrl = new URL(`${redirectUri}${new URL(req.originalUrl, 'http://callback.invalid').search}`);
    let claims;
    try {
      claims = await oidcClient.finishSignIn(provider, callbackUrl, pending);
    } catch (err) {
      if (err instanceof SsoUnavailableError) {
        deps.logger.warn({ issuer: provider.issuer, reason: String((err.cause as Error | undefined)?.message ?? err.message) }, 'single sign-on: the identity provider cannot be reached');
        return backToLogin(req, res, 'sso.unavailable', { name });
      }
      if (!(err instanceof SsoFailedError)) throw err;
      deps.logger.warn({ issuer: provider.issuer, reason: err.reason }, 'single sign-on failed');
      if (err.suspicious) await recordFailedLogin(db, ipKeys, clock.now());
      return backToLogin(req, res, 'sso.failed', { name });
    }

    // Only the address is throttled here: the provider has verified who this is, and an account's
    // counter is what anyone can raise by typing wrong passwords for it on /login.
    // Two first sign-ins of one newcomer at once: the second finds the account the first made.
    const result = await signInWithSso(deps, claims, policy).catch((err: unknown) => (isUniqueViolation(err) ? signInWithSso(deps, claims, policy) : Promise.reject(err)));
    if (result.kind === 'refused') {
      await recordFailedLogin(db, ipKeys, clock.now());
      return backToLogin(req, res, `sso.refused.${result.reason}`, { name, email: result.email ?? '' });
    }
    const { user } = result;
    await clearAccountFailures(db, user.email);
    await logIn(req, { id: user.id, name: user.name, email: user.email, role: user.role, language: user.language, timeZone: user.timeZone }, clock);
    res.redirect(303, safeLocalPath(pending?.next, '/'));
  });

  return router;
}

/** /settings/sso: the provider (unless the environment sets it) and who may sign in (admins). */
export function createSsoSettingsRouter(deps: Omit<OidcRouterDeps, 'oidcClient' | 'logger'>): Router {
  const { db, oidcEnv, publicUrl } = deps;
  const router = Router();
  const redirectUri = `${publicUrl}${OIDC_CALLBACK_PATH}`;

  const renderSettings = async (req: Request, res: Response, form: { values?: Record<string, string>; fieldErrors?: FieldErrors; invalidDomains?: string[] } = {}, status = 200) => {
    const setup = await findSsoSetup(db, oidcEnv);
    const stored = await getStoredSsoSettings(db);
    const values = form.values ?? {
      issuer: stored.issuer,
      client_id: stored.clientId,
      display_name: stored.displayName,
      sign_up_domains: stored.policy.signUpDomains.join(', '),
      sign_up_role: stored.policy.signUpRole,
      require_sso: stored.policy.requireSso ? 'on' : '',
    };
    await renderPage(req, res, 'settings/sso', { title: 'sso.title', values, fieldErrors: form.fieldErrors ?? {}, fromEnvironment: oidcEnv ? { issuer: oidcEnv.issuer, clientId: oidcEnv.clientId, displayName: setup.provider?.displayName ?? '' } : null, secretStored: stored.clientSecret !== '', invalidDomains: (form.invalidDomains ?? []).join(', '), redirectUri, roles: SIGN_UP_ROLES }, status);
  };

  router.get('/settings/sso', allow('settings:manage'), (req, res) => renderSettings(req, res));

  router.post('/settings/sso', allow('settings:manage'), async (req, res) => {
    const values = keepValues(req.body, SETTINGS_FIELDS);
    const parsed = parseForm(settingsSchema, req.body);
    if (!parsed.ok) return renderSettings(req, res, { values, fieldErrors: parsed.errors }, 422);
    const domains = parseDomainList(parsed.data.sign_up_domains);
    if (domains.invalid.length > 0) return renderSettings(req, res, { values, fieldErrors: { sign_up_domains: 'sso.error.domains' }, invalidDomains: domains.invalid }, 422);
    try {
      await saveSsoSettings(deps, req.user!, oidcEnv, {
        provider: { issuer: parsed.data.issuer, clientId: parsed.data.client_id, clientSecret: parsed.data.client_secret || undefined, displayName: parsed.data.display_name },
        policy: { requireSso: parsed.data.require_sso, signUpDomains: domains.domains, signUpRole: parsed.data.sign_up_role as (typeof SIGN_UP_ROLES)[number] },
      });
    } catch (err) {
      if (err instanceof ValidationError) return renderSettings(req, res, { values, fieldErrors: err.fieldErrors }, 422);
      throw err;
    }
    addFlash(req, { kind: 'success', message: 'sso.saved' });
    res.redirect(303, '/settings/sso');
  });

  return router;
}
