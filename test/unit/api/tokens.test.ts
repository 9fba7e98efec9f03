import { parseScopes, rateWindowOf, secondsToNextWindow, TOKEN_PREFIX, tokenWorksAt } from '../../../src/api/tokens';

describe('API tokens (pure rules)', () => {
  const expiresAt = '2030-01-01T00:00:00.000Z';

  it('when the expiry instant is reached, then the token no longer works; a millisecond before, it does', () => {
    expect(tokenWorksAt({ expiresAt, revokedAt: null }, new Date(Date.parse(expiresAt) - 1))).toBe(true);
    expect(tokenWorksAt({ expiresAt, revokedAt: null }, new Date(expiresAt))).toBe(false);
    expect(tokenWorksAt({ expiresAt, revokedAt: null }, new Date(Date.parse(expiresAt) + 1))).toBe(false);
  });

  it('when a token is revoked, then it does not work even before its expiry', () => {
    expect(tokenWorksAt({ expiresAt, revokedAt: '2029-01-01T00:00:00.000Z' }, new Date('2029-06-01T00:00:00.000Z'))).toBe(false);
  });

  it('when requests fall in one calendar minute, then they share its window; the next minute is a new one', () => {
    expect(rateWindowOf(new Date('2030-01-01T10:05:00.000Z'))).toBe('2030-01-01T10:05:00.000Z');
    expect(rateWindowOf(new Date('2030-01-01T10:05:59.999Z'))).toBe('2030-01-01T10:05:00.000Z');
    expect(rateWindowOf(new Date('2030-01-01T10:06:00.000Z'))).toBe('2030-01-01T10:06:00.000Z');
  });

  it('when a client is over the limit, then Retry-After counts whole seconds to the next minute, at least 1', () => {
    expect(secondsToNextWindow(new Date('2030-01-01T10:05:00.000Z'))).toBe(60);
    expect(secondsToNextWindow(new Date('2030-01-01T10:05:20.000Z'))).toBe(40);
    expect(secondsToNextWindow(new Date('2030-01-01T10:05:20.400Z'))).toBe(40);
    expect(secondsToNextWindow(new Date('2030-01-01T10:05:59.999Z'))).toBe(1);
  });

  it('when stored scopes are read, then unknown words are dropped', () => {
    expect(parseScopes('read write')).toEqual(['read', 'write']);
    expect(parseScopes('read admin')).toEqual(['read']);
    expect(parseScopes('')).toEqual([]);
  });
});

describe('API token format', () => {
  it('when a token is shown, then it starts with sbt_ (so secret scanners and people recognise it)', () => {
    expect(TOKEN_PREFIX).toBe('sbt_');
  });
});
