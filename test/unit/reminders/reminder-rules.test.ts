import { daysUntil, dueScorecardReminder, isoWeekKey, MAX_SCORECARD_REMINDERS, mayRemindAgain, taskNoticeDue } from '../../../src/reminders/reminder-rules';

const HOUR = 3_600_000;
const endsAt = new Date('2027-01-04T10:00:00Z');
const at = (hours: number) => new Date(endsAt.getTime() + hours * HOUR);

describe('dueScorecardReminder', () => {
  const due = (sent: number, hoursAfterEnd: number, lastSentHoursAfterEnd: number | null = null, delayHours = 24) =>
    dueScorecardReminder({ endsAt, delayHours, sent, lastSentAt: lastSentHoursAfterEnd === null ? null : at(lastSentHoursAfterEnd), now: at(hoursAfterEnd) });

  it('the first goes `delay` hours after the end, not a millisecond before', () => {
    expect(dueScorecardReminder({ endsAt, delayHours: 24, sent: 0, lastSentAt: null, now: new Date(at(24).getTime() - 1) })).toBeUndefined();
    expect(due(0, 24)).toBe(1);
    expect(due(0, 30)).toBe(1);
    expect(due(0, 2, null, 2)).toBe(1);
    expect(due(0, 1.99, null, 2)).toBeUndefined();
  });

  it('then one a day: the second a day after the first is due, the third a day later', () => {
    expect(due(1, 47.99, 24)).toBeUndefined();
    expect(due(1, 48, 24)).toBe(2);
    expect(due(2, 71.99, 48)).toBeUndefined();
    expect(due(2, 72, 48)).toBe(3);
  });

  it('never more than three', () => {
    expect(MAX_SCORECARD_REMINDERS).toBe(3);
    expect(due(3, 500, 72)).toBeUndefined();
    expect(due(4, 500, 72)).toBeUndefined();
  });

  it('after a pause (the scheduler was down), never two within a day', () => {
    // Due at 48 h, but the first only went at 60 h: the second waits until 84 h.
    expect(due(1, 83.99, 60)).toBeUndefined();
    expect(due(1, 84, 60)).toBe(2);
  });

  it('a reminder pressed by hand counts as the last one: the scheduler waits a day after it', () => {
    // Pressed 10 h after the end: the first scheduled reminder waits until 34 h, not 24 h.
    expect(due(0, 33.99, 10)).toBeUndefined();
    expect(due(0, 34, 10)).toBe(1);
    // Pressed long before it was due: the schedule stands.
    expect(due(0, 24, -2)).toBe(1);
  });

  it('when the delay was raised after the first reminder went out, then the second waits a day after the first is now due', () => {
    // First sent at 24 h; the delay is now 48 h, so the second is due at 72 h, not a day after the first (48 h).
    expect(due(1, 71.99, 24, 48)).toBeUndefined();
    expect(due(1, 72, 24, 48)).toBe(2);
    expect(due(2, 95.99, 72, 48)).toBeUndefined();
    expect(due(2, 96, 72, 48)).toBe(3);
  });
});

describe('mayRemindAgain', () => {
  const now = new Date('2027-01-05T12:00:00Z');
  it('once a day: a day after the last reminder, not a millisecond before', () => {
    expect(mayRemindAgain(null, now)).toBe(true);
    expect(mayRemindAgain(new Date(now.getTime() - 24 * HOUR), now)).toBe(true);
    expect(mayRemindAgain(new Date(now.getTime() - 24 * HOUR + 1), now)).toBe(false);
    expect(mayRemindAgain(now, now)).toBe(false);
  });
});

describe('taskNoticeDue and daysUntil', () => {
  it('counts whole days, across months and years', () => {
    expect(daysUntil('2027-01-01', '2026-12-31')).toBe(1);
    expect(daysUntil('2026-12-31', '2027-01-01')).toBe(-1);
    expect(daysUntil('2027-03-01', '2027-02-26')).toBe(3);
    expect(daysUntil('2027-03-28', '2027-03-28')).toBe(0);
  });
  it('an owner hears of a task from three days before it is due to the day itself', () => {
    expect(taskNoticeDue('2027-01-10', '2027-01-06')).toBe(false);
    expect(taskNoticeDue('2027-01-10', '2027-01-07')).toBe(true);
    expect(taskNoticeDue('2027-01-10', '2027-01-10')).toBe(true);
    expect(taskNoticeDue('2027-01-10', '2027-01-11')).toBe(false);
  });
});

describe('isoWeekKey', () => {
  it.each([
    ['2026-11-30', 202649],
    ['2026-12-06', 202649],
    ['2026-12-07', 202650],
    ['2026-12-31', 202653],
    ['2027-01-03', 202653],
    ['2027-01-04', 202701],
    ['2021-01-01', 202053],
    ['2024-12-30', 202501],
  ])('%s is in week %d', (day, key) => {
    expect(isoWeekKey(day)).toBe(key);
  });
});
