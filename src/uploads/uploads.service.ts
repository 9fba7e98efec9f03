import type { UnitOfWork } from '../events/unit-of-work';
import type { AcceptedUpload } from './accepted-upload';
import type { FileStorage } from './file-storage';
import { deleteStoredFile, insertStoredFile, type StoredFile } from './stored-files.repository';

export { findStoredFile, type StoredFile } from './stored-files.repository';

/**
 * Moves an accepted upload out of tmp/ and records it in the unit of work that links it to its
 * owner. If the unit of work fails, the file is removed again.
 */
export async function keepUpload(uow: UnitOfWork, storage: FileStorage, upload: AcceptedUpload, uploadedBy: number | null): Promise<StoredFile> {
  const storageKey = await storage.keep(upload.tempPath);
  uow.onRollback(() => storage.remove(storageKey));
  return insertStoredFile(uow.trx, storageKey, upload, uploadedBy, uow.now);
}

/** Deletes a file's row in the unit of work, and the file itself once it has committed. */
export async function discardStoredFile(uow: UnitOfWork, storage: FileStorage, fileId: number): Promise<void> {
  const storageKey = await deleteStoredFile(uow.trx, fileId);
  if (storageKey) uow.afterCommit(() => storage.remove(storageKey));
}
