import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import type { MessageKey, Translate } from '../i18n/i18n';
import { takeFlash } from './flash';
import { type Brand, navBadgesOf, NO_BRAND } from './locals';

export interface PageModel {
  /** Page title as a message key, or a literal (e.g. a person's name). */
  readonly title: MessageKey | { readonly text: string };
  /** 'print': a plain page without navigation, for printing. */
  readonly layout?: 'print';
  /** A public page anyone may keep (the careers list): its Cache-Control; otherwise pages are never cached. */
  readonly cacheControl?: string;
  readonly [key: string]: unknown;
}

/** Renders `views/<view>.ejs` with these locals. */
export function renderView(res: Response, view: string, locals: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    res.app.render(view, locals, (err: Error | null, html?: string) => (err ? reject(err) : resolve(html ?? '')));
  });
}

/**
 * Renders `views/<view>.ejs` inside `views/layout.ejs`. EJS has no layouts, so this renders twice.
 * `view` may instead be a body rendered earlier (a page that keeps its body); `keepBody` is handed
 * the body once rendered.
 */
export function renderPage(req: Request, res: Response, view: string | { readonly body: string }, model: PageModel, status = 200, keepBody?: (body: string) => void): Promise<void> {
  return renderPageWith(req, res, model, async (locals) => {
    if (typeof view !== 'string') return view.body;
    const body = await renderView(res, view, locals);
    keepBody?.(body);
    return body;
  }, status);
}

/** Renders the page's locals to the view's HTML (a view can be a template, or HTML kept from before). */
export type BodyRenderer = (locals: Record<string, unknown>) => Promise<string>;

/** Like `renderPage`, with the view's HTML made by `renderBody` from the page's locals, inside the layout. */
export async function renderPageWith(req: Request, res: Response, model: PageModel, renderBody: BodyRenderer, status = 200): Promise<void> {
  const t = res.locals.t as Translate;
  const title = typeof model.title === 'string' ? t(model.title) : model.title.text;
  // Navigation counts are shown on full pages, not in print layouts.
  const readBadges = navBadgesOf(res);
  const readBrand = res.locals.readBrand as (() => Promise<Brand>) | undefined;
  const [badges, brand] = await Promise.all([
    readBadges && model.layout !== 'print' ? readBadges() : {},
    // A page (an error page above all) still renders when the company's name cannot be read.
    readBrand ? readBrand().catch(() => NO_BRAND) : NO_BRAND,
  ]);
  const locals = { ...res.locals, ...model, title, badges, brand };
  const body = await renderBody(locals);
  const layout = model.layout === 'print' ? 'layout-print' : 'layout';
  const html = await renderView(res, layout, { ...locals, body: BODY_MARK, flash: req.session ? takeFlash(req, t) : [] });
  // Pages show personal data: never keep them in the browser's cache (Back after sign-out shows nothing).
  res.set('Cache-Control', model.cacheControl ?? 'no-store');
  res.status(status).type('html').send(pageBytes(html, body));
}

/** Stands for the body in the layout's HTML until the page is encoded (never in a page sent). */
export const BODY_MARK = `<!--body ${crypto.randomUUID()}-->`;

/**
 * The page as UTF-8: the layout around the body, each encoded apart. One string of both would hold
 * every character in two bytes as soon as either part has one beyond Latin-1 (the layout always
 * does: "Русский" in the language switch), and building that string from the pieces a template
 * made costs three to four times as much as encoding the pieces (an 85 KB comparison grid: 0.9 ms
 * a request). A kept body, encoded again on every request, is read from one flat string.
 */
export function pageBytes(layoutHtml: string, body: string): Buffer {
  const at = layoutHtml.indexOf(BODY_MARK);
  if (at < 0) return Buffer.from(layoutHtml);
  return Buffer.concat([Buffer.from(layoutHtml.slice(0, at)), Buffer.from(body), Buffer.from(layoutHtml.slice(at + BODY_MARK.length))]);
}
