import crypto from 'node:crypto';
import { afterFailedTry, generateSecret, isAccepted, isWebhookEvent, MAX_ATTEMPTS, RETRY_DELAYS_MS, signatureHeader, verifySignature } from '../../../src/webhooks/webhook';
import { validateEndpoint } from '../../../src/webhooks/endpoint';
import { applicationCreatedData, applicationMovedData, candidateHiredData, decisionRecordedData, onboardingCompletedData, scorecardSubmittedData, bodyOf, type ApplicationFacts, type PlanFacts } from '../../../src/webhooks/payloads';

describe('signing', () => {
  const secret = 'whsec_test';
  const body = '{"id":"d1","event":"candidate.hired"}';

  it('when the header is made with the secret, then it is t=<timestamp>,v1=<HMAC-SHA256 of "t.body"> and verifies', () => {
    const header = signatureHeader(secret, 1_700_000_000, body);
    const expected = crypto.createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(header).toBe(`t=1700000000,v1=${expected}`);
    expect(verifySignature(secret, header, body, 1_700_000_010)).toBe(true);
  });

  it('when the body, the secret or the timestamp differ, then the signature does not verify', () => {
    const header = signatureHeader(secret, 1_700_000_000, body);
    expect(verifySignature(secret, header, `${body} `, 1_700_000_000)).toBe(false);
    expect(verifySignature('whsec_other', header, body, 1_700_000_000)).toBe(false);
    expect(verifySignature(secret, header.replace('t=1700000000', 't=1700000001'), body, 1_700_000_000)).toBe(false);
    expect(verifySignature(secret, undefined, body, 1_700_000_000)).toBe(false);
  });

  it('when the timestamp is older than the tolerance (a replay), then it is refused; at the tolerance it passes', () => {
    const header = signatureHeader(secret, 1_700_000_000, body);
    expect(verifySignature(secret, header, body, 1_700_000_300)).toBe(true);
    expect(verifySignature(secret, header, body, 1_700_000_301)).toBe(false);
  });

  it('when secrets are generated, then each is new and long', () => {
    const [a, b] = [generateSecret(), generateSecret()];
    expect(a).not.toBe(b);
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  });
});

describe('retries', () => {
  const now = new Date('2026-01-01T00:00:00Z');

  it('when a try fails, then the next comes after the wait for that try (1 min, 5 min … 12 h), about a day in all', () => {
    expect(afterFailedTry(1, now, 0.5)).toEqual({ state: 'pending', nextAttemptAt: new Date(now.getTime() + 60_000) });
    expect(afterFailedTry(2, now, 0.5)).toEqual({ state: 'pending', nextAttemptAt: new Date(now.getTime() + 300_000) });
    const total = RETRY_DELAYS_MS.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(20 * 3_600_000);
    expect(total).toBeLessThan(26 * 3_600_000);
  });

  it('when the wait is jittered, then it stays within 10 % of the schedule', () => {
    const early = afterFailedTry(3, now, 0);
    const late = afterFailedTry(3, now, 0.999_999);
    expect(early.state === 'pending' && early.nextAttemptAt.getTime() - now.getTime()).toBe(0.9 * 15 * 60_000);
    expect(late.state === 'pending' && Math.round((late.nextAttemptAt.getTime() - now.getTime()) / 1000)).toBe(1.1 * 15 * 60);
  });

  it('when the last try fails, or the failure is permanent, then the delivery has failed for good', () => {
    expect(MAX_ATTEMPTS).toBe(8);
    expect(afterFailedTry(MAX_ATTEMPTS - 1, now, 0.5).state).toBe('pending');
    expect(afterFailedTry(MAX_ATTEMPTS, now, 0.5)).toEqual({ state: 'failed' });
    expect(afterFailedTry(1, now, 0.5, true)).toEqual({ state: 'failed' });
  });

  it('when the receiver answers, then only 2xx counts as delivered', () => {
    expect([199, 200, 204, 299, 300, 404, 500].map(isAccepted)).toEqual([false, true, true, true, false, false, false]);
  });
});

