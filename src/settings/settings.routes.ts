import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { allow, publicAccess } from '../auth/guard';
import type { UseCaseDeps } from '../events/unit-of-work';
import type { FieldErrors } from '../shared/errors';
import { addFlash } from '../web/flash';
import { checkboxField, keepValues, parseForm, requiredText } from '../web/forms';
import type { MessageKey } from '../i18n/i18n';
import { NotFoundError } from '../shared/errors';
import type { FileStorage } from '../uploads/file-storage';
import { MIME_TYPES } from '../uploads/file-kind';
import { findStoredFile } from '../uploads/uploads.service';
import { acceptUpload, sendStoredBytes, uploadOutcome } from '../uploads/upload.middleware';
import { renderPage } from '../web/render';
import { type CompanyLogo, getCompanyBrand, getCompanySettings } from './settings.repository';
import { removeCompanyLogo, replaceCompanyLogo, saveSettings } from './settings.use-cases';
import { isZoneChoice, TIME_ZONE_CHOICES } from '../shared/zoned-time';
import { backupStatus } from '../backup/backups.service';
import type { BackupConfig } from '../config';
import { viewerTimes } from '../interviews/interviews.service';
import { isRetentionMonths, MAX_RETENTION_MONTHS, MIN_RETENTION_MONTHS } from '../shared/retention';

export type SettingsDeps = UseCaseDeps & { readonly backup: BackupConfig; readonly storage: FileStorage };

/** A logo is small: it sits in the header of every page. */
export const LOGO_MAX_BYTES = 512 * 1024;

/** Where a logo is served: its version is in the path, so each logo's URL may be cached for ever. */
export function companyLogoUrl(logo: CompanyLogo): string {
  return `/company-logo/${logo.version}`;
}

/** What the settings page says about a refused logo. */
const LOGO_ERRORS: Readonly<Record<string, MessageKey>> = {
  'upload.tooLarge': 'settings.error.logoTooLarge',
  'upload.wrongType': 'settings.error.logoType',
};

const TIME_ZONES = TIME_ZONE_CHOICES;

const settingsSchema = z.object({
  independent_feedback: checkboxField,
  company_name: requiredText(120),
  company_time_zone: z.string('validation.invalid').default('UTC').refine(isZoneChoice, 'account.error.timeZone'),
  reminder_hours: z
    .string('validation.invalid')
    .default('')
    .transform((v) => v.trim())
    // Left empty (or not sent), it stays as it is.
    .refine((v) => v === '' || (/^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 168), 'settings.error.reminderHours')
    .transform((v) => (v === '' ? undefined : Number(v))),
  // Not sent (an older form): both stay as they are. An empty privacy text means "the default text".
  careers_privacy_text: z
    .string('validation.invalid')
    .optional()
    .transform((v) => (v === undefined ? undefined : v.replace(/\r\n?/g, '\n').trim()))
    .refine((v) => v === undefined || v.length <= PRIVACY_TEXT_MAX, 'settings.error.privacyTextLong'),
  retention_months: z
    .string('validation.invalid')
    .optional()
    .transform((v) => v?.trim())
    .refine((v) => v === undefined || (/^\d{1,3}$/.test(v) && isRetentionMonths(Number(v))), 'settings.error.retentionMonths')
    .transform((v) => (v === undefined ? undefined : Number(v))),
});

/** The longest privacy text an admin may write. */
export const PRIVACY_TEXT_MAX = 5000;

const SETTINGS_FIELDS = ['company_name', 'company_time_zone', 'reminder_hours', 'independent_feedback', 'careers_privacy_text', 'retention_months'];

