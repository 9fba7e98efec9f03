import type { MessageKey } from '../i18n/i18n';
import { checkTargetUrl, type TargetProblem } from './address';
import { isWebhookEvent, type WebhookEvent } from './webhook';

export const URL_MAX = 2000;
export const DESCRIPTION_MAX = 200;

export interface EndpointInput {
  readonly url: string;
  readonly description: string;
  readonly events: readonly string[];
  readonly allowHttp: boolean;
  readonly allowPrivate: boolean;
  readonly enabled: boolean;
}

export interface ValidEndpoint {
  readonly url: string;
  readonly description: string;
  readonly events: readonly WebhookEvent[];
  readonly allowHttp: boolean;
  readonly allowPrivate: boolean;
  readonly enabled: boolean;
}

const URL_MESSAGES: Readonly<Record<TargetProblem, MessageKey>> = {
  invalid: 'webhooks.error.url',
  scheme: 'webhooks.error.scheme',
  credentials: 'webhooks.error.credentials',
  http: 'webhooks.error.http',
  private: 'webhooks.error.private',
};

/**
 * An endpoint as an admin may save it: an https:// URL (http:// only when allowed), whose host is not
 * a private or loopback address unless that is allowed; at least one event; a short description.
 */
export function validateEndpoint(input: EndpointInput): { ok: true; endpoint: ValidEndpoint } | { ok: false; errors: Record<string, MessageKey> } {
  const errors: Record<string, MessageKey> = {};
  const url = input.url.trim();
  let normalized = url;
  if (url === '') errors.url = 'validation.required';
  else if (url.length > URL_MAX) errors.url = 'validation.tooLong';
  else {
    const checked = checkTargetUrl(url, input);
    if (checked.ok) normalized = checked.url.toString();
    else errors.url = URL_MESSAGES[checked.problem];
    // What is stored and posted to is the normalised URL (percent-encoded, punycode): it must fit too.
    if (checked.ok && normalized.length > URL_MAX) errors.url = 'validation.tooLong';
  }
  const description = input.description.trim();
  if (description.length > DESCRIPTION_MAX) errors.description = 'validation.tooLong';
  const events = [...new Set(input.events)];
  if (events.length === 0) errors.events = 'webhooks.error.events';
  else if (!events.every(isWebhookEvent)) errors.events = 'validation.invalid';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, endpoint: { url: normalized, description, events: events as WebhookEvent[], allowHttp: input.allowHttp, allowPrivate: input.allowPrivate, enabled: input.enabled } };
}
