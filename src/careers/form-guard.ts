import crypto from 'node:crypto';

/** Faster than this from showing the form to sending it, a person cannot have filled it in. */
export const MIN_FILL_MS = 3_000;
/** A form shown longer ago than this is sent again with a fresh token (a page left open overnight). */
export const MAX_FORM_AGE_MS = 24 * 3_600_000;
/** Applications accepted from one address in a rolling hour. */
export const HOURLY_LIMIT = 10;
export const LIMIT_WINDOW_MS = 3_600_000;

/** The form's token: when it was shown and the proof that this app showed it, to this browser, for this opening. */
function signature(secret: string, nonce: string, openingId: number, shownAtMs: number): string {
  return crypto.createHmac('sha256', secret).update(`careers-form\n${nonce}\n${openingId}\n${shownAtMs}`).digest('base64url');
}

/** The token a form carries: `<shown at, ms>.<HMAC over the browser's cookie nonce, the opening and that time>`. */
export function signFormToken(secret: string, nonce: string, openingId: number, shownAt: Date): string {
  const ms = shownAt.getTime();
  return `${ms}.${signature(secret, nonce, openingId, ms)}`;
}

export type FormTokenCheck = { ok: true; shownAtMs: number } | { ok: false };

/** Whether `token` was signed here for this nonce and opening; the time it carries can then be trusted. */
export function verifyFormToken(secret: string, nonce: string, openingId: number, token: string): FormTokenCheck {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match || nonce === '') return { ok: false };
  const shownAtMs = Number(match[1]);
  // Both are 43 characters (the pattern above, and a SHA-256 digest in base64url).
  const expected = Buffer.from(signature(secret, nonce, openingId, shownAtMs));
  return crypto.timingSafeEqual(expected, Buffer.from(match[2]!)) ? { ok: true, shownAtMs } : { ok: false };
}

/** How a trusted token's time judges the sending: too fast for a person, too old to trust, or fine. */
export function judgeTiming(shownAtMs: number, nowMs: number): 'too_fast' | 'expired' | 'ok' {
  const elapsed = nowMs - shownAtMs;
  if (elapsed < MIN_FILL_MS) return 'too_fast';
  if (elapsed > MAX_FORM_AGE_MS) return 'expired';
  return 'ok';
}

/** The random value the careers form's cookie holds (the other half of the double submit). */
export function newNonce(): string {
  return crypto.randomBytes(18).toString('base64url');
}

export function isNonce(value: string | undefined): value is string {
  return /^[A-Za-z0-9_-]{24}$/.test(value ?? '');
}

/** What is kept of a visitor's address: a keyed hash, enough to count per address and useless to anyone without the secret. */
export function hashAddress(secret: string, address: string): string {
  return crypto.createHmac('sha256', secret).update(`careers-address\n${address}`).digest('hex');
}

/** Whether one more application may arrive from an address that sent `recent` in the last hour. */
export function withinHourlyLimit(recent: number): boolean {
  return recent < HOURLY_LIMIT;
}