async function renderSettings(deps: SettingsDeps, req: Request, res: Response, form: { values?: Record<string, string>; fieldErrors?: FieldErrors } = {}, status = 200): Promise<void> {
  const company = await getCompanySettings(deps.db);
  const values = form.values ?? { company_name: company.name, company_time_zone: company.timeZone, reminder_hours: String(company.reminderHours), independent_feedback: company.independentFeedback ? 'on' : '', careers_privacy_text: company.privacyText, retention_months: String(company.retentionMonths) };
  const now = deps.clock.now();
  const [backups, times] = await Promise.all([backupStatus(deps.db, deps.backup, now), viewerTimes(deps.db, req, res, now)]);
  await renderPage(req, res, 'settings/index', { title: 'settings.title', independentFeedback: values.independent_feedback === 'on', timeZones: TIME_ZONES, values, fieldErrors: form.fieldErrors ?? {}, backups, times, logoUrl: company.logo ? companyLogoUrl(company.logo) : null, logoMaxKb: LOGO_MAX_BYTES / 1024, retentionRange: { min: MIN_RETENTION_MONTHS, max: MAX_RETENTION_MONTHS }, privacyTextMax: PRIVACY_TEXT_MAX }, status);
}

/** Company settings (admins). */
export function createSettingsRouter(deps: SettingsDeps): Router {
  const router = Router();

  router.get('/settings', allow('settings:manage'), (req, res) => renderSettings(deps, req, res));

  router.post('/settings', allow('settings:manage'), async (req, res) => {
    const parsed = parseForm(settingsSchema, req.body);
    if (!parsed.ok) return renderSettings(deps, req, res, { values: keepValues(req.body, SETTINGS_FIELDS), fieldErrors: parsed.errors }, 422);
    await saveSettings(deps, req.user!, { independentFeedback: parsed.data.independent_feedback, companyName: parsed.data.company_name, timeZone: parsed.data.company_time_zone, ...(parsed.data.reminder_hours !== undefined ? { reminderHours: parsed.data.reminder_hours } : {}), ...(parsed.data.careers_privacy_text !== undefined ? { privacyText: parsed.data.careers_privacy_text } : {}), ...(parsed.data.retention_months !== undefined ? { retentionMonths: parsed.data.retention_months } : {}) });
    addFlash(req, { kind: 'success', message: 'settings.saved' });
    res.redirect(303, '/settings');
  });

  const logoUpload = acceptUpload({ storage: deps.storage, field: 'logo', kinds: ['png', 'jpeg'], maxBytes: LOGO_MAX_BYTES });

  router.post('/settings/logo', allow('settings:manage'), ...logoUpload, async (req, res) => {
    const upload = uploadOutcome(req);
    if (!upload.file) {
      const error = upload.error ? (LOGO_ERRORS[upload.error] ?? upload.error) : 'settings.error.logoMissing';
      return renderSettings(deps, req, res, { fieldErrors: { logo: error } }, 422);
    }
    await replaceCompanyLogo(deps, deps.storage, req.user!, upload.file);
    addFlash(req, { kind: 'success', message: 'settings.logoSaved' });
    res.redirect(303, '/settings#logo');
  });

  router.post('/settings/logo/remove', allow('settings:manage'), async (req, res) => {
    await removeCompanyLogo(deps, deps.storage, req.user!);
    addFlash(req, { kind: 'success', message: 'settings.logoRemoved' });
    res.redirect(303, '/settings#logo');
  });

  return router;
}

/**
 * The company's logo, for the header of every page (the sign-in page included): only the current
 * logo's URL answers, and it may be cached for ever by anyone. Mounted before sessions, so the
 * answer never carries a session cookie a shared cache could keep.
 */
export function createCompanyLogoRouter(deps: Pick<SettingsDeps, 'db' | 'storage'>): Router {
  const router = Router();
  router.get('/company-logo/:version', publicAccess(), async (req, res) => {
    const { logo } = await getCompanyBrand(deps.db);
    if (!logo || req.params.version !== logo.version) throw new NotFoundError();
    const file = await findStoredFile(deps.db, logo.fileId);
    if (!file || (file.mimeType !== MIME_TYPES.png && file.mimeType !== MIME_TYPES.jpeg)) throw new NotFoundError();
    res.set({
      'Content-Type': file.mimeType,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'public, max-age=31536000, immutable',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    await sendStoredBytes(res, deps.storage, file);
  });

  return router;
}
