import { Router, type Request, type Response } from 'express';
import { allow, publicAccess } from '../auth/guard';
import type { MailConfig } from '../config';
import type { UseCaseDeps } from '../events/unit-of-work';
import { isMessageKey, type MessageKey, type Translate } from '../i18n/i18n';
import { findUserById } from '../users/users.service';
import { NotFoundError } from '../shared/errors';
import { positiveInt } from '../shared/ids';
import { addFlash } from '../web/flash';
import { renderPage } from '../web/render';
import { hideOneTimeLinks } from './mail-kinds';
import { findMessage, listMessages } from './outbox.repository';
import { findUnsubscribeLink, requestTestMessage, retryMessage, unsubscribe } from './mail.use-cases';

export type MailRouterDeps = UseCaseDeps & { readonly mail: MailConfig | undefined; readonly onMailQueued?: () => void };

const PAGE_SIZE = 25;
const STATES = ['pending', 'sending', 'sent', 'failed', 'not_configured'] as const;
const t = (res: Response) => res.locals.t as Translate;
const kindLabel = (tr: Translate, kind: string) => (isMessageKey(`mail.kind.${kind}`) ? tr(`mail.kind.${kind}` as MessageKey) : kind);

async function mailPage(deps: MailRouterDeps, req: Request, res: Response): Promise<void> {
  const state = (STATES as readonly unknown[]).includes(req.query.state) ? (req.query.state as (typeof STATES)[number]) : undefined;
  const page = Math.min(positiveInt(req.query.page) ?? 1, 10_000);
  const { messages, hasNext } = await listMessages(deps.db, state ? { state } : {}, { size: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const smtp = deps.mail && { host: deps.mail.host, port: deps.mail.port, security: t(res)(deps.mail.secure ? 'mailPage.security.tls' : 'mailPage.security.starttls'), from: deps.mail.fromAddress };
  await renderPage(req, res, 'mail/index', {
    title: 'mailPage.title',
    smtp,
    messages: messages.map((m) => ({ ...m, kindLabel: kindLabel(t(res), m.kind) })),
    states: STATES,
    state: state ?? '',
    page,
    hasNext,
    queryString: state ? `state=${state}` : '',
  });
}

/** The message a route names; admins see one-time links hidden. */
async function loadMessage(deps: MailRouterDeps, req: Request, res: Response) {
  const id = positiveInt(req.params.id);
  const message = id === undefined ? undefined : await findMessage(deps.db, id);
  if (!message) throw new NotFoundError();
  const hidden = t(res)('mailPage.hiddenLink');
  return message.secret ? { ...message, text: hideOneTimeLinks(message.text, hidden), html: hideOneTimeLinks(message.html, hidden) } : message;
}

/** Admins: whether and how mail goes out, a test message, and every message written (paged), each as its recipient sees it. */
export function createMailRouter(deps: MailRouterDeps): Router {
  const router = Router();
  router.get('/settings/mail', allow('settings:manage'), (req, res) => mailPage(deps, req, res));
  router.post('/settings/mail/test', allow('settings:manage'), async (req, res) => {
    await requestTestMessage(deps, req.user!);
    addFlash(req, { kind: deps.mail ? 'success' : 'info', ...(deps.mail ? { message: 'mailPage.testQueued', params: { email: req.user!.email } } : { message: 'mailPage.testNotConfigured' }) });
    res.redirect(303, '/settings/mail');
  });
  router.get('/settings/mail/:id', allow('settings:manage'), async (req, res) => {
    const message = await loadMessage(deps, req, res);
    await renderPage(req, res, 'mail/message', { title: { text: t(res)('mailPage.message.title', { subject: message.subject }) }, message: { ...message, kindLabel: kindLabel(t(res), message.kind) }, fromAddress: deps.mail?.fromAddress ?? '', canRetry: deps.mail !== undefined && !message.secret && (message.state === 'failed' || message.state === 'not_configured') });
  });
  // The HTML part alone, for the frame on the message page: its own page with a CSP that runs nothing.
  router.get('/settings/mail/:id/html', allow('settings:manage'), async (req, res) => {
    const message = await loadMessage(deps, req, res);
    res.set({ 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox", 'X-Frame-Options': 'SAMEORIGIN', 'Cache-Control': 'no-store' });
    res.type('html').send(message.html);
  });
  router.post('/settings/mail/:id/retry', allow('settings:manage'), async (req, res) => {
    const id = positiveInt(req.params.id);
    if (id === undefined || !(await findMessage(deps.db, id))) throw new NotFoundError();
    if (!deps.mail) {
      // Without SMTP nothing would send it: it stays as it is, and the page says why.
      addFlash(req, { kind: 'info', message: 'mailPage.retryNotConfigured' });
    } else if (await retryMessage(deps, req.user!, id)) {
      deps.onMailQueued?.();
      addFlash(req, { kind: 'success', message: 'mailPage.retried' });
    }
    res.redirect(303, `/settings/mail/${id}`);
  });
  return router;
}

/** A notification's one-click unsubscribe link: a page with a button, and the POST mail programs send (RFC 8058). */
export function createUnsubscribeRouter(deps: UseCaseDeps): Router {
  const router = Router();
  router.get('/unsubscribe/:token', publicAccess(), async (req, res) => {
    const link = await findUnsubscribeLink(deps, String(req.params.token));
    const user = await findUserById(deps.db, link.userId);
    await renderPage(req, res, 'mail/unsubscribe', { title: 'unsubscribe.title', token: req.params.token, kind: kindLabel(t(res), link.kind), email: user?.email ?? '', done: false });
  });
  router.post('/unsubscribe/:token', publicAccess(), async (req, res) => {
    const { kind } = await unsubscribe(deps, String(req.params.token));
    await renderPage(req, res, 'mail/unsubscribe', { title: 'unsubscribe.title', token: req.params.token, kind: kindLabel(t(res), kind), email: '', done: true });
  });
  return router;
}
