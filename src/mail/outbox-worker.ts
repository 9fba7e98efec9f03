import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { afterFailure, classifySendError } from './delivery';
import { withoutOneTimeLinks } from './mail-kinds';
import { createPassLoop } from '../shared/pass-loop';
import { claimDueMessages, markFailedTry, markSent, type OutboxMessage, releaseClaims, replaceBodies } from './outbox.repository';

/** Hands one message to the mail server; throws what the server answered when it refuses. */
export type SendMessage = (message: OutboxMessage) => Promise<void>;

export interface OutboxWorkerOptions {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly send: SendMessage;
  readonly logger: Logger;
  /** Names this worker's claims; unique per process. */
  readonly owner?: string;
  readonly batchSize?: number;
  /** How often to look for due messages (retries fall due without anyone kicking). */
  readonly pollMs?: number;
  /** How long a claim holds: a worker that dies mid-send gives its messages back after this. */
  readonly leaseMs?: number;
  readonly random?: () => number;
}

export interface OutboxWorker {
  /** Starts looking for due messages, now and every `pollMs`. */
  start(): void;
  /** Looks at once (a change has just committed messages). */
  kick(): void;
  /** Sends every message due now, batch after batch; resolves with how many were tried. */
  deliverDue(): Promise<number>;
  /** Stops: a send in flight gets until `deadlineMs` to finish; whatever is still claimed goes back to pending. */
  stop(deadlineMs: number): Promise<void>;
}

/** A message that will not be sent again keeps no working one-time link. */
async function settle(db: Kysely<Database>, message: OutboxMessage): Promise<void> {
  if (!message.secret) return;
  const { text, html } = withoutOneTimeLinks(message);
  await replaceBodies(db, message.id, text, html);
}

type Delivery = Pick<OutboxWorkerOptions, 'db' | 'clock' | 'send' | 'logger'> & { readonly owner: string; readonly random: () => number };

/** Sends one claimed message and records the outcome; true when the server took it. */
async function deliverOne({ db, clock, send, logger, owner, random }: Delivery, message: OutboxMessage): Promise<boolean> {
  try {
    await send(message);
    await markSent(db, message.id, owner, clock.now());
    await settle(db, message);
    return true;
  } catch (err) {
    const failure = classifySendError(err);
    const outcome = afterFailure(failure, message.attempts, clock.now(), random());
    await markFailedTry(db, message.id, owner, outcome, failure.message, clock.now());
    if (outcome.state === 'failed') await settle(db, message);
    logger.warn({ outboxId: message.id, kind: message.kind, attempts: message.attempts, state: outcome.state, error: failure.message }, 'mail not delivered');
    return false;
  }
}

/**
 * Delivers the outbox. Messages are claimed in batches with a lease, sent one by one, and marked
 * sent, retried later (a temporary failure, with backoff and jitter) or failed (a permanent one, or
 * too many tries). Each message keeps its Message-ID across tries, so a message sent just before a
 * crash and sent again after it is recognisable as the same one.
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db, clock, send, logger } = options;
  const owner = options.owner ?? `worker-${crypto.randomBytes(6).toString('hex')}`;
  const batchSize = options.batchSize ?? 10;
  const pollMs = options.pollMs ?? 15_000;
  const leaseMs = options.leaseMs ?? 120_000;
  const random = options.random ?? Math.random;
  const deliver = (message: OutboxMessage) => deliverOne({ db, clock, send, logger, owner, random }, message);

  const deliverDue = async (): Promise<number> => {
    let tried = 0;
    for (;;) {
      if (loop.stopping) return tried;
      const batch = await claimDueMessages(db, owner, clock.now(), leaseMs, batchSize);
      let sent = 0;
      let tries = 0;
      for (const message of batch) {
        if (loop.stopping) break;
        if (await deliver(message)) sent += 1;
        tries += 1;
      }
      tried += tries;
      if (tries > 0) logger.info({ worker: owner, sent, notSent: tries - sent }, 'mail delivered');
      if (batch.length < batchSize) return tried;
    }
  };

  const loop = createPassLoop(deliverDue, (err: unknown) => logger.error({ err }, 'mail delivery failed'), pollMs);

  return {
    start: () => loop.start(),
    kick: () => loop.kick(),
    deliverDue,
    async stop(deadlineMs) {
      await loop.stopWithin(deadlineMs);
      const released = await releaseClaims(db, owner, clock.now());
      if (released > 0) logger.info({ released }, 'mail in flight at shutdown goes back to the outbox');
    },
  };
}
