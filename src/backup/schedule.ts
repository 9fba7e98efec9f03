/**
 * When scheduled backups fall due: time is cut into periods of `everyHours` counted from the Unix
 * epoch (UTC), and each period's start is one slot; a slot's backup is made once, at or after its start.
 */
const HOUR_MS = 3_600_000;

/** The start of the period holding `now`. */
export function slotOf(now: Date, everyHours: number): Date {
  const period = everyHours * HOUR_MS;
  return new Date(Math.floor(now.getTime() / period) * period);
}

/** The start of the period after the one holding `now`. */
export function nextSlotAfter(now: Date, everyHours: number): Date {
  return new Date(slotOf(now, everyHours).getTime() + everyHours * HOUR_MS);
}

/** A backup still marked running this long after its start stopped with its instance. */
const STALE_AFTER_HOURS = 6;
export const STALE_RUN_MS = STALE_AFTER_HOURS * HOUR_MS;

/** Whether a backup still marked running at `now` can no longer be running (its instance stopped). */
export function isStaleRun(startedAt: Date, now: Date): boolean {
  return now.getTime() - startedAt.getTime() > STALE_RUN_MS;
}
