import type { DomainEventType } from '../events/domain-events';
import type { EventHandler } from '../events/unit-of-work';
import { AUDIT_ACTIONS } from './audit-actions';
import { insertAuditEntries } from './audit.repository';

/** Writes one audit row per event, in the transaction that recorded it: who, what, on which record, when, and counts. */
export function auditLogHandler(): EventHandler {
  return {
    name: 'audit log',
    listensTo: Object.keys(AUDIT_ACTIONS) as DomainEventType[],
    async handle(trx, events, { at }) {
      await insertAuditEntries(
        trx,
        events.map((event) => ({ actorId: event.actorId, action: AUDIT_ACTIONS[event.type], subjectType: event.subject.type, subjectId: event.subject.id, detail: event.counts ?? {} })),
        at,
      );
    },
  };
}