describe('validateEndpoint', () => {
  const input = { url: 'https://hr.example.com/hook', description: '', events: ['candidate.hired'], allowHttp: false, allowPrivate: false, enabled: true };

  it('when the endpoint is valid, then it is kept with its URL normalised', () => {
    expect(validateEndpoint({ ...input, url: ' https://HR.example.com/hook ' })).toEqual({ ok: true, endpoint: { ...input, url: 'https://hr.example.com/hook' } });
  });

  it('when no event or an unknown event is chosen, then the events field says so', () => {
    expect(validateEndpoint({ ...input, events: [] })).toEqual({ ok: false, errors: { events: 'webhooks.error.events' } });
    expect(validateEndpoint({ ...input, events: ['candidate.hired', 'user.deleted'] })).toEqual({ ok: false, errors: { events: 'validation.invalid' } });
  });

  it('when the URL is a loopback address or plain http, then the URL field says what to allow', () => {
    expect(validateEndpoint({ ...input, url: 'https://127.0.0.1:8080/' })).toEqual({ ok: false, errors: { url: 'webhooks.error.private' } });
    expect(validateEndpoint({ ...input, url: 'http://hr.example.com/' })).toEqual({ ok: false, errors: { url: 'webhooks.error.http' } });
    expect(validateEndpoint({ ...input, url: 'http://127.0.0.1:8080/', allowHttp: true, allowPrivate: true }).ok).toBe(true);
  });

  it('when the URL or description is too long or empty, then the field says so', () => {
    expect(validateEndpoint({ ...input, url: '' })).toEqual({ ok: false, errors: { url: 'validation.required' } });
    expect(validateEndpoint({ ...input, url: `https://e.com/${'a'.repeat(2000)}` })).toEqual({ ok: false, errors: { url: 'validation.tooLong' } });
    // Checked as stored: 1990 characters as typed, over 2000 once percent-encoded.
    const typed = `https://e.com/${'é'.repeat(100)}${'a'.repeat(1876)}`;
    expect(typed.length).toBeLessThanOrEqual(2000);
    expect(validateEndpoint({ ...input, url: typed })).toEqual({ ok: false, errors: { url: 'validation.tooLong' } });
    const fits = `https://e.com/${'a'.repeat(2000 - 'https://e.com/'.length)}`;
    expect(validateEndpoint({ ...input, url: fits })).toEqual({ ok: true, endpoint: { ...input, url: fits } });
    expect(validateEndpoint({ ...input, description: 'd'.repeat(201) })).toEqual({ ok: false, errors: { description: 'validation.tooLong' } });
    expect(validateEndpoint({ ...input, description: 'd'.repeat(200) }).ok).toBe(true);
  });
});

describe('payloads', () => {
  const application: ApplicationFacts = {
    id: 7,
    status: 'hired',
    createdAt: '2026-01-01T00:00:00.000Z',
    candidate: { id: 3, name: 'Hana Hire', email: 'hana@example.test', phone: ' ' },
    opening: { id: 2, title: 'AE Berlin', roleName: 'Account Executive', hiringManager: { id: 9, name: 'Max Manager', email: 'max@example.test' } },
    stage: { id: 4, name: 'Offer' },
  };

  it('when a candidate is hired, then the payload has what an HR system needs, an unknown phone and start date as null', () => {
    expect(candidateHiredData(application, { decision: 'hire', decidedAt: '2026-02-03T10:00:00.000Z', decidedBy: null }, null)).toEqual({
      hire: {
        application_id: 7,
        candidate: { id: 3, name: 'Hana Hire', email: 'hana@example.test', phone: null },
        opening: { id: 2, title: 'AE Berlin', role: 'Account Executive' },
        hiring_manager: { id: 9, name: 'Max Manager', email: 'max@example.test' },
        decision_date: '2026-02-03',
        start_date: null,
        onboarding_plan_id: null,
      },
    });
  });

  it('when a scorecard is submitted, then ids, the interviewer and the time travel, and not its recommendation (interviewers who still owe theirs may read the channel)', () => {
    const data = scorecardSubmittedData(application, { id: 5, interviewId: 6, interviewer: null, submittedAt: '2026-01-02T00:00:00.000Z' });
    expect(Object.keys(data.scorecard as object).sort()).toEqual(['application_id', 'id', 'interview_id', 'interviewer', 'opening_id', 'submitted_at']);
  });

  it('when a body is made, then it carries the delivery id, the event and the time', () => {
    expect(JSON.parse(bodyOf('d-1', 'application.created', new Date('2026-01-01T00:00:00Z'), { a: 1 }))).toEqual({ id: 'd-1', event: 'application.created', created_at: '2026-01-01T00:00:00.000Z', data: { a: 1 } });
  });
});

describe('signing, at the edges', () => {
  const secret = 'whsec_test';
  const body = '{"id":"d1"}';
  const header = signatureHeader(secret, 1_700_000_000, body);

  it('when the signature is cut short, left out or empty, then it does not verify (and nothing throws)', () => {
    const [t, v1] = header.split(',') as [string, string];
    expect(verifySignature(secret, `${t},${v1.slice(0, 10)}`, body, 1_700_000_000)).toBe(false);
    expect(verifySignature(secret, t, body, 1_700_000_000)).toBe(false);
    expect(verifySignature(secret, `${t},v1`, body, 1_700_000_000)).toBe(false);
    expect(verifySignature(secret, `${t},v1=`, body, 1_700_000_000)).toBe(false);
    expect(verifySignature(secret, '', body, 1_700_000_000)).toBe(false);
  });

  it('when the parts come in another order, then it still verifies', () => {
    const [t, v1] = header.split(',') as [string, string];
    expect(verifySignature(secret, `${v1},${t}`, body, 1_700_000_000)).toBe(true);
  });
});

