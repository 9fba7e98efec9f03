import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { DatabaseFileStorage } from './database-file-storage';
import { DiskFileStorage, type FileStorage } from './file-storage';

/** The store FILE_STORAGE names: files on disk under UPLOAD_DIR, or pieces in the database. */
export function createFileStorage(config: Pick<Config, 'fileStorage' | 'uploadDir'>, db: Kysely<Database>): FileStorage {
  return config.fileStorage === 'database' ? new DatabaseFileStorage(db, config.uploadDir) : new DiskFileStorage(config.uploadDir);
}
