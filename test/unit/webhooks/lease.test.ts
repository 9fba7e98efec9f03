import { loadConfig, WEBHOOK_MIN_LEASE_SECONDS } from '../../../src/config';
import { REQUEST_TIMEOUT_MS } from '../../../src/webhooks/transport';
import { LEASE_MARGIN_MS, MIN_LEASE_MS } from '../../../src/webhooks/webhook-worker';

describe('WEBHOOK_LEASE_SECONDS', () => {
  it('when the lease is shorter than one post (10 s) and 20 s more, then the configuration is refused with what it must be', () => {
    expect(() => loadConfig({ WEBHOOK_LEASE_SECONDS: '29' }, '/srv/app')).toThrow(/WEBHOOK_LEASE_SECONDS.*30–3600.*request timeout \(10 s\) plus 20 s/s);
    expect(() => loadConfig({ WEBHOOK_LEASE_SECONDS: '5' }, '/srv/app')).toThrow(/WEBHOOK_LEASE_SECONDS/);
  });

  it('when the lease is at least that, then it is taken; unset, it is 60 s', () => {
    expect(loadConfig({ WEBHOOK_LEASE_SECONDS: '30' }, '/srv/app').webhookLeaseMs).toBe(30_000);
    expect(loadConfig({}, '/srv/app').webhookLeaseMs).toBe(60_000);
  });

  it('when the sender posts, then the shortest lease the configuration takes leaves a whole post and its margin', () => {
    expect(MIN_LEASE_MS).toBe(REQUEST_TIMEOUT_MS + LEASE_MARGIN_MS);
    expect(WEBHOOK_MIN_LEASE_SECONDS * 1000).toBe(MIN_LEASE_MS);
  });
});
