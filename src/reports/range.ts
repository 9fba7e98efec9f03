/** A date range of applications' arrival. */
export interface DateRange {
  /** Inclusive, YYYY-MM-DD. */
  readonly from?: string;
  readonly to?: string;
}

/** A range of whole months, YYYY-MM, inclusive; a missing end is open. */
export interface MonthRange {
  readonly from?: string;
  readonly to?: string;
}

const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const dayMs = 86_400_000;

function monthStart(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, 1);
}

function nextMonthStart(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 1);
}

/**
 * Splits a range of days into the whole months inside it (read from monthly totals) and the days of
 * a partial month at either end (read from the records). `months` is undefined when no whole month
 * fits; then `days` is the range itself.
 */
export function splitRange(range: DateRange): { months?: MonthRange; days: DateRange[] } {
  const { from, to } = range;
  // The first whole month starts at `from` when it is the 1st, else the month after.
  const firstStart = from === undefined ? undefined : from.endsWith('-01') ? monthStart(from) : nextMonthStart(from);
  // The last whole month ends at `to` when it is its month's last day, else the month before.
  const lastEnd = to === undefined ? undefined : isoDay(nextMonthStart(to) - dayMs) === to ? nextMonthStart(to) : monthStart(to);
  if ((firstStart ?? -Infinity) >= (lastEnd ?? Infinity)) return { days: [range] };
  const days: DateRange[] = [];
  if (firstStart !== undefined && isoDay(firstStart) !== from) days.push({ from, to: isoDay(firstStart - dayMs) });
  if (lastEnd !== undefined && isoDay(lastEnd - dayMs) !== to) days.push({ from: isoDay(lastEnd), to });
  return {
    months: { ...(firstStart !== undefined ? { from: isoDay(firstStart).slice(0, 7) } : {}), ...(lastEnd !== undefined ? { to: isoDay(lastEnd - dayMs).slice(0, 7) } : {}) },
    days,
  };
}
