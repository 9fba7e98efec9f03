import crypto from 'node:crypto';
import type { Logger } from 'pino';
import type { UseCaseDeps } from '../events/unit-of-work';
import { repeatEvery, type Repeating } from '../shared/repeat';
import { releaseLease, takeLease } from './reminders.repository';
import { type ReminderRun, sendDueReminders } from './reminders.use-cases';

const LEASE_NAME = 'reminders';

export interface ReminderSchedulerOptions extends UseCaseDeps {
  readonly logger: Logger;
  /** How often it looks for due reminders (default a minute). */
  readonly intervalMs?: number;
  /** This instance's name in the lease (default a random one). */
  readonly owner?: string;
}

export interface ReminderScheduler {
  start(): void;
  /** One run now, if this instance holds (or takes) the lease; undefined when another instance does. */
  runOnce(): Promise<ReminderRun | undefined>;
  stop(): Promise<void>;
}

/**
 * The one scheduler: every instance runs one, and only the holder of the lease row works; the lease
 * outlives a run by two intervals, so a dead instance's is taken over soon after. Reminders are
 * claimed row by row as well, so a race between two holders (or a repeat after a crash) sends
 * nothing twice.
 */
export function createReminderScheduler(options: ReminderSchedulerOptions): ReminderScheduler {
  const intervalMs = options.intervalMs ?? 60_000;
  const owner = options.owner ?? `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  let repeating: Repeating | undefined;

  async function runOnce(): Promise<ReminderRun | undefined> {
    if (!(await takeLease(options.db, LEASE_NAME, owner, options.clock.now(), intervalMs * 2))) return undefined;
    const run = await sendDueReminders(options);
    if (run.scorecards + run.tasks + run.digests > 0) options.logger.info({ reminders: run }, 'reminders sent');
    return run;
  }

  return {
    start() {
      repeating = repeatEvery({ intervalMs, firstDelayMs: 1_000, work: runOnce, onError: (err) => options.logger.error({ err }, 'reminder run failed; trying again at the next one') });
    },
    runOnce,
    async stop() {
      await repeating?.stop();
      await releaseLease(options.db, LEASE_NAME, owner).catch(() => undefined);
    },
  };
}
