import type { DbOrTrx as Db } from '../db/database';
import { getSetting, SETTING_KEYS } from './settings.repository';

/** What other features read of the company settings. */
export { type CompanyLogo, type CompanySettings, getCompanyBrand, getCompanyLanguage, getCompanySettings, getIndependentFeedback } from './settings.repository';

/** The zone a person reads and types times in: their own, else the company's (UTC until an admin sets it). */
export async function timeZoneOf(db: Db, person: { readonly timeZone: string | null }): Promise<string> {
  return person.timeZone ?? (await getSetting(db, SETTING_KEYS.companyTimeZone)) ?? 'UTC';
}