describe('events and retries, at the edges', () => {
  const now = new Date('2026-01-01T00:00:00Z');

  it('when a value is one of the events, then it is an event; anything else is not', () => {
    expect(['application.created', 'onboarding.completed'].every(isWebhookEvent)).toBe(true);
    expect(['user.deleted', '', 'Application.Created', 1, undefined, null].some(isWebhookEvent)).toBe(false);
  });

  it('when tries fail, then the waits are 1 min, 5 min, 15 min, 1 h, 3 h, 6 h and 12 h', () => {
    expect(RETRY_DELAYS_MS).toEqual([60_000, 300_000, 900_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000]);
    expect(afterFailedTry(4, now, 0.5)).toEqual({ state: 'pending', nextAttemptAt: new Date(now.getTime() + 3_600_000) });
  });

  it('when no try has been counted (0 or fewer), then there is nothing to wait for: the delivery has failed', () => {
    expect(afterFailedTry(0, now, 0.5)).toEqual({ state: 'failed' });
    expect(afterFailedTry(-1, now, 0.5)).toEqual({ state: 'failed' });
  });
});

describe('validateEndpoint, at the edges', () => {
  const input = { url: 'https://hr.example.com/hook', description: '', events: ['candidate.hired'], allowHttp: false, allowPrivate: false, enabled: true };

  it('when the URL is only spaces, then it is required', () => {
    expect(validateEndpoint({ ...input, url: '   ' })).toEqual({ ok: false, errors: { url: 'validation.required' } });
  });

  it('when a URL over 2000 characters is also wrong otherwise, then its length is what is said', () => {
    expect(validateEndpoint({ ...input, url: `ftp://e.com/${'a'.repeat(2000)}` })).toEqual({ ok: false, errors: { url: 'validation.tooLong' } });
  });

  it('when the URL is no URL, not http(s) or carries credentials, then the URL field says which', () => {
    expect(validateEndpoint({ ...input, url: 'not a url' })).toEqual({ ok: false, errors: { url: 'webhooks.error.url' } });
    expect(validateEndpoint({ ...input, url: 'ftp://hr.example.com/' })).toEqual({ ok: false, errors: { url: 'webhooks.error.scheme' } });
    expect(validateEndpoint({ ...input, url: 'https://u:p@hr.example.com/' })).toEqual({ ok: false, errors: { url: 'webhooks.error.credentials' } });
  });

  it('when the description has spaces around it, then they are dropped (and not counted)', () => {
    expect(validateEndpoint({ ...input, description: '  Team channel  ' })).toMatchObject({ ok: true, endpoint: { description: 'Team channel' } });
    expect(validateEndpoint({ ...input, description: ` ${'d'.repeat(200)} ` })).toMatchObject({ ok: true, endpoint: { description: 'd'.repeat(200) } });
  });
});

describe('payloads of each event', () => {
  const application: ApplicationFacts = {
    id: 7,
    status: 'active',
    createdAt: '2026-01-01T00:00:00.000Z',
    candidate: { id: 3, name: 'Hana Hire', email: 'hana@example.test', phone: '+49 30 1234' },
    opening: { id: 2, title: 'AE Berlin', roleName: 'Account Executive', hiringManager: null },
    stage: { id: 4, name: 'Offer' },
  };
  const expected = {
    application: {
      id: 7,
      status: 'active',
      created_at: '2026-01-01T00:00:00.000Z',
      candidate: { id: 3, name: 'Hana Hire', email: 'hana@example.test' },
      opening: { id: 2, title: 'AE Berlin', role: 'Account Executive' },
      stage: { id: 4, name: 'Offer' },
    },
  };

  it('when an application is created or moved, then the receiver gets it with its candidate (no phone), opening and stage', () => {
    expect(applicationCreatedData(application)).toEqual(expected);
    expect(applicationMovedData(application)).toEqual(expected);
  });

  it('when the candidate has no e-mail address and the application no stage, then both are null', () => {
    const bare = { ...application, candidate: { ...application.candidate, email: '' }, stage: null };
    expect(applicationCreatedData(bare)).toEqual({ application: { ...expected.application, candidate: { id: 3, name: 'Hana Hire', email: null }, stage: null } });
  });

  it('when a decision is recorded, then its ids, outcome, time and who decided travel, not its rationale', () => {
    const by = { id: 9, name: 'Max Manager', email: 'max@example.test' };
    expect(decisionRecordedData(application, { decision: 'hire', decidedAt: '2026-02-03T10:00:00.000Z', decidedBy: by })).toEqual({
      decision: { application_id: 7, candidate_id: 3, opening_id: 2, decision: 'hire', decided_at: '2026-02-03T10:00:00.000Z', decided_by: by },
    });
  });

  it('when onboarding is completed, then the plan, the new hire, the manager (or null), the role and the dates travel', () => {
    const plan: PlanFacts = {
      id: 11,
      applicationId: 7,
      startDate: '2026-03-01',
      completedAt: '2026-04-01T09:00:00.000Z',
      roleName: 'Account Executive',
      newHire: { id: 3, name: 'Hana Hire', email: 'hana@example.test' },
      manager: null,
    };
    expect(onboardingCompletedData(plan)).toEqual({
      onboarding: { plan_id: 11, application_id: 7, new_hire: { id: 3, name: 'Hana Hire', email: 'hana@example.test' }, manager: null, role: 'Account Executive', start_date: '2026-03-01', completed_at: '2026-04-01T09:00:00.000Z' },
    });
  });
});
