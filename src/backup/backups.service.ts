import type { BackupConfig } from '../config';
import type { DbOrTrx as Db } from '../db/database';
import { type BackupRun, latestBackupRuns } from './backups.repository';
import { isStaleRun, nextSlotAfter, slotOf } from './schedule';

export type { BackupRun } from './backups.repository';

export interface BackupStatus {
  /** Hours between scheduled backups; undefined when they are off. */
  readonly everyHours: number | undefined;
  readonly keep: number;
  readonly dir: string;
  /** The latest finished backup (a run that never finished counts as failed). */
  readonly last: ShownRun | undefined;
  readonly running: ShownRun | undefined;
  /** When the next scheduled backup falls due. */
  readonly next: string | undefined;
  /** The current slot's backup has not been made yet. */
  readonly nextDueNow: boolean;
  readonly recent: readonly ShownRun[];
}

/** A backup as shown: `stopped` when it is still marked running but its instance is long gone. */
export type ShownRun = BackupRun & { readonly stopped: boolean };

/** What the admin sees about backups: the latest runs, whether the last one failed, and the next slot. */
export async function backupStatus(db: Db, config: BackupConfig, now: Date): Promise<BackupStatus> {
  const recent = (await latestBackupRuns(db, 5)).map((run) => ({ ...run, stopped: run.status === 'running' && isStaleRun(new Date(run.startedAt), now) }));
  const running = recent.find((run) => run.status === 'running' && !run.stopped);
  const last = recent.find((run) => run.status !== 'running' || run.stopped);
  let next: string | undefined;
  let nextDueNow = false;
  if (config.everyHours !== undefined) {
    const current = slotOf(now, config.everyHours).toISOString();
    nextDueNow = !recent.some((run) => run.slot === current);
    next = nextDueNow ? current : nextSlotAfter(now, config.everyHours).toISOString();
  }
  return { everyHours: config.everyHours, keep: config.keep, dir: config.dir, last, running, next, nextDueNow, recent };
}

/** For the admin's home: the last backup failed (or never finished), when backups are made at all. */
export async function failedBackup(db: Db, config: BackupConfig, now: Date): Promise<{ at: string; error: string; next: string | undefined } | undefined> {
  const status = await backupStatus(db, config, now);
  if (!status.last || status.last.status === 'ok') return undefined;
  return { at: status.last.startedAt, error: status.last.error ?? '', next: status.next };
}
