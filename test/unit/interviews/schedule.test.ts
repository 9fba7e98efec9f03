import { checkDuration, checkLocation, endOf, isWebLink, mayBeSubmitted, minutesOverdue, overlaps, panelChange, resolveStart } from '../../../src/interviews/schedule';
import { parseCancelForm, parseSchedulingForm } from '../../../src/interviews/schedule.forms';
import { parseLocalInput } from '../../../src/shared/zoned-time';

const local = (text: string) => parseLocalInput(text)!;
const slot = (iso: string, minutes: number) => ({ startsAt: new Date(iso), durationMinutes: minutes });

describe('resolveStart', () => {
  it('when the time exists once, then it is that moment, whatever the choice says', () => {
    expect(resolveStart(local('2027-03-10T09:00'), 'America/New_York', undefined)).toEqual({ ok: true, startsAt: new Date('2027-03-10T14:00:00Z') });
    expect(resolveStart(local('2027-03-10T09:00'), 'America/New_York', 'later')).toEqual({ ok: true, startsAt: new Date('2027-03-10T14:00:00Z') });
  });

  it('when the time falls in the skipped hour, then it is refused even with a choice', () => {
    expect(resolveStart(local('2027-03-28T02:30'), 'Europe/Berlin', undefined)).toEqual({ ok: false, error: 'interviews.error.gap' });
    expect(resolveStart(local('2027-03-28T02:30'), 'Europe/Berlin', 'earlier')).toEqual({ ok: false, error: 'interviews.error.gap' });
  });

  it('when the time happens twice, then without a choice both moments are offered; with one, that moment', () => {
    const earlier = new Date('2027-10-31T00:30:00Z');
    const later = new Date('2027-10-31T01:30:00Z');
    expect(resolveStart(local('2027-10-31T02:30'), 'Europe/Berlin', undefined)).toEqual({ ok: false, error: 'interviews.error.ambiguous', choices: { earlier, later } });
    expect(resolveStart(local('2027-10-31T02:30'), 'Europe/Berlin', 'earlier')).toEqual({ ok: true, startsAt: earlier });
    expect(resolveStart(local('2027-10-31T02:30'), 'Europe/Berlin', 'later')).toEqual({ ok: true, startsAt: later });
  });
});

describe('checkDuration', () => {
  it.each([5, 6, 45, 479, 480])('%p minutes is a duration', (minutes) => {
    expect(checkDuration(minutes)).toBeUndefined();
  });
  it.each([4, 0, -30, 481, 4.5, Number.NaN, Number.POSITIVE_INFINITY])('%p minutes is not', (minutes) => {
    expect(checkDuration(minutes)).toBe('interviews.error.duration');
  });
});

describe('checkLocation and isWebLink', () => {
  it.each(['', 'Room 4, Berlin office', 'Call: +49 30 1234', 'https://meet.example.test/abc', 'http://zoom.example.test/j/1', 'Zoom (link in the note)'])('%p is a place', (text) => {
    expect(checkLocation(text)).toBeUndefined();
  });
  it.each(['javascript:alert(1)', 'JavaScript:alert(1)', 'Phone:+49 (a scheme, not a web link)', 'data:text/html,x', 'file:///etc/passwd', 'https://', 'https://exa mple.test', 'ftp://files.example.test', 'x'.repeat(501)])('%p is refused', (text) => {
    expect(checkLocation(text)).toBe('interviews.error.location');
  });
  it('500 characters is the longest place', () => {
    expect(checkLocation('x'.repeat(500))).toBeUndefined();
  });
  it('only http(s) links with a host and no spaces are links to open', () => {
    expect(isWebLink('https://meet.example.test/abc')).toBe(true);
    expect(isWebLink('http://a.test')).toBe(true);
    expect(isWebLink('Room 4')).toBe(false);
    expect(isWebLink('https://a.test/x y')).toBe(false);
    expect(isWebLink('mailto:a@b.test')).toBe(false);
    expect(isWebLink('javascript:alert(1)')).toBe(false);
  });
  it('when a place mentions a link or a scheme later on, then it is still a place', () => {
    expect(checkLocation('Phone me on tel:+49301234')).toBeUndefined();
    expect(checkLocation('Room 4, or https://meet.example.test/abc')).toBeUndefined();
  });
  it('when a link is not http(s), then it is not a link to open', () => {
    expect(isWebLink('ftp://files.example.test')).toBe(false);
    expect(isWebLink('HTTP://a.test')).toBe(true);
  });
  it('when the text cannot be read as a link at all, then it is not one', () => {
    expect(isWebLink('meet.example.test')).toBe(false);
    expect(isWebLink('')).toBe(false);
  });
});

describe('overlaps and endOf', () => {
  it('the end is the start plus the duration', () => {
    expect(endOf(new Date('2027-01-01T10:00:00Z'), 45)).toEqual(new Date('2027-01-01T10:45:00Z'));
  });
  it('when two interviews share a minute, then they overlap, in either order', () => {
    expect(overlaps(slot('2027-01-01T10:00:00Z', 60), slot('2027-01-01T10:59:00Z', 30))).toBe(true);
    expect(overlaps(slot('2027-01-01T10:59:00Z', 30), slot('2027-01-01T10:00:00Z', 60))).toBe(true);
    expect(overlaps(slot('2027-01-01T10:00:00Z', 60), slot('2027-01-01T10:15:00Z', 5))).toBe(true);
    expect(overlaps(slot('2027-01-01T10:00:00Z', 60), slot('2027-01-01T10:00:00Z', 60))).toBe(true);
  });
  it('when one ends as the other starts, then they do not', () => {
    expect(overlaps(slot('2027-01-01T10:00:00Z', 60), slot('2027-01-01T11:00:00Z', 30))).toBe(false);
    expect(overlaps(slot('2027-01-01T11:00:00Z', 30), slot('2027-01-01T10:00:00Z', 60))).toBe(false);
    expect(overlaps(slot('2027-01-01T10:00:00Z', 60), slot('2027-01-01T09:30:00Z', 30))).toBe(false);
  });
});

