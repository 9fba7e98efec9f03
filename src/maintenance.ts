import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from './clock';
import type { Database } from './db/database';
import { deleteOldLoginAttempts } from './auth/login-throttle';
import { refreshStaleTotals } from './reports/report-totals';
import { deleteExpiredSessions } from './sessions/session.repository';

/** Deletes expired sessions and old sign-in failures; rebuilds report totals marked stale (after an upgrade). */
export async function runMaintenance(db: Kysely<Database>, clock: Clock): Promise<{ sessionsDeleted: number; openingsRebuilt: number }> {
  const now = clock.now();
  const sessionsDeleted = await deleteExpiredSessions(db, now);
  await deleteOldLoginAttempts(db, now);
  const openingsRebuilt = await refreshStaleTotals(db);
  return { sessionsDeleted, openingsRebuilt };
}

/** Runs maintenance now and every `intervalMs`; returns a function that stops it. */
export function scheduleMaintenance(db: Kysely<Database>, clock: Clock, logger: Logger, intervalMs = 15 * 60_000): () => void {
  const run = () => {
    runMaintenance(db, clock)
      .then(({ sessionsDeleted, openingsRebuilt }) => {
        if (sessionsDeleted > 0) logger.info({ sessionsDeleted }, 'expired sessions removed');
        if (openingsRebuilt > 0) logger.info({ openingsRebuilt }, 'report totals rebuilt');
      })
      .catch((err: unknown) => logger.error({ err }, 'maintenance failed'));
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
