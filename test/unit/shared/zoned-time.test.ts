import { isKnownZone, isZoneChoice, offsetAt, parseLocalInput, resolveLocalTime, TIME_ZONE_CHOICES, toLocalInput } from '../../../src/shared/zoned-time';

const at = (text: string) => parseLocalInput(text)!;
const iso = (d: Date) => d.toISOString();

describe('parseLocalInput', () => {
  it('when the text is a datetime-local value, then it gives its parts; a space works as the separator too', () => {
    expect(parseLocalInput('2026-12-03T14:05')).toEqual({ year: 2026, month: 12, day: 3, hour: 14, minute: 5 });
    expect(parseLocalInput(' 2026-12-03 09:00 ')).toEqual({ year: 2026, month: 12, day: 3, hour: 9, minute: 0 });
  });

  it.each(['', '2026-12-03', '2026-12-03T14', '2026-12-03T14:00:00', '2026-02-30T10:00', '2026-04-31T10:00', '2026-12-03T24:00', '2026-12-03T12:60', '2026-13-01T10:00', '03.12.2026 14:00', '2026-12-03T14:00Z'])(
    'when the text is %p, then it is not a time',
    (text) => {
      expect(parseLocalInput(text)).toBeUndefined();
    },
  );

  it('a leap day is a day in a leap year only', () => {
    expect(parseLocalInput('2028-02-29T10:00')).toBeDefined();
    expect(parseLocalInput('2027-02-29T10:00')).toBeUndefined();
  });
});

