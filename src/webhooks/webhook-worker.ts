import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { createPassLoop } from '../shared/pass-loop';
import type { PostWebhook } from './transport';
import { afterFailedTry, HEADERS, isAccepted, signatureHeader } from './webhook';
import { type ClaimedDelivery, claimDueDeliveries, markDelivered, markFailedTry, releaseClaims } from './webhooks.repository';

export interface WebhookWorkerOptions {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly post: PostWebhook;
  readonly logger: Logger;
  /** Names this worker's claims; unique per process. */
  readonly owner?: string;
  readonly batchSize?: number;
  /** How often to look for due deliveries (retries fall due without anyone kicking). */
  readonly pollMs?: number;
  /** How long a claim holds: a worker that dies mid-post gives its deliveries back after this. */
  readonly leaseMs?: number;
  readonly random?: () => number;
}

export interface WebhookWorker {
  start(): void;
  kick(): void;
  /** Posts every delivery due now, batch after batch; resolves with how many were tried. */
  deliverDue(): Promise<number>;
  /** Stops: a post in flight gets until `deadlineMs`; whatever is still claimed goes back to pending. */
  stop(deadlineMs: number): Promise<void>;
}

/** The signed request of one try: the signature covers this try's timestamp and the stored body. */
export function requestOf(delivery: ClaimedDelivery, now: Date) {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    url: delivery.url,
    body: delivery.payload,
    headers: { [HEADERS.signature]: signatureHeader(delivery.secret, timestamp, delivery.payload), [HEADERS.delivery]: delivery.deliveryId, [HEADERS.event]: delivery.event },
    allowance: { allowHttp: delivery.allowHttp, allowPrivate: delivery.allowPrivate },
  };
}

/**
 * Sends the webhook outbox. Deliveries are claimed in batches with a lease, posted one by one, and
 * marked delivered (a 2xx), retried later with backoff (any other answer, or none), or failed (after
 * the last try, or a target refused). A delivery keeps its id across tries, so one posted just before
 * a crash and posted again after it is recognisable as the same one.
 */
export function createWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const { db, clock, post, logger } = options;
  const owner = options.owner ?? `webhooks-${crypto.randomBytes(6).toString('hex')}`;
  const batchSize = options.batchSize ?? 10;
  const leaseMs = options.leaseMs ?? 60_000;
  const random = options.random ?? Math.random;

  const deliver = async (delivery: ClaimedDelivery): Promise<boolean> => {
    const outcome = await post(requestOf(delivery, clock.now()));
    const now = clock.now();
    if (outcome.status !== null && isAccepted(outcome.status)) {
      await markDelivered(db, delivery.id, owner, outcome.status, now);
      return true;
    }
    const next = afterFailedTry(delivery.attempts, now, random(), outcome.status === null && outcome.permanent);
    const failure = outcome.status === null ? { status: null, error: outcome.error } : { status: outcome.status, error: `HTTP ${outcome.status}` };
    await markFailedTry(db, delivery.id, owner, next, failure, now);
    logger.warn({ webhookDelivery: delivery.deliveryId, event: delivery.event, attempts: delivery.attempts, state: next.state, status: failure.status, error: failure.error }, 'webhook not delivered');
    return false;
  };

  const deliverDue = async (): Promise<number> => {
    let tried = 0;
    for (;;) {
      if (loop.stopping) return tried;
      const batch = await claimDueDeliveries(db, owner, clock.now(), leaseMs, batchSize);
      let delivered = 0;
      let tries = 0;
      for (const delivery of batch) {
        if (loop.stopping) break;
        if (await deliver(delivery)) delivered += 1;
        tries += 1;
      }
      tried += tries;
      if (tries > 0) logger.info({ worker: owner, delivered, notDelivered: tries - delivered }, 'webhooks posted');
      if (batch.length < batchSize) return tried;
    }
  };

  const loop = createPassLoop(deliverDue, (err: unknown) => logger.error({ err }, 'webhook delivery failed'), options.pollMs ?? 15_000);

  return {
    start: () => loop.start(),
    kick: () => loop.kick(),
    deliverDue,
    async stop(deadlineMs) {
      loop.stop();
      const { running } = loop;
      if (running) await Promise.race([running, new Promise((resolve) => setTimeout(resolve, deadlineMs).unref())]);
      const released = await releaseClaims(db, owner, clock.now());
      if (released > 0) logger.info({ released }, 'webhooks in flight at shutdown go back to the outbox');
    },
  };
}
