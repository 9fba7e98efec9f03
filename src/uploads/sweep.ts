import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { FileStorage } from './file-storage';
import { deleteUnreferencedFileRows, removeUnrecordedFiles } from './stored-files.repository';

/**
 * Start-up sweep: forgets files no record points at, then deletes files on disk, older than
 * `before`, that have no row. Together they finish an upload, an erasure or a replacement that
 * stopped between the database and the disk.
 */
export async function sweepUnreferencedFiles(db: Kysely<Database>, storage: FileStorage, before: Date): Promise<{ rows: number; files: number }> {
  const rows = await deleteUnreferencedFileRows(db);
  const files = await removeUnrecordedFiles(db, storage, before);
  return { rows, files };
}
