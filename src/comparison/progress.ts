import type { Flag } from './scoring';

/** Flags that change how a column reads whatever stage the candidate is at. */
export const READING_FLAGS: readonly Flag[] = ['below_bar', 'top_closer_trap', 'disagreement'];

export interface PlanProgress {
  /** The stage the candidate is at, counted from 1 (0 when they are at no stage of the plan). */
  readonly reached: number;
  readonly total: number;
}

export interface ColumnReading {
  /** Where the candidate is in the plan while later stages are still ahead; null once nothing is ahead. */
  readonly progress: PlanProgress | null;
  readonly flags: readonly Flag[];
}

/**
 * What a comparison column says besides the scores. While later stages of the interview plan
 * are still ahead, thin evidence and dimensions not yet rated are expected, so "low confidence"
 * and "missing feedback" would sit on nearly every column: the column shows the candidate's
 * progress instead, and keeps the flags that change the reading (below the bar, the top-closer
 * trap, a panel that disagrees). Once the plan is complete, or the application is no longer
 * active (nothing more is ahead), every flag shows.
 */
export function readColumn(input: {
  readonly flags: readonly Flag[];
  readonly stageIds: readonly number[];
  readonly stageId: number | null;
  readonly active: boolean;
}): ColumnReading {
  const total = input.stageIds.length;
  // Not in a stage (or none planned): 0 reached; with no plan at all, 0 of 0 is complete.
  const reached = input.stageIds.findIndex((id) => id === input.stageId) + 1;
  if (!input.active || reached >= total) return { progress: null, flags: input.flags };
  return { progress: { reached, total }, flags: input.flags.filter((f) => READING_FLAGS.includes(f)) };
}
