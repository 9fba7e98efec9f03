import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { DatabaseConfig, FileStorageKind } from '../config';
import type { Database } from '../db/database';
import { type BackupResult, createBackup, pruneArchives } from './archive';
import { claimBackupSlot, finishBackupRun } from './backups.repository';

export interface BackupDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly database: DatabaseConfig;
  /** The PostgreSQL schema the app uses, when it is not the connection's default. */
  readonly searchPath?: string;
  readonly uploadDir: string;
  /** FILE_STORAGE: with `database` the files travel inside the database copy. */
  readonly fileStorage?: FileStorageKind;
  readonly backupDir: string;
}

/**
 * Makes the backup of `slot` if this caller claims it (one row per slot: among instances sharing
 * the database, one makes it), records the result, and keeps the newest `keep` archives. A failure
 * is logged and recorded; the next slot tries again. Returns undefined when another caller has the slot.
 */
export async function runBackup(deps: BackupDeps, slot: string, owner: string, keep: number | undefined): Promise<{ ok: true; result: BackupResult; pruned: string[] } | { ok: false; error: string } | undefined> {
  if (!(await claimBackupSlot(deps.db, slot, owner, deps.clock.now()))) return undefined;
  const started = performance.now();
  try {
    const result = await createBackup({ database: deps.database, ...(deps.searchPath ? { searchPath: deps.searchPath } : {}), uploadDir: deps.uploadDir, ...(deps.fileStorage ? { fileStorage: deps.fileStorage } : {}), backupDir: deps.backupDir, now: () => deps.clock.now() });
    const pruned = keep === undefined ? [] : pruneArchives(deps.backupDir, keep);
    await finishBackupRun(deps.db, slot, deps.clock.now(), { ok: true, archive: result.archive, sizeBytes: result.bytes, durationMs: result.durationMs });
    deps.logger.info({ archive: result.archive, bytes: result.bytes, durationMs: result.durationMs, files: result.manifest.files.length, pruned }, 'backup made');
    if (result.manifest.filesNotMatchingTheirRecord.length > 0) deps.logger.warn({ files: result.manifest.filesNotMatchingTheirRecord }, 'uploaded files no longer match the checksum recorded at upload; archived as found');
    return { ok: true, result, pruned };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    deps.logger.error({ err, slot }, 'backup failed; the next scheduled one tries again');
    await finishBackupRun(deps.db, slot, deps.clock.now(), { ok: false, error, durationMs: Math.round(performance.now() - started) }).catch(() => undefined);
    return { ok: false, error };
  }
}
