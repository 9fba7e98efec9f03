import crypto from 'node:crypto';
import type { Logger } from 'pino';
import { hasBackupSlot } from './backups.repository';
import { type BackupDeps, runBackup } from './backups.use-cases';
import { slotOf } from './schedule';
import { repeatEvery, type Repeating } from '../shared/repeat';

const STOP_WAIT_MS = 2_000;

export interface BackupSchedulerOptions extends BackupDeps {
  readonly logger: Logger;
  readonly everyHours: number;
  readonly keep: number;
  /** How often it looks whether a slot fell due (default a minute). */
  readonly intervalMs?: number;
  readonly owner?: string;
}

export interface BackupScheduler {
  start(): void;
  /** Makes the current slot's backup if nobody has; the outcome, or undefined when there was nothing to do. */
  runOnce(): Promise<Awaited<ReturnType<typeof runBackup>>>;
  stop(): Promise<void>;
}

/**
 * Scheduled backups (BACKUP_EVERY_HOURS): every instance looks once a minute; the first to claim a
 * slot's row makes its backup. A failed slot is not retried before the next one.
 */
export function createBackupScheduler(options: BackupSchedulerOptions): BackupScheduler {
  const intervalMs = options.intervalMs ?? 60_000;
  const owner = options.owner ?? `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  let repeating: Repeating | undefined;

  async function runOnce() {
    const slot = slotOf(options.clock.now(), options.everyHours).toISOString();
    if (await hasBackupSlot(options.db, slot)) return undefined;
    return runBackup(options, slot, owner, options.keep);
  }

  return {
    start() {
      repeating = repeatEvery({ intervalMs, firstDelayMs: 5_000, work: runOnce, onError: (err) => options.logger.error({ err }, 'backup scheduling failed; trying again in a minute') });
    },
    runOnce,
    async stop() {
      // A backup in progress is not waited for past a moment: shutdown has a deadline. Its run stays
      // marked running and reads as "did not finish"; its unfinished files are removed by a later backup.
      await repeating?.stop(STOP_WAIT_MS);
    },
  };
}
