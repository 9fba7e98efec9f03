import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';

/**
 * The configured secret, or one generated on first start and kept in the data directory (0600),
 * so sessions survive restarts. Several instances must share SESSION_SECRET instead.
 */
export function resolveSessionSecret(configured: string | undefined, dataDir: string, logger: Logger): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'session-secret');
  if (fs.existsSync(file)) {
    const stored = fs.readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) {
      logger.warn({ file }, 'SESSION_SECRET is not set; using the secret stored in the data directory');
      return stored;
    }
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(48).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  logger.warn({ file }, 'SESSION_SECRET is not set; generated one and stored it in the data directory');
  return secret;
}
