import type { DbOrTrx as Db } from '../db/database';
import { isLanguage, type Language } from '../i18n/i18n';
import { DEFAULT_RETENTION_MONTHS, isRetentionMonths } from '../shared/retention';

export const SETTING_KEYS = {
  setupCompletedAt: 'setup_completed_at',
  companyLanguage: 'company_language',
  independentFeedback: 'independent_feedback',
  companyName: 'company_name',
  companyTimeZone: 'company_time_zone',
  reminderHours: 'scorecard_reminder_hours',
  /** The stored file (a PNG or JPEG) shown beside the company's name. */
  companyLogoFileId: 'company_logo_file_id',
  /** A digest of the logo's bytes: part of its URL, so a new logo gets a new URL and the old one may be cached for ever. */
  companyLogoVersion: 'company_logo_version',
  /** The privacy text applicants see beside the careers form's consent box ('' or none: the default in their language). */
  careersPrivacyText: 'careers_privacy_text',
  /** Months a candidate's data is kept without activity before the privacy page lists them for erasure. */
  retentionMonths: 'retention_months',
} as const;

/** Hours after an interview's end before its first scorecard reminder, unless an admin says otherwise. */
export const DEFAULT_REMINDER_HOURS = 24;

export async function getSetting(db: Db, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Inserts a setting that must not exist yet; throws on a duplicate key (used as a one-time latch). */
export async function insertSetting(db: Db, key: string, value: string): Promise<void> {
  await db.insertInto('settings').values({ key, value }).execute();
}

export async function putSetting(db: Db, key: string, value: string): Promise<void> {
  await db.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

/** The language chosen at setup; content the app seeds is written in it. */
export async function getCompanyLanguage(db: Db): Promise<Language> {
  const value = await getSetting(db, SETTING_KEYS.companyLanguage);
  return isLanguage(value) ? value : 'en';
}

/** Independent feedback (on unless an admin turned it off): interviewers see others' scorecards only after submitting theirs. */
export async function getIndependentFeedback(db: Db): Promise<boolean> {
  return (await getSetting(db, SETTING_KEYS.independentFeedback)) !== '0';
}

/** The company's logo: the stored file and the version in its URL. */
export interface CompanyLogo {
  readonly fileId: number;
  readonly version: string;
}

/** What every page shows of the company: its name ('' until an admin names it) and its logo, if any. One query. */
export async function getCompanyBrand(db: Db): Promise<{ name: string; logo: CompanyLogo | null }> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', [SETTING_KEYS.companyName, SETTING_KEYS.companyLogoFileId, SETTING_KEYS.companyLogoVersion]).execute();
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  return { name: value(SETTING_KEYS.companyName) ?? '', logo: logoOf(value(SETTING_KEYS.companyLogoFileId), value(SETTING_KEYS.companyLogoVersion)) };
}

function logoOf(fileId: string | undefined, version: string | undefined): CompanyLogo | null {
  const id = Number(fileId);
  return Number.isSafeInteger(id) && id > 0 && version ? { fileId: id, version } : null;
}

/** Forgets the logo (its file is discarded by the caller). */
export async function deleteCompanyLogoSettings(db: Db): Promise<void> {
  await db.deleteFrom('settings').where('key', 'in', [SETTING_KEYS.companyLogoFileId, SETTING_KEYS.companyLogoVersion]).execute();
}

export interface CompanySettings {
  /** '' until an admin names the company. */
  readonly name: string;
  readonly language: Language;
  /** IANA zone; UTC until an admin chooses one. */
  readonly timeZone: string;
  readonly independentFeedback: boolean;
  /** Hours after an interview's end before the first scorecard reminder. */
  readonly reminderHours: number;
  readonly logo: CompanyLogo | null;
  /** What applicants are told of their data ('' until an admin writes it: the default text is shown then). */
  readonly privacyText: string;
  readonly retentionMonths: number;
}

/** Every company setting at once: one query. */
export async function getCompanySettings(db: Db): Promise<CompanySettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', [SETTING_KEYS.companyName, SETTING_KEYS.companyLanguage, SETTING_KEYS.companyTimeZone, SETTING_KEYS.independentFeedback, SETTING_KEYS.reminderHours, SETTING_KEYS.companyLogoFileId, SETTING_KEYS.companyLogoVersion, SETTING_KEYS.careersPrivacyText, SETTING_KEYS.retentionMonths]).execute();
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  const retention = Number(value(SETTING_KEYS.retentionMonths));
  const language = value(SETTING_KEYS.companyLanguage);
  return {
    name: value(SETTING_KEYS.companyName) ?? '',
    language: isLanguage(language) ? language : 'en',
    timeZone: value(SETTING_KEYS.companyTimeZone) ?? 'UTC',
    independentFeedback: value(SETTING_KEYS.independentFeedback) !== '0',
    reminderHours: Number(value(SETTING_KEYS.reminderHours) ?? DEFAULT_REMINDER_HOURS) || DEFAULT_REMINDER_HOURS,
    logo: logoOf(value(SETTING_KEYS.companyLogoFileId), value(SETTING_KEYS.companyLogoVersion)),
    privacyText: value(SETTING_KEYS.careersPrivacyText) ?? '',
    retentionMonths: isRetentionMonths(retention) ? retention : DEFAULT_RETENTION_MONTHS,
  };
}
