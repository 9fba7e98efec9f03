import type { Kysely } from 'kysely';
import type { Role } from '../../src/auth/permissions';
import type { Clock } from '../../src/clock';
import type { Database } from '../../src/db/database';
import { createEventHandlers, type EventHandlerOptions } from '../../src/event-handlers';
import type { UseCaseDeps } from '../../src/events/unit-of-work';

/** What a use case runs with, on a test database: the app's own event handlers and the given clock (real time by default). */
export function useCaseDeps(db: Kysely<Database>, options: { clock?: Clock } & EventHandlerOptions = {}): UseCaseDeps {
  return { db, clock: options.clock ?? { now: () => new Date() }, handlers: createEventHandlers(options) };
}

/** An actor for fixtures: someone with the admin's rights, recorded under the given user id. */
export function actingAs(id: number, role: Role = 'admin'): { id: number; role: Role } {
  return { id, role };
}
