import { requirePermission } from '../auth/permissions';
import type { Viewer } from '../auth/scopes';
import { runInUnitOfWork, type UnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import type { Language } from '../i18n/i18n';
import { insertSetting, putSetting, SETTING_KEYS } from './settings.repository';

/** Saves the company settings an admin edits: its name (in mail and page titles), its time zone, independent feedback. */
export async function saveSettings(deps: UseCaseDeps, actor: Viewer, input: { independentFeedback: boolean; companyName: string; timeZone: string; reminderHours?: number }): Promise<void> {
  requirePermission(actor, 'settings:manage');
  await runInUnitOfWork(deps, async (uow) => {
    await putSetting(uow.trx, SETTING_KEYS.independentFeedback, input.independentFeedback ? '1' : '0');
    await putSetting(uow.trx, SETTING_KEYS.companyName, input.companyName);
    await putSetting(uow.trx, SETTING_KEYS.companyTimeZone, input.timeZone);
    if (input.reminderHours !== undefined) await putSetting(uow.trx, SETTING_KEYS.reminderHours, String(input.reminderHours));
    uow.record({ type: 'SettingsChanged', actorId: actor.id, subject: { type: 'settings', id: 1 }, independentFeedback: input.independentFeedback });
  });
}

/**
 * Marks the installation as set up, in the company's language. The latch row makes a second,
 * concurrent set-up fail instead of creating a second admin.
 */
export async function startCompanyIn(uow: UnitOfWork, language: Language, timeZone: string): Promise<void> {
  await insertSetting(uow.trx, SETTING_KEYS.setupCompletedAt, uow.now.toISOString());
  await putSetting(uow.trx, SETTING_KEYS.companyLanguage, language);
  await putSetting(uow.trx, SETTING_KEYS.companyTimeZone, timeZone);
}