describe('resolveLocalTime', () => {
  it('when a time exists once, then it is that moment, whatever the side of a DST change', () => {
    expect(resolveLocalTime(at('2026-12-03T14:00'), 'Europe/Berlin')).toEqual({ kind: 'exact', instant: new Date('2026-12-03T13:00:00Z') });
    expect(resolveLocalTime(at('2026-07-03T14:00'), 'Europe/Berlin')).toEqual({ kind: 'exact', instant: new Date('2026-07-03T12:00:00Z') });
    expect(resolveLocalTime(at('2026-12-03T14:00'), 'Asia/Kolkata')).toEqual({ kind: 'exact', instant: new Date('2026-12-03T08:30:00Z') });
    expect(resolveLocalTime(at('2026-12-03T09:00'), 'America/New_York')).toEqual({ kind: 'exact', instant: new Date('2026-12-03T14:00:00Z') });
    expect(resolveLocalTime(at('2026-12-03T09:00'), 'UTC')).toEqual({ kind: 'exact', instant: new Date('2026-12-03T09:00:00Z') });
  });

  it('when the clocks go forward, then the skipped times do not exist, and the minutes either side do', () => {
    // Europe/Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST.
    expect(resolveLocalTime(at('2026-03-29T01:59'), 'Europe/Berlin')).toEqual({ kind: 'exact', instant: new Date('2026-03-29T00:59:00Z') });
    expect(resolveLocalTime(at('2026-03-29T02:00'), 'Europe/Berlin')).toEqual({ kind: 'gap' });
    expect(resolveLocalTime(at('2026-03-29T02:30'), 'Europe/Berlin')).toEqual({ kind: 'gap' });
    expect(resolveLocalTime(at('2026-03-29T02:59'), 'Europe/Berlin')).toEqual({ kind: 'gap' });
    expect(resolveLocalTime(at('2026-03-29T03:00'), 'Europe/Berlin')).toEqual({ kind: 'exact', instant: new Date('2026-03-29T01:00:00Z') });
    // America/New_York, 8 March 2026.
    expect(resolveLocalTime(at('2026-03-08T02:30'), 'America/New_York')).toEqual({ kind: 'gap' });
  });

  it('when the clocks go back, then the repeated times name two moments an hour apart, and the minutes either side one', () => {
    // Europe/Berlin, 25 October 2026: 03:00 CEST becomes 02:00 CET.
    expect(resolveLocalTime(at('2026-10-25T01:59'), 'Europe/Berlin')).toEqual({ kind: 'exact', instant: new Date('2026-10-24T23:59:00Z') });
    expect(resolveLocalTime(at('2026-10-25T02:00'), 'Europe/Berlin')).toEqual({ kind: 'ambiguous', earlier: new Date('2026-10-25T00:00:00Z'), later: new Date('2026-10-25T01:00:00Z') });
    expect(resolveLocalTime(at('2026-10-25T02:30'), 'Europe/Berlin')).toEqual({ kind: 'ambiguous', earlier: new Date('2026-10-25T00:30:00Z'), later: new Date('2026-10-25T01:30:00Z') });
    expect(resolveLocalTime(at('2026-10-25T02:59'), 'Europe/Berlin')).toEqual({ kind: 'ambiguous', earlier: new Date('2026-10-25T00:59:00Z'), later: new Date('2026-10-25T01:59:00Z') });
    expect(resolveLocalTime(at('2026-10-25T03:00'), 'Europe/Berlin')).toEqual({ kind: 'exact', instant: new Date('2026-10-25T02:00:00Z') });
    // America/New_York, 1 November 2026.
    expect(resolveLocalTime(at('2026-11-01T01:30'), 'America/New_York')).toEqual({ kind: 'ambiguous', earlier: new Date('2026-11-01T05:30:00Z'), later: new Date('2026-11-01T06:30:00Z') });
  });

  it('a zone that does not change its clocks has neither gaps nor repeats', () => {
    expect(resolveLocalTime(at('2026-03-29T02:30'), 'Asia/Kolkata').kind).toBe('exact');
    expect(resolveLocalTime(at('2026-10-25T02:30'), 'Asia/Kolkata').kind).toBe('exact');
  });

  it('an unknown zone is an error, not a guess', () => {
    expect(() => resolveLocalTime(at('2026-12-03T14:00'), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('showing a moment in a zone', () => {
  it('a time typed in New York reads right in Berlin and Kolkata, on both sides of both DST changes', () => {
    const cases: [string, string, string, string][] = [
      // typed in New York,   instant,                  Berlin,            Kolkata
      ['2026-03-04T10:00', '2026-03-04T15:00:00.000Z', '2026-03-04T16:00', '2026-03-04T20:30'],
      // New York on DST, Berlin not yet (the weeks between the two changes).
      ['2026-03-18T10:00', '2026-03-18T14:00:00.000Z', '2026-03-18T15:00', '2026-03-18T19:30'],
      ['2026-04-15T10:00', '2026-04-15T14:00:00.000Z', '2026-04-15T16:00', '2026-04-15T19:30'],
      // Berlin back on standard time, New York not yet.
      ['2026-10-28T10:00', '2026-10-28T14:00:00.000Z', '2026-10-28T15:00', '2026-10-28T19:30'],
      ['2026-11-11T10:00', '2026-11-11T15:00:00.000Z', '2026-11-11T16:00', '2026-11-11T20:30'],
    ];
    for (const [typed, instant, berlin, kolkata] of cases) {
      const resolved = resolveLocalTime(at(typed), 'America/New_York');
      expect(resolved.kind).toBe('exact');
      const moment = (resolved as { instant: Date }).instant;
      expect([typed, iso(moment)]).toEqual([typed, instant]);
      expect([typed, toLocalInput(moment, 'Europe/Berlin'), toLocalInput(moment, 'Asia/Kolkata'), toLocalInput(moment, 'America/New_York')]).toEqual([typed, berlin, kolkata, typed]);
    }
  });

  it('offsets are written with sign, hours and minutes', () => {
    expect(offsetAt(new Date('2026-12-03T13:00:00Z'), 'Europe/Berlin')).toBe('+01:00');
    expect(offsetAt(new Date('2026-07-03T13:00:00Z'), 'Europe/Berlin')).toBe('+02:00');
    expect(offsetAt(new Date('2026-07-03T13:00:00Z'), 'Asia/Kolkata')).toBe('+05:30');
    expect(offsetAt(new Date('2026-07-03T13:00:00Z'), 'America/New_York')).toBe('-04:00');
    expect(toLocalInput('2026-07-03T13:00:00Z', 'UTC')).toBe('2026-07-03T13:00');
  });

  it('known zones are the IANA ones', () => {
    expect(isKnownZone('Europe/Berlin')).toBe(true);
    expect(isKnownZone('Asia/Kolkata')).toBe(true);
    expect(isKnownZone('Mars/Olympus')).toBe(false);
    expect(isKnownZone('')).toBe(false);
  });
});

describe('typed times and zone choices at their edges', () => {
  it('when the time is the last minute of the day, then it is a time; 24:00 is not', () => {
    expect(parseLocalInput('2026-12-03T23:59')).toEqual({ year: 2026, month: 12, day: 3, hour: 23, minute: 59 });
    expect(parseLocalInput('2026-12-03T23:00')).toBeDefined();
    expect(parseLocalInput('2026-12-03T24:00')).toBeUndefined();
    expect(parseLocalInput('2026-12-03T00:00')).toEqual({ year: 2026, month: 12, day: 3, hour: 0, minute: 0 });
  });

  it.each(['x2026-12-03T14:00', '2026-12-03T14:00x', '12026-12-03T14:00', '2026-12-03T14:000'])('when the text is %p, then it is not a time', (text) => {
    expect(parseLocalInput(text)).toBeUndefined();
  });

  it('when the zone is unknown, then the error names it', () => {
    expect(() => resolveLocalTime(at('2026-12-03T14:00'), 'Mars/Olympus')).toThrow('unknown time zone Mars/Olympus');
  });

  it('when a moment is given as stored text or as a date, then it reads the same in a zone', () => {
    expect(toLocalInput('2026-12-03T13:00:00.000Z', 'Europe/Berlin')).toBe('2026-12-03T14:00');
    expect(toLocalInput(new Date('2026-12-03T13:00:00Z'), 'Europe/Berlin')).toBe('2026-12-03T14:00');
  });

  it('when zones are offered, then UTC comes first and once, followed by the IANA zones', () => {
    expect(TIME_ZONE_CHOICES[0]).toBe('UTC');
    expect(TIME_ZONE_CHOICES.filter((z) => z === 'UTC')).toHaveLength(1);
    expect(TIME_ZONE_CHOICES).toEqual(expect.arrayContaining(['Europe/Berlin', 'America/New_York', 'Asia/Tokyo']));
    expect(TIME_ZONE_CHOICES.length).toBeGreaterThan(300);
  });

  it('when a zone is chosen, then it must be one offered', () => {
    expect(isZoneChoice('UTC')).toBe(true);
    expect(isZoneChoice('Europe/Berlin')).toBe(true);
    expect(isZoneChoice('Mars/Olympus')).toBe(false);
    expect(isZoneChoice('')).toBe(false);
  });
});