describe('panelChange', () => {
  it('says who joins, who leaves and who stays', () => {
    expect(panelChange([1, 2, 3], [3, 4, 1])).toEqual({ added: [4], removed: [2], kept: [3, 1] });
    expect(panelChange([], [5])).toEqual({ added: [5], removed: [], kept: [] });
    expect(panelChange([5], [])).toEqual({ added: [], removed: [5], kept: [] });
  });
});

describe('mayBeSubmitted and minutesOverdue', () => {
  const start = '2027-01-01T10:00:00.000Z';
  it('a scorecard may be submitted from the start minute on, or any time when no time was set', () => {
    expect(mayBeSubmitted(start, new Date('2027-01-01T09:59:59.999Z'))).toBe(false);
    expect(mayBeSubmitted(start, new Date(start))).toBe(true);
    expect(mayBeSubmitted(start, new Date('2027-01-02T00:00:00Z'))).toBe(true);
    expect(mayBeSubmitted(null, new Date(0))).toBe(true);
  });
  it('lateness counts whole minutes from the end, never below zero', () => {
    expect(minutesOverdue(start, 45, new Date('2027-01-01T10:30:00Z'))).toBe(0);
    expect(minutesOverdue(start, 45, new Date('2027-01-01T10:45:00Z'))).toBe(0);
    expect(minutesOverdue(start, 45, new Date('2027-01-01T10:45:59Z'))).toBe(0);
    expect(minutesOverdue(start, 45, new Date('2027-01-01T10:46:00Z'))).toBe(1);
    expect(minutesOverdue(start, 45, new Date('2027-01-02T10:45:00Z'))).toBe(1440);
  });
});

describe('parseSchedulingForm', () => {
  const base = { stage_id: '3', start: '2027-05-04T10:00', duration_minutes: '45', location: ' Room 4 ', note: ' Bring the deck ', interviewer_ids: ['7', '8', '7'] };

  it('when every field is right, then it gives the moment in the typist’s zone, trimmed texts and each interviewer once', () => {
    expect(parseSchedulingForm(base, 'Europe/Berlin')).toEqual({
      ok: true,
      data: { stageId: 3, startsAt: new Date('2027-05-04T08:00:00Z'), timeZone: 'Europe/Berlin', durationMinutes: 45, location: 'Room 4', note: 'Bring the deck', interviewerIds: [7, 8] },
    });
  });

  it('when several fields are wrong, then each has its message', () => {
    const form = parseSchedulingForm({ ...base, start: 'tomorrow', duration_minutes: '0', location: 'javascript:x', note: 'n'.repeat(2001) }, 'UTC');
    expect(form).toEqual({ ok: false, errors: { start: 'interviews.error.time', duration_minutes: 'interviews.error.duration', location: 'interviews.error.location', note: 'validation.tooLong' } });
  });

  it('a note of 2000 characters is kept; a duration with spaces around is read', () => {
    const form = parseSchedulingForm({ ...base, note: 'n'.repeat(2000), duration_minutes: ' 30 ' }, 'UTC');
    expect(form.ok && form.data.note.length).toBe(2000);
    expect(form.ok && form.data.durationMinutes).toBe(30);
  });

  it.each(['1e2', '0x1e', '30.0', '', '１５'])('a duration written %p is refused', (duration) => {
    expect(parseSchedulingForm({ ...base, duration_minutes: duration }, 'UTC')).toEqual({ ok: false, errors: { duration_minutes: 'interviews.error.duration' } });
  });

  it('when the time happens twice, then the refusal carries both moments; a choice settles it', () => {
    const asked = parseSchedulingForm({ ...base, start: '2027-10-31T02:30' }, 'Europe/Berlin');
    expect(asked).toEqual({ ok: false, errors: { start: 'interviews.error.ambiguous' }, choices: { earlier: new Date('2027-10-31T00:30:00Z'), later: new Date('2027-10-31T01:30:00Z') } });
    const chosen = parseSchedulingForm({ ...base, start: '2027-10-31T02:30', start_choice: 'later' }, 'Europe/Berlin');
    expect(chosen.ok && chosen.data.startsAt).toEqual(new Date('2027-10-31T01:30:00Z'));
    const odd = parseSchedulingForm({ ...base, start: '2027-10-31T02:30', start_choice: 'both' }, 'Europe/Berlin');
    expect(odd.ok).toBe(false);
  });
});

describe('parseCancelForm', () => {
  it('needs a reason of at most 500 characters, trimmed', () => {
    expect(parseCancelForm({ reason: '  Withdrew  ' })).toEqual({ ok: true, reason: 'Withdrew' });
    expect(parseCancelForm({ reason: 'r'.repeat(500) })).toEqual({ ok: true, reason: 'r'.repeat(500) });
    expect(parseCancelForm({ reason: 'r'.repeat(501) })).toEqual({ ok: false, errors: { reason: 'validation.tooLong' } });
    expect(parseCancelForm({ reason: '   ' })).toEqual({ ok: false, errors: { reason: 'interviews.error.reasonRequired' } });
    expect(parseCancelForm({})).toEqual({ ok: false, errors: { reason: 'interviews.error.reasonRequired' } });
  });
});
