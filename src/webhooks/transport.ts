import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { classifyAddress, checkTargetUrl, type HostAllowance, isLocalHost } from './address';

/** How long a receiver gets to send its answer's status line and headers, connection included. */
export const REQUEST_TIMEOUT_MS = 10_000;
/** How much of an answer's body is read (the rest is dropped): only its status matters. */
export const RESPONSE_READ_LIMIT = 64 * 1024;
/** How long the body is read, at most, once the status is in (it no longer changes the outcome). */
const DRAIN_MS = 2_000;

export interface PostRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly allowance: HostAllowance;
  /** The wait for the answer's headers; REQUEST_TIMEOUT_MS unless shorter (what is left of the sender's lease). */
  readonly timeoutMs?: number;
}

/** The receiver answered (any status), or the request never got an answer. */
export type PostOutcome = { readonly status: number } | { readonly status: null; readonly error: string; readonly permanent: boolean };

/** Posts a delivery; never throws. */
export type PostWebhook = (request: PostRequest) => Promise<PostOutcome>;

/** Thrown by the lookup when the host resolves to an address the endpoint may not reach. */
class RefusedAddressError extends Error {
  readonly code = 'EREFUSEDADDRESS';
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A lookup that resolves the host, refuses it if any of its addresses is not public (unless the
 * admin allowed private addresses for it), and hands the connection the address it checked: a
 * second resolution (DNS rebinding) cannot switch the target after the check.
 */
export function guardedLookup(allowPrivate: boolean, resolve: typeof dns.lookup = dns.lookup) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    resolve(hostname, { all: true, family: options.family ?? 0, hints: options.hints }, (err, addresses) => {
      if (err) return callback(err, '');
      const list = addresses as dns.LookupAddress[];
      if (list.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      const refused = list.find((a) => classifyAddress(a.address) !== 'public');
      if (refused && !allowPrivate) return callback(new RefusedAddressError(`${hostname} resolves to ${refused.address}, a ${classifyAddress(refused.address)?.replace('_', '-')} address`), '');
      const chosen = list[0]!;
      if (options.all) return callback(null, [chosen]);
      callback(null, chosen.address, chosen.family);
    });
  };
}

/**
 * Posts a JSON body to a webhook endpoint: https unless plain HTTP is allowed for it, to a public
 * address unless private ones are allowed, with a timeout, without following redirects, reading at
 * most RESPONSE_READ_LIMIT bytes of the answer. `resolver` is the system's resolver unless a test
 * brings its own (to stand for a name that resolves to a private address).
 */
export const createPoster = (resolver: typeof dns.lookup = dns.lookup): PostWebhook => (request) => {
  const target = checkTargetUrl(request.url, request.allowance);
  if (!target.ok) return Promise.resolve({ status: null, error: `target refused: ${target.problem}`, permanent: true });
  const { url } = target;
  // An address in the URL is never looked up: check it here.
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(literal) !== 0 && isLocalHost(literal) && !request.allowance.allowPrivate) return Promise.resolve({ status: null, error: `target refused: ${literal} is not a public address`, permanent: true });
  const client = url.protocol === 'https:' ? https : http;
  const timeoutMs = Math.max(1, Math.min(REQUEST_TIMEOUT_MS, request.timeoutMs ?? REQUEST_TIMEOUT_MS));
  const timedOut = () => Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: 'ETIMEDOUT' });
  return new Promise<PostOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { ...request.headers, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(request.body)), 'User-Agent': 'Salesbench-Webhooks/1' },
        lookup: guardedLookup(request.allowance.allowPrivate, resolver) as unknown as net.LookupFunction,
        timeout: timeoutMs,
        agent: false,
      },
      (res) => {
        // The status decides: a 2xx whose body is slow or never ends is still delivered.
        clearTimeout(deadline);
        req.setTimeout(0);
        finish({ status: res.statusCode ?? 0 });
        // Then the body is read and dropped, up to RESPONSE_READ_LIMIT and DRAIN_MS; past either the connection is closed.
        const drain = setTimeout(() => res.destroy(), DRAIN_MS).unref();
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > RESPONSE_READ_LIMIT) res.destroy();
        });
        res.on('close', () => clearTimeout(drain));
        res.on('error', () => clearTimeout(drain));
      },
    );
    // Covers the wait for the answer's headers only.
    const deadline = setTimeout(() => req.destroy(timedOut()), timeoutMs);
    req.on('timeout', () => req.destroy(timedOut()));
    req.on('error', (err: NodeJS.ErrnoException) => finish({ status: null, error: err.message.slice(0, 300), permanent: err instanceof RefusedAddressError }));
    req.on('close', () => clearTimeout(deadline));
    req.end(request.body);
  });
};

/** Posts with the system's resolver. */
export const postWebhook: PostWebhook = createPoster();
