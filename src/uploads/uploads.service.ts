import type { UnitOfWork } from '../events/unit-of-work';
import type { AcceptedUpload } from './accepted-upload';
import type { FileStorage } from './file-storage';
import { deleteStoredFile, insertStoredFile, type StoredFile } from './stored-files.repository';

export { findStoredFile, type StoredFile } from './stored-files.repository';

/**
 * Keeps an accepted upload and records it in the unit of work that links it to its owner. If the
 * unit of work fails, the file goes too: with the database store the pieces roll back with it, on
 * disk the file is removed again.
 */
export async function keepUpload(uow: UnitOfWork, storage: FileStorage, upload: AcceptedUpload, uploadedBy: number | null): Promise<StoredFile> {
  const storageKey = await storage.keep(uow.trx, upload.tempPath);
  if (!storage.transactional) uow.onRollback(() => storage.remove(storageKey));
  return insertStoredFile(uow.trx, storageKey, upload, uploadedBy, uow.now);
}

/** Removes a kept file as part of the unit of work: in it (database store), or once it has committed (disk). */
export async function discardStorageKey(uow: UnitOfWork, storage: FileStorage, storageKey: string): Promise<void> {
  if (storage.transactional) await storage.remove(storageKey, uow.trx);
  else uow.afterCommit(() => storage.remove(storageKey));
}

/** Deletes a file's row in the unit of work, and the file itself with it or once it has committed. */
export async function discardStoredFile(uow: UnitOfWork, storage: FileStorage, fileId: number): Promise<void> {
  const storageKey = await deleteStoredFile(uow.trx, fileId);
  if (storageKey) await discardStorageKey(uow, storage, storageKey);
}
