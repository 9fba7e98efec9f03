import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { allow } from '../auth/guard';
import type { UseCaseDeps } from '../events/unit-of-work';
import { NotFoundError, ValidationError, type FieldErrors } from '../shared/errors';
import { positiveInt } from '../shared/ids';
import { addFlash } from '../web/flash';
import { checkboxField, keepValues, listField, parseForm } from '../web/forms';
import { renderPage } from '../web/render';
import { DESCRIPTION_MAX, type EndpointInput, URL_MAX } from './endpoint';
import { HEADERS, MAX_ATTEMPTS, WEBHOOK_EVENTS } from './webhook';
import { findEndpoint, listDeliveries, listEndpoints, type WebhookEndpoint } from './webhooks.repository';
import { changeEndpoint, createEndpoint, redeliver, removeEndpoint, rotateSecret } from './webhooks.use-cases';

export type WebhooksRouterDeps = UseCaseDeps & { readonly onQueued?: () => void };

const PAGE_SIZE = 25;
const FIELDS = ['url', 'description', 'allow_http', 'allow_private', 'enabled'];

const endpointSchema = z.object({
  url: z.string('validation.invalid').default(''),
  description: z.string('validation.invalid').default(''),
  events: listField,
  allow_http: checkboxField,
  allow_private: checkboxField,
  enabled: checkboxField,
});

type FormState = { values: Record<string, string>; events: readonly string[]; fieldErrors: FieldErrors };

const valuesOf = (endpoint: WebhookEndpoint): FormState => ({
  values: { url: endpoint.url, description: endpoint.description, allow_http: endpoint.allowHttp ? 'on' : '', allow_private: endpoint.allowPrivate ? 'on' : '', enabled: endpoint.enabled ? 'on' : '' },
  events: endpoint.events,
  fieldErrors: {},
});

/** The form as sent, for a page that shows it again; `input` is undefined when it could not be read at all. */
function readForm(body: unknown): { form: FormState; input: EndpointInput | undefined } {
  const kept = keepValues(body, FIELDS);
  const parsed = parseForm(endpointSchema, body);
  if (!parsed.ok) return { form: { values: kept, events: [], fieldErrors: parsed.errors }, input: undefined };
  const d = parsed.data;
  return { form: { values: kept, events: d.events, fieldErrors: {} }, input: { url: d.url, description: d.description, events: d.events, allowHttp: d.allow_http, allowPrivate: d.allow_private, enabled: d.enabled } };
}

function formModel(form: FormState) {
  return { ...form, allEvents: WEBHOOK_EVENTS, urlMax: URL_MAX, descriptionMax: DESCRIPTION_MAX };
}

async function loadEndpoint(deps: WebhooksRouterDeps, req: Request): Promise<WebhookEndpoint> {
  const id = positiveInt(req.params.id);
  const endpoint = id === undefined ? undefined : await findEndpoint(deps.db, id);
  if (!endpoint) throw new NotFoundError();
  return endpoint;
}

async function endpointPage(deps: WebhooksRouterDeps, req: Request, res: Response, endpoint: WebhookEndpoint, form: FormState = valuesOf(endpoint), status = 200): Promise<void> {
  const page = Math.min(positiveInt(req.query.page) ?? 1, 10_000);
  const { deliveries, hasNext } = await listDeliveries(deps.db, endpoint.id, { size: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  await renderPage(req, res, 'webhooks/endpoint', { title: 'webhooks.edit.title', endpoint, ...formModel(form), deliveries, page, hasNext, maxAttempts: MAX_ATTEMPTS, headers: HEADERS }, status);
}

/**
 * After a create or a rotation: the endpoint's page, the new signing secret shown there once (a
 * flash message), so reloading it neither shows the secret again nor sends the form again.
 */
function showSecretOnce(req: Request, res: Response, endpointId: number, secret: string, message: 'webhooks.created' | 'webhooks.rotated'): void {
  addFlash(req, { kind: 'success', message, value: secret });
  res.redirect(303, `/settings/webhooks/${endpointId}`);
}

/** Admins: endpoints told about hiring events, each with its signing secret and delivery log (under settings). */
export function createWebhooksRouter(deps: WebhooksRouterDeps): Router {
  const router = Router();

  router.get('/settings/webhooks', allow('settings:manage'), async (req, res) => {
    await renderPage(req, res, 'webhooks/index', { title: 'webhooks.title', endpoints: await listEndpoints(deps.db) });
  });

  router.get('/settings/webhooks/new', allow('settings:manage'), async (req, res) => {
    await renderPage(req, res, 'webhooks/new', { title: 'webhooks.new.title', ...formModel({ values: { enabled: 'on' }, events: [], fieldErrors: {} }) });
  });

  router.post('/settings/webhooks', allow('settings:manage'), async (req, res) => {
    const { form, input } = readForm(req.body);
    const again = (fieldErrors: FieldErrors) => renderPage(req, res, 'webhooks/new', { title: 'webhooks.new.title', ...formModel({ ...form, fieldErrors }) }, 422);
    if (!input) return again(form.fieldErrors);
    try {
      const { id, secret } = await createEndpoint(deps, req.user!, input);
      showSecretOnce(req, res, id, secret, 'webhooks.created');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await again(err.fieldErrors);
    }
  });

  router.get('/settings/webhooks/:id', allow('settings:manage'), async (req, res) => endpointPage(deps, req, res, await loadEndpoint(deps, req)));

  router.post('/settings/webhooks/:id', allow('settings:manage'), async (req, res) => {
    const endpoint = await loadEndpoint(deps, req);
    const { form, input } = readForm(req.body);
    if (!input) return endpointPage(deps, req, res, endpoint, form, 422);
    try {
      await changeEndpoint(deps, req.user!, endpoint.id, input);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return endpointPage(deps, req, res, endpoint, { ...form, fieldErrors: err.fieldErrors }, 422);
    }
    addFlash(req, { kind: 'success', message: 'webhooks.saved' });
    res.redirect(303, `/settings/webhooks/${endpoint.id}`);
  });

  router.post('/settings/webhooks/:id/rotate', allow('settings:manage'), async (req, res) => {
    const endpoint = await loadEndpoint(deps, req);
    showSecretOnce(req, res, endpoint.id, await rotateSecret(deps, req.user!, endpoint.id), 'webhooks.rotated');
  });

  router.post('/settings/webhooks/:id/delete', allow('settings:manage'), async (req, res) => {
    const endpoint = await loadEndpoint(deps, req);
    await removeEndpoint(deps, req.user!, endpoint.id);
    addFlash(req, { kind: 'success', message: 'webhooks.deleted' });
    res.redirect(303, '/settings/webhooks');
  });

  router.post('/settings/webhooks/:id/deliveries/:deliveryId/redeliver', allow('settings:manage'), async (req, res) => {
    const endpoint = await loadEndpoint(deps, req);
    const deliveryId = positiveInt(req.params.deliveryId);
    if (deliveryId === undefined) throw new NotFoundError();
    if (await redeliver(deps, req.user!, endpoint.id, deliveryId)) {
      deps.onQueued?.();
      addFlash(req, { kind: 'success', message: 'webhooks.redelivered' });
    } else {
      addFlash(req, { kind: 'info', message: 'webhooks.notRedelivered' });
    }
    res.redirect(303, `/settings/webhooks/${endpoint.id}#deliveries`);
  });

  return router;
}
