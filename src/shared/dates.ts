import type { Language } from '../i18n/i18n';

const FORMATS = new Map<string, Intl.DateTimeFormat>();

function format(language: Language, timeZone: string, kind: 'date' | 'dateTime'): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}|${kind}`;
  let made = FORMATS.get(key);
  if (!made) {
    const zone = isTimeZone(timeZone) ? timeZone : 'UTC';
    made =
      kind === 'date'
        ? new Intl.DateTimeFormat(language, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: zone })
        : new Intl.DateTimeFormat(language, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: zone, timeZoneName: 'short' });
    FORMATS.set(key, made);
  }
  return made;
}

/** Whether a name is an IANA time zone this runtime knows. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A moment as people read it, in their language and zone, with the zone named ("Tue, 3 Dec 2026, 14:00 CET"). */
export function formatDateTime(moment: Date | string, language: Language, timeZone: string): string {
  return format(language, timeZone, 'dateTime').format(typeof moment === 'string' ? new Date(moment) : moment);
}

/** A calendar day (YYYY-MM-DD) as people read it, in their language ("Mon, 2 Mar 2026"). */
export function formatDay(day: string, language: Language): string {
  return format(language, 'UTC', 'date').format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
}
