import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { allow } from '../auth/guard';
import type { Translate } from '../i18n/i18n';
import { field } from '../web/body';
import { addFlash } from '../web/flash';
import { renderPage } from '../web/render';
import { getIndependentFeedback, putSetting, SETTING_KEYS } from './settings.repository';

export function createSettingsRouter(db: Kysely<Database>): Router {
  const router = Router();

  router.get('/settings', allow('settings:manage'), async (req, res) => {
    await renderPage(req, res, 'settings/index', { title: 'settings.title', independentFeedback: await getIndependentFeedback(db) });
  });

  router.post('/settings', allow('settings:manage'), async (req, res) => {
    await putSetting(db, SETTING_KEYS.independentFeedback, field(req.body, 'independent_feedback') === 'on' ? '1' : '0');
    addFlash(req, { kind: 'success', text: (res.locals.t as Translate)('settings.saved') });
    res.redirect(303, '/settings');
  });

  return router;
}
