import { daysBetween, TRACKS, type Track } from '../onboarding/plan';
import { median } from './statistics';

export type PlanState = 'on_track' | 'late' | 'complete';
export const PLAN_STATES: readonly PlanState[] = ['on_track', 'late', 'complete'];

export interface OnboardingInput {
  readonly plans: readonly { planId: number; roleName: string; startDate: string; completedAt: string | null; overdue: number }[];
  /** Per plan and track: how many tasks, how many done, when the last was done. */
  readonly tracks: readonly { planId: number; track: string; tasks: number; done: number; lastDoneAt: string | null }[];
  readonly tasks: readonly { title: string; late: number; total: number }[];
}

export interface OnboardingReport {
  readonly plans: number;
  readonly states: Readonly<Record<PlanState, number>>;
  readonly byRole: readonly { roleName: string; plans: number; completed: number; medianDays: number | null }[];
  readonly byTrack: readonly { track: Track; plans: number; completed: number; medianDays: number | null }[];
  readonly overdueTasks: readonly { title: string; late: number; total: number }[];
}

/** A plan is complete once signed off in full, late while any task is past due and not done, else on track. */
export function planState(plan: { completedAt: string | null; overdue: number }): PlanState {
  if (plan.completedAt !== null) return 'complete';
  return plan.overdue > 0 ? 'late' : 'on_track';
}

export function buildOnboardingReport(input: OnboardingInput): OnboardingReport {
  const states = { on_track: 0, late: 0, complete: 0 };
  for (const plan of input.plans) states[planState(plan)] += 1;
  const roles = [...new Set(input.plans.map((p) => p.roleName))].sort((a, b) => a.localeCompare(b));
  const startOf = new Map(input.plans.map((p) => [p.planId, p.startDate]));
  return {
    plans: input.plans.length,
    states,
    byRole: roles.map((roleName) => {
      const plans = input.plans.filter((p) => p.roleName === roleName);
      const days = plans.flatMap((p) => (p.completedAt ? [daysBetween(p.startDate, p.completedAt.slice(0, 10))] : []));
      return { roleName, plans: plans.length, completed: days.length, medianDays: median(days) };
    }),
    byTrack: TRACKS.map((track) => {
      const rows = input.tracks.filter((t) => t.track === track && t.tasks > 0);
      const days = rows.flatMap((t) => (t.done === t.tasks && t.lastDoneAt && startOf.has(t.planId) ? [Math.max(0, daysBetween(startOf.get(t.planId)!, t.lastDoneAt.slice(0, 10)))] : []));
      return { track, plans: rows.length, completed: days.length, medianDays: median(days) };
    }).filter((t) => t.plans > 0),
    overdueTasks: input.tasks.filter((t) => t.late > 0),
  };
}
