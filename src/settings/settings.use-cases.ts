import { requirePermission } from '../auth/permissions';
import type { Viewer } from '../auth/scopes';
import { runInUnitOfWork, type UnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import type { Language } from '../i18n/i18n';
import type { AcceptedUpload } from '../uploads/accepted-upload';
import type { FileStorage } from '../uploads/file-storage';
import { discardStoredFile, keepUpload } from '../uploads/uploads.service';
import { deleteCompanyLogoSettings, getSetting, insertSetting, putSetting, SETTING_KEYS } from './settings.repository';

/** Saves the company settings an admin edits: its name (in mail and page titles), its time zone, independent feedback. */
export async function saveSettings(deps: UseCaseDeps, actor: Viewer, input: { independentFeedback: boolean; companyName: string; timeZone: string; reminderHours?: number; privacyText?: string; retentionMonths?: number }): Promise<void> {
  requirePermission(actor, 'settings:manage');
  await runInUnitOfWork(deps, async (uow) => {
    await putSetting(uow.trx, SETTING_KEYS.independentFeedback, input.independentFeedback ? '1' : '0');
    await putSetting(uow.trx, SETTING_KEYS.companyName, input.companyName);
    await putSetting(uow.trx, SETTING_KEYS.companyTimeZone, input.timeZone);
    if (input.reminderHours !== undefined) await putSetting(uow.trx, SETTING_KEYS.reminderHours, String(input.reminderHours));
    if (input.privacyText !== undefined) await putSetting(uow.trx, SETTING_KEYS.careersPrivacyText, input.privacyText);
    if (input.retentionMonths !== undefined) await putSetting(uow.trx, SETTING_KEYS.retentionMonths, String(input.retentionMonths));
    uow.record({ type: 'SettingsChanged', actorId: actor.id, subject: { type: 'settings', id: 1 }, independentFeedback: input.independentFeedback });
  });
}

/** Shows `upload` (a PNG or JPEG already checked by its bytes) beside the company's name from now on; the previous logo's file is discarded. */
export async function replaceCompanyLogo(deps: UseCaseDeps, storage: FileStorage, actor: Viewer, upload: AcceptedUpload): Promise<void> {
  requirePermission(actor, 'settings:manage');
  if (upload.kind !== 'png' && upload.kind !== 'jpeg') throw new Error('a logo is a PNG or JPEG image');
  await runInUnitOfWork(deps, async (uow) => {
    const previous = await getSetting(uow.trx, SETTING_KEYS.companyLogoFileId);
    const file = await keepUpload(uow, storage, upload, actor.id);
    await putSetting(uow.trx, SETTING_KEYS.companyLogoFileId, String(file.id));
    await putSetting(uow.trx, SETTING_KEYS.companyLogoVersion, `${file.id}-${file.sha256.slice(0, 16)}`);
    if (previous && Number(previous) > 0) await discardStoredFile(uow, storage, Number(previous));
    uow.record({ type: 'CompanyLogoChanged', actorId: actor.id, subject: { type: 'settings', id: 1 }, removed: false });
  });
}

/** The company's name stands alone again; the logo's file is discarded. Nothing happens when there is no logo. */
export async function removeCompanyLogo(deps: UseCaseDeps, storage: FileStorage, actor: Viewer): Promise<void> {
  requirePermission(actor, 'settings:manage');
  await runInUnitOfWork(deps, async (uow) => {
    const previous = await getSetting(uow.trx, SETTING_KEYS.companyLogoFileId);
    if (!previous) return;
    await deleteCompanyLogoSettings(uow.trx);
    if (Number(previous) > 0) await discardStoredFile(uow, storage, Number(previous));
    uow.record({ type: 'CompanyLogoChanged', actorId: actor.id, subject: { type: 'settings', id: 1 }, removed: true });
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
