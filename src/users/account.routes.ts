import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { publicAccess, signedIn } from '../auth/guard';
import { checkPasswordPolicy, hashPassword } from '../auth/passwords';
import { logIn, passwordField, passwordRules } from '../auth/sign-in.views';
import type { UseCaseDeps } from '../events/unit-of-work';
import { isLanguage, LANGUAGES, type Language } from '../i18n/i18n';
import { listOptOuts, NOTIFICATION_KINDS, type NotificationKind } from '../mail/mail.service';
import { findFeed } from '../interviews/interviews.service';
import { getCompanySettings } from '../settings/settings.service';
import { formatDay } from '../shared/dates';
import { ConflictError, type FieldErrors, NotFoundError, ValidationError } from '../shared/errors';
import { addFlash } from '../web/flash';
import { checkboxField, emailField, keepValues, parseForm, requiredText } from '../web/forms';
import { renderPage } from '../web/render';
import { changePassword, confirmEmailChange, openEmailChange, requestEmailChange, updateAccount } from './account.use-cases';
import { findUserById } from './users.repository';
import { isZoneChoice, TIME_ZONE_CHOICES } from '../shared/zoned-time';
import { listTokensOf } from '../api/tokens.service';
import { EXPIRY_DAYS, type ScopeChoice, tokenWorksAt } from '../api/tokens';
import { createPersonalToken, revokeToken } from '../api/tokens.use-cases';
import { positiveInt } from '../shared/ids';

const TIME_ZONES = TIME_ZONE_CHOICES;

const profileSchema = z.object({
  name: requiredText(120),
  language: z.string('validation.invalid').refine(isLanguage, 'validation.invalid'),
  time_zone: z.string('validation.invalid').default('').refine((v) => v === '' || isZoneChoice(v), 'account.error.timeZone'),
  ...Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [`notify_${kind}`, checkboxField])),
});
const emailSchema = z.object({ new_email: emailField, email_password: z.string('validation.invalid').default('') });
const passwordSchema = z.object({ current_password: z.string('validation.invalid').default(''), password: passwordField, password_confirm: z.string('validation.invalid') });

type Section = 'profile' | 'email' | 'password' | 'token';
type Form = { section?: Section; values?: Record<string, string>; fieldErrors?: FieldErrors };

async function renderAccount(deps: UseCaseDeps, req: Request, res: Response, form: Form = {}, status = 200): Promise<void> {
  const [user, optOuts, company, feed, tokens] = await Promise.all([findUserById(deps.db, req.user!.id), listOptOuts(deps.db, req.user!.id), getCompanySettings(deps.db), findFeed(deps.db, req.user!.id), listTokensOf(deps.db, req.user!.id)]);
  const now = deps.clock.now();
  const profile = { name: user?.name ?? '', language: user?.language ?? (res.locals.lang as Language), time_zone: user?.timeZone ?? '', ...Object.fromEntries(NOTIFICATION_KINDS.map((k) => [`notify_${k}`, optOuts.includes(k) ? '' : 'on'])) };
  await renderPage(
    req,
    res,
    'account/index',
    {
      title: 'account.title',
      email: user?.email ?? '',
      languages: LANGUAGES,
      timeZones: TIME_ZONES,
      companyZone: company.timeZone,
      feed,
      tokens: tokens.map((token) => ({ ...token, state: token.revokedAt ? 'revoked' : tokenWorksAt(token, now) ? 'active' : 'expired' })),
      expiryDays: EXPIRY_DAYS,
      day: (iso: string) => formatDay(iso, res.locals.lang as Language),
      kinds: NOTIFICATION_KINDS,
      passwordRules: passwordRules(res),
      section: form.section,
      values: form.section === 'profile' ? form.values : form.section ? { ...profile, ...form.values } : profile,
      fieldErrors: form.fieldErrors ?? {},
    },
    status,
  );
}

function saveProfile(deps: UseCaseDeps) {
  return async (req: Request, res: Response) => {
    const parsed = parseForm(profileSchema, req.body);
    const values = keepValues(req.body, ['name', 'language', 'time_zone', ...NOTIFICATION_KINDS.map((k) => `notify_${k}`)]);
    if (!parsed.ok) return renderAccount(deps, req, res, { section: 'profile', values, fieldErrors: parsed.errors }, 422);
    const data = parsed.data as { name: string; language: Language; time_zone: string } & Record<string, unknown>;
    const receive = NOTIFICATION_KINDS.filter((kind): kind is NotificationKind => data[`notify_${kind}`] === true);
    await updateAccount(deps, req.user!, { name: data.name, language: data.language, timeZone: data.time_zone || null, receive });
    req.session.language = data.language;
    addFlash(req, { kind: 'success', message: 'account.saved' });
    res.redirect(303, '/account');
  };
}

