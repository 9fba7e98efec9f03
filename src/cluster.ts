import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { type BackgroundJob, isBackgroundJob } from './background';
import { DEATH_WINDOW_MS, afterWorkerDeath } from './worker-restarts';

/** The worker that runs the background work; a replacement of it takes the work over. */
export const BACKGROUND_WORKER = 1;
/** How a forked worker learns its number (1…N). */
const WORKER_VARIABLE = 'SALESBENCH_WORKER';
/** After SIGTERM the primary gives its workers this long, then kills what is left: the server is gone before 10 s. */
const WORKERS_EXIT_DEADLINE_MS = 9_700;

interface KickMessage {
  readonly salesbench: 'kick';
  readonly job: BackgroundJob;
}

function isKick(message: unknown): message is KickMessage {
  return typeof message === 'object' && message !== null && (message as { salesbench?: unknown }).salesbench === 'kick' && isBackgroundJob((message as { job?: unknown }).job);
}

/** This process's worker number (1…N) when it is a cluster worker; undefined in a single process or the primary. */
export function workerNumber(): number | undefined {
  return cluster.isWorker ? Number(process.env[WORKER_VARIABLE]) : undefined;
}

/** In a worker: hands a kick to the primary, which passes it on to the worker running the background work. */
export function forwardKick(job: BackgroundJob): void {
  // A primary that has just gone: the write fails (the callback keeps it from being an 'error' event), and this worker is stopping anyway.
  if (process.connected) process.send?.({ salesbench: 'kick', job } satisfies KickMessage, undefined, undefined, () => undefined);
}

/** In the worker running the background work: delivers the kicks the primary passes on. */
export function receiveForwardedKicks(deliver: (job: BackgroundJob) => void): void {
  process.on('message', (message: unknown) => {
    if (isKick(message)) deliver(message.job);
  });
}

/** Passes every kick a worker sends on to the worker running the background work. */
function relayKicks(byNumber: ReadonlyMap<number, Worker>): void {
  cluster.on('message', (_from, message: unknown) => {
    if (!isKick(message)) return;
    const runner = byNumber.get(BACKGROUND_WORKER);
    // Not there (being replaced): the replacement's first look finds the work. Still connected as far
    // as this process knows, yet dead (the end of its channel not read yet): the write fails, and
    // without a callback that failure is an 'error' event that would end the primary.
    if (runner?.isConnected()) runner.send(message, undefined, undefined, () => undefined);
  });
}

export interface WorkersOptions {
  readonly workers: number;
  readonly logger: Logger;
  /** Ends the primary once its last log lines are out. */
  readonly exit: (code: number) => void;
}

/**
 * The primary process, after the start-up work: forks `workers` workers sharing the port and keeps
 * them running. A worker that dies is logged and replaced under the same number (so the background
 * work moves to the replacement of worker 1); when workers keep dying (see afterWorkerDeath) the
 * primary stops the rest and exits 1. Kicks from any worker go on to worker 1. SIGTERM/SIGINT: every
 * worker gets SIGTERM and shuts down gracefully; the primary exits once all have, 0 when all stopped cleanly.
 */
export function runWorkers({ workers, logger, exit }: WorkersOptions): void {
  const byNumber = new Map<number, Worker>();
  const numberOf = new Map<number, number>();
  const deaths: number[] = [];
  const replacements = new Set<NodeJS.Timeout>();
  let stopping = false;
  let exitCode = 0;

  const fork = (number: number) => {
    // A failed write to its channel means it has just died: that is logged and handled on 'exit'.
    const worker = cluster.fork({ [WORKER_VARIABLE]: String(number) }).on('error', (err: Error) => logger.warn({ worker: number, err: err.message }, 'message to a worker failed'));
    byNumber.set(number, worker);
    numberOf.set(worker.id, number);
  };

  const finish = () => {
    logger.info({ exitCode }, 'all workers stopped');
    exit(exitCode);
  };

  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    for (const timer of replacements) clearTimeout(timer);
    replacements.clear();
    if (numberOf.size === 0) return finish();
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    setTimeout(() => {
      logger.error({ workers: numberOf.size }, 'workers did not stop in time; killing them');
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      exit(1);
    }, WORKERS_EXIT_DEADLINE_MS).unref();
  };

  relayKicks(byNumber);
  cluster.on('exit', (worker, code: number | null, signal: string | null) => {
    const number = numberOf.get(worker.id) ?? 0;
    numberOf.delete(worker.id);
    if (byNumber.get(number) === worker) byNumber.delete(number);
    const died = { worker: number, workerPid: worker.process.pid, exitCode: code, signal };
    if (stopping) {
      // SIGTERM before its handlers were in place (a worker still starting) is a clean stop too.
      if (code !== 0 && signal !== 'SIGTERM') exitCode = 1;
      logger.info(died, 'worker stopped');
      if (numberOf.size === 0) finish();
      return;
    }
    const now = Date.now();
    deaths.push(now);
    while (deaths[0]! <= now - DEATH_WINDOW_MS) deaths.shift();
    const next = afterWorkerDeath(deaths, now);
    if (!next.replace) {
      logger.fatal({ ...died, recentDeaths: next.recentDeaths }, `workers keep dying (${next.recentDeaths} within a minute): not replacing them; stopping`);
      stop(1);
      return;
    }
    logger.error({ ...died, runsBackground: number === BACKGROUND_WORKER, replaceInMs: next.delayMs }, 'worker died; starting a replacement');
    const timer = setTimeout(() => {
      replacements.delete(timer);
      if (!stopping) fork(number);
    }, next.delayMs);
    replacements.add(timer);
  });

  const onSignal = (signal: string) => {
    if (stopping) return;
    logger.info({ signal, workers: numberOf.size }, 'shutting down: stopping every worker');
    stop(0);
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));

  // Each worker accepts connections from the shared socket itself. Node's round-robin (the primary
  // accepts and hands each connection over) keeps a connection in transit to a worker that dies open
  // for good, its client waiting; NODE_CLUSTER_SCHED_POLICY=rr still chooses it.
  if (!process.env.NODE_CLUSTER_SCHED_POLICY) cluster.schedulingPolicy = cluster.SCHED_NONE;
  logger.info({ workers }, `starting ${workers} workers`);
  for (let number = 1; number <= workers; number += 1) fork(number);
}
