/** How many tries a message gets before it is marked failed for good. */
export const MAX_ATTEMPTS = 8;
/** The wait after the first temporary failure; it doubles after each. */
export const FIRST_RETRY_MS = 30_000;
/** No wait is longer than this. */
export const LONGEST_RETRY_MS = 60 * 60_000;

export type SendFailure = { readonly kind: 'temporary' | 'permanent'; readonly message: string };

/** Network errors that say nothing about the message: the server was not reached, or went away. */
const TEMPORARY_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ESOCKET', 'ECONNECTION', 'EDNS', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ETLS', 'EPROTOCOL']);

/**
 * Whether a failed send is worth another try. An SMTP answer decides when there is one: 4xx is
 * temporary ("try again later", greylisting, a full queue), 5xx permanent (refused recipient, wrong
 * password). Without an answer, a connection that failed or dropped, or a timeout, is temporary;
 * anything else is permanent (trying again would fail the same way).
 */
export function classifySendError(error: unknown): SendFailure {
  const err = (error ?? {}) as { responseCode?: unknown; code?: unknown; response?: unknown; message?: unknown };
  const answer = typeof err.response === 'string' && err.response.trim() !== '' ? err.response.trim() : undefined;
  const message = (answer ?? (typeof err.message === 'string' ? err.message : String(error))).slice(0, 500);
  if (typeof err.responseCode === 'number') return { kind: err.responseCode >= 400 && err.responseCode < 500 ? 'temporary' : 'permanent', message };
  if (typeof err.code === 'string' && TEMPORARY_CODES.has(err.code)) return { kind: 'temporary', message };
  return { kind: 'permanent', message };
}

/**
 * When to try again after the `attempts`-th failed try: exponential backoff with jitter, so a server
 * that comes back is not hit by every instance at the same moment. `random` is in [0, 1).
 */
export function retryDelayMs(attempts: number, random: number): number {
  const base = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.5 + random / 2));
}

/** What happens to a message after a failed try: another try later, or failed for good. */
export function afterFailure(failure: SendFailure, attempts: number, now: Date, random: number): { state: 'pending'; nextAttemptAt: Date } | { state: 'failed' } {
  if (failure.kind === 'permanent' || attempts >= MAX_ATTEMPTS) return { state: 'failed' };
  return { state: 'pending', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, random)) };
}
