import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { createPassLoop } from '../shared/pass-loop';
import { type PostOutcome, REQUEST_TIMEOUT_MS, type PostWebhook } from './transport';
import { afterFailedTry, HEADERS, isAccepted, RETRY_DELAYS_MS, signatureHeader } from './webhook';
import { type ClaimedDelivery, claimDueDeliveries, markDelivered, markFailedTry, postponeClaim, releaseClaims, renewLease } from './webhooks.repository';

/** Posts in flight at once to one endpoint, and in all. */
export const PER_ENDPOINT_CONCURRENCY = 2;
export const TOTAL_CONCURRENCY = 8;
/** What a lease must leave beyond one post: a post ends this long before the lease runs out. */
export const LEASE_MARGIN_MS = 20_000;
/** The shortest lease a sender may take: one post (REQUEST_TIMEOUT_MS) and the margin. */
export const MIN_LEASE_MS = REQUEST_TIMEOUT_MS + LEASE_MARGIN_MS;

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
  /** How long a claim holds (renewed right before each post): a worker that dies mid-post gives its deliveries back after this. */
  readonly leaseMs?: number;
  /** How long before its lease runs out a post is given up (LEASE_MARGIN_MS; shorter only in tests). */
  readonly leaseMarginMs?: number;
  readonly random?: () => number;
}

export interface WebhookWorker {
  start(): void;
  kick(): void;
  /** Posts every delivery due now, batch after batch; resolves with how many were tried. */
  deliverDue(): Promise<number>;
  /**
   * Stops: a post in flight gets until `deadlineMs`; what is claimed and not being posted goes back to
   * pending, and a post still in flight keeps its lease (posted again, same delivery id, once it runs out).
   */
  stop(deadlineMs: number): Promise<void>;
}

/** The signed request of one try: the signature covers this try's timestamp and the stored body. */
export function requestOf(delivery: ClaimedDelivery, now: Date, timeoutMs?: number) {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    url: delivery.url,
    body: delivery.payload,
    headers: { [HEADERS.signature]: signatureHeader(delivery.secret, timestamp, delivery.payload), [HEADERS.delivery]: delivery.deliveryId, [HEADERS.event]: delivery.event },
    allowance: { allowHttp: delivery.allowHttp, allowPrivate: delivery.allowPrivate },
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  };
}

/** At most `max` tasks at once; the others wait their turn in order. */
function limiter(max: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active < max) active += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}

type Outcome = 'delivered' | 'failed' | 'skipped';

/**
 * Posts a claimed batch: each endpoint's deliveries in order, PER_ENDPOINT_CONCURRENCY at a time, and
 * TOTAL_CONCURRENCY in all. `heldUp` names the endpoints whose try failed in this batch, with until when.
 */
async function postBatch(batch: readonly ClaimedDelivery[], deliver: (delivery: ClaimedDelivery, heldUp: Map<number, Date>) => Promise<Outcome>): Promise<Outcome[]> {
  const queues = new Map<number, ClaimedDelivery[]>();
  for (const delivery of batch) queues.set(delivery.endpointId, [...(queues.get(delivery.endpointId) ?? []), delivery]);
  const overall = limiter(TOTAL_CONCURRENCY);
  const heldUp = new Map<number, Date>();
  const outcomes: Outcome[] = [];
  const lane = async (queue: ClaimedDelivery[]) => {
    for (let delivery = queue.shift(); delivery; delivery = queue.shift()) {
      const current = delivery;
      outcomes.push(await overall(() => deliver(current, heldUp)));
    }
  };
  await Promise.all([...queues.values()].flatMap((queue) => Array.from({ length: Math.min(PER_ENDPOINT_CONCURRENCY, queue.length) }, () => lane(queue))));
  return outcomes;
}

