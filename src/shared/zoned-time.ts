import { DateTime, IANAZone } from 'luxon';

/** A wall-clock date and time as someone types it, in no zone yet. */
export interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

/**
 * What a wall-clock time means in a zone: one moment; none (it falls in the hour skipped when the
 * clocks go forward); or two (it happens twice when they go back: the earlier and the later).
 */
export type ResolvedTime = { readonly kind: 'exact'; readonly instant: Date } | { readonly kind: 'gap' } | { readonly kind: 'ambiguous'; readonly earlier: Date; readonly later: Date };

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/;
const DAY_MS = 86_400_000;

/** A `datetime-local` value ("2026-12-03T14:00"); undefined unless it is a real calendar date and time. */
export function parseLocalInput(text: string): LocalDateTime | undefined {
  const match = LOCAL_INPUT.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  // Luxon takes 24:00 as the end of the day; a form means a time within it.
  if (hour > 23) return undefined;
  // Luxon's calendar check in UTC (which has no gaps): 31 April is not a day, 12:60 not a time.
  if (!DateTime.utc(year, month, day, hour, minute).isValid) return undefined;
  return { year, month, day, hour, minute };
}

/** Whether a name is an IANA time zone (per the runtime's zone data, through Luxon). */
export function isKnownZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/**
 * The moment(s) a wall-clock time names in a zone. Every offset the zone uses within a day of that
 * time is tried; an offset is right when the zone really has it at the moment it gives. None right:
 * a gap; two: the time happens twice.
 */
export function resolveLocalTime(local: LocalDateTime, zone: string): ResolvedTime {
  const iana = IANAZone.create(zone);
  if (!iana.isValid) throw new RangeError(`unknown time zone ${zone}`);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const offsets = new Set([iana.offset(asUtc - DAY_MS), iana.offset(asUtc), iana.offset(asUtc + DAY_MS)]);
  const moments = [...offsets].map((offset) => asUtc - offset * 60_000).filter((instant) => iana.offset(instant) * 60_000 === asUtc - instant);
  // Offsets are collected in time order and a repeated hour comes from an offset that drops, so the
  // earlier moment is already first; the sort states the order rather than relying on it.
  // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: see above
  moments.sort((a, b) => a - b);
  if (moments.length === 0) return { kind: 'gap' };
  if (moments.length === 1) return { kind: 'exact', instant: new Date(moments[0]!) };
  return { kind: 'ambiguous', earlier: new Date(moments[0]!), later: new Date(moments[moments.length - 1]!) };
}

/** A moment as a `datetime-local` value in a zone, to fill a form with what the person would type. */
export function toLocalInput(instant: Date | string, zone: string): string {
  return DateTime.fromJSDate(new Date(instant), { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** The zone's offset at a moment, as people write it ("+01:00", "+05:30", "-04:00"). */
export function offsetAt(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('ZZ');
}

/** The zones people choose from: UTC first (once, should the runtime list it too), then every IANA zone the runtime knows. */
export const TIME_ZONE_CHOICES: readonly string[] = [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];

const CHOICES = new Set(TIME_ZONE_CHOICES);

/** Whether a zone is one people may choose (an IANA name the runtime lists, or UTC). */
export function isZoneChoice(name: string): boolean {
  return CHOICES.has(name);
}
