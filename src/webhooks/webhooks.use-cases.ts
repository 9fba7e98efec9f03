import { requirePermission } from '../auth/permissions';
import type { Viewer } from '../auth/scopes';
import { runInUnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import { NotFoundError, ValidationError } from '../shared/errors';
import { type EndpointInput, validateEndpoint } from './endpoint';
import { generateSecret } from './webhook';
import { deleteEndpoint, findDelivery, findEndpoint, insertEndpoint, replaceSecret, requeueDelivery, updateEndpoint } from './webhooks.repository';

/** An admin registers an endpoint; its signing secret is returned to be shown once. */
export async function createEndpoint(deps: UseCaseDeps, actor: Viewer, input: EndpointInput): Promise<{ id: number; secret: string }> {
  requirePermission(actor, 'settings:manage');
  const valid = validateEndpoint(input);
  if (!valid.ok) throw new ValidationError(valid.errors);
  return runInUnitOfWork(deps, async (uow) => {
    const secret = generateSecret();
    const id = await insertEndpoint(uow.trx, valid.endpoint, secret, actor.id, uow.now);
    uow.record({ type: 'WebhookEndpointCreated', actorId: actor.id, subject: { type: 'webhook_endpoint', id }, endpointId: id });
    return { id, secret };
  });
}

/** Changes an endpoint's URL, events, allowances, or turns it off (deliveries already written stay as they are). */
export async function changeEndpoint(deps: UseCaseDeps, actor: Viewer, id: number, input: EndpointInput): Promise<void> {
  requirePermission(actor, 'settings:manage');
  await runInUnitOfWork(deps, async (uow) => {
    if (!(await findEndpoint(uow.trx, id))) throw new NotFoundError();
    const valid = validateEndpoint(input);
    if (!valid.ok) throw new ValidationError(valid.errors);
    await updateEndpoint(uow.trx, id, valid.endpoint, uow.now);
    uow.record({ type: 'WebhookEndpointChanged', actorId: actor.id, subject: { type: 'webhook_endpoint', id }, endpointId: id });
  });
}

/** A new signing secret, at once in force for every try from now on; returned to be shown once. */
export async function rotateSecret(deps: UseCaseDeps, actor: Viewer, id: number): Promise<string> {
  requirePermission(actor, 'settings:manage');
  return runInUnitOfWork(deps, async (uow) => {
    if (!(await findEndpoint(uow.trx, id))) throw new NotFoundError();
    const secret = generateSecret();
    await replaceSecret(uow.trx, id, secret, uow.now);
    uow.record({ type: 'WebhookSecretRotated', actorId: actor.id, subject: { type: 'webhook_endpoint', id }, endpointId: id });
    return secret;
  });
}

/** Removes an endpoint and its delivery log. */
export async function removeEndpoint(deps: UseCaseDeps, actor: Viewer, id: number): Promise<void> {
  requirePermission(actor, 'settings:manage');
  await runInUnitOfWork(deps, async (uow) => {
    if (!(await findEndpoint(uow.trx, id))) throw new NotFoundError();
    await deleteEndpoint(uow.trx, id);
    uow.record({ type: 'WebhookEndpointDeleted', actorId: actor.id, subject: { type: 'webhook_endpoint', id }, endpointId: id });
  });
}

/**
 * Posts a delivery done with (delivered, or failed for good) again now, with its tries counted afresh
 * and the same delivery id (a receiver that already handled it recognises it); false for one still
 * waiting for a try or being posted (its tries are not reset), or whose candidate was erased.
 */
export async function redeliver(deps: UseCaseDeps, actor: Viewer, endpointId: number, deliveryRowId: number): Promise<boolean> {
  requirePermission(actor, 'settings:manage');
  return runInUnitOfWork(deps, async (uow) => {
    if (!(await findEndpoint(uow.trx, endpointId)) || !(await findDelivery(uow.trx, endpointId, deliveryRowId))) throw new NotFoundError();
    const requeued = await requeueDelivery(uow.trx, endpointId, deliveryRowId, uow.now);
    if (requeued) uow.record({ type: 'WebhookRedeliveryRequested', actorId: actor.id, subject: { type: 'webhook_endpoint', id: endpointId }, counts: { delivery: deliveryRowId }, endpointId, deliveryId: deliveryRowId });
    return requeued;
  });
}
