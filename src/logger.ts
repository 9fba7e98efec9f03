import pino, { type Logger } from 'pino';
import type { LogLevel } from './config';

/** JSON logs on stdout. Cookies, authorisation headers and passwords are never written. */
export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.password_confirm', '*.sessionSecret'], remove: true },
  });
}
