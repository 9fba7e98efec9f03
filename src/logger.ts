import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config';
import { stdoutLogOutput } from './log-output';

/**
 * JSON logs, on stdout unless told otherwise (see LogOutput: writing never blocks). Cookies,
 * authorisation headers and passwords are never written.
 */
export function createLogger(level: LogLevel, destination: DestinationStream = stdoutLogOutput()): Logger {
  return pino(
    {
      level,
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.password_confirm', '*.sessionSecret'], remove: true },
    },
    destination,
  );
}
