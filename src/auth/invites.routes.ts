import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { UseCaseDeps } from '../events/unit-of-work';
import { findOpenInvite } from '../users/users.service';
import { acceptInvite } from '../users/users.use-cases';
import { type FieldErrors, GoneError } from '../shared/errors';
import { addFlash } from '../web/flash';
import { parseForm } from '../web/forms';
import { renderPage } from '../web/render';
import { publicAccess } from './guard';
import { checkPasswordPolicy, hashPassword } from './passwords';
import { logIn, passwordField, passwordRules } from './sign-in.views';
import type { OidcEnvConfig } from '../config';
import { passwordSignInAllowedFor, ssoDisplayName } from './oidc.service';

const acceptSchema = z.object({ password: passwordField, password_confirm: z.string('validation.invalid') });

/** An invite link: the invitee picks a password and is signed in. */
export function createInvitesRouter(deps: UseCaseDeps & { readonly oidcEnv?: OidcEnvConfig }): Router {
  const { db, clock } = deps;
  const router = Router();

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
    const signIn = await passwordSignInAllowedFor(db, deps.oidcEnv, user.role);
    if (!signIn.allowed) {
      addFlash(req, { kind: 'info', message: 'sso.passwordSavedUseSso', params: { name: ssoDisplayName({ displayName: signIn.providerName }, res.locals.t as (key: 'sso.defaultName') => string) } });
      return res.redirect(303, '/login');
    }
    await logIn(req, { id: user.id, name: user.name, email: user.email, role: user.role, language: user.language, timeZone: user.timeZone }, clock);
    addFlash(req, { kind: 'success', message: 'invite.welcome', params: { name: user.name } });
    res.redirect(303, '/');
  });

  return router;
}
