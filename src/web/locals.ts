import type { NextFunction, Request, Response } from 'express';
import { type Language, negotiateLanguage, translator, LANGUAGES } from '../i18n/i18n';
import { csrfTokenFor } from './csrf';

/** The user's saved choice, then this browser session's choice, then Accept-Language, then English. */
export function languageOf(req: Request): Language {
  return req.user?.language ?? req.session?.language ?? negotiateLanguage(req.get('accept-language')) ?? 'en';
}

/** What the layout needs to know about the signed-in person; the app's access rules provide it. */
export interface LayoutAccess {
  /** Whether the user's role grants a permission (views hide what a role may not open). */
  can(user: Express.User, permission: string): boolean;
  /** The navigation entries the user may open, the current one marked. */
  navigation(user: Express.User, currentPath: string): readonly { href: string; label: string; current: boolean }[];
  /** Counts shown beside navigation entries (href → count): read once a request, at its start for a signed-in GET, else when a page is rendered. */
  badges?(user: Express.User): Promise<Readonly<Record<string, number>>>;
  /** The company's name and logo, shown in the header and the page titles (read as the counts are). */
  brand?(): Promise<Brand>;
}

/** What pages show of the company: its name ('' until an admin names it) and its logo's URL, if it has one. */
export interface Brand {
  readonly name: string;
  readonly logoUrl: string | null;
}

export const NO_BRAND: Brand = { name: '', logoUrl: null };

export type PageLocals = (req: Request, res: Response, next: NextFunction) => void;

/**
 * A read done at most once per request; started now when `start` is set. A read started early
 * that fails, on a request that never renders a page, is not an unhandled rejection: whoever asks
 * for it still gets the failure.
 */
function readOnce<T>(read: () => Promise<T>, start: boolean): () => Promise<T> {
  let pending: Promise<T> | undefined;
  const get = () => (pending ??= read());
  if (start) get().catch(() => undefined);
  return get;
}

/** The request's navigation counts (href → count), read once however often asked; undefined when nobody is signed in. */
export function navBadgesOf(res: Response): (() => Promise<Readonly<Record<string, number>>>) | undefined {
  return res.locals.navBadges as (() => Promise<Readonly<Record<string, number>>>) | undefined;
}

/** Values every view may use: translation, current user, permissions, CSRF token, navigation. */
export function createPageLocals(access: LayoutAccess): PageLocals {
  return (req, res, next) => {
    const language = languageOf(req);
    const user = req.user;
    res.locals.lang = language;
    res.locals.languages = LANGUAGES;
    res.locals.t = translator(language);
    res.locals.user = user;
    res.locals.currentPath = req.path;
    res.locals.currentUrl = req.originalUrl;
    res.locals.can = (permission: string) => (user ? access.can(user, permission) : false);
    res.locals.csrfToken = () => (req.session ? csrfTokenFor(req) : '');
    res.locals.nav = user ? access.navigation(user, req.path) : [];
    // A signed-in GET is most likely a page: its navigation count and the company's name are read at
    // once, beside the page's own queries (on PostgreSQL a round trip the page no longer waits for
    // at its end). Anything else reads them only if it renders a page.
    const early = req.method === 'GET' && user !== undefined;
    res.locals.navBadges = user && access.badges ? readOnce(() => access.badges!(user), early) : undefined;
    res.locals.readBrand = access.brand ? readOnce(access.brand, early) : undefined;
    res.locals.brand = NO_BRAND;
    res.locals.fieldErrors = {};
    res.locals.values = {};
    next();
  };
}
