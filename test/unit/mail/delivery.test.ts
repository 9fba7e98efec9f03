import { afterFailure, classifySendError, FIRST_RETRY_MS, LONGEST_RETRY_MS, MAX_ATTEMPTS, retryDelayMs } from '../../../src/mail/delivery';

describe('classifySendError', () => {
  it.each([
    [421, 'temporary'],
    [450, 'temporary'],
    [451, 'temporary'],
    [499, 'temporary'],
    [500, 'permanent'],
    [535, 'permanent'],
    [550, 'permanent'],
    [399, 'permanent'],
  ])('when the server answers %d, then the failure is %s', (responseCode, kind) => {
    expect(classifySendError(Object.assign(new Error('x'), { responseCode, response: `${responseCode} words` }))).toEqual({ kind, message: `${responseCode} words` });
  });

  it('when there is an answer, then a network code does not override it', () => {
    expect(classifySendError({ responseCode: 550, code: 'ECONNRESET', response: '550 no' }).kind).toBe('permanent');
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ESOCKET', 'ECONNECTION', 'EDNS', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ETLS', 'EPROTOCOL'])(
    'when the connection fails with %s and no answer, then it is temporary',
    (code) => {
      expect(classifySendError(Object.assign(new Error(`connect ${code}`), { code }))).toEqual({ kind: 'temporary', message: `connect ${code}` });
    },
  );

  it('when nothing says what went wrong (an unknown code, or not even an error), then it is permanent and its text is kept', () => {
    expect(classifySendError(Object.assign(new Error('bad message'), { code: 'EMESSAGE' }))).toEqual({ kind: 'permanent', message: 'bad message' });
    expect(classifySendError('plain string')).toEqual({ kind: 'permanent', message: 'plain string' });
    expect(classifySendError(undefined).kind).toBe('permanent');
  });

  it('when the answer is blank, then the error text is kept instead; long texts are cut at 500 characters', () => {
    expect(classifySendError({ responseCode: 451, response: '   ', message: 'greylisted' })).toEqual({ kind: 'temporary', message: 'greylisted' });
    expect(classifySendError({ responseCode: 550, response: ` ${'x'.repeat(600)} ` }).message).toBe('x'.repeat(500));
  });
});

describe('retryDelayMs', () => {
  it('when tries fail one after another, then the wait doubles from 30 s and never exceeds an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => retryDelayMs(n, 1 - Number.EPSILON))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000]);
    expect(FIRST_RETRY_MS).toBe(30_000);
    expect(LONGEST_RETRY_MS).toBe(3_600_000);
  });

  it('when the jitter is drawn, then the wait is between half and all of the base', () => {
    expect(retryDelayMs(1, 0)).toBe(15_000);
    expect(retryDelayMs(1, 0.5)).toBe(22_500);
    expect(retryDelayMs(3, 0.25)).toBe(75_000);
    expect(retryDelayMs(0, 0)).toBe(15_000);
  });
});

describe('afterFailure', () => {
  const now = new Date('2026-11-30T10:00:00Z');

  it('when a failure is temporary and tries remain, then the message waits for its next try', () => {
    expect(afterFailure({ kind: 'temporary', message: '' }, 1, now, 0)).toEqual({ state: 'pending', nextAttemptAt: new Date('2026-11-30T10:00:15Z') });
    expect(afterFailure({ kind: 'temporary', message: '' }, MAX_ATTEMPTS - 1, now, 0)).toEqual({ state: 'pending', nextAttemptAt: new Date(now.getTime() + retryDelayMs(MAX_ATTEMPTS - 1, 0)) });
  });

  it('when the last try failed, or the failure is permanent, then the message fails for good', () => {
    expect(MAX_ATTEMPTS).toBe(8);
    expect(afterFailure({ kind: 'temporary', message: '' }, MAX_ATTEMPTS, now, 0)).toEqual({ state: 'failed' });
    expect(afterFailure({ kind: 'permanent', message: '' }, 1, now, 0)).toEqual({ state: 'failed' });
  });
});
