import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { systemClock } from './clock';
import { type Config, ConfigError, loadConfig } from './config';
import { migrateToLatest } from './db/migrate';
import { type OpenedDatabase, openDatabase } from './db/open-database';
import { ensureRolesSeeded } from './rubrics/seed-catalog';
import type { Logger } from 'pino';
import { createLogger } from './logger';
import { stdoutLogOutput } from './log-output';
import { scheduleMaintenance } from './maintenance';
import { resolveSessionSecret } from './session-secret';
import { sweepUnreferencedFiles } from './uploads/sweep';
import { createFileStorage } from './uploads/create-file-storage';
import type { FileStorage } from './uploads/file-storage';
import { createOutboxWorker } from './mail/outbox-worker';
import { createWebhookWorker } from './webhooks/webhook-worker';
import { postWebhook } from './webhooks/transport';
import { smtpSender } from './mail/smtp';
import { createEventHandlers } from './event-handlers';
import { createReminderScheduler } from './reminders/scheduler';
import { createBackupScheduler } from './backup/scheduler';
import { createResumeTextReader, queueExistingResumes } from './resume-text/resume-text-reader';
import { type Kicks, createKickRelay } from './background';
import { BACKGROUND_WORKER, forwardKick, receiveForwardedKicks, runWorkers, workerNumber } from './cluster';
import type { EventHandlers } from './events/unit-of-work';

/** Requests in flight get this long to finish after SIGTERM; the process is gone before 10 s in any case. */
const DRAIN_DEADLINE_MS = 8_000;
const CUT_GRACE_MS = 1_000;
const EXIT_DEADLINE_MS = 9_500;
/** The last log lines get this long to reach a reader; a stalled one must not hold the exit past 10 s. */
const FINAL_FLUSH_MS = 300;
const SHARED_ORPHAN_AGE_MS = 10 * 60_000;
const MAIL_STOP_MS = 3_000;

const logOutput = stdoutLogOutput();
let exiting = false;

/** Exits once the buffered log lines are written, or FINAL_FLUSH_MS from now at the latest. */
function exitAfterLogs(code: number): void {
  if (exiting) return;
  exiting = true;
  void logOutput.flush(FINAL_FLUSH_MS).then(() => process.exit(code));
}

/**
 * Creates the upload folders and removes what a crash can leave: unfinished uploads, files no row
 * records. Runs before any process serves requests (before a cluster's workers are forked).
 */
async function prepareStorage(config: Config, database: OpenedDatabase, logger: Logger): Promise<FileStorage> {
  const storage = createFileStorage(config, database.db);
  const leftovers = storage.prepare();
  if (leftovers > 0) logger.warn({ leftovers }, 'removed unfinished uploads left by an earlier crash');
  // SQLite is one server (its workers start after this): any unrecorded file is a crash leftover. PostgreSQL
  // may be shared by several servers (and one UPLOAD_DIR): leave files young enough to be another's upload in progress.
  const orphanCutoff = new Date(Date.now() - (database.dialect === 'sqlite' ? 0 : SHARED_ORPHAN_AGE_MS));
  const swept = await sweepUnreferencedFiles(database.db, storage, orphanCutoff);
  if (swept.rows + swept.files > 0) logger.warn(swept, 'removed stored files no record points at');
  return storage;
}

/**
 * Counts requests in flight from their headers until their response closes (the session write is
 * done by then), and once `stop()` is called answers the rest with `Connection: close`.
 */
function trackRequests(server: Server) {
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
  return {
    get inFlight() {
      return inFlight;
    },
    get finished() {
      return finishedWhileStopping;
    },
    /** Starts stopping; false if it had started already. */
    stop(): boolean {
      if (stopping) return false;
      stopping = true;
      return true;
    },
    /** Resolves when the last request in flight has closed, or after `ms`. */
    drained(ms: number): Promise<void> {
      if (inFlight === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        onDrained = resolve;
        setTimeout(resolve, ms).unref();
      });
    },
  };
}

/**
 * SIGTERM/SIGINT: refuse new connections, let requests in flight finish (cut off at the deadline),
 * stop background work, and only then close the database; the process is gone before 10 s.
 */
