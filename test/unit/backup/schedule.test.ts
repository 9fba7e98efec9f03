import { isStaleRun, nextSlotAfter, slotOf } from '../../../src/backup/schedule';

describe('backup slots', () => {
  it('a day is cut into periods from midnight UTC: every 6 hours, 00:00, 06:00, 12:00, 18:00', () => {
    expect(slotOf(new Date('2026-11-30T05:59:59.999Z'), 6).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(slotOf(new Date('2026-11-30T06:00:00.000Z'), 6).toISOString()).toBe('2026-11-30T06:00:00.000Z');
    expect(slotOf(new Date('2026-11-30T23:30:00.000Z'), 6).toISOString()).toBe('2026-11-30T18:00:00.000Z');
    expect(nextSlotAfter(new Date('2026-11-30T06:00:00.000Z'), 6).toISOString()).toBe('2026-11-30T12:00:00.000Z');
    expect(nextSlotAfter(new Date('2026-11-30T23:59:59.000Z'), 6).toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it('daily backups fall at midnight UTC, hourly ones on the hour', () => {
    expect(slotOf(new Date('2026-11-30T13:45:00Z'), 24).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(nextSlotAfter(new Date('2026-11-30T13:45:00Z'), 24).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(slotOf(new Date('2026-11-30T13:45:00Z'), 1).toISOString()).toBe('2026-11-30T13:00:00.000Z');
    expect(nextSlotAfter(new Date('2026-11-30T13:00:00Z'), 1).toISOString()).toBe('2026-11-30T14:00:00.000Z');
  });

  it('a backup still marked running is taken for stopped only after six hours', () => {
    const started = new Date('2026-11-30T02:00:00Z');
    expect(isStaleRun(started, new Date('2026-11-30T02:00:00Z'))).toBe(false);
    expect(isStaleRun(started, new Date('2026-11-30T08:00:00Z'))).toBe(false);
    expect(isStaleRun(started, new Date('2026-11-30T08:00:00.001Z'))).toBe(true);
  });
});
