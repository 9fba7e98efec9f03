import { redactUrl } from '../../../src/web/request-log';

describe('the request log and the single sign-on callback', () => {
  it('when the callback brings code, state, iss and session_state, then none of them is logged', () => {
    const logged = redactUrl('/auth/oidc/callback?code=the-code&state=the-state&iss=http%3A%2F%2Fidp&session_state=abc.def');
    expect(logged).toBe('/auth/oidc/callback?code=[redacted]&state=[redacted]&iss=[redacted]&session_state=[redacted]');
  });

  it('when the callback brings an error, then the error itself is kept (it is what an admin needs)', () => {
    expect(redactUrl('/auth/oidc/callback?error=access_denied&state=s')).toBe('/auth/oidc/callback?error=access_denied&state=[redacted]');
  });

  it('when another page has a parameter named code or state, then it is left as it is', () => {
    expect(redactUrl('/candidates?state=open&code=7')).toBe('/candidates?state=open&code=7');
  });
});
