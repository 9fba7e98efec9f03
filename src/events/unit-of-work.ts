import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { bumpDataVersion } from '../db/data-version';
import type { DomainEvent, DomainEventType } from './domain-events';

/**
 * A reaction to events, run inside the transaction that recorded them, just before it commits: its
 * writes commit with the change or roll back with it. It is called once per unit of work with every
 * event of the types it listens to, in the order they were recorded, so it can coalesce (rebuild an
 * opening's totals once however many events touched it).
 */
export interface EventHandler {
  readonly name: string;
  readonly listensTo: readonly DomainEventType[];
  handle(trx: Transaction<Database>, events: readonly DomainEvent[], context: HandlerContext): Promise<void>;
}

/** What a handler may use besides the transaction: the time of the change, and work to do once it has committed. */
export interface HandlerContext {
  readonly at: Date;
  afterCommit(task: () => Promise<void> | void): void;
}

/** The handlers of the application, registered once when it is built. */
export class EventHandlers {
  private readonly handlers: readonly EventHandler[];

  constructor(handlers: readonly EventHandler[]) {
    this.handlers = [...handlers];
  }

  /** These handlers and one more, run last. */
  with(handler: EventHandler): EventHandlers {
    return new EventHandlers([...this.handlers, handler]);
  }

  /** Runs each handler, in registration order, with the events it listens to (handlers with none are skipped). */
  async dispatch(trx: Transaction<Database>, events: readonly DomainEvent[], context: HandlerContext): Promise<void> {
    if (events.length === 0) return;
    for (const handler of this.handlers) {
      const wanted = new Set<string>(handler.listensTo);
      const mine = events.filter((event) => wanted.has(event.type));
      if (mine.length > 0) await handler.handle(trx, mine, context);
    }
  }
}

/** What every use case runs with. */
export interface UseCaseDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly handlers: EventHandlers;
}

/**
 * One transaction and what it recorded. Use cases write through `trx`, record events, and ask for
 * work that must wait for the commit (removing a replaced file) or undo what lives outside the
 * database if the transaction fails (a file moved into storage).
 */
export class UnitOfWork {
  private readonly recorded: DomainEvent[];
  private readonly committed: (() => Promise<void>)[];
  private readonly rolledBack: (() => Promise<void>)[];

  constructor(
    readonly trx: Transaction<Database>,
    /** The time of this change: every row it writes carries it. */
    readonly now: Date,
    shared?: { recorded: DomainEvent[]; committed: (() => Promise<void>)[]; rolledBack: (() => Promise<void>)[] },
  ) {
    this.recorded = shared?.recorded ?? [];
    this.committed = shared?.committed ?? [];
    this.rolledBack = shared?.rolledBack ?? [];
  }

  record(event: DomainEvent): void {
    this.recorded.push(event);
  }

  get events(): readonly DomainEvent[] {
    return this.recorded;
  }

  afterCommit(task: () => Promise<void> | void): void {
    this.committed.push(async () => task());
  }

  onRollback(task: () => Promise<void>): void {
    this.rolledBack.push(task);
  }

  /** The same unit of work seen at another time (fixtures that write a history in one transaction). */
  at(now: Date): UnitOfWork {
    return new UnitOfWork(this.trx, now, { recorded: this.recorded, committed: this.committed, rolledBack: this.rolledBack });
  }

  /** @internal Runs the tasks registered for the outcome. */
  async settle(outcome: 'committed' | 'rolled_back'): Promise<void> {
    const tasks = outcome === 'committed' ? this.committed : this.rolledBack;
    for (const task of tasks) await task();
  }
}

/**
 * Runs `work` as one unit of work: a transaction, the events it records handed to the handlers
 * before commit, the data version counted up (`data_version`, read by the reports' cache) as its
 * last statement, then the after-commit tasks. If anything throws, the transaction rolls back (the
 * handlers' writes with it), the rollback tasks run, and the error goes on to the caller.
 */
export async function runInUnitOfWork<T>(deps: UseCaseDeps, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  let unit: UnitOfWork | undefined;
  let result: T;
  try {
    result = await deps.db.transaction().execute(async (trx) => {
      unit = new UnitOfWork(trx, deps.clock.now());
      const value = await work(unit);
      const current = unit;
      await deps.handlers.dispatch(trx, unit.events, { at: unit.now, afterCommit: (task) => current.afterCommit(task) });
      // Last, so pages kept by version (the reports) see this change the moment it commits.
      await bumpDataVersion(trx);
      return value;
    });
  } catch (err) {
    await unit?.settle('rolled_back');
    throw err;
  }
  await unit!.settle('committed');
  return result;
}
