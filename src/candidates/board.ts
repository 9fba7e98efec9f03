/** The opening's board: how its cards read. Plain functions over plain data. */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days since the application reached its stage (0 on the day it arrived; never negative). */
export function daysInStage(since: string, now: Date): number {
  const start = Date.parse(since);
  if (Number.isNaN(start)) return 0;
  return Math.max(0, Math.floor((now.getTime() - start) / DAY_MS));
}

/** A mean rating as the card shows it: one decimal, e.g. 3.3. */
export function formatScore(score: number): string {
  return (Math.round(score * 10) / 10).toFixed(1);
}

/** The stage a card's move control offers first: the next one in the plan, or the last for a card already there (or not in one). */
export function suggestedStageId(stageIds: readonly number[], currentStageId: number | null): number | undefined {
  const index = stageIds.findIndex((id) => id === currentStageId);
  return stageIds[Math.min(index + 1, stageIds.length - 1)];
}
