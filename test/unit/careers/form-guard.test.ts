import { Settings } from 'luxon';
import { hashAddress, HOURLY_LIMIT, isNonce, judgeTiming, MAX_FORM_AGE_MS, MIN_FILL_MS, newNonce, signFormToken, verifyFormToken, withinHourlyLimit } from '../../../src/careers/form-guard';
import { linkedInVariants } from '../../../src/candidates/candidate';
import { DEFAULT_RETENTION_MONTHS, isRetentionMonths, privacyTextFor, retentionCutoff } from '../../../src/shared/retention';

const SECRET = 'a secret long enough to sign with';

describe('the form token', () => {
  const shownAt = new Date('2026-05-01T10:00:00.000Z');
  const nonce = 'abcdefghijklmnopqrstuvwx';

  it('when the token is the one signed, then the time it carries is trusted', () => {
    const token = signFormToken(SECRET, nonce, 7, shownAt);
    expect(token.startsWith(`${shownAt.getTime()}.`)).toBe(true);
    expect(verifyFormToken(SECRET, nonce, 7, token)).toEqual({ ok: true, shownAtMs: shownAt.getTime() });
  });

  it('when the time, the opening, the cookie or the secret differ, or the token is malformed, then it is refused', () => {
    const token = signFormToken(SECRET, nonce, 7, shownAt);
    const [, mac] = token.split('.');
    expect(verifyFormToken(SECRET, nonce, 7, `${shownAt.getTime() - 5000}.${mac}`)).toEqual({ ok: false });
    expect(verifyFormToken(SECRET, nonce, 8, token)).toEqual({ ok: false });
    expect(verifyFormToken(SECRET, 'zbcdefghijklmnopqrstuvwx', 7, token)).toEqual({ ok: false });
    expect(verifyFormToken(`${SECRET}!`, nonce, 7, token)).toEqual({ ok: false });
    expect(verifyFormToken(SECRET, '', 7, token)).toEqual({ ok: false });
    // No cookie, no token: even one signed for an empty value.
    expect(verifyFormToken(SECRET, '', 7, signFormToken(SECRET, '', 7, shownAt))).toEqual({ ok: false });
    expect(verifyFormToken(SECRET, nonce, 7, `x${token}`)).toEqual({ ok: false });
    expect(verifyFormToken(SECRET, nonce, 7, `${token}x`)).toEqual({ ok: false });
    for (const bad of ['', '.', `${shownAt.getTime()}`, `x.${mac}`, `${shownAt.getTime()}.${mac}x`, `${shownAt.getTime()}.${mac!.slice(1)}`, `1${'0'.repeat(15)}.${mac}`]) {
      expect(verifyFormToken(SECRET, nonce, 7, bad)).toEqual({ ok: false });
    }
  });

  it.each([
    [0, 'too_fast'],
    [MIN_FILL_MS - 1, 'too_fast'],
    [MIN_FILL_MS, 'ok'],
    [MAX_FORM_AGE_MS, 'ok'],
    [MAX_FORM_AGE_MS + 1, 'expired'],
    [-1, 'too_fast'],
  ])('when the form comes back %d ms after it was shown, then it is %s', (elapsed, verdict) => {
    expect(judgeTiming(1_000_000, 1_000_000 + elapsed)).toBe(verdict);
  });

  it('when the limits are read, then a person needs 3 seconds and a form lasts a day', () => {
    expect(MIN_FILL_MS).toBe(3000);
    expect(MAX_FORM_AGE_MS).toBe(86_400_000);
  });

  it('when the shown-at time is read back, then it is the one signed, to the millisecond', () => {
    const at = new Date('2026-05-01T10:00:00.123Z');
    expect(verifyFormToken(SECRET, nonce, 7, signFormToken(SECRET, nonce, 7, at))).toEqual({ ok: true, shownAtMs: at.getTime() });
  });

  it('when a nonce is made, then it has the shape the cookie check accepts, and others are refused', () => {
    const made = newNonce();
    expect(isNonce(made)).toBe(true);
    expect(made).not.toBe(newNonce());
    expect(isNonce(undefined)).toBe(false);
    expect(isNonce('short')).toBe(false);
    expect(isNonce(`${made}x`)).toBe(false);
    expect(isNonce('abcdefghijklmnopqrstuvw!')).toBe(false);
  });
});

