import type { MessageKey } from '../i18n/i18n';
import { type LocalDateTime, resolveLocalTime } from '../shared/zoned-time';

/** The shortest and longest interview, in minutes; a stage's default when it has none. */
export const MIN_DURATION_MINUTES = 5;
export const MAX_DURATION_MINUTES = 480;
export const DEFAULT_DURATION_MINUTES = 45;
export const MAX_LOCATION_LENGTH = 500;
export const MAX_NOTE_LENGTH = 2000;
export const MAX_CANCEL_REASON_LENGTH = 500;

/** Which of the two moments a repeated wall-clock time means (the clocks went back). */
export type RepeatChoice = 'earlier' | 'later';

export type StartOutcome = { readonly ok: true; readonly startsAt: Date } | { readonly ok: false; readonly error: MessageKey; readonly choices?: { earlier: Date; later: Date } };

/**
 * The moment a typed start names in the typist's zone. A time in the hour skipped when the clocks
 * go forward does not exist; a time in the hour that happens twice when they go back needs the
 * person to say which (the form then offers both).
 */
export function resolveStart(local: LocalDateTime, zone: string, choice: RepeatChoice | undefined): StartOutcome {
  const resolved = resolveLocalTime(local, zone);
  if (resolved.kind === 'exact') return { ok: true, startsAt: resolved.instant };
  if (resolved.kind === 'gap') return { ok: false, error: 'interviews.error.gap' };
  if (choice === 'earlier') return { ok: true, startsAt: resolved.earlier };
  if (choice === 'later') return { ok: true, startsAt: resolved.later };
  return { ok: false, error: 'interviews.error.ambiguous', choices: { earlier: resolved.earlier, later: resolved.later } };
}

/** A duration in whole minutes between the shortest and the longest interview; an error key otherwise. */
export function checkDuration(minutes: number): MessageKey | undefined {
  return Number.isInteger(minutes) && minutes >= MIN_DURATION_MINUTES && minutes <= MAX_DURATION_MINUTES ? undefined : 'interviews.error.duration';
}

/**
 * A place ("Room 4, Berlin office") or a video link. Anything that starts like a link must be an
 * http(s) link with a host; other schemes (javascript:, data:, file:) are refused.
 */
export function checkLocation(text: string): MessageKey | undefined {
  if (text.length > MAX_LOCATION_LENGTH) return 'interviews.error.location';
  // "Phone: +49 30 1234" is a place; "javascript:…" (a scheme straight followed by more) is not.
  if (!/^[a-z][a-z0-9+.-]*:\S/i.test(text)) return undefined;
  return isWebLink(text) ? undefined : 'interviews.error.location';
}

/** Whether a location is a link to open (http or https, with a host, no spaces). */
export function isWebLink(text: string): boolean {
  if (/\s/.test(text)) return false;
  try {
    // The URL parser refuses an http(s) link without a host ("https://").
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** The moment an interview ends. */
export function endOf(startsAt: Date, durationMinutes: number): Date {
  return new Date(startsAt.getTime() + durationMinutes * 60_000);
}

/** Whether two interviews share any minute (one ending as the other starts do not overlap). */
export function overlaps(a: { startsAt: Date; durationMinutes: number }, b: { startsAt: Date; durationMinutes: number }): boolean {
  return a.startsAt < endOf(b.startsAt, b.durationMinutes) && b.startsAt < endOf(a.startsAt, a.durationMinutes);
}

/** Who joins, who leaves and who stays when a panel changes. */
export function panelChange(before: readonly number[], after: readonly number[]): { added: number[]; removed: number[]; kept: number[] } {
  const was = new Set(before);
  const now = new Set(after);
  return { added: after.filter((id) => !was.has(id)), removed: before.filter((id) => !now.has(id)), kept: after.filter((id) => was.has(id)) };
}

/** Whether a scorecard may be submitted: once the interview has started (or when no time was ever set). */
export function mayBeSubmitted(startsAt: string | null, now: Date): boolean {
  return startsAt === null || Date.parse(startsAt) <= now.getTime();
}

/** How late a scorecard is: minutes since the interview ended (0 while it has not). */
export function minutesOverdue(startsAt: string, durationMinutes: number, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - endOf(new Date(startsAt), durationMinutes).getTime()) / 60_000));
}
