import { decideSsoSignIn, DEFAULT_SSO_POLICY, emailDomain, isLoopbackHost, issuerProblem, parseDomainList, passwordSignInAllowed, type SsoPolicy } from '../../../src/auth/oidc';

const verified = (email: string, name?: string) => ({ email, emailVerified: true, name });
const openTo = (...domains: string[]): SsoPolicy => ({ ...DEFAULT_SSO_POLICY, signUpDomains: domains });

describe('issuer addresses', () => {
  it.each(['https://accounts.google.com', 'https://login.microsoftonline.com/tenant-id/v2.0', 'https://acme.okta.com', 'http://127.0.0.1:4000', 'http://localhost:8080/realms/x', 'http://[::1]:9000', 'http://127.9.8.7'])('when the issuer is %s, then it is accepted', (issuer) => {
    expect(issuerProblem(issuer)).toBeNull();
  });

  it.each(['http://idp.example.com', 'http://10.0.0.5', 'http://192.168.1.2:8080', 'http://localhost.example.com', 'http://128.0.0.1'])('when the issuer is plain http off the loopback (%s), then it is insecure', (issuer) => {
    expect(issuerProblem(issuer)).toBe('insecure');
  });

  it.each(['', 'accounts.google.com', 'ftp://idp.example.com', 'https://idp.example.com/?tenant=1', 'https://idp.example.com/#x', 'https://user:pw@idp.example.com'])('when the issuer is %p, then it is invalid', (issuer) => {
    expect(issuerProblem(issuer)).toBe('invalid');
  });

  it('when a host is in 127.0.0.0/8, localhost or ::1, then it is the loopback; otherwise not', () => {
    expect(['127.0.0.1', '127.255.255.255', 'localhost', '[::1]'].map(isLoopbackHost)).toEqual([true, true, true, true]);
    expect(['126.0.0.1', '0.0.0.0', 'example.com', '[::2]'].map(isLoopbackHost)).toEqual([false, false, false, false]);
  });
});

describe('sign-up domains', () => {
  it('when an admin types domains with commas, spaces, @ and capitals, then they are kept lower-case, once each', () => {
    expect(parseDomainList(' Example.com, @sales.example.co.uk\nexample.com ;other.io')).toEqual({ domains: ['example.com', 'sales.example.co.uk', 'other.io'], invalid: [] });
  });

  it('when an entry is not a domain name, then it is listed as invalid', () => {
    expect(parseDomainList('example.com, localhost, -bad.com, a..b.com, x.c0m').invalid).toEqual(['localhost', '-bad.com', 'a..b.com', 'x.c0m']);
  });

  it('when the text is empty, then there are no domains', () => {
    expect(parseDomainList('  ')).toEqual({ domains: [], invalid: [] });
  });

  it('when an address has a domain, then it is the part after the last @, lower-cased', () => {
    expect(emailDomain('Ann@Sales.Example.COM')).toBe('sales.example.com');
    expect(emailDomain('no-at-sign')).toBe('');
  });
});

describe('who signs in with the provider word', () => {
  it('when the verified e-mail belongs to an active account, then that account signs in', () => {
    expect(decideSsoSignIn(verified('Ann@Example.com'), { id: 7, status: 'active' }, DEFAULT_SSO_POLICY)).toEqual({ kind: 'signIn', userId: 7, acceptsInvite: false });
  });

  it('when the account is invited, then it signs in and accepts the invite', () => {
    expect(decideSsoSignIn(verified('ann@example.com'), { id: 7, status: 'invited' }, DEFAULT_SSO_POLICY)).toEqual({ kind: 'signIn', userId: 7, acceptsInvite: true });
  });

  it('when the account is deactivated, then it is refused', () => {
    expect(decideSsoSignIn(verified('ann@example.com'), { id: 7, status: 'deactivated' }, openTo('example.com'))).toEqual({ kind: 'refused', reason: 'deactivated', email: 'ann@example.com' });
  });

  it.each([false, undefined, 'true', 1, null])('when email_verified is %p, then even a known account is refused as unverified', (emailVerified) => {
    expect(decideSsoSignIn({ email: 'ann@example.com', emailVerified, name: undefined }, { id: 7, status: 'active' }, openTo('example.com'))).toMatchObject({ kind: 'refused', reason: 'unverified' });
  });

  it('when there is no e-mail, then it is refused', () => {
    expect(decideSsoSignIn({ email: undefined, emailVerified: true, name: 'x' }, undefined, openTo('example.com'))).toEqual({ kind: 'refused', reason: 'noEmail' });
  });

  it('when nobody has the e-mail and its domain is not open, then it is refused as unknown', () => {
    expect(decideSsoSignIn(verified('bob@example.com'), undefined, DEFAULT_SSO_POLICY)).toEqual({ kind: 'refused', reason: 'unknown', email: 'bob@example.com' });
    expect(decideSsoSignIn(verified('bob@sub.example.com'), undefined, openTo('example.com'))).toMatchObject({ reason: 'unknown' });
    expect(decideSsoSignIn(verified('bob@example.com.evil.test'), undefined, openTo('example.com'))).toMatchObject({ reason: 'unknown' });
  });

  it('when nobody has the e-mail and its domain is open, then they sign up with the chosen role and their name (or the part before @)', () => {
    expect(decideSsoSignIn(verified('Bob@Example.com', ' Bob Builder '), undefined, openTo('example.com'))).toEqual({ kind: 'signUp', email: 'bob@example.com', name: 'Bob Builder', role: 'interviewer' });
    expect(decideSsoSignIn(verified('carol@example.com'), undefined, { ...openTo('example.com'), signUpRole: 'recruiter' })).toEqual({ kind: 'signUp', email: 'carol@example.com', name: 'carol', role: 'recruiter' });
  });
});

describe('password sign-in under "require SSO"', () => {
  const required = { requireSso: true };
  it('when SSO is required and set up, then only admins keep their password', () => {
    expect(passwordSignInAllowed('admin', required, true)).toBe(true);
    for (const role of ['recruiter', 'hiring_manager', 'interviewer', 'new_hire'] as const) expect(passwordSignInAllowed(role, required, true)).toBe(false);
  });

  it('when SSO is not required, or no provider is set up, then everyone may use their password', () => {
    expect(passwordSignInAllowed('interviewer', { requireSso: false }, true)).toBe(true);
    expect(passwordSignInAllowed('interviewer', required, false)).toBe(true);
  });
});
