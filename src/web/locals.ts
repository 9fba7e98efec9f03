import type { NextFunction, Request, Response } from 'express';
import { type Language, negotiateLanguage, translator, LANGUAGES } from '../i18n/i18n';
import { type Permission, roleCan } from '../auth/permissions';
import { csrfTokenFor } from './csrf';
import { navigationFor } from './navigation';

/** The user's saved choice, then this browser session's choice, then Accept-Language, then English. */
export function languageOf(req: Request): Language {
  return req.user?.language ?? req.session?.language ?? negotiateLanguage(req.get('accept-language')) ?? 'en';
}

/** Values every view may use: translation, current user, permissions, CSRF token, navigation. */
export function pageLocals(req: Request, res: Response, next: NextFunction): void {
  const language = languageOf(req);
  const user = req.user;
  res.locals.lang = language;
  res.locals.languages = LANGUAGES;
  res.locals.t = translator(language);
  res.locals.user = user;
  res.locals.currentPath = req.path;
  res.locals.currentUrl = req.originalUrl;
  res.locals.can = (permission: Permission) => (user ? roleCan(user.role, permission) : false);
  res.locals.csrfToken = () => (req.session ? csrfTokenFor(req) : '');
  res.locals.nav = user ? navigationFor(user.role, req.path) : [];
  res.locals.fieldErrors = {};
  res.locals.values = {};
  next();
}
