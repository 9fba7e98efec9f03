import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { systemClock } from './clock';
import { ConfigError, loadConfig } from './config';
import { migrateToLatest } from './db/migrate';
import { openDatabase } from './db/open-database';
import { ensureRolesSeeded } from './rubrics/seed-catalog';
import { createLogger } from './logger';
import { scheduleMaintenance } from './maintenance';
import { resolveSessionSecret } from './session-secret';
import { sweepUnreferencedFiles } from './uploads/sweep';
import { FileStorage } from './uploads/file-storage';

const SHUTDOWN_DEADLINE_MS = 8_000;

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
  const logger = createLogger(config.logLevel);
  const sessionSecret = resolveSessionSecret(config.sessionSecret, config.dataDir, logger);
  const database = openDatabase(config.database);
  await migrateToLatest(database.db);
  await ensureRolesSeeded(database.db, systemClock.now());
  const stopMaintenance = scheduleMaintenance(database.db, systemClock, logger);

  const storage = new FileStorage(config.uploadDir);
  const leftovers = storage.prepare();
  if (leftovers > 0) logger.warn({ leftovers }, 'removed unfinished uploads left by an earlier crash');
  const swept = await sweepUnreferencedFiles(database.db, storage, systemClock.now());
  if (swept.rows + swept.files > 0) logger.warn(swept, 'removed stored files no record points at');

  const app = createApp({ config, db: database.db, logger, clock: systemClock, sessionSecret, storage });
  const server = app.listen(config.port, () => {
    const { port } = server.address() as AddressInfo;
    logger.info({ port, dialect: database.dialect, startupMs: Math.round(performance.now() - startedAt) }, `Salesbench listening on http://localhost:${port}`);
  });
  server.on('error', (err) => {
    logger.fatal({ err }, 'server failed');
    process.exit(1);
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => {
      logger.warn('requests still open at the deadline; closing them');
      server.closeAllConnections();
    }, SHUTDOWN_DEADLINE_MS);
    force.unref();
    server.close(() => {
      stopMaintenance();
      database
        .close()
        .then(() => {
          logger.info('stopped');
          process.exit(0);
        })
        .catch((err: unknown) => {
          logger.error({ err }, 'closing the database failed');
          process.exit(1);
        });
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('Salesbench failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