describe('the hourly limit per address', () => {
  it('when an address has sent fewer than ten in the hour, then one more is accepted; at ten it is not', () => {
    expect(HOURLY_LIMIT).toBe(10);
    expect(withinHourlyLimit(0)).toBe(true);
    expect(withinHourlyLimit(9)).toBe(true);
    expect(withinHourlyLimit(10)).toBe(false);
    expect(withinHourlyLimit(11)).toBe(false);
  });

  it('when an address is kept, then only a keyed hash of it is, the same for the same address', () => {
    const hash = hashAddress(SECRET, '203.0.113.9');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('203.0.113.9');
    expect(hashAddress(SECRET, '203.0.113.9')).toBe(hash);
    expect(hashAddress(SECRET, '203.0.113.10')).not.toBe(hash);
    expect(hashAddress(`${SECRET}x`, '203.0.113.9')).not.toBe(hash);
  });
});

describe('retention', () => {
  it.each([
    ['2026-05-15T12:00:00.000Z', 24, '2024-05-15T12:00:00.000Z'],
    ['2026-03-31T00:00:00.000Z', 1, '2026-02-28T00:00:00.000Z'],
    ['2024-03-31T00:00:00.000Z', 1, '2024-02-29T00:00:00.000Z'],
    ['2026-01-10T08:30:00.000Z', 120, '2016-01-10T08:30:00.000Z'],
  ])('when it is %s and the period is %d months, then the cutoff is %s', (now, months, cutoff) => {
    expect(retentionCutoff(new Date(now), months).toISOString()).toBe(cutoff);
  });

  it('when the server runs in another time zone, then the months are still counted in UTC', () => {
    const zone = Settings.defaultZone;
    Settings.defaultZone = 'Pacific/Kiritimati';
    try {
      expect(retentionCutoff(new Date('2026-03-30T12:00:00.000Z'), 1).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    } finally {
      Settings.defaultZone = zone;
    }
  });

  it.each([
    [1, true],
    [24, true],
    [120, true],
    [0, false],
    [121, false],
    [1.5, false],
    [Number.NaN, false],
  ])('when the period is %d months, then it is allowed: %s', (months, allowed) => {
    expect(isRetentionMonths(months)).toBe(allowed);
  });

  it('when no period or text was set, then 24 months and the default text apply', () => {
    expect(DEFAULT_RETENTION_MONTHS).toBe(24);
    expect(privacyTextFor('', 'default')).toBe('default');
    expect(privacyTextFor('  \n ', 'default')).toBe('default');
    expect(privacyTextFor('Ours.', 'default')).toBe('Ours.');
  });
});

describe('LinkedIn variants', () => {
  it('when a profile is looked up, then every way it may have been recorded is tried', () => {
    expect(linkedInVariants('https://linkedin.com/in/Bob')).toEqual([
      'https://linkedin.com/in/Bob',
      'https://linkedin.com/in/Bob/',
      'https://linkedin.com/in/bob',
      'https://linkedin.com/in/bob/',
      'https://www.linkedin.com/in/Bob',
      'https://www.linkedin.com/in/Bob/',
      'https://www.linkedin.com/in/bob',
      'https://www.linkedin.com/in/bob/',
    ]);
    expect(linkedInVariants('https://de.linkedin.com/in/bob/')).toContain('https://www.linkedin.com/in/bob');
    expect(linkedInVariants('')).toEqual([]);
    expect(linkedInVariants('https://linkedin.com/in/bob//')).toContain('https://linkedin.com/in/bob');
    expect(linkedInVariants('not a url')).toEqual(['not a url']);
  });
});
