import crypto from 'node:crypto';

/** The events an endpoint may choose, in the order the settings page lists them. */
export const WEBHOOK_EVENTS = ['application.created', 'application.moved', 'scorecard.submitted', 'decision.recorded', 'candidate.hired', 'onboarding.completed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export function isWebhookEvent(value: unknown): value is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly unknown[]).includes(value);
}

/** The headers of every delivery. */
export const HEADERS = {
  signature: 'X-Salesbench-Signature',
  delivery: 'X-Salesbench-Delivery',
  event: 'X-Salesbench-Event',
} as const;

/** A new signing secret: 32 random bytes, readable as one word. */
export function generateSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString('base64url')}`;
}

/** HMAC-SHA256 (hex) of "<timestamp>.<body>" with the endpoint's secret. */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  return crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The value of X-Salesbench-Signature: `t=<unix seconds>,v1=<hex signature>`. */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signatureOf(secret, timestamp, body)}`;
}

/**
 * What a receiver does (and what the README shows): the signature must match the body and the
 * timestamp, and the timestamp must be within `toleranceSeconds` of now (an old request replayed is refused).
 */
export function verifySignature(secret: string, header: string | undefined, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = new Map(header?.split(',').map((part) => part.split('=', 2) as [string, string | undefined]));
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1');
  if (given === undefined || !Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, timestamp, body), 'hex');
  const actual = Buffer.from(given, 'hex');
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}

/**
 * The waits after each failed try: 8 tries in all, spread over about a day (1 min, 5 min, 15 min,
 * 1 h, 3 h, 6 h, 12 h), so a receiver down for a night still gets the event.
 */
export const RETRY_DELAYS_MS: readonly number[] = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 3 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/**
 * What follows the `attempts`-th failed try: another try after its wait (give or take 10 %, so
 * retries of many deliveries do not land together), or failed for good after the last one or when
 * trying again cannot help. `random` is in [0, 1).
 */
export function afterFailedTry(attempts: number, now: Date, random: number, permanent = false): { state: 'pending'; nextAttemptAt: Date } | { state: 'failed' } {
  const wait = RETRY_DELAYS_MS[attempts - 1];
  if (permanent || wait === undefined) return { state: 'failed' };
  return { state: 'pending', nextAttemptAt: new Date(now.getTime() + Math.round(wait * (0.9 + random * 0.2))) };
}

/** A receiver took the delivery when it answered 2xx; anything else is tried again. */
export function isAccepted(status: number): boolean {
  return status >= 200 && status < 300;
}
