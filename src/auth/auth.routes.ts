import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { UseCaseDeps } from '../events/unit-of-work';
import { isLanguage, LANGUAGES, type Language } from '../i18n/i18n';
import { findOpenInvite } from '../users/users.service';
import { acceptInvite, setLanguage } from '../users/users.use-cases';
import { type FieldErrors, GoneError, NotFoundError } from '../shared/errors';
import { addFlash } from '../web/flash';
import { emailField, keepValues, parseForm, requiredText } from '../web/forms';
import { renderPage } from '../web/render';
import { safeLocalPath } from '../web/safe-redirect';
import { publicAccess, signedIn } from './guard';
import { clearAccountFailures, recordFailedLogin, secondsUntilAllowed, throttleKeys } from './login-throttle';
import { checkPasswordPolicy, hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './passwords';
import type { AppPassport } from './passport';
import type { SetupState } from './setup-state';
import { completeSetup } from './setup.use-cases';

export type AuthRouterDeps = UseCaseDeps & {
  readonly passport: AppPassport;
  readonly setup: SetupState;
};

const passwordField = z.string('validation.invalid').max(4096, 'password.tooLong');

const loginSchema = z.object({ email: z.string('validation.invalid').trim().min(1, 'validation.required').max(254, 'validation.tooLong'), password: passwordField.min(1, 'validation.required') });
const setupSchema = z.object({
  name: requiredText(120),
  email: emailField,
  password: passwordField,
  language: z.string('validation.invalid').refine(isLanguage, 'validation.invalid'),
});
const acceptSchema = z.object({ password: passwordField, password_confirm: z.string('validation.invalid') });
const languageSchema = z.object({ language: z.string().refine(isLanguage), return_to: z.string().optional() });

function logIn(req: Request, user: Express.User, clock: Clock): Promise<void> {
  const language = req.session.language;
  return new Promise((resolve, reject) => {
    // passport regenerates the session here (a fixed session id cannot be carried into the signed-in session).
    req.logIn(user, (err) => {
      if (err) return reject(err);
      if (language) req.session.language = language;
      req.session.authenticatedAt = clock.now().getTime();
      resolve();
    });
  });
}

function passwordRules(res: Response): string {
  const t = res.locals.t as (key: 'password.rules', p: Record<string, number>) => string;
  return t('password.rules', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH });
}

/** Sign-in and sign-out, the first-run set-up, accepting an invite, and the language switch. */
export function createAuthRouter(deps: AuthRouterDeps): Router {
  const { db, passport, clock, setup } = deps;
  const router = Router();

  const renderLogin = (req: Request, res: Response, extra: { fieldErrors?: FieldErrors; values?: Record<string, string>; formError?: string }, status = 200) =>
    renderPage(req, res, 'auth/login', { title: 'login.title', next: safeLocalPath(req.query.next ?? req.body?.next, ''), formError: undefined, ...extra }, status);

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
    if (!user) {
      await recordFailedLogin(db, keys, clock.now());
      return renderLogin(req, res, { values, formError: (res.locals.t as (k: 'login.failed') => string)('login.failed') }, 401);
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

  const renderSetup = (req: Request, res: Response, extra: { fieldErrors?: FieldErrors; values?: Record<string, string> }, status = 200) =>
    renderPage(req, res, 'auth/setup', { title: 'setup.title', languages: LANGUAGES, passwordRules: passwordRules(res), ...extra }, status);

  router.get('/setup', publicAccess(), async (req, res) => {
    if (await setup.isComplete()) throw new NotFoundError();
    await renderSetup(req, res, { values: { language: res.locals.lang as Language } });
  });

  router.post('/setup', publicAccess(), async (req, res) => {
    if (await setup.isComplete()) throw new NotFoundError();
    const values = keepValues(req.body, ['name', 'email', 'language']);
    const parsed = parseForm(setupSchema, req.body);
    const fieldErrors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    const password: unknown = req.body?.password;
    if (typeof password === 'string' && !fieldErrors.password) {
      const policy = checkPasswordPolicy(password, { email: values.email });
      if (policy) fieldErrors.password = policy;
    }
    if (!parsed.ok || Object.keys(fieldErrors).length > 0) return renderSetup(req, res, { fieldErrors, values }, 422);

    const { name, email, language } = parsed.data;
    const passwordHash = await hashPassword(parsed.data.password);
    try {
      await completeSetup(deps, { name, email, passwordHash, language: language as Language });
    } catch (err) {
      if (await setup.isComplete()) throw new NotFoundError();
      throw err;
    }
    setup.markComplete();
    req.session.language = language as Language;
    addFlash(req, { kind: 'success', text: (res.locals.t as (k: 'setup.done') => string)('setup.done') });
    res.redirect(303, `/login?email=${encodeURIComponent(email.trim().toLowerCase())}`);
  });

  const renderAccept = (req: Request, res: Response, invite: { name: string; email: string }, extra: { fieldErrors?: FieldErrors }, status = 200) =>
    renderPage(req, res, 'auth/accept-invite', { title: 'invite.title', invite, token: req.params.token, passwordRules: passwordRules(res), ...extra }, status);

  router.get('/invite/:token', publicAccess(), async (req, res) => {
    const invite = await findOpenInvite(db, String(req.params.token), clock.now());
    if (!invite) throw new GoneError('invite.invalid');
    await renderAccept(req, res, invite, {});
  });

  router.post('/invite/:token', publicAccess(), async (req, res) => {
    const invite = await findOpenInvite(db, String(req.params.token), clock.now());
    if (!invite) throw new GoneError('invite.invalid');
    const parsed = parseForm(acceptSchema, req.body);
    const fieldErrors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    const password: unknown = req.body?.password;
    if (typeof password === 'string' && !fieldErrors.password) {
      const policy = checkPasswordPolicy(password, { email: invite.email });
      if (policy) fieldErrors.password = policy;
      else if (password !== req.body?.password_confirm) fieldErrors.password_confirm = 'password.mismatch';
    }
    if (!parsed.ok || Object.keys(fieldErrors).length > 0) return renderAccept(req, res, invite, { fieldErrors }, 422);

    const user = await acceptInvite(deps, String(req.params.token), await hashPassword(parsed.data.password));
    await logIn(req, { id: user.id, name: user.name, email: user.email, role: user.role, language: user.language }, clock);
    addFlash(req, { kind: 'success', text: (res.locals.t as (k: 'invite.welcome', p: Record<string, string>) => string)('invite.welcome', { name: user.name }) });
    res.redirect(303, '/');
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

