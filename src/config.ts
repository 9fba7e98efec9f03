import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { issuerProblem } from './auth/oidc';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type DatabaseConfig =
  | {
      readonly dialect: 'sqlite';
      readonly filename: string;
      /** SQLITE_CACHE_MB: the page cache of each connection, in MiB (default DEFAULT_SQLITE_CACHE_MB). */
      readonly cacheMb?: number;
    }
  | { readonly dialect: 'postgres'; readonly connectionString: string };

export type FileStorageKind = 'disk' | 'database';

/** Express's `trust proxy` setting: off, on, a hop count, or a list of addresses/subnets. */
export type TrustProxy = boolean | number | string;

/** Outgoing mail over SMTP. */
export interface MailConfig {
  /** The SMTP_URL as given (it may hold a password: never log or show it). */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** smtps:// (TLS from the first byte); smtp:// upgrades with STARTTLS when the server offers it. */
  readonly secure: boolean;
  readonly user: string | undefined;
  /** The sender address; the display name is MAIL_FROM's when it has one, else the company's name. */
  readonly fromAddress: string;
  readonly fromName: string | undefined;
  /**
   * How long an instance holds a message it is sending (MAIL_LEASE_SECONDS, default 120): if it dies
   * mid-send, another instance (or this one, restarted) takes the message over after this.
   */
  readonly leaseMs: number;
}

export interface Config {
  readonly port: number;
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  /** Undefined when not configured; the server then generates one and keeps it in the data directory. */
  readonly sessionSecret: string | undefined;
  readonly uploadDir: string;
  /**
   * FILE_STORAGE: where kept uploads live. `disk` (the default): under UPLOAD_DIR. `database`: in
   * PostgreSQL's file_chunks, so instances that share only the database serve each other's files.
   */
  readonly fileStorage: FileStorageKind;
  readonly uploadMaxBytes: number;
  readonly trustProxy: TrustProxy;
  readonly cookieSecure: boolean;
  readonly logLevel: LogLevel;
  readonly sessionIdleTimeoutMs: number;
  readonly sessionAbsoluteTimeoutMs: number;
  readonly inviteTtlMs: number;
  /** Requests each API token may make per minute (counted in the database, so across workers and servers). */
  readonly apiRateLimitPerMinute: number;
  /** The base of every link Salesbench hands out (invite links, and mail): never taken from a request's Host header. No trailing slash. */
  readonly publicUrl: string;
  /** Undefined when SMTP_URL is not set: messages then stay in the outbox, marked "mail is not configured". */
  readonly mail: MailConfig | undefined;
  readonly backup: BackupConfig;
  /**
   * WEBHOOK_LEASE_SECONDS (default 60, at least WEBHOOK_MIN_LEASE_SECONDS): how long an instance holds a
   * webhook delivery it is posting; if it dies mid-post, the delivery is posted again (with the same
   * delivery id) once this has passed. At least one post (10 s) and 20 s more, so a post always ends
   * before the lease does and no other instance posts the same delivery meanwhile.
   */
  readonly webhookLeaseMs: number;
  /**
   * WEB_CONCURRENCY: how many processes serve requests (default 1). Above 1, a primary process does
   * the start-up work once, then runs this many workers sharing the port; background work runs in one of them.
   */
  readonly webConcurrency: number;
  /** Single sign-on set by the environment (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET); it then wins over the settings page. */
  readonly oidc: OidcEnvConfig | undefined;
}

/** An OpenID Connect provider given by the environment. */
export interface OidcEnvConfig {
  readonly issuer: string;
  readonly clientId: string;
  /** Never logged or shown. */
  readonly clientSecret: string;
  /** OIDC_DISPLAY_NAME: the provider's name on the sign-in button ("Sign in with …"); default "single sign-on". */
  readonly displayName: string | undefined;
}

