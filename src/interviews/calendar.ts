import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import type { Translate } from '../i18n/i18n';
import { stageNameWith } from '../i18n/seeded-texts';
import { endOf } from './schedule';

/** One interview as a calendar event. Its description is written by the caller: what to do and the kit link, never anyone's ratings. */
export interface CalendarEntry {
  readonly uid: string;
  readonly sequence: number;
  readonly startsAt: Date;
  readonly durationMinutes: number;
  readonly summary: string;
  readonly location: string;
  readonly description: string;
  readonly url: string;
  readonly organizer: { readonly name: string; readonly email: string } | null;
  readonly attendees: readonly { readonly name: string; readonly email: string }[];
  readonly cancelled: boolean;
  /** The time the event was last changed (DTSTAMP). */
  readonly stamp: Date;
}

/**
 * An iCalendar file (RFC 5545) of interviews, built with ical-generator: times with a TZID and its
 * VTIMEZONE (from @touch4it/ical-timezones), so every calendar shows them right in its own zone.
 * `REQUEST` is an invite or its update (same UID, higher SEQUENCE), `CANCEL` takes it out of the
 * attendee's calendar; without a method it is a feed to subscribe to.
 */
export function calendarFile(entries: readonly CalendarEntry[], options: { method: 'REQUEST' | 'CANCEL' | null; zone: string; name?: string }): string {
  const calendar = ical({ prodId: { company: 'Salesbench', product: 'Interviews' }, ...(options.name ? { name: options.name } : {}) });
  if (options.method === 'REQUEST') calendar.method(ICalCalendarMethod.REQUEST);
  if (options.method === 'CANCEL') calendar.method(ICalCalendarMethod.CANCEL);
  // A zone the VTIMEZONE data does not know yet (a recent rename) goes out in UTC rather than with a TZID no calendar can read.
  const zone = getVtimezoneComponent(options.zone) ? options.zone : null;
  // The VTIMEZONE of each event's zone (none when no event has one), but no calendar-wide zone: with
  // one, the library would write DTSTAMP as a floating local time, where RFC 5545 wants UTC.
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  for (const entry of entries) {
    // The library writes each time in the event's zone, or in UTC, whatever zone the DateTime carries.
    // Stryker disable next-line ObjectLiteral,LogicalOperator: see above
    const start = DateTime.fromJSDate(entry.startsAt, { zone: zone ?? 'utc' });
    // Stryker disable next-line ObjectLiteral,LogicalOperator: see above
    const end = DateTime.fromJSDate(endOf(entry.startsAt, entry.durationMinutes), { zone: zone ?? 'utc' });
    calendar.createEvent({
      id: entry.uid,
      sequence: entry.sequence,
      // Stryker disable next-line ObjectLiteral: DTSTAMP is written in UTC whatever zone the DateTime carries
      stamp: DateTime.fromJSDate(entry.stamp, { zone: 'utc' }),
      start,
      end,
      ...(zone ? { timezone: zone } : {}),
      summary: entry.summary,
      description: entry.description,
      url: entry.url,
      ...(entry.location ? { location: entry.location } : {}),
      status: entry.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      ...(entry.organizer ? { organizer: { name: entry.organizer.name, email: entry.organizer.email } } : {}),
      attendees: entry.attendees.map((a) => ({ name: a.name, email: a.email, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.NEEDSACTION, rsvp: !entry.cancelled })),
    });
  }
  return calendar.toString();
}

/** An interview as a calendar event, in the reader's words (`t`), with absolute links from `link`. */
export function entryOf(
  interview: { id: number; uid: string; sequence: number; scheduledAt: string | null; durationMinutes: number; location: string; note: string; candidateName: string; stageName: string; stageSeedKey?: string | null; openingTitle: string; organizer: { name: string; email: string } | null; panel: readonly { name: string; email: string }[] },
  words: { t: Translate; link: (path: string) => string; stamp: Date; cancelled: boolean },
): CalendarEntry {
  const { t } = words;
  const kit = words.link(`/interviews/${interview.id}`);
  const description = [
    t('calendar.description', { candidate: interview.candidateName, opening: interview.openingTitle, stage: stageNameWith(t, interview.stageName, interview.stageSeedKey) }),
    t('calendar.panel', { panel: interview.panel.map((p) => p.name).join(', ') }),
    ...(interview.note ? [t('calendar.note', { note: interview.note })] : []),
    t('calendar.kit', { url: kit }),
  ].join('\n');
  return {
    uid: interview.uid,
    sequence: interview.sequence,
    startsAt: new Date(interview.scheduledAt ?? 0),
    durationMinutes: interview.durationMinutes,
    summary: t('calendar.summary', { candidate: interview.candidateName, stage: stageNameWith(t, interview.stageName, interview.stageSeedKey) }),
    location: interview.location,
    description,
    url: kit,
    organizer: interview.organizer,
    attendees: interview.panel,
    cancelled: words.cancelled,
    stamp: words.stamp,
  };
}
