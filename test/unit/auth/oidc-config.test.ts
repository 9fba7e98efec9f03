import { ConfigError, loadConfig } from '../../../src/config';

const provider = { OIDC_ISSUER: 'https://acme.okta.com', OIDC_CLIENT_ID: 'client-1', OIDC_CLIENT_SECRET: 'the-secret' };

describe('single sign-on from the environment', () => {
  it('when no OIDC_ variable is set, then single sign-on is not configured by the environment', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
  });

  it('when issuer, client ID and secret are set, then they are read, with the display name if given', () => {
    expect(loadConfig({ ...provider, OIDC_DISPLAY_NAME: ' Okta ' }).oidc).toEqual({ issuer: 'https://acme.okta.com', clientId: 'client-1', clientSecret: 'the-secret', displayName: 'Okta' });
    expect(loadConfig(provider).oidc?.displayName).toBeUndefined();
  });

  it.each(['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'])('when %s is missing while the others are set, then start-up fails naming it', (missing) => {
    const env: Record<string, string> = { ...provider };
    delete env[missing];
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(missing);
  });

  it('when the issuer is plain http on another machine, then start-up fails; on the loopback it is accepted', () => {
    expect(() => loadConfig({ ...provider, OIDC_ISSUER: 'http://idp.example.com' })).toThrow(/OIDC_ISSUER must be an https:\/\/ address/);
    expect(loadConfig({ ...provider, OIDC_ISSUER: 'http://127.0.0.1:4000' }).oidc?.issuer).toBe('http://127.0.0.1:4000');
  });

  it('when start-up fails over the single sign-on variables, then the message never holds the client secret', () => {
    for (const env of [{ ...provider, OIDC_ISSUER: 'http://idp.example.com' }, { ...provider, OIDC_CLIENT_ID: '' }]) {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      try {
        loadConfig(env);
      } catch (err) {
        expect((err as Error).message).not.toContain('the-secret');
      }
    }
  });
});
