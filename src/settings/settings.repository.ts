import type { DbOrTrx as Db } from '../db/database';
import { isLanguage, type Language } from '../i18n/i18n';

export const SETTING_KEYS = { setupCompletedAt: 'setup_completed_at', companyLanguage: 'company_language', independentFeedback: 'independent_feedback' } as const;

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
