import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { allow } from '../auth/guard';
import { isRole, ROLES, type Role } from '../auth/permissions';
import type { MessageKey } from '../i18n/i18n';
import { type FieldErrors, NotFoundError, ValidationError } from '../shared/errors';
import { positiveInt } from '../shared/ids';
import { inviteUrl } from '../shared/links';
import { addFlash } from '../web/flash';
import { emailField, keepValues, parseForm, requiredText } from '../web/forms';
import { renderPage } from '../web/render';
import { latestInviteExpiries } from './invites.repository';
import { listUsers } from './users.repository';
import { changeRole, deactivateUser, inviteUser, reactivateUser, renewInvite, type UsersDeps } from './users.use-cases';


const roleField = z.string('validation.invalid').refine(isRole, 'users.roleInvalid');
const inviteSchema = z.object({ name: requiredText(120), email: emailField, role: roleField });
const roleSchema = z.object({ role: roleField });

function userIdParam(req: Request): number {
  const id = positiveInt(req.params.id);
  if (id === undefined) throw new NotFoundError();
  return id;
}

/** The people page: everyone, with invite links that expired marked, and the invite form. */
function listRenderer({ db, clock, inviteTtlMs }: UsersDeps) {
  return async (req: Request, res: Response, extra: { fieldErrors?: FieldErrors; values?: Record<string, string>; listError?: MessageKey } = {}, status = 200) => {
    const [users, invites] = await Promise.all([listUsers(db), latestInviteExpiries(db)]);
    const now = clock.now().toISOString();
    const people = users.map((user) => {
      const invite = invites.get(user.id);
      return { ...user, inviteExpired: user.status === 'invited' && (!invite || !invite.usable || invite.expiresAt <= now), inviteExpiresAt: invite?.expiresAt };
    });
    await renderPage(req, res, 'users/index', { title: 'users.title', people, roles: ROLES, inviteTtlDays: Math.round((inviteTtlMs / 86_400_000) * 10) / 10, values: { role: 'interviewer' }, ...extra }, status);
  };
}

/** People (admins): invite, renew an invite link, change a role, deactivate and reactivate. */
export function createUsersRouter(deps: UsersDeps & { readonly publicUrl: string; readonly mailConfigured: boolean }): Router {
  const router = Router();
  const renderList = listRenderer(deps);

  /** Runs a change and redirects to the list; a refused change re-renders the list with the reason. */
  const act = async (req: Request, res: Response, change: () => Promise<MessageKey>) => {
    try {
      const done = await change();
      addFlash(req, { kind: 'success', message: done });
      res.redirect(303, '/users');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderList(req, res, { listError: err.fieldErrors._form ?? err.fieldErrors.role ?? 'validation.invalid' }, 422);
    }
  };

  router.get('/users', allow('users:manage'), async (req, res) => {
    await renderList(req, res);
  });

  router.post('/users', allow('users:manage'), async (req, res) => {
    const values = keepValues(req.body, ['name', 'email', 'role']);
    const parsed = parseForm(inviteSchema, req.body);
    if (!parsed.ok) return renderList(req, res, { fieldErrors: parsed.errors, values }, 422);
    try {
      const { token } = await inviteUser(deps, req.user!, { ...parsed.data, role: parsed.data.role as Role });
      addFlash(req, { kind: 'success', message: deps.mailConfigured ? 'users.invitedMailed' : 'users.invited', params: { name: parsed.data.name, email: parsed.data.email }, value: inviteUrl(deps.publicUrl, token) });
      res.redirect(303, '/users');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderList(req, res, { fieldErrors: err.fieldErrors, values }, 422);
    }
  });

  router.post('/users/:id/invite', allow('users:manage'), async (req, res) => {
    const userId = userIdParam(req);
    try {
      const { token, name } = await renewInvite(deps, req.user!, userId);
      addFlash(req, { kind: 'success', message: deps.mailConfigured ? 'users.inviteRenewedMailed' : 'users.inviteRenewed', params: { name }, value: inviteUrl(deps.publicUrl, token) });
      res.redirect(303, '/users');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderList(req, res, { listError: err.fieldErrors._form }, 422);
    }
  });

  router.post('/users/:id/role', allow('users:manage'), async (req, res) => {
    const userId = userIdParam(req);
    const parsed = parseForm(roleSchema, req.body);
    if (!parsed.ok) return renderList(req, res, { listError: parsed.errors.role }, 422);
    await act(req, res, async () => {
      await changeRole(deps, req.user!, userId, parsed.data.role as Role);
      return 'users.roleChanged';
    });
  });

  router.post('/users/:id/deactivate', allow('users:manage'), async (req, res) => {
    const userId = userIdParam(req);
    await act(req, res, async () => {
      await deactivateUser(deps, req.user!, userId);
      return 'users.deactivated';
    });
  });

  router.post('/users/:id/reactivate', allow('users:manage'), async (req, res) => {
    const userId = userIdParam(req);
    await act(req, res, async () => {
      await reactivateUser(deps, req.user!, userId);
      return 'users.reactivated';
    });
  });

  return router;
}