function onSignals(server: Server, requests: ReturnType<typeof trackRequests>, stopBackground: () => Promise<void>, database: OpenedDatabase, logger: Logger): void {
  const shutdown = async (signal: string) => {
    if (!requests.stop()) return;
    const signalledAt = performance.now();
    logger.info({ signal, inFlight: requests.inFlight }, 'shutting down: refusing new connections, finishing requests in flight');
    const hardStop = setTimeout(() => {
      logger.error('shutdown did not finish in time; exiting');
      exitAfterLogs(1);
    }, EXIT_DEADLINE_MS);
    hardStop.unref();
    server.close();
    server.closeIdleConnections();
    const background = stopBackground();
    await requests.drained(DRAIN_DEADLINE_MS);
    await background;
    if (requests.inFlight > 0) {
      logger.warn({ inFlight: requests.inFlight }, 'requests still open at the deadline; cutting them off');
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
    logger.info({ shutdownMs: Math.round(performance.now() - signalledAt), finished: requests.finished }, 'stopped');
    exitAfterLogs(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

function loadConfigOrExit(): Config {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

interface BackgroundDeps {
  readonly config: Config;
  readonly database: OpenedDatabase;
  readonly logger: Logger;
  readonly handlers: EventHandlers;
  readonly storage: FileStorage;
}

interface Background {
  /** Wakes each runner now. */
  readonly runners: Kicks;
  stop(): Promise<void>;
}

/**
 * Everything that runs on its own clock, started in exactly one process of this server (see
 * background.ts): maintenance, the mail outbox, reminders, scheduled backups, reading résumé texts. Each also works
 * correctly when several servers share a PostgreSQL database.
 */
function startBackground({ config, database, logger, handlers, storage }: BackgroundDeps): Background {
  const stopMaintenance = scheduleMaintenance(database.db, systemClock, logger);
  // Each message is claimed by one sender (several servers may share the outbox).
  // Retries fall due and crashed senders' leases run out without anyone kicking: look every 15 s (or half a lease).
  const sender = config.mail ? smtpSender(config.mail) : undefined;
  const mailer = config.mail && sender ? createOutboxWorker({ db: database.db, clock: systemClock, send: sender, logger, leaseMs: config.mail.leaseMs, pollMs: Math.min(15_000, config.mail.leaseMs / 2) }) : undefined;
  // Reminders: every server runs the scheduler; the one holding its lease does the work.
  const reminders = createReminderScheduler({ db: database.db, clock: systemClock, handlers, logger });
  // Scheduled backups (BACKUP_EVERY_HOURS): every server looks; the one claiming a slot makes it.
  const backups = config.backup.everyHours === undefined
    ? undefined
    : createBackupScheduler({ db: database.db, clock: systemClock, logger, database: config.database, uploadDir: config.uploadDir, fileStorage: config.fileStorage, backupDir: config.backup.dir, everyHours: config.backup.everyHours, keep: config.backup.keep });
  // Résumé texts are read off the request path, in a thread of their own; each file is claimed by one reader.
  // The reader records its results through the same handlers that tell it about new résumés.
  const resumeReader = createResumeTextReader({ db: database.db, clock: systemClock, handlers, storage, logger });
  // Webhooks: each delivery claimed by one sender; retries and dead senders' leases are looked for every 15 s (or half a lease).
  const webhooks = createWebhookWorker({ db: database.db, clock: systemClock, post: postWebhook, logger, leaseMs: config.webhookLeaseMs, pollMs: Math.min(15_000, config.webhookLeaseMs / 2) });
  mailer?.start();
  webhooks.start();
  reminders.start();
  backups?.start();
  resumeReader.start();
  // Résumés kept before their texts were read: queued once per start, in short batches, read while requests go on.
  void queueExistingResumes({ db: database.db, clock: systemClock })
    .then((queued) => {
      if (queued > 0) logger.info({ queued }, 'résumés from before queued to have their text read');
      resumeReader.kick();
    })
    .catch((err: unknown) => logger.error({ err }, 'queueing earlier résumés failed'));
  logger.info({ mail: mailer !== undefined, backups: backups !== undefined }, 'background work runs in this process: maintenance, mail, webhooks, reminders, backups, résumé texts');
  return {
    runners: { mail: () => mailer?.kick(), resume: () => resumeReader.kick(), webhooks: () => webhooks.kick() },
    async stop() {
      stopMaintenance();
      await Promise.all([reminders.stop(), backups?.stop(), resumeReader.stop()]);
      // A message being sent gets a moment to finish; otherwise it goes back to the outbox for the next start.
      // A webhook still being posted then keeps its lease (it is posted again once that runs out), so no
      // other instance posts it while this post may still land; the process still exits within 10 s.
      await Promise.all([mailer?.stop(MAIL_STOP_MS), webhooks.stop(MAIL_STOP_MS)]);
      sender?.close();
    },
  };
}

interface ServeDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly database: OpenedDatabase;
  readonly storage: FileStorage;
  readonly sessionSecret: string;
  /** This process runs the background work (the only process, or worker 1). */
  readonly runsBackground: boolean;
  /** Where kicks go when the background work runs elsewhere (the cluster's primary). */
  readonly forwardKick?: Parameters<typeof createKickRelay>[0];
  readonly startedAt: number;
}

/** Serves requests (and runs the background work if it runs here) until SIGTERM/SIGINT; returns this process's kicks. */
function serve({ config, logger, database, storage, sessionSecret, runsBackground, forwardKick: forward, startedAt }: ServeDeps): Kicks {
  if (!config.mail) logger.warn('mail is not configured (SMTP_URL): messages are kept in the outbox, marked not sent');
  const { kicks, runHere } = createKickRelay(forward);
  // One set of event handlers for requests, the reminder scheduler and the résumé reader.
  const handlers = createEventHandlers({ mail: { publicUrl: config.publicUrl, configured: config.mail !== undefined, fromName: config.mail?.fromName, onQueued: kicks.mail }, resumeText: { onQueued: kicks.resume }, webhooks: { onQueued: kicks.webhooks } });
  const app = createApp({ config, db: database.db, logger, clock: systemClock, sessionSecret, storage, onMailQueued: kicks.mail, onResumeQueued: kicks.resume, onWebhooksQueued: kicks.webhooks, handlers });
  const server = app.listen(config.port, (err?: Error) => {
    // Express calls this on a failed listen too; the 'error' handler below reports that.
    if (err) return;
    const { port } = server.address() as AddressInfo;
    logger.info({ port, dialect: database.dialect, startupMs: Math.round(performance.now() - startedAt) }, `Salesbench listening on http://localhost:${port}`);
  });
  server.on('error', (err) => {
    logger.fatal({ err }, 'server failed');
    exitAfterLogs(1);
  });
  const background = runsBackground ? startBackground({ config, database, logger, handlers, storage }) : undefined;
  if (background) runHere(background.runners);
  onSignals(server, trackRequests(server), async () => background?.stop(), database, logger);
  return kicks;
}

/**
 * Boot order: config → logger → then, once per server: database → session secret → migrations →
 * roles → storage sweep. With WEB_CONCURRENCY=1 the same process goes on to serve: app → listen →
 * background work. Above 1 it becomes the cluster's primary: it closes the database and forks the
 * workers, each of which opens the database, builds the app and listens on the shared port (worker 1
 * also runs the background work). Then wait for SIGTERM/SIGINT.
 */
async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel, logOutput);
  const worker = workerNumber();
  if (worker !== undefined) {
    // The primary has migrated, seeded and swept: a worker only connects.
    const workerLogger = logger.child({ worker });
    const runsBackground = worker === BACKGROUND_WORKER;
    const sessionSecret = resolveSessionSecret(config.sessionSecret, config.dataDir, workerLogger);
    const database = openDatabase(config.database);
    const kicks = serve({ config, logger: workerLogger, database, storage: createFileStorage(config, database.db), sessionSecret, runsBackground, forwardKick: runsBackground ? undefined : forwardKick, startedAt });
    // Kicks made in the other workers reach this one through the primary.
    if (runsBackground) receiveForwardedKicks((job) => kicks[job]());
    return;
  }
  const sessionSecret = resolveSessionSecret(config.sessionSecret, config.dataDir, logger);
  // Files in the database are for instances sharing only PostgreSQL; their sessions need one secret too.
  if (config.fileStorage === 'database' && !config.sessionSecret) logger.warn('FILE_STORAGE=database without SESSION_SECRET: instances with other data folders will not accept each other\'s sessions');
  const database = openDatabase(config.database);
  const applied = await migrateToLatest(database.db);
  logger.info({ applied: applied.length, dialect: database.dialect }, 'database schema up to date');
  await ensureRolesSeeded(database.db, systemClock.now());
  const storage = await prepareStorage(config, database, logger);
  if (config.webConcurrency === 1) {
    serve({ config, logger, database, storage, sessionSecret, runsBackground: true, startedAt });
    return;
  }
  await database.close();
  runWorkers({ workers: config.webConcurrency, logger, exit: exitAfterLogs });
}

main().catch((err: unknown) => {
  console.error('Salesbench failed to start:', err instanceof Error ? err.message : err);
  exitAfterLogs(1);
});
