import type { Language } from '../i18n/i18n';

const DATE_FORMATS = new Map<Language, Intl.DateTimeFormat>();

/** Calendar dates as people read them, in the page's language ("3 Mar 2025" / "3 мар. 2025 г."). */
export function dateFormatter(language: Language): (iso: string | null | undefined) => string {
  let format = DATE_FORMATS.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    DATE_FORMATS.set(language, format);
  }
  const chosen = format;
  return (iso) => (iso ? chosen.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : '');
}
