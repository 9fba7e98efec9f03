/** Deaths counted for giving up: those within this long before the latest. */
export const DEATH_WINDOW_MS = 60_000;
/** This many worker deaths within the window and the server stops replacing them and exits. */
export const MAX_DEATHS_IN_WINDOW = 5;
/** The second death within the window waits this long before its replacement; each further one twice as long. */
export const FIRST_BACKOFF_MS = 250;

export type AfterDeath = { readonly replace: true; readonly delayMs: number; readonly recentDeaths: number } | { readonly replace: false; readonly recentDeaths: number };

/**
 * What to do after a worker died, given when workers died so far (this death included): replace it,
 * at once the first time and with a growing pause when deaths follow each other, or give up when
 * MAX_DEATHS_IN_WINDOW happened within DEATH_WINDOW_MS (workers dying at start would otherwise be
 * forked forever).
 */
export function afterWorkerDeath(deathTimes: readonly number[], now: number): AfterDeath {
  const recentDeaths = deathTimes.filter((t) => t > now - DEATH_WINDOW_MS && t <= now).length;
  if (recentDeaths >= MAX_DEATHS_IN_WINDOW) return { replace: false, recentDeaths };
  return { replace: true, delayMs: recentDeaths <= 1 ? 0 : FIRST_BACKOFF_MS * 2 ** (recentDeaths - 2), recentDeaths };
}
