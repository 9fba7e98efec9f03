import { requirePermission } from '../auth/permissions';
import type { Viewer } from '../auth/scopes';
import { runInUnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import { GoneError } from '../shared/errors';
import { findUnsubscribeToken, optOut } from './notifications.repository';
import { requeueMessage } from './outbox.repository';

/** An admin asks for a test message to themselves (it shows in the outbox like any other). */
export async function requestTestMessage(deps: UseCaseDeps, actor: Viewer): Promise<void> {
  requirePermission(actor, 'settings:manage');
  await runInUnitOfWork(deps, async (uow) => {
    uow.record({ type: 'MailTestRequested', actorId: actor.id, subject: { type: 'user', id: actor.id }, userId: actor.id });
  });
}

/** A failed (or never sent) message goes out again with all its tries; false when it is not in such a state. */
export async function retryMessage(deps: UseCaseDeps, actor: Viewer, messageId: number): Promise<boolean> {
  requirePermission(actor, 'settings:manage');
  return runInUnitOfWork(deps, (uow) => requeueMessage(uow.trx, messageId, uow.now));
}

/** Whom and what an unsubscribe link is for; GoneError when it expired or never existed. */
export async function findUnsubscribeLink(deps: UseCaseDeps, token: string): Promise<{ userId: number; kind: string }> {
  const found = await findUnsubscribeToken(deps.db, token, deps.clock.now());
  if (!found) throw new GoneError('unsubscribe.invalid');
  return found;
}

/** The one-click link in a notification: that person gets no more of that kind (idempotent). */
export async function unsubscribe(deps: UseCaseDeps, token: string): Promise<{ userId: number; kind: string }> {
  return runInUnitOfWork(deps, async (uow) => {
    const found = await findUnsubscribeToken(uow.trx, token, uow.now);
    if (!found) throw new GoneError('unsubscribe.invalid');
    await optOut(uow.trx, found.userId, found.kind, uow.now);
    uow.record({ type: 'NotificationUnsubscribed', actorId: found.userId, subject: { type: 'user', id: found.userId }, userId: found.userId, kind: found.kind });
    return found;
  });
}
