import path from 'node:path';
import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type DatabaseConfig =
  | { readonly dialect: 'sqlite'; readonly filename: string }
  | { readonly dialect: 'postgres'; readonly connectionString: string };

/** Express's `trust proxy` setting: off, on, a hop count, or a list of addresses/subnets. */
export type TrustProxy = boolean | number | string;

export interface Config {
  readonly port: number;
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  /** Undefined when not configured; the server then generates one and keeps it in the data directory. */
  readonly sessionSecret: string | undefined;
  readonly uploadDir: string;
  readonly uploadMaxBytes: number;
  readonly trustProxy: TrustProxy;
  readonly cookieSecure: boolean;
  readonly logLevel: LogLevel;
  readonly sessionIdleTimeoutMs: number;
  readonly sessionAbsoluteTimeoutMs: number;
  readonly inviteTtlMs: number;
  /** The base of every link Salesbench hands out (invite links, and mail): never taken from a request's Host header. No trailing slash. */
  readonly publicUrl: string;
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

const positiveInt = (max: number) => z.coerce.number().int().min(1).max(max);

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
 * Throws ConfigError naming the first bad variable.
 */
export function loadConfig(env: Env, cwd: string = process.cwd()): Config {
  const dataDir = path.resolve(cwd, env.DATA_DIR?.trim() || './data');
  const sessionSecret = read(env, 'SESSION_SECRET', 'at least 32 characters', z.string().min(32), undefined as string | undefined);
  const port = read(env, 'PORT', 'an integer between 1 and 65535', positiveInt(65535), 3000);
  const config: Config = {
    port,
    dataDir,
    database: parseDatabaseUrl(env.DATABASE_URL, dataDir),
    sessionSecret,
    uploadDir: path.resolve(cwd, env.UPLOAD_DIR?.trim() || path.join(dataDir, 'uploads')),
    uploadMaxBytes: read(env, 'UPLOAD_MAX_MB', 'a whole number of megabytes (1–100)', positiveInt(100), 10) * 1024 * 1024,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    cookieSecure: read(env, 'COOKIE_SECURE', 'true or false', booleanText, false),
    logLevel: read(env, 'LOG_LEVEL', `one of ${LOG_LEVELS.join(', ')}`, z.enum(LOG_LEVELS), 'info'),
    sessionIdleTimeoutMs: read(env, 'SESSION_IDLE_TIMEOUT_MINUTES', 'a whole number of minutes (1–10080)', positiveInt(10080), 480) * 60_000,
    sessionAbsoluteTimeoutMs: read(env, 'SESSION_ABSOLUTE_TIMEOUT_HOURS', 'a whole number of hours (1–8760)', positiveInt(8760), 168) * 3_600_000,
    inviteTtlMs: read(env, 'INVITE_TTL_HOURS', 'a whole number of hours (1–720)', positiveInt(720), 168) * 3_600_000,
    publicUrl: parsePublicUrl(env.PUBLIC_URL, port),
  };
  return Object.freeze(config);
}
