import { Router } from 'express';
import { z } from 'zod';
import { allow } from '../auth/guard';
import type { UseCaseDeps } from '../events/unit-of-work';
import type { Translate } from '../i18n/i18n';
import { addFlash } from '../web/flash';
import { checkboxField, parseForm } from '../web/forms';
import { renderPage } from '../web/render';
import { getIndependentFeedback } from './settings.repository';
import { saveSettings } from './settings.use-cases';

const settingsSchema = z.object({ independent_feedback: checkboxField });

/** Company settings (admins). */
export function createSettingsRouter(deps: UseCaseDeps): Router {
  const router = Router();

  router.get('/settings', allow('settings:manage'), async (req, res) => {
    await renderPage(req, res, 'settings/index', { title: 'settings.title', independentFeedback: await getIndependentFeedback(deps.db) });
  });

  router.post('/settings', allow('settings:manage'), async (req, res) => {
    const parsed = parseForm(settingsSchema, req.body);
    await saveSettings(deps, req.user!, { independentFeedback: parsed.ok && parsed.data.independent_feedback });
    addFlash(req, { kind: 'success', text: (res.locals.t as Translate)('settings.saved') });
    res.redirect(303, '/settings');
  });

  return router;
}
