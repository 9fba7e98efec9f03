import { DateTime } from 'luxon';

/** How long candidates' data may be kept without activity, in months, unless an admin says otherwise. */
export const DEFAULT_RETENTION_MONTHS = 24;
export const MIN_RETENTION_MONTHS = 1;
export const MAX_RETENTION_MONTHS = 120;

export function isRetentionMonths(value: number): boolean {
  return Number.isInteger(value) && value >= MIN_RETENTION_MONTHS && value <= MAX_RETENTION_MONTHS;
}

/**
 * The moment before which a candidate's last activity is past the retention period: `months`
 * calendar months before `now`, in UTC (31 March less one month is 28 or 29 February).
 */
export function retentionCutoff(now: Date, months: number): Date {
  return DateTime.fromJSDate(now, { zone: 'utc' }).minus({ months }).toJSDate();
}

/** The privacy text kept with each application and shown beside the consent box: the admin's, or the default in the applicant's language. */
export function privacyTextFor(written: string, fallback: string): string {
  return written.trim() === '' ? fallback : written;
}
