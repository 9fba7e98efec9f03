import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

declare module 'express-serve-static-core' {
  interface Request {
    /** This request's id, also sent back as `X-Request-Id` and written with every log line about it. */
    id?: string;
  }
}

/** Tokens in links (invites, password resets, e-mail confirmations, unsubscribe links), CSRF tokens and single sign-on answers are credentials: keep them out of the request log. */
export function redactUrl(url: string): string {
  // The single sign-on callback's code, state and issuer are the provider's answer for one browser.
  if (/^\/auth\/oidc\/callback(\?|$)/.test(url)) url = url.replace(/([?&](?:code|state|iss|session_state)=)[^&#]*/g, '$1[redacted]');
  return url.replace(/\/(invite|reset-password|unsubscribe|account\/email|calendar)\/[^/?#]+/, '/$1/[redacted]').replace(/([?&]_csrf=)[^&#]*/, '$1[redacted]');
}

/**
 * One log line per finished request (static files aside): id, method, URL without credentials,
 * status, time taken and who asked. Server errors are logged at "error", the rest at "info"; when
 * the configured level leaves a line out, nothing about it is built. Headers are never logged.
 */
export function requestLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const id = crypto.randomUUID();
    req.id = id;
    res.setHeader('X-Request-Id', id);
    if (req.url.startsWith('/static/')) return next();
    const started = process.hrtime.bigint();
    const done = (): void => {
      res.removeListener('finish', done);
      res.removeListener('close', done);
      const status = res.headersSent ? res.statusCode : 499;
      const level = status >= 500 ? 'error' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          req: { id, method: req.method, url: redactUrl(req.originalUrl), remoteAddress: req.socket.remoteAddress },
          res: { statusCode: status },
          responseTime: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
          userId: req.user?.id,
        },
        res.writableFinished ? 'request completed' : 'request aborted',
      );
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}
