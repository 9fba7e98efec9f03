import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { FileStorage } from './file-storage';
import { deleteUnreferencedFileRows } from './stored-files.repository';

/**
 * Start-up sweep: forgets files no record points at, then removes kept files (on disk: older than
 * `before`) that have no row. Together they finish an upload, an erasure or a replacement that
 * stopped between the database and the disk, and drop the pieces of files whose rows went.
 */
export async function sweepUnreferencedFiles(db: Kysely<Database>, storage: FileStorage, before: Date): Promise<{ rows: number; files: number }> {
  const rows = await deleteUnreferencedFileRows(db);
  const files = await storage.sweepUnrecorded(db, before);
  return { rows, files };
}
