import ical, { type VEvent } from 'node-ical';
import { type CalendarEntry, calendarFile, entryOf } from '../../../src/interviews/calendar';
import { translator } from '../../../src/i18n/i18n';

const entry: CalendarEntry = {
  uid: 'interview-41@hiring.acme.example',
  sequence: 2,
  startsAt: new Date('2027-03-10T14:00:00Z'),
  durationMinutes: 45,
  summary: 'Interview: Carla Candidate (Discovery, role-play)',
  location: 'Room 4; Berlin office',
  description: 'Interview kit: https://hiring.acme.example/interviews/41',
  url: 'https://hiring.acme.example/interviews/41',
  organizer: { name: 'Nora Newyork', email: 'nora@acme.example' },
  attendees: [
    { name: 'Bernd Berlin', email: 'bernd@acme.example' },
    { name: 'Kavya Kolkata', email: 'kavya@acme.example' },
  ],
  cancelled: false,
  stamp: new Date('2026-11-30T10:00:00Z'),
};

function parsed(text: string) {
  const data = ical.sync.parseICS(text);
  const events = Object.values(data).filter((c): c is VEvent => c?.type === 'VEVENT');
  const zones = Object.values(data).filter((c) => c?.type === 'VTIMEZONE') as unknown as { tzid: string }[];
  return { events, zones, calendar: data.vcalendar as unknown as { method?: string; prodid: string } };
}

describe('calendarFile', () => {
  it('when it is an invite, then it says REQUEST, and the event has its UID, SEQUENCE, times in the zone with its VTIMEZONE, organizer and panel', () => {
    const text = calendarFile([entry], { method: 'REQUEST', zone: 'America/New_York' });
    const { events, zones, calendar } = parsed(text);
    expect(calendar.method).toBe('REQUEST');
    expect(calendar.prodid).toBe('-//Salesbench//Interviews//EN');
    expect(zones.map((z) => z.tzid)).toEqual(['America/New_York']);
    expect(text).toContain('DTSTART;TZID=America/New_York:20270310T090000');
    expect(text).toContain('DTEND;TZID=America/New_York:20270310T094500');
    // DTSTAMP is UTC, as RFC 5545 requires.
    expect(text).toContain('DTSTAMP:20261130T100000Z');
    const [event] = events;
    expect(event!.uid).toBe('interview-41@hiring.acme.example');
    expect(Number(event!.sequence)).toBe(2);
    expect(event!.start.toISOString()).toBe('2027-03-10T14:00:00.000Z');
    expect(event!.end!.toISOString()).toBe('2027-03-10T14:45:00.000Z');
    expect(event!.location).toBe('Room 4; Berlin office');
    expect(event!.summary).toBe('Interview: Carla Candidate (Discovery, role-play)');
    expect(event!.status).toBe('CONFIRMED');
    expect(event!.organizer).toEqual({ params: { CN: 'Nora Newyork' }, val: 'mailto:nora@acme.example' });
    const attendees = [event!.attendee].flat() as unknown as { params: Record<string, unknown>; val: string }[];
    expect(attendees.map((a) => [a.val.toLowerCase(), a.params.CN, a.params.RSVP, a.params.PARTSTAT])).toEqual([
      ['mailto:bernd@acme.example', 'Bernd Berlin', true, 'NEEDS-ACTION'],
      ['mailto:kavya@acme.example', 'Kavya Kolkata', true, 'NEEDS-ACTION'],
    ]);
  });

  it('when it is a cancellation, then it says CANCEL and the event is CANCELLED with nobody asked to answer', () => {
    const { events, calendar } = parsed(calendarFile([{ ...entry, cancelled: true, sequence: 3 }], { method: 'CANCEL', zone: 'Europe/Berlin' }));
    expect(calendar.method).toBe('CANCEL');
    expect(events[0]!.status).toBe('CANCELLED');
    expect(Number(events[0]!.sequence)).toBe(3);
    const attendees = [events[0]!.attendee].flat() as unknown as { params: Record<string, unknown> }[];
    expect(attendees.every((a) => a.params.RSVP === false)).toBe(true);
  });

  it('when it is a feed, then it has no method, a name, and each event once', () => {
    const text = calendarFile([entry, { ...entry, uid: 'interview-42@hiring.acme.example', location: '' }], { method: null, zone: 'Asia/Kolkata', name: 'Interviews at Acme' });
    const { events, calendar } = parsed(text);
    expect(calendar.method).toBeUndefined();
    expect(text).toContain('X-WR-CALNAME:Interviews at Acme');
    expect(events.map((e) => e.uid)).toEqual(['interview-41@hiring.acme.example', 'interview-42@hiring.acme.example']);
    expect(text).toContain('DTSTART;TZID=Asia/Kolkata:20270310T193000');
    expect(text.match(/^LOCATION:/gm)).toHaveLength(1);
  });

  it('when the zone has no VTIMEZONE data, then the times go out in UTC rather than with a TZID no calendar can read', () => {
    const text = calendarFile([entry], { method: 'REQUEST', zone: 'Not/AZone' });
    expect(text).not.toContain('TZID');
    expect(text).not.toContain('BEGIN:VTIMEZONE');
    expect(text).toContain('DTSTART:20270310T140000Z');
  });
});

