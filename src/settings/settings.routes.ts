import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { allow } from '../auth/guard';
import type { UseCaseDeps } from '../events/unit-of-work';
import type { FieldErrors } from '../shared/errors';
import { addFlash } from '../web/flash';
import { checkboxField, keepValues, optionalText, parseForm } from '../web/forms';
import { renderPage } from '../web/render';
import { getCompanySettings } from './settings.repository';
import { saveSettings } from './settings.use-cases';
import { isZoneChoice, TIME_ZONE_CHOICES } from '../shared/zoned-time';
import { backupStatus } from '../backup/backups.service';
import type { BackupConfig } from '../config';
import { viewerTimes } from '../interviews/interviews.service';

export type SettingsDeps = UseCaseDeps & { readonly backup: BackupConfig };

const TIME_ZONES = TIME_ZONE_CHOICES;

const settingsSchema = z.object({
  independent_feedback: checkboxField,
  company_name: optionalText(120),
  company_time_zone: z.string('validation.invalid').default('UTC').refine(isZoneChoice, 'account.error.timeZone'),
  reminder_hours: z
    .string('validation.invalid')
    .default('')
    .transform((v) => v.trim())
    // Left empty (or not sent), it stays as it is.
    .refine((v) => v === '' || (/^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 168), 'settings.error.reminderHours')
    .transform((v) => (v === '' ? undefined : Number(v))),
});

async function renderSettings(deps: SettingsDeps, req: Request, res: Response, form: { values?: Record<string, string>; fieldErrors?: FieldErrors } = {}, status = 200): Promise<void> {
  const company = await getCompanySettings(deps.db);
  const values = form.values ?? { company_name: company.name, company_time_zone: company.timeZone, reminder_hours: String(company.reminderHours), independent_feedback: company.independentFeedback ? 'on' : '' };
  const now = deps.clock.now();
  const [backups, times] = await Promise.all([backupStatus(deps.db, deps.backup, now), viewerTimes(deps.db, req, res, now)]);
  await renderPage(req, res, 'settings/index', { title: 'settings.title', independentFeedback: values.independent_feedback === 'on', timeZones: TIME_ZONES, values, fieldErrors: form.fieldErrors ?? {}, backups, times }, status);
}

/** Company settings (admins). */
export function createSettingsRouter(deps: SettingsDeps): Router {
  const router = Router();

  router.get('/settings', allow('settings:manage'), (req, res) => renderSettings(deps, req, res));

  router.post('/settings', allow('settings:manage'), async (req, res) => {
    const parsed = parseForm(settingsSchema, req.body);
    if (!parsed.ok) return renderSettings(deps, req, res, { values: keepValues(req.body, ['company_name', 'company_time_zone', 'reminder_hours', 'independent_feedback']), fieldErrors: parsed.errors }, 422);
    await saveSettings(deps, req.user!, { independentFeedback: parsed.data.independent_feedback, companyName: parsed.data.company_name, timeZone: parsed.data.company_time_zone, ...(parsed.data.reminder_hours !== undefined ? { reminderHours: parsed.data.reminder_hours } : {}) });
    addFlash(req, { kind: 'success', message: 'settings.saved' });
    res.redirect(303, '/settings');
  });

  return router;
}
