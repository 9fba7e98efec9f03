import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { UseCaseDeps } from '../events/unit-of-work';
import { isLanguage, LANGUAGES, type Language } from '../i18n/i18n';
import { type FieldErrors, NotFoundError } from '../shared/errors';
import { isZoneChoice, TIME_ZONE_CHOICES } from '../shared/zoned-time';
import { addFlash } from '../web/flash';
import { emailField, keepValues, parseForm, requiredText } from '../web/forms';
import { renderPage } from '../web/render';
import { publicAccess } from './guard';
import { checkPasswordPolicy, hashPassword } from './passwords';
import type { SetupState } from './setup-state';
import { completeSetup } from './setup.use-cases';
import { logIn, passwordField, passwordRules } from './sign-in.views';

const setupSchema = z.object({
  name: requiredText(120),
  email: emailField,
  password: passwordField,
  language: z.string('validation.invalid').refine(isLanguage, 'validation.invalid'),
  time_zone: z.string('validation.invalid').default('UTC').refine(isZoneChoice, 'account.error.timeZone'),
});

const TIME_ZONES = TIME_ZONE_CHOICES;

/** The first-run set-up: the first admin and the company's language; gone (404) once done. */
export function createSetupRouter(deps: UseCaseDeps & { readonly setup: SetupState }): Router {
  const { setup } = deps;
  const router = Router();

  const renderSetup = (req: Request, res: Response, extra: { fieldErrors?: FieldErrors; values?: Record<string, string> }, status = 200) =>
    renderPage(req, res, 'auth/setup', { title: 'setup.title', languages: LANGUAGES, timeZones: TIME_ZONES, passwordRules: passwordRules(res), ...extra }, status);

  router.get('/setup', publicAccess(), async (req, res) => {
    if (await setup.isComplete()) throw new NotFoundError();
    await renderSetup(req, res, { values: { language: res.locals.lang as Language, time_zone: 'UTC' } });
  });

  router.post('/setup', publicAccess(), async (req, res) => {
    if (await setup.isComplete()) throw new NotFoundError();
    const values = keepValues(req.body, ['name', 'email', 'language', 'time_zone']);
    const parsed = parseForm(setupSchema, req.body);
    const fieldErrors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    const password: unknown = req.body?.password;
    if (typeof password === 'string' && !fieldErrors.password) {
      const policy = checkPasswordPolicy(password, { email: values.email });
      if (policy) fieldErrors.password = policy;
    }
    if (!parsed.ok || Object.keys(fieldErrors).length > 0) return renderSetup(req, res, { fieldErrors, values }, 422);

    const { name, email, language, time_zone: timeZone } = parsed.data;
    const passwordHash = await hashPassword(parsed.data.password);
    let adminId: number;
    try {
      adminId = await completeSetup(deps, { name, email, passwordHash, language: language as Language, timeZone });
    } catch (err) {
      if (await setup.isComplete()) throw new NotFoundError();
      throw err;
    }
    setup.markComplete();
    req.session.language = language as Language;
    // They just chose the password: signed in at once (a new session, as at every sign-in), not sent to type it again.
    await logIn(req, { id: adminId, name: name.trim(), email: email.trim().toLowerCase(), role: 'admin', language: language as Language, timeZone: null }, deps.clock);
    // Worded when shown: in the language they just chose, which is now their own.
    addFlash(req, { kind: 'success', message: 'setup.done' });
    res.redirect(303, '/');
  });

  return router;
}