/** Where backups go, and whether the app makes them on a schedule. */
export interface BackupConfig {
  /** BACKUP_DIR: default <DATA_DIR>/backups. */
  readonly dir: string;
  /** BACKUP_EVERY_HOURS: undefined (the default) means no scheduled backups. */
  readonly everyHours: number | undefined;
  /** BACKUP_KEEP: how many archives a scheduled backup leaves in BACKUP_DIR (default 7). */
  readonly keep: number;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, expected: string, received: string | undefined) {
    super(`Invalid configuration: ${variable} must be ${expected} (got ${received === undefined ? 'nothing' : JSON.stringify(received)})`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function read<T>(env: Env, variable: string, expected: string, schema: z.ZodType<T>, fallback: T): T {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return fallback;
  const result = schema.safeParse(raw.trim());
  if (!result.success) throw new ConfigError(variable, expected, raw);
  return result.data;
}

/** The shortest webhook lease: the request timeout (REQUEST_TIMEOUT_MS, 10 s) and the 20 s margin (LEASE_MARGIN_MS) of src/webhooks. */
export const WEBHOOK_MIN_LEASE_SECONDS = 30;

const positiveInt = (max: number) => z.coerce.number().int().min(1).max(max);

export const MAX_WEB_CONCURRENCY = 64;

/**
 * SQLite's page cache per connection, in MiB, unless SQLITE_CACHE_MB says otherwise. SQLite's own
 * default (16 MB in this build) is smaller than the candidates table of a company with 100k
 * candidates: a search that checks its matches against the candidates then reads most pages from
 * the file again on every request.
 */
export const DEFAULT_SQLITE_CACHE_MB = 64;

const booleanText = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

function parseDatabaseUrl(raw: string | undefined, dataDir: string): DatabaseConfig {
  if (raw === undefined || raw.trim() === '') {
    return { dialect: 'sqlite', filename: path.join(dataDir, 'salesbench.sqlite') };
  }
  const value = raw.trim();
  if (/^postgres(ql)?:\/\/.+/.test(value)) return { dialect: 'postgres', connectionString: value };
  const sqlite = /^sqlite:(.+)$/.exec(value);
  if (sqlite?.[1]) {
    const file = sqlite[1];
    return { dialect: 'sqlite', filename: file === ':memory:' ? file : path.resolve(file) };
  }
  throw new ConfigError('DATABASE_URL', 'a postgres:// URL or sqlite:<file path>', raw);
}

/** An http(s) address people reach Salesbench at, possibly under a path; no query or fragment. */
function parsePublicUrl(raw: string | undefined, port: number): string {
  if (raw === undefined || raw.trim() === '') return `http://localhost:${port}`;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigError('PUBLIC_URL', 'an http:// or https:// address (e.g. https://hiring.example.com)', raw);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new ConfigError('PUBLIC_URL', 'an http:// or https:// address without query, fragment or credentials', raw);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+$/;

/** SMTP_URL and MAIL_FROM; PUBLIC_URL must be set too once mail goes out (links in mail cannot point at localhost). */
function parseMail(env: Env, publicUrl: string): MailConfig | undefined {
  const raw = env.SMTP_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('SMTP_URL', 'smtp://user:password@host:587 or smtps://user:password@host:465', '(hidden: it may hold a password)');
  }
  if (!['smtp:', 'smtps:'].includes(url.protocol) || url.hostname === '') {
    throw new ConfigError('SMTP_URL', 'smtp://user:password@host:587 or smtps://user:password@host:465', '(hidden: it may hold a password)');
  }
  if (!env.PUBLIC_URL?.trim()) throw new ConfigError('PUBLIC_URL', 'set when SMTP_URL is: the https:// address people reach Salesbench at, for the links in mail', env.PUBLIC_URL);
  const secure = url.protocol === 'smtps:';
  const from = env.MAIL_FROM?.trim() || `salesbench@${new URL(publicUrl).hostname}`;
  const named = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  const fromAddress = (named ? named[2]! : from).trim();
  if (!EMAIL.test(fromAddress)) throw new ConfigError('MAIL_FROM', 'an e-mail address, or Name <address>', env.MAIL_FROM);
  const leaseMs = read(env, 'MAIL_LEASE_SECONDS', 'a whole number of seconds (5–3600)', positiveInt(3600).min(5), 120) * 1000;
  return { url: raw, host: url.hostname, port: url.port ? Number(url.port) : secure ? 465 : 587, secure, user: url.username ? decodeURIComponent(url.username) : undefined, fromAddress, fromName: named?.[1]?.trim() || undefined, leaseMs };
}

/**
 * OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET come together or not at all. The issuer is an
 * https:// address; plain http only on a loopback address (a provider on the same machine, for tests).
 */
function parseOidc(env: Env): OidcEnvConfig | undefined {
  const issuer = env.OIDC_ISSUER?.trim();
  const clientId = env.OIDC_CLIENT_ID?.trim();
  const clientSecret = env.OIDC_CLIENT_SECRET?.trim();
  if (!issuer && !clientId && !clientSecret) return undefined;
  if (!issuer) throw new ConfigError('OIDC_ISSUER', 'set when OIDC_CLIENT_ID or OIDC_CLIENT_SECRET is: the https:// issuer URL of the identity provider', env.OIDC_ISSUER);
  const problem = issuerProblem(issuer);
  if (problem) throw new ConfigError('OIDC_ISSUER', problem === 'insecure' ? 'an https:// address (plain http only on a loopback address such as 127.0.0.1)' : 'an https:// issuer URL without query or fragment', issuer);
  if (!clientId) throw new ConfigError('OIDC_CLIENT_ID', 'set when OIDC_ISSUER is: the client ID the identity provider gave Salesbench', env.OIDC_CLIENT_ID);
  if (!clientSecret) throw new ConfigError('OIDC_CLIENT_SECRET', 'set when OIDC_ISSUER is: the client secret the identity provider gave Salesbench', undefined);
  return { issuer, clientId, clientSecret, displayName: env.OIDC_DISPLAY_NAME?.trim() || undefined };
}

/** FILE_STORAGE: `database` needs PostgreSQL (an SQLite file is one server's own: its disk is the place). */
function parseFileStorage(raw: string | undefined, database: DatabaseConfig): FileStorageKind {
  const kind = read({ FILE_STORAGE: raw }, 'FILE_STORAGE', 'disk or database', z.enum(['disk', 'database']), 'disk' as FileStorageKind);
  if (kind === 'database' && database.dialect !== 'postgres') throw new ConfigError('FILE_STORAGE', 'disk with SQLite (database needs a postgres:// DATABASE_URL)', raw);
  return kind;
}

/** A worker count, or `auto`: one worker per CPU the process may use. */
function parseWebConcurrency(raw: string | undefined, cpus: number): number {
  if (raw?.trim().toLowerCase() === 'auto') return Math.min(Math.max(1, cpus), MAX_WEB_CONCURRENCY);
  return read({ WEB_CONCURRENCY: raw }, 'WEB_CONCURRENCY', `a number of worker processes (1–${MAX_WEB_CONCURRENCY}) or auto`, positiveInt(MAX_WEB_CONCURRENCY), 1);
}

function parseTrustProxy(raw: string | undefined): TrustProxy {
  if (raw === undefined || raw.trim() === '') return false;
  const value = raw.trim();
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  if (/^[0-9a-fA-F:.,/\sa-z]+$/.test(value)) return value;
  throw new ConfigError('TRUST_PROXY', 'true, false, a hop count, or a comma-separated list of addresses', raw);
}

/**
 * Reads and validates the environment once. Pure: no files are touched here.
 * Throws ConfigError naming the first bad variable. `cpus` is what WEB_CONCURRENCY=auto means.
 */
export function loadConfig(env: Env, cwd: string = process.cwd(), cpus: number = os.availableParallelism()): Config {
  const dataDir = path.resolve(cwd, env.DATA_DIR?.trim() || './data');
  const sessionSecret = read(env, 'SESSION_SECRET', 'at least 32 characters', z.string().min(32), undefined as string | undefined);
  const port = read(env, 'PORT', 'an integer between 1 and 65535', positiveInt(65535), 3000);
  const publicUrl = parsePublicUrl(env.PUBLIC_URL, port);
  const parsed = parseDatabaseUrl(env.DATABASE_URL, dataDir);
  const database: DatabaseConfig =
    parsed.dialect === 'sqlite' ? { ...parsed, cacheMb: read(env, 'SQLITE_CACHE_MB', 'a whole number of MiB (2–65536)', positiveInt(65536).min(2), DEFAULT_SQLITE_CACHE_MB) } : parsed;
  const config: Config = {
    port,
    dataDir,
    database,
    sessionSecret,
    uploadDir: path.resolve(cwd, env.UPLOAD_DIR?.trim() || path.join(dataDir, 'uploads')),
    fileStorage: parseFileStorage(env.FILE_STORAGE, database),
    uploadMaxBytes: read(env, 'UPLOAD_MAX_MB', 'a whole number of megabytes (1–100)', positiveInt(100), 10) * 1024 * 1024,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    cookieSecure: read(env, 'COOKIE_SECURE', 'true or false', booleanText, false),
    logLevel: read(env, 'LOG_LEVEL', `one of ${LOG_LEVELS.join(', ')}`, z.enum(LOG_LEVELS), 'info'),
    sessionIdleTimeoutMs: read(env, 'SESSION_IDLE_TIMEOUT_MINUTES', 'a whole number of minutes (1–10080)', positiveInt(10080), 480) * 60_000,
    sessionAbsoluteTimeoutMs: read(env, 'SESSION_ABSOLUTE_TIMEOUT_HOURS', 'a whole number of hours (1–8760)', positiveInt(8760), 168) * 3_600_000,
    inviteTtlMs: read(env, 'INVITE_TTL_HOURS', 'a whole number of hours (1–720)', positiveInt(720), 168) * 3_600_000,
    apiRateLimitPerMinute: read(env, 'API_RATE_LIMIT_PER_MINUTE', 'a whole number of requests (1–100000)', positiveInt(100000), 120),
    publicUrl,
    mail: parseMail(env, publicUrl),
    backup: {
      dir: path.resolve(cwd, env.BACKUP_DIR?.trim() || path.join(dataDir, 'backups')),
      everyHours: read(env, 'BACKUP_EVERY_HOURS', 'a whole number of hours (1–8760), or empty for no scheduled backups', positiveInt(8760), undefined as number | undefined),
      keep: read(env, 'BACKUP_KEEP', 'a whole number of archives to keep (1–1000)', positiveInt(1000), 7),
    },
    webhookLeaseMs: read(env, 'WEBHOOK_LEASE_SECONDS', `a whole number of seconds (${WEBHOOK_MIN_LEASE_SECONDS}–3600): at least a webhook's request timeout (10 s) plus 20 s`, positiveInt(3600).min(WEBHOOK_MIN_LEASE_SECONDS), 60) * 1000,
    webConcurrency: parseWebConcurrency(env.WEB_CONCURRENCY, cpus),
    oidc: parseOidc(env),
  };
  return Object.freeze(config);
}
