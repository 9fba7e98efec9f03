import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from './clock';
import type { Database } from './db/database';
import { deleteOldLoginAttempts } from './auth/login-throttle';
import { deleteExpiredSessions } from './sessions/session.repository';

/** Deletes expired sessions and old sign-in failures. */
export async function runMaintenance(db: Kysely<Database>, clock: Clock): Promise<{ sessionsDeleted: number }> {
  const now = clock.now();
  const sessionsDeleted = await deleteExpiredSessions(db, now);
  await deleteOldLoginAttempts(db, now);
  return { sessionsDeleted };
}

/** Runs maintenance now and every `intervalMs`; returns a function that stops it. */
export function scheduleMaintenance(db: Kysely<Database>, clock: Clock, logger: Logger, intervalMs = 15 * 60_000): () => void {
  const run = () => {
    runMaintenance(db, clock)
      .then(({ sessionsDeleted }) => sessionsDeleted > 0 && logger.info({ sessionsDeleted }, 'expired sessions removed'))
      .catch((err: unknown) => logger.error({ err }, 'maintenance failed'));
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