describe('entryOf', () => {
  const interview = { id: 41, uid: 'u-41', sequence: 1, scheduledAt: '2027-03-10T14:00:00.000Z', durationMinutes: 30, location: 'https://meet.example.test/x', note: 'Bring the deck', candidateName: 'Carla', stageName: 'Discovery', openingTitle: 'AE Berlin', organizer: null, panel: [{ name: 'Bernd', email: 'b@x.test' }] };
  it('describes what to do and links the kit, in the reader’s language, and nothing else', () => {
    const e = entryOf(interview, { t: translator('en'), link: (p) => `https://hiring.acme.example${p}`, stamp: new Date(0), cancelled: false });
    expect(e.description).toBe(['Interview with Carla for AE Berlin: Discovery.', 'Panel: Bernd', 'Note: Bring the deck', 'Interview kit: https://hiring.acme.example/interviews/41'].join('\n'));
    expect(e.url).toBe('https://hiring.acme.example/interviews/41');
    expect(e.summary).toBe('Interview: Carla (Discovery)');
    const ru = entryOf({ ...interview, note: '' }, { t: translator('ru'), link: (p) => `https://h.test${p}`, stamp: new Date(0), cancelled: true });
    expect(ru.summary).toBe('Интервью: Carla (Discovery)');
    expect(ru.description).not.toContain('Bring');
    expect(ru.cancelled).toBe(true);
  });

  it('names a seeded stage in the reader’s language, and a renamed one as written', () => {
    const seeded = { ...interview, stageName: 'Discovery call role-play', stageSeedKey: 'stage.discoveryRolePlay' };
    const ru = entryOf(seeded, { t: translator('ru'), link: (p) => p, stamp: new Date(0), cancelled: false });
    expect(ru.summary).toBe(`Интервью: Carla (${translator('ru')('stage.discoveryRolePlay')})`);
    expect(ru.description).toContain(translator('ru')('stage.discoveryRolePlay'));
    const renamed = entryOf({ ...interview, stageSeedKey: null }, { t: translator('ru'), link: (p) => p, stamp: new Date(0), cancelled: false });
    expect(renamed.summary).toBe('Интервью: Carla (Discovery)');
  });
});

describe('entryOf, field by field', () => {
  const interview = { id: 7, uid: 'u-7', sequence: 4, scheduledAt: '2027-03-10T14:00:00.000Z', durationMinutes: 60, location: 'Room 4', note: '', candidateName: 'Carla', stageName: 'Discovery', openingTitle: 'AE Berlin', organizer: { name: 'Nora', email: 'n@x.test' }, panel: [{ name: 'Bernd', email: 'b@x.test' }, { name: 'Kavya', email: 'k@x.test' }] };
  const words = { t: translator('en'), link: (p: string) => `https://h.test${p}`, stamp: new Date('2027-03-01T00:00:00Z'), cancelled: false };

  it('when an interview without a note has a panel of two, then the event names both and says nothing of a note', () => {
    expect(entryOf(interview, words)).toEqual({
      uid: 'u-7',
      sequence: 4,
      startsAt: new Date('2027-03-10T14:00:00Z'),
      durationMinutes: 60,
      summary: 'Interview: Carla (Discovery)',
      location: 'Room 4',
      description: ['Interview with Carla for AE Berlin: Discovery.', 'Panel: Bernd, Kavya', 'Interview kit: https://h.test/interviews/7'].join('\n'),
      url: 'https://h.test/interviews/7',
      organizer: { name: 'Nora', email: 'n@x.test' },
      attendees: interview.panel,
      cancelled: false,
      stamp: new Date('2027-03-01T00:00:00Z'),
    });
  });

  it('when an interview has no time yet, then the event starts at the epoch rather than failing', () => {
    expect(entryOf({ ...interview, scheduledAt: null }, words).startsAt).toEqual(new Date(0));
  });
});
