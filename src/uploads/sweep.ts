import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { FileStorage } from './file-storage';
import { deleteUnreferencedFileRows, listStorageKeys } from './stored-files.repository';

/**
 * Start-up sweep: forgets files no record points at, then deletes files on disk that have no row.
 * Together they finish an erasure or a replacement that stopped between the database and the disk.
 */
export async function sweepUnreferencedFiles(db: Kysely<Database>, storage: FileStorage, now: Date): Promise<{ rows: number; files: number }> {
  const rows = await deleteUnreferencedFileRows(db);
  const files = await storage.removeUnknown(await listStorageKeys(db), now);
  return { rows, files };
}
