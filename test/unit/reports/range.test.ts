import { splitRange } from '../../../src/reports/range';

describe('splitRange', () => {
  it.each([
    ['no range: every month, no days', {}, { months: {}, days: [] }],
    ['whole months exactly', { from: '2026-01-01', to: '2026-03-31' }, { months: { from: '2026-01', to: '2026-03' }, days: [] }],
    ['partial months at both ends', { from: '2026-01-10', to: '2026-03-05' }, { months: { from: '2026-02', to: '2026-02' }, days: [{ from: '2026-01-10', to: '2026-01-31' }, { from: '2026-03-01', to: '2026-03-05' }] }],
    ['inside one month: days only', { from: '2026-01-02', to: '2026-01-30' }, { days: [{ from: '2026-01-02', to: '2026-01-30' }] }],
    ['two partial months, no whole one', { from: '2026-01-31', to: '2026-02-27' }, { days: [{ from: '2026-01-31', to: '2026-02-27' }] }],
    ['open start', { to: '2026-01-10' }, { months: { to: '2025-12' }, days: [{ from: '2026-01-01', to: '2026-01-10' }] }],
    ['open end', { from: '2026-03-02' }, { months: { from: '2026-04' }, days: [{ from: '2026-03-02', to: '2026-03-31' }] }],
    ['February of a leap year ends on the 29th', { from: '2028-02-01', to: '2028-02-29' }, { months: { from: '2028-02', to: '2028-02' }, days: [] }],
    ['February 28th of a leap year is not its end', { from: '2028-02-01', to: '2028-02-28' }, { days: [{ from: '2028-02-01', to: '2028-02-28' }] }],
    ['across a year end', { from: '2025-12-15', to: '2026-01-31' }, { months: { from: '2026-01', to: '2026-01' }, days: [{ from: '2025-12-15', to: '2025-12-31' }] }],
    ['from after to: days only (nothing matches)', { from: '2026-04-01', to: '2026-01-01' }, { days: [{ from: '2026-04-01', to: '2026-01-01' }] }],
  ])('%s', (_name, range, expected) => {
    expect(splitRange(range)).toEqual(expected);
  });
});
