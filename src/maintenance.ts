import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from './clock';
import type { Database } from './db/database';
import { deleteOldLoginAttempts } from './auth/login-throttle';
import { refreshStaleTotals } from './reports/report-totals';
import { deleteExpiredSessions } from './sessions/session.repository';
import { indexStaleCandidates } from './search/search.repository';
import { deleteOldDeliveries } from './webhooks/webhooks.repository';

/**
 * Deletes expired sessions, old sign-in failures and webhook deliveries done with long ago; rebuilds report totals marked stale and indexes
 * candidates marked stale for search (after an upgrade), stopping between batches when asked to.
 */
export async function runMaintenance(db: Kysely<Database>, clock: Clock, shouldStop?: () => boolean): Promise<{ sessionsDeleted: number; openingsRebuilt: number; candidatesIndexed: number }> {
  const now = clock.now();
  const sessionsDeleted = await deleteExpiredSessions(db, now);
  await deleteOldLoginAttempts(db, now);
  await deleteOldDeliveries(db, now);
  const openingsRebuilt = await refreshStaleTotals(db);
  const candidatesIndexed = await indexStaleCandidates(db, shouldStop ? { shouldStop } : {});
  return { sessionsDeleted, openingsRebuilt, candidatesIndexed };
}

/** Runs maintenance now and every `intervalMs`; returns a function that stops it. */
export function scheduleMaintenance(db: Kysely<Database>, clock: Clock, logger: Logger, intervalMs = 15 * 60_000): () => void {
  let stopped = false;
  const run = () => {
    runMaintenance(db, clock, () => stopped)
      .then(({ sessionsDeleted, openingsRebuilt, candidatesIndexed }) => {
        if (sessionsDeleted > 0) logger.info({ sessionsDeleted }, 'expired sessions removed');
        if (openingsRebuilt > 0) logger.info({ openingsRebuilt }, 'report totals rebuilt');
        if (candidatesIndexed > 0) logger.info({ candidatesIndexed }, 'candidates indexed for search');
      })
      .catch((err: unknown) => logger.error({ err }, 'maintenance failed'));
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
