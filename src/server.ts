import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { systemClock } from './clock';
import { ConfigError, loadConfig } from './config';
import { migrateToLatest } from './db/migrate';
import { openDatabase } from './db/open-database';
import { ensureRolesSeeded } from './rubrics/seed-catalog';
import { createLogger } from './logger';
import { stdoutLogOutput } from './log-output';
import { scheduleMaintenance } from './maintenance';
import { resolveSessionSecret } from './session-secret';
import { sweepUnreferencedFiles } from './uploads/sweep';
import { FileStorage } from './uploads/file-storage';

/** Requests in flight get this long to finish after SIGTERM; the process is gone before 10 s in any case. */
const DRAIN_DEADLINE_MS = 8_000;
const CUT_GRACE_MS = 1_000;
const EXIT_DEADLINE_MS = 9_500;
/** The last log lines get this long to reach a reader; a stalled one must not hold the exit past 10 s. */
const FINAL_FLUSH_MS = 300;
const SHARED_ORPHAN_AGE_MS = 10 * 60_000;

const logOutput = stdoutLogOutput();
let exiting = false;

/** Exits once the buffered log lines are written, or FINAL_FLUSH_MS from now at the latest. */
function exitAfterLogs(code: number): void {
  if (exiting) return;
  exiting = true;
  void logOutput.flush(FINAL_FLUSH_MS).then(() => process.exit(code));
}

/** Boot order: config → logger → database → migrations → app → listen. Then wait for SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const startedAt = performance.now();
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel, logOutput);
  const sessionSecret = resolveSessionSecret(config.sessionSecret, config.dataDir, logger);
  const database = openDatabase(config.database);
  await migrateToLatest(database.db);
  await ensureRolesSeeded(database.db, systemClock.now());
  const stopMaintenance = scheduleMaintenance(database.db, systemClock, logger);

  const storage = new FileStorage(config.uploadDir);
  const leftovers = storage.prepare();
  if (leftovers > 0) logger.warn({ leftovers }, 'removed unfinished uploads left by an earlier crash');
  // SQLite has one process: any unrecorded file is a crash leftover. PostgreSQL may be shared by
  // several instances (and one UPLOAD_DIR): leave files young enough to be another's upload in progress.
  const orphanCutoff = new Date(Date.now() - (database.dialect === 'sqlite' ? 0 : SHARED_ORPHAN_AGE_MS));
  const swept = await sweepUnreferencedFiles(database.db, storage, orphanCutoff);
  if (swept.rows + swept.files > 0) logger.warn(swept, 'removed stored files no record points at');

  const app = createApp({ config, db: database.db, logger, clock: systemClock, sessionSecret, storage });
  const server = app.listen(config.port, () => {
    const { port } = server.address() as AddressInfo;
    logger.info({ port, dialect: database.dialect, startupMs: Math.round(performance.now() - startedAt) }, `Salesbench listening on http://localhost:${port}`);
  });
  server.on('error', (err) => {
    logger.fatal({ err }, 'server failed');
    exitAfterLogs(1);
  });

  // Requests count as in flight from their headers until their response closes: the session write
  // (express-session saves before ending the response) is done by then.
  let inFlight = 0;
  let finishedWhileStopping = 0;
  let stopping = false;
  let onDrained: (() => void) | undefined;
  server.prependListener('request', (_req, res: ServerResponse) => {
    inFlight += 1;
    // A keep-alive connection gets no further request once shutdown starts.
    if (stopping) res.setHeader('Connection', 'close');
    res.on('close', () => {
      inFlight -= 1;
      if (!stopping) return;
      finishedWhileStopping += 1;
      server.closeIdleConnections();
      if (inFlight === 0) onDrained?.();
    });
  });

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const signalledAt = performance.now();
    logger.info({ signal, inFlight }, 'shutting down: refusing new connections, finishing requests in flight');
    const hardStop = setTimeout(() => {
      logger.error('shutdown did not finish in time; exiting');
      exitAfterLogs(1);
    }, EXIT_DEADLINE_MS);
    hardStop.unref();
    server.close();
    server.closeIdleConnections();
    stopMaintenance();
    if (inFlight > 0) {
      await new Promise<void>((resolve) => {
        onDrained = resolve;
        setTimeout(resolve, DRAIN_DEADLINE_MS).unref();
      });
    }
    if (inFlight > 0) {
      logger.warn({ inFlight }, 'requests still open at the deadline; cutting them off');
      server.closeAllConnections();
      // Their handlers may still be between two queries: give them a moment before the database goes.
      await new Promise((resolve) => setTimeout(resolve, CUT_GRACE_MS));
    }
    try {
      // Only now: a handler still writing would otherwise meet a destroyed database.
      await database.close();
    } catch (err) {
      logger.error({ err }, 'closing the database failed');
      exitAfterLogs(1);
      return;
    }
    logger.info({ shutdownMs: Math.round(performance.now() - signalledAt), finished: finishedWhileStopping }, 'stopped');
    exitAfterLogs(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('Salesbench failed to start:', err instanceof Error ? err.message : err);
  exitAfterLogs(1);
});
