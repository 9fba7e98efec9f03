/* When reminders fall due: pure rules, tested at their boundaries. */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Scorecard reminders sent by the scheduler per interviewer and interview, at most. */
export const MAX_SCORECARD_REMINDERS = 3;
/** Owners of onboarding tasks hear of a task this many days before it is due. */
export const TASK_NOTICE_DAYS = 3;

/**
 * The next scorecard reminder due now, if any: the first `delayHours` after the interview ends, then
 * one a day (never two within a day, even after the scheduler was down), at most three.
 */
export function dueScorecardReminder(input: { endsAt: Date; delayHours: number; sent: number; lastSentAt: Date | null; now: Date }): number | undefined {
  if (input.sent >= MAX_SCORECARD_REMINDERS) return undefined;
  const scheduled = input.endsAt.getTime() + input.delayHours * HOUR_MS + input.sent * DAY_MS;
  const rested = input.lastSentAt === null ? 0 : input.lastSentAt.getTime() + DAY_MS;
  return input.now.getTime() >= Math.max(scheduled, rested) ? input.sent + 1 : undefined;
}

/** Whether someone may press "remind" for an interviewer now: at most once a day per interviewer and interview. */
export function mayRemindAgain(lastSentAt: Date | null, now: Date): boolean {
  return lastSentAt === null || now.getTime() - lastSentAt.getTime() >= DAY_MS;
}

/** Whole days from `today` to `date` (both YYYY-MM-DD); negative when the date has passed. */
export function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/** Whether a task's owner is told now: from TASK_NOTICE_DAYS days before it is due up to the day itself. */
export function taskNoticeDue(dueDate: string, today: string): boolean {
  const days = daysUntil(dueDate, today);
  return days >= 0 && days <= TASK_NOTICE_DAYS;
}

/** The ISO week of a day as a number (2026-W49 → 202649): one overdue digest per manager and week. */
export function isoWeekKey(day: string): number {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(date.getTime() + (3 - weekday) * DAY_MS);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = 1 + Math.floor((thursday.getTime() - yearStart) / (7 * DAY_MS));
  return thursday.getUTCFullYear() * 100 + week;
}