/**
 * Sends the webhook outbox. Deliveries are claimed in batches with a lease; each is posted only if
 * its sender still holds it, its lease renewed right before the post and the post given up before
 * the lease runs out, so two senders never post the same delivery at once. Posts go out together:
 * up to PER_ENDPOINT_CONCURRENCY per endpoint and TOTAL_CONCURRENCY in all, so a silent receiver
 * holds up only its own deliveries; once a try to an endpoint fails, its other deliveries in the
 * batch wait for that one's retry, their try not counted. A delivery is marked delivered (a 2xx),
 * retried later with backoff (any other answer, or none), or failed (after the last try, or a target
 * refused). It keeps its id across tries, so one posted just before a crash and posted again after it
 * is recognisable as the same one.
 */
export function createWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const { db, clock, post, logger } = options;
  const owner = options.owner ?? `webhooks-${crypto.randomBytes(6).toString('hex')}`;
  const batchSize = options.batchSize ?? 10;
  const leaseMs = options.leaseMs ?? 60_000;
  const leaseMarginMs = options.leaseMarginMs ?? LEASE_MARGIN_MS;
  const random = options.random ?? Math.random;
  /** Deliveries being posted right now: at a stop they keep their lease, so no one posts them while this post may still land. */
  const inFlight = new Set<number>();

  const deliver = async (delivery: ClaimedDelivery, heldUp: Map<number, Date>): Promise<Outcome> => {
    if (loop.stopping) return 'skipped';
    const until = heldUp.get(delivery.endpointId);
    if (until) {
      await postponeClaim(db, delivery.id, owner, until, clock.now());
      return 'skipped';
    }
    const leaseUntil = new Date(clock.now().getTime() + leaseMs);
    if (!(await renewLease(db, delivery.id, owner, leaseUntil, clock.now()))) return 'skipped';
    const timeoutMs = Math.min(REQUEST_TIMEOUT_MS, leaseUntil.getTime() - clock.now().getTime() - leaseMarginMs);
    if (timeoutMs <= 0) return 'skipped';
    inFlight.add(delivery.id);
    try {
      return await settle(delivery, await post(requestOf(delivery, clock.now(), timeoutMs)), heldUp);
    } finally {
      inFlight.delete(delivery.id);
    }
  };

  const settle = async (delivery: ClaimedDelivery, outcome: PostOutcome, heldUp: Map<number, Date>): Promise<Outcome> => {
    const now = clock.now();
    if (outcome.status !== null && isAccepted(outcome.status)) {
      await markDelivered(db, delivery.id, owner, outcome.status, now);
      return 'delivered';
    }
    const next = afterFailedTry(delivery.attempts, now, random(), outcome.status === null && outcome.permanent);
    // The endpoint's other deliveries in this batch wait as long as this one (a first retry's wait when it failed for good).
    heldUp.set(delivery.endpointId, next.state === 'pending' ? next.nextAttemptAt : new Date(now.getTime() + RETRY_DELAYS_MS[0]!));
    const failure = outcome.status === null ? { status: null, error: outcome.error } : { status: outcome.status, error: `HTTP ${outcome.status}` };
    await markFailedTry(db, delivery.id, owner, next, failure, now);
    logger.warn({ webhookDelivery: delivery.deliveryId, event: delivery.event, attempts: delivery.attempts, state: next.state, status: failure.status, error: failure.error }, 'webhook not delivered');
    return 'failed';
  };

  const deliverDue = async (): Promise<number> => {
    let tried = 0;
    for (;;) {
      if (loop.stopping) return tried;
      const batch = await claimDueDeliveries(db, owner, clock.now(), leaseMs, batchSize);
      const outcomes = await postBatch(batch, deliver);
      const delivered = outcomes.filter((o) => o === 'delivered').length;
      const tries = delivered + outcomes.filter((o) => o === 'failed').length;
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
      await loop.stopWithin(deadlineMs);
      const released = await releaseClaims(db, owner, clock.now(), [...inFlight]);
      if (inFlight.size > 0) logger.info({ inFlight: inFlight.size }, 'webhooks still being posted at shutdown keep their lease');
      if (released > 0) logger.info({ released }, 'webhooks in flight at shutdown go back to the outbox');
    },
  };
}
