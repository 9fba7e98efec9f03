import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { UseCaseDeps } from '../events/unit-of-work';
import type { Translate } from '../i18n/i18n';
import { type FieldErrors, GoneError } from '../shared/errors';
import { addFlash } from '../web/flash';
import { emailField, keepValues, parseForm } from '../web/forms';
import { renderPage } from '../web/render';
import { publicAccess } from './guard';
import { recordFailedLogin, secondsUntilAllowed } from './login-throttle';
import { openPasswordReset, requestPasswordReset, resetPassword } from './password-reset.use-cases';
import { checkPasswordPolicy, hashPassword } from './passwords';
import { logIn, passwordField, passwordRules } from './sign-in.views';
import type { OidcEnvConfig } from '../config';
import { passwordSignInAllowedFor, ssoDisplayName } from './oidc.service';

const t = (res: Response) => res.locals.t as Translate;

/** Reset requests per address and per IP in the throttle window (15 minutes), whatever their outcome. */
export const RESET_LIMITS = { perAddress: 5, perIp: 20 } as const;

/**
 * The least time a reset request takes to answer. Looking up an address and writing a link for it
 * takes a few milliseconds more than finding no account; answering at a fixed moment hides that
 * difference (and slows anyone sweeping through addresses).
 */
export const RESET_ANSWER_MS = 250;

const forgotSchema = z.object({ email: emailField });
const resetSchema = z.object({ password: passwordField, password_confirm: z.string('validation.invalid') });

/** How long to wait before asking again, in seconds; 0 when allowed (and the request is then counted). */
async function throttle({ db, clock }: UseCaseDeps, ip: string, email: string): Promise<number> {
  const now = clock.now();
  const byAddress = `reset-address:${email}`;
  const byIp = `reset-ip:${ip}`;
  const wait = Math.max(await secondsUntilAllowed(db, [byAddress], now, RESET_LIMITS.perAddress), await secondsUntilAllowed(db, [byIp], now, RESET_LIMITS.perIp));
  if (wait === 0) await recordFailedLogin(db, [byAddress, byIp], now);
  return wait;
}

function renderForgot(req: Request, res: Response, extra: { fieldErrors?: FieldErrors; values?: Record<string, string>; formError?: string } = {}, status = 200) {
  return renderPage(req, res, 'auth/forgot-password', { title: 'forgot.title', formError: undefined, ...extra }, status);
}

async function renderReset(req: Request, res: Response, email: string, extra: { fieldErrors?: FieldErrors } = {}, status = 200) {
  await renderPage(req, res, 'auth/reset-password', { title: 'reset.title', email, token: req.params.token, passwordRules: passwordRules(res), ...extra }, status);
}

/** A forgotten password: ask for a link by address, then choose a new password through it. */
export function createPasswordResetRouter(deps: UseCaseDeps & { readonly oidcEnv?: OidcEnvConfig }): Router {
  const router = Router();

  router.get('/forgot-password', publicAccess(), async (req, res) => {
    await renderForgot(req, res, { values: { email: typeof req.query.email === 'string' ? req.query.email.slice(0, 254) : '' } });
  });

  router.post('/forgot-password', publicAccess(), async (req, res) => {
    const values = keepValues(req.body, ['email']);
    const parsed = parseForm(forgotSchema, req.body);
    if (!parsed.ok) return renderForgot(req, res, { fieldErrors: parsed.errors, values }, 422);
    const wait = await throttle(deps, req.ip ?? 'unknown', parsed.data.email);
    if (wait > 0) {
      res.set('Retry-After', String(wait));
      return renderForgot(req, res, { values, formError: t(res)('forgot.throttled', { minutes: Math.ceil(wait / 60) }) }, 429);
    }
    const answerAt = performance.now() + RESET_ANSWER_MS;
    await requestPasswordReset(deps, parsed.data.email);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, answerAt - performance.now())));
    // The same answer, at the same moment, whether or not the address has an account.
    await renderPage(req, res, 'auth/forgot-sent', { title: 'forgot.sent.title', email: parsed.data.email });
  });

  router.get('/reset-password/:token', publicAccess(), async (req, res) => {
    const open = await openPasswordReset(deps, String(req.params.token));
    if (!open) throw new GoneError('reset.invalid');
    await renderReset(req, res, open.email);
  });

  router.post('/reset-password/:token', publicAccess(), async (req, res) => {
    const open = await openPasswordReset(deps, String(req.params.token));
    if (!open) throw new GoneError('reset.invalid');
    const parsed = parseForm(resetSchema, req.body);
    const fieldErrors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    if (parsed.ok) {
      const policy = checkPasswordPolicy(parsed.data.password, { email: open.email });
      if (policy) fieldErrors.password = policy;
      else if (parsed.data.password !== parsed.data.password_confirm) fieldErrors.password_confirm = 'password.mismatch';
    }
    if (!parsed.ok || Object.keys(fieldErrors).length > 0) return renderReset(req, res, open.email, { fieldErrors }, 422);
    const user = await resetPassword(deps, String(req.params.token), await hashPassword(parsed.data.password));
    const password = await passwordSignInAllowedFor(deps.db, deps.oidcEnv, user.role);
    if (!password.allowed) {
      addFlash(req, { kind: 'info', message: 'sso.passwordSavedUseSso', params: { name: ssoDisplayName({ displayName: password.providerName }, t(res)) } });
      return res.redirect(303, '/login');
    }
    await logIn(req, { id: user.id, name: user.name, email: user.email, role: user.role, language: user.language, timeZone: user.timeZone }, deps.clock);
    addFlash(req, { kind: 'success', message: 'reset.done' });
    res.redirect(303, '/');
  });

  return router;
}
