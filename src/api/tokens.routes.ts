import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { allow } from '../auth/guard';
import type { UseCaseDeps } from '../events/unit-of-work';
import type { Language } from '../i18n/i18n';
import { formatDay } from '../shared/dates';
import { type FieldErrors, NotFoundError, ValidationError } from '../shared/errors';
import { positiveInt } from '../shared/ids';
import { listUsers } from '../users/users.service';
import { addFlash } from '../web/flash';
import { idField, keepValues, parseForm, requiredText } from '../web/forms';
import { renderPage } from '../web/render';
import { EXPIRY_DAYS, type ScopeChoice, tokenWorksAt } from './tokens';
import { listAllTokens } from './tokens.repository';
import { createServiceToken, revokeToken } from './tokens.use-cases';

const serviceTokenSchema = z.object({
  token_user: idField,
  token_name: requiredText(80),
  token_scope: z.enum(['read', 'write'], 'validation.invalid'),
  token_expiry: z.coerce.number('validation.invalid').refine((v) => (EXPIRY_DAYS as readonly number[]).includes(v), 'validation.invalid'),
});

async function renderTokens(deps: UseCaseDeps, req: Request, res: Response, form: { values?: Record<string, string>; fieldErrors?: FieldErrors } = {}, status = 200): Promise<void> {
  const [tokens, users] = await Promise.all([listAllTokens(deps.db), listUsers(deps.db)]);
  const now = deps.clock.now();
  await renderPage(
    req,
    res,
    'api/service-tokens',
    {
      title: 'api.service.title',
      tokens: tokens.map((token) => ({ ...token, state: token.revokedAt ? 'revoked' : tokenWorksAt(token, now) ? 'active' : 'expired' })),
      users: users.filter((u) => u.status === 'active').map((u) => ({ id: u.id, name: u.name, role: u.role })),
      expiryDays: EXPIRY_DAYS,
      day: (iso: string) => formatDay(iso, res.locals.lang as Language),
      values: form.values ?? {},
      fieldErrors: form.fieldErrors ?? {},
    },
    status,
  );
}

/** Admins: every API token of the company, and service tokens made for a chosen user. */
export function createApiTokensRouter(deps: UseCaseDeps): Router {
  const router = Router();
  router.get('/settings/api-tokens', allow('users:manage'), (req, res) => renderTokens(deps, req, res));
  router.post('/settings/api-tokens', allow('users:manage'), async (req, res) => {
    const parsed = parseForm(serviceTokenSchema, req.body);
    const values = keepValues(req.body, ['token_user', 'token_name', 'token_scope', 'token_expiry']);
    try {
      if (!parsed.ok) throw new ValidationError(parsed.errors);
      const { token } = await createServiceToken(deps, req.user!, parsed.data.token_user, { name: parsed.data.token_name, scope: parsed.data.token_scope as ScopeChoice, expiresInDays: parsed.data.token_expiry });
      addFlash(req, { kind: 'success', message: 'api.token.made', value: token });
      res.redirect(303, '/settings/api-tokens');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderTokens(deps, req, res, { values, fieldErrors: err.fieldErrors }, 422);
    }
  });
  router.post('/settings/api-tokens/:id/revoke', allow('users:manage'), async (req, res) => {
    const id = positiveInt(req.params.id);
    if (id === undefined) throw new NotFoundError();
    await revokeToken(deps, req.user!, id);
    addFlash(req, { kind: 'success', message: 'api.token.revoked' });
    res.redirect(303, '/settings/api-tokens');
  });
  return router;
}
