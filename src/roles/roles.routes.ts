import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { UseCaseDeps } from '../events/unit-of-work';
import type { Language } from '../i18n/i18n';
import { allow } from '../auth/guard';
import { positiveInt } from '../shared/ids';
import { type FieldErrors, NotFoundError } from '../shared/errors';
import { addFlash } from '../web/flash';
import { keepValues, parseForm, requiredText } from '../web/forms';
import { renderPage } from '../web/render';
import { findRoleById, listRoles, type SalesRole } from './roles.repository';
import { editRole } from './roles.use-cases';

const roleSchema = z.object({ name: requiredText(120), summary: requiredText(2000), hands_off_to: requiredText(1000), pay_model: requiredText(1000) });
const ROLE_FIELDS = ['name', 'summary', 'hands_off_to', 'pay_model'] as const;

function roleValues(role: SalesRole): Record<string, string> {
  return { name: role.name, summary: role.summary, hands_off_to: role.handsOffTo, pay_model: role.payModel };
}

/** The sales roles and their texts (admins edit them). */
export function createRolesRouter(deps: UseCaseDeps): Router {
  const { db } = deps;
  const router = Router();

  const loadRole = async (req: Request, res: Response): Promise<SalesRole> => {
    const id = positiveInt(req.params.id);
    const role = id === undefined ? undefined : await findRoleById(db, id, res.locals.lang as Language);
    if (!role) throw new NotFoundError();
    return role;
  };

  const renderRole = (req: Request, res: Response, role: SalesRole, extra: { values?: Record<string, string>; fieldErrors?: FieldErrors } = {}, status = 200) =>
    renderPage(req, res, 'roles/show', { title: { text: role.name }, role, values: roleValues(role), ...extra }, status);

  router.get('/roles', allow('roles:read'), async (req, res) => {
    await renderPage(req, res, 'roles/index', { title: 'roles.title', roles: await listRoles(db, res.locals.lang as Language) });
  });

  router.get('/roles/:id', allow('roles:read'), async (req, res) => {
    await renderRole(req, res, await loadRole(req, res));
  });

  router.post('/roles/:id', allow('roles:edit'), async (req, res) => {
    const role = await loadRole(req, res);
    const parsed = parseForm(roleSchema, req.body);
    if (!parsed.ok) return renderRole(req, res, role, { values: keepValues(req.body, ROLE_FIELDS), fieldErrors: parsed.errors }, 422);
    const { name, summary, hands_off_to: handsOffTo, pay_model: payModel } = parsed.data;
    await editRole(deps, req.user!, role.id, { name, summary, handsOffTo, payModel });
    addFlash(req, { kind: 'success', message: 'roles.saved' });
    res.redirect(303, `/roles/${role.id}`);
  });

  return router;
}
