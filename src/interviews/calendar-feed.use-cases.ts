import type { Viewer } from '../auth/scopes';
import { runInUnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import { deleteFeed, replaceFeed } from './calendar-feed.repository';

/** How long a feed link works before the person makes a new one. */
export const CALENDAR_FEED_TTL_MS = 365 * 86_400_000;

/** Makes (or remakes) the actor's secret calendar feed link; the one before stops working. */
export async function createCalendarFeed(deps: UseCaseDeps, actor: Viewer): Promise<{ token: string; expiresAt: string }> {
  return runInUnitOfWork(deps, async (uow) => {
    const feed = await replaceFeed(uow.trx, actor.id, uow.now, CALENDAR_FEED_TTL_MS);
    uow.record({ type: 'CalendarFeedCreated', actorId: actor.id, subject: { type: 'user', id: actor.id }, userId: actor.id });
    return feed;
  });
}

/** Switches the actor's feed off: its link stops working. */
export async function turnOffCalendarFeed(deps: UseCaseDeps, actor: Viewer): Promise<void> {
  await runInUnitOfWork(deps, async (uow) => {
    if (await deleteFeed(uow.trx, actor.id)) uow.record({ type: 'CalendarFeedTurnedOff', actorId: actor.id, subject: { type: 'user', id: actor.id }, userId: actor.id });
  });
}
