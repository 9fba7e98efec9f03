import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { UseCaseDeps } from '../events/unit-of-work';
import { isLanguage, type Language } from '../i18n/i18n';
import { setLanguage } from '../users/users.use-cases';
import { findCredentialsByEmail } from '../users/users.service';
import type { FieldErrors } from '../shared/errors';
import { keepValues, parseForm } from '../web/forms';
import { renderPage } from '../web/render';
import { safeLocalPath } from '../web/safe-redirect';
import { publicAccess, signedIn } from './guard';
import { clearAccountFailures, recordFailedLogin, secondsUntilAllowed, throttleKeys } from './login-throttle';
import type { AppPassport } from './passport';
import type { OidcEnvConfig } from '../config';
import type { MessageKey } from '../i18n/i18n';
import { passwordSignInAllowed } from './oidc';
import { findSsoSetup, ssoDisplayName } from './oidc.service';
import { logIn, passwordField } from './sign-in.views';

export type AuthRouterDeps = UseCaseDeps & { readonly passport: AppPassport; readonly oidcEnv: OidcEnvConfig | undefined };

const loginSchema = z.object({ email: z.string('validation.invalid').trim().min(1, 'validation.required').max(254, 'validation.tooLong'), password: passwordField.min(1, 'validation.required') });
const languageSchema = z.object({ language: z.string().refine(isLanguage), return_to: z.string().optional() });

/** Sign-in and sign-out, and the language switch. */
export function createAuthRouter(deps: AuthRouterDeps): Router {
  const { db, passport, clock } = deps;
  const router = Router();

  const renderLogin = async (req: Request, res: Response, extra: { fieldErrors?: FieldErrors; values?: Record<string, string>; formError?: string }, status = 200) => {
    const { provider, policy } = await findSsoSetup(db, deps.oidcEnv);
    const sso = provider ? { name: ssoDisplayName(provider, res.locals.t as (key: MessageKey) => string), requireSso: policy.requireSso } : null;
    await renderPage(req, res, 'auth/login', { title: 'login.title', next: safeLocalPath(req.query.next ?? req.body?.next, ''), formError: undefined, sso, ...extra }, status);
  };

  router.get('/login', publicAccess(), async (req, res) => {
    if (req.user) return res.redirect(303, '/');
    await renderLogin(req, res, { values: { email: typeof req.query.email === 'string' ? req.query.email : '' } });
  });

  router.post('/login', publicAccess(), async (req, res) => {
    const values = keepValues(req.body, ['email']);
    const parsed = parseForm(loginSchema, req.body);
    if (!parsed.ok) return renderLogin(req, res, { fieldErrors: parsed.errors, values }, 422);

    const keys = throttleKeys(req.ip ?? 'unknown', parsed.data.email);
    const wait = await secondsUntilAllowed(db, keys, clock.now());
    if (wait > 0) {
      res.set('Retry-After', String(wait));
      const t = res.locals.t as (key: 'login.throttled', p: Record<string, number>) => string;
      return renderLogin(req, res, { values, formError: t('login.throttled', { minutes: Math.ceil(wait / 60) }) }, 429);
    }

    const user = await new Promise<Express.User | false>((resolve, reject) => {
      passport.authenticate('local', { session: false }, (err: unknown, found: Express.User | false) => (err ? reject(err) : resolve(found)))(req, res, reject);
    });
    const { provider, policy } = await findSsoSetup(db, deps.oidcEnv);
    if (!user || !passwordSignInAllowed(user.role, policy, provider !== undefined)) {
      if (!user) {
        // With "require SSO", a non-admin has no password to guess: wrong ones count against the
        // address only, so nobody locks someone else's account by typing them.
        const owner = provider && policy.requireSso ? await findCredentialsByEmail(db, parsed.data.email) : undefined;
        const noPasswordToGuess = owner !== undefined && !passwordSignInAllowed(owner.user.role, policy, true);
        await recordFailedLogin(db, noPasswordToGuess ? keys.filter((key) => key.startsWith('ip:')) : keys, clock.now());
      }
      // With "require SSO", a non-admin hears that passwords are off whether theirs was right or not.
      const t = res.locals.t as (k: MessageKey, p?: Record<string, string>) => string;
      const message = provider && policy.requireSso ? t('sso.passwordOff', { name: ssoDisplayName(provider, t) }) : t('login.failed');
      return renderLogin(req, res, { values, formError: message }, 401);
    }
    await clearAccountFailures(db, parsed.data.email);
    await logIn(req, user, clock);
    res.redirect(303, safeLocalPath(req.body?.next, '/'));
  });

  router.post('/logout', signedIn(), async (req, res) => {
    await new Promise<void>((resolve, reject) => req.logout((err) => (err ? reject(err) : resolve())));
    await new Promise<void>((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
    res.clearCookie('salesbench.sid', { path: '/' });
    res.redirect(303, '/login');
  });

  router.post('/language', publicAccess(), async (req, res) => {
    const parsed = languageSchema.safeParse(req.body ?? {});
    const back = safeLocalPath(typeof req.body?.return_to === 'string' ? req.body.return_to : undefined, '/');
    if (!parsed.success) return res.redirect(303, back);
    const language = parsed.data.language as Language;
    req.session.language = language;
    if (req.user) await setLanguage(deps, req.user, language);
    res.redirect(303, back);
  });

  return router;
}

