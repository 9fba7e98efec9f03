import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Clock } from '../clock';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './passwords';

/** A password field: any text up to a sane length (the policy is checked apart, with its own messages). */
export const passwordField = z.string('validation.invalid').max(4096, 'password.tooLong');

/** Signs a person in: passport regenerates the session (a fixed session id cannot be carried into the signed-in one). */
export function logIn(req: Request, user: Express.User, clock: Clock): Promise<void> {
  const language = req.session.language;
  return new Promise((resolve, reject) => {
    req.logIn(user, (err) => {
      if (err) return reject(err);
      if (language) req.session.language = language;
      req.session.authenticatedAt = clock.now().getTime();
      resolve();
    });
  });
}

/** The password rules, in the page's language, for the forms that set a password. */
export function passwordRules(res: Response): string {
  const t = res.locals.t as (key: 'password.rules', p: Record<string, number>) => string;
  return t('password.rules', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH });
}