function changeEmail(deps: UseCaseDeps) {
  return async (req: Request, res: Response) => {
    const parsed = parseForm(emailSchema, req.body);
    const values = keepValues(req.body, ['new_email']);
    try {
      if (!parsed.ok) throw new ValidationError(parsed.errors);
      await requestEmailChange(deps, req.user!, { newEmail: parsed.data.new_email, currentPassword: parsed.data.email_password });
      addFlash(req, { kind: 'success', message: 'account.email.sent', params: { email: parsed.data.new_email } });
      res.redirect(303, '/account');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderAccount(deps, req, res, { section: 'email', values, fieldErrors: err.fieldErrors }, 422);
    }
  };
}

function changeOwnPassword(deps: UseCaseDeps) {
  return async (req: Request, res: Response) => {
    const parsed = parseForm(passwordSchema, req.body);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    if (parsed.ok) {
      const policy = checkPasswordPolicy(parsed.data.password, { email: req.user!.email });
      if (policy) errors.password = policy;
      else if (parsed.data.password !== parsed.data.password_confirm) errors.password_confirm = 'password.mismatch';
    }
    try {
      if (!parsed.ok || Object.keys(errors).length > 0) throw new ValidationError(errors);
      await changePassword(deps, req.user!, { currentPassword: parsed.data.current_password, passwordHash: await hashPassword(parsed.data.password) });
      // Every session ended with the old password, this one too: sign in again on a new one.
      await logIn(req, req.user!, deps.clock);
      addFlash(req, { kind: 'success', message: 'account.password.done' });
      res.redirect(303, '/account');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderAccount(deps, req, res, { section: 'password', values: {}, fieldErrors: err.fieldErrors }, 422);
    }
  };
}

const tokenSchema = z.object({
  token_name: requiredText(80),
  token_scope: z.enum(['read', 'write'], 'validation.invalid'),
  token_expiry: z.coerce.number('validation.invalid').refine((v) => (EXPIRY_DAYS as readonly number[]).includes(v), 'validation.invalid'),
});

function makeToken(deps: UseCaseDeps) {
  return async (req: Request, res: Response) => {
    const parsed = parseForm(tokenSchema, req.body);
    const values = keepValues(req.body, ['token_name', 'token_scope', 'token_expiry']);
    try {
      if (!parsed.ok) throw new ValidationError(parsed.errors);
      const { token } = await createPersonalToken(deps, req.user!, { name: parsed.data.token_name, scope: parsed.data.token_scope as ScopeChoice, expiresInDays: parsed.data.token_expiry });
      addFlash(req, { kind: 'success', message: 'api.token.made', value: token });
      res.redirect(303, '/account#api-tokens');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderAccount(deps, req, res, { section: 'token', values, fieldErrors: err.fieldErrors }, 422);
    }
  };
}

/** The signed-in person's own account: name, language, time zone, notifications, address and password. */
export function createAccountRouter(deps: UseCaseDeps): Router {
  const router = Router();
  router.get('/account', signedIn(), (req, res) => renderAccount(deps, req, res));
  router.post('/account', signedIn(), saveProfile(deps));
  router.post('/account/email', signedIn(), changeEmail(deps));
  router.post('/account/password', signedIn(), changeOwnPassword(deps));
  router.post('/account/api-tokens', signedIn(), makeToken(deps));
  router.post('/account/api-tokens/:id/revoke', signedIn(), async (req, res) => {
    const id = positiveInt(req.params.id);
    if (id === undefined) throw new NotFoundError();
    await revokeToken(deps, req.user!, id);
    addFlash(req, { kind: 'success', message: 'api.token.revoked' });
    res.redirect(303, '/account#api-tokens');
  });
  // The link sent to a new address works without signing in (the token is the proof). Opening it
  // changes nothing: a button confirms, so a mail scanner that follows links cannot use it up.
  router.get('/account/email/:token', publicAccess(), async (req, res) => {
    const change = await openEmailChange(deps, String(req.params.token));
    await renderPage(req, res, 'account/confirm-email', { title: 'account.email.confirm.title', token: req.params.token, ...change });
  });
  router.post('/account/email/:token', publicAccess(), async (req, res) => {
    try {
      const { userId, email } = await confirmEmailChange(deps, String(req.params.token));
      if (req.user?.id === userId) req.user.email = email;
      addFlash(req, { kind: 'success', message: 'account.email.done', params: { email } });
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      addFlash(req, { kind: 'error', message: err.messageKey });
    }
    res.redirect(303, req.user ? '/account' : '/login');
  });
  return router;
}
