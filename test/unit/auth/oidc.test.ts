import { decideSsoSignIn, DEFAULT_SSO_POLICY, emailDomain, isLoopbackHost, isPrivateAddress, issuerProblem, isSignUpRole, normaliseSsoEmail, parseDomainList, passwordSignInAllowed, SIGN_UP_ROLES, type SsoPolicy } from '../../../src/auth/oidc';
import type { ServerMetadata } from 'openid-client';
import { metadataProblem } from '../../../src/auth/oidc.service';

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

describe('issuers typed on the settings page', () => {
  const typed = { typedOnSettingsPage: true };

  it.each(['https://10.0.0.5', 'https://10.255.255.255/realm', 'https://172.16.0.1', 'https://172.31.255.254', 'https://192.168.1.2:8443', 'https://169.254.169.254', 'https://[fd00::1]', 'https://[fc00::]', 'https://[fe80::1]', 'https://[::ffff:10.0.0.1]', 'http://169.254.169.254', 'https://0.0.0.0'])('when the issuer is inside a private or link-local network (%s), then it is refused', (issuer) => {
    expect(issuerProblem(issuer, typed)).toBe('private');
  });

  it.each(['https://172.15.255.255', 'https://172.32.0.1', 'https://11.0.0.1', 'https://192.169.0.1', 'https://169.253.0.1', 'https://[fe00::1]', 'https://[2001:db8::1]', 'https://idp.example.com', 'http://127.0.0.1:4000', 'http://localhost:8080', 'http://[::1]:9000'])('when the issuer is %s (public, or the loopback), then it is accepted', (issuer) => {
    expect(issuerProblem(issuer, typed)).toBeNull();
  });

  it('when the loopback is given as https or http, then both are accepted, and plain http elsewhere is still insecure', () => {
    expect(issuerProblem('https://127.0.0.1:4000', typed)).toBeNull();
    expect(issuerProblem('http://idp.example.com', typed)).toBe('insecure');
  });

  it('when the issuer comes from the environment, then a private address is the operator\'s choice and accepted', () => {
    expect(issuerProblem('https://10.0.0.5')).toBeNull();
  });

  it('when a host is a name, then it is not taken for a private address (names are not resolved)', () => {
    expect(['idp.internal', 'localhost', '10.example.com'].map(isPrivateAddress)).toEqual([false, false, false]);
  });
});

describe('the provider\'s discovery document', () => {
  const good = { issuer: 'https://idp.example.com', authorization_endpoint: 'https://idp.example.com/auth', token_endpoint: 'https://idp.example.com/token', jwks_uri: 'https://idp.example.com/jwks' } as ServerMetadata;

  it('when the endpoints are https under an https issuer, then it can be used', () => {
    expect(metadataProblem(good, good.issuer)).toBeNull();
    expect(metadataProblem({ ...good, token_endpoint_auth_methods_supported: 'client_secret_basic' as unknown as string[] }, good.issuer)).toBeNull();
  });

  it('when an endpoint is missing, or plain http under an https issuer, then it cannot', () => {
    expect(metadataProblem({ ...good, authorization_endpoint: undefined }, good.issuer)).toMatch(/authorization_endpoint/);
    expect(metadataProblem({ ...good, token_endpoint: 'http://idp.example.com/token' }, good.issuer)).toMatch(/token_endpoint is not an https/);
    expect(metadataProblem({ ...good, userinfo_endpoint: 'http://idp.example.com/me' }, good.issuer)).toMatch(/userinfo_endpoint/);
    expect(metadataProblem({ ...good, jwks_uri: 42 as unknown as string }, good.issuer)).toMatch(/jwks_uri/);
  });

  it('when the issuer itself is plain http on the loopback, then http endpoints are accepted', () => {
    const local = { issuer: 'http://127.0.0.1:4000', authorization_endpoint: 'http://127.0.0.1:4000/auth', token_endpoint: 'http://127.0.0.1:4000/token', jwks_uri: 'http://127.0.0.1:4000/jwks' } as ServerMetadata;
    expect(metadataProblem(local, local.issuer)).toBeNull();
  });
});

describe('e-mail addresses from the provider', () => {
  it('when the address is ASCII, then only A-Z are lower-cased', () => {
    expect(normaliseSsoEmail(' Kate.O\'Brien@Example.COM ')).toBe("kate.o'brien@example.com");
  });

  it.each(['\u212Aate@example.com', 'kate@exampl\u0435.com', 'k\u0130m@example.com', 'ka\u0000te@example.com', 'kate@example.com\u0007', 'ka te@example.com'])('when the address %j is not printable ASCII, then it is refused, never folded onto another', (email) => {
    expect(normaliseSsoEmail(email)).toBeUndefined();
    expect(decideSsoSignIn(verified(email), { id: 7, status: 'active' }, openTo('example.com'))).toEqual({ kind: 'refused', reason: 'badEmail' });
  });

  it('when the name has control characters (NUL among them), then they are dropped', () => {
    expect(decideSsoSignIn(verified('nul@example.com', 'Nu\u0000ll\u0007 Name\n'), undefined, openTo('example.com'))).toMatchObject({ kind: 'signUp', name: 'Null Name' });
    expect(decideSsoSignIn(verified('ctl@example.com', '\u0000\u0001'), undefined, openTo('example.com'))).toMatchObject({ kind: 'signUp', name: 'ctl' });
  });

  it('when a sign-up domain is typed in Unicode, then it matches the ASCII (punycode) address; the Unicode address itself is refused', () => {
    const { domains } = parseDomainList('Bücher.example');
    expect(domains).toEqual(['xn--bcher-kva.example']);
    expect(decideSsoSignIn(verified('ann@xn--bcher-kva.example'), undefined, openTo(...domains))).toMatchObject({ kind: 'signUp' });
    expect(decideSsoSignIn(verified('ann@bücher.example'), undefined, openTo(...domains))).toMatchObject({ reason: 'badEmail' });
    expect(emailDomain('ann@XN--BCHER-KVA.example')).toBe('xn--bcher-kva.example');
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

describe('issuer addresses, at their edges', () => {
  it('when 127.x.y.z is only part of the host, then it is not the loopback and plain http is insecure', () => {
    expect(['1127.0.0.1', '127.0.0.1.example.com', 'x127.0.0.1'].map(isLoopbackHost)).toEqual([false, false, false]);
    expect(issuerProblem('http://127.0.0.1.nip.io')).toBe('insecure');
  });

  it('when the issuer is pasted with non-breaking spaces around it, then they are dropped', () => {
    expect(issuerProblem('\u00a0https://idp.example.com\u00a0')).toBeNull();
  });

  it('when the issuer carries only a user name or only a password, then it is invalid', () => {
    expect(issuerProblem('https://user@idp.example.com')).toBe('invalid');
    expect(issuerProblem('https://:pw@idp.example.com')).toBe('invalid');
  });

  it('when brackets do not enclose the whole host, then it is no private address', () => {
    expect(isPrivateAddress('[fd00::1]')).toBe(true);
    expect(isPrivateAddress('1[0.0.0.1]')).toBe(false);
    expect(isPrivateAddress('[10.0.0.1]1')).toBe(false);
  });
});

describe('sign-up domains, at their edges', () => {
  const label = (c: string, n: number) => c.repeat(n);

  it('when an entry is a domain name, then it is kept; when not, only the others are kept', () => {
    expect(parseDomainList('example.com, localhost, ann@example.com')).toEqual({ domains: ['example.com'], invalid: ['localhost', 'ann@example.com'] });
  });

  it('when a label has a character other than letters, digits and hyphens, or ends with a hyphen, then the entry is invalid', () => {
    expect(parseDomainList('a_b.com b_a.com bad-.com a-b.com').invalid).toEqual(['a_b.com', 'b_a.com', 'bad-.com']);
    expect(parseDomainList('a-b.com').domains).toEqual(['a-b.com']);
  });

  it('when a label has 63 characters, then it is a domain; with 64 it is not', () => {
    const ok = `${label('a', 63)}.com`;
    const tooLong = `${label('a', 64)}.com`;
    expect(parseDomainList(`${ok} ${tooLong}`)).toEqual({ domains: [ok], invalid: [tooLong] });
  });

  it('when the name has 253 characters, then it is a domain; with 254 it is not', () => {
    const base = `${label('a', 63)}.${label('b', 63)}.${label('c', 63)}.`;
    const ok = `${base}${label('d', 57)}.com`;
    const tooLong = `${base}${label('d', 58)}.com`;
    expect([ok.length, tooLong.length]).toEqual([253, 254]);
    expect(parseDomainList(`${ok} ${tooLong}`)).toEqual({ domains: [ok], invalid: [tooLong] });
  });

  it('when the last label is letters only (two or more), then it is a domain; with a digit in it or one letter it is not', () => {
    expect(parseDomainList('example.co example.1com example.com1 example.c')).toEqual({ domains: ['example.co'], invalid: ['example.1com', 'example.com1', 'example.c'] });
  });

  it('when an address has @ first or spaces around its domain, then its domain is still found', () => {
    expect(emailDomain('@example.com')).toBe('example.com');
    expect(emailDomain('ann@ Example.com ')).toBe('example.com');
  });
});

describe('sign-up policy and roles', () => {
  it('when nothing is configured, then nobody signs up, as an interviewer, and passwords still work', () => {
    expect(DEFAULT_SSO_POLICY).toEqual({ signUpDomains: [], signUpRole: 'interviewer', requireSso: false });
    expect(passwordSignInAllowed('interviewer', DEFAULT_SSO_POLICY, true)).toBe(true);
  });

  it('when a sign-up role is chosen, then any role but admin may be given', () => {
    expect(SIGN_UP_ROLES).toEqual(['recruiter', 'hiring_manager', 'interviewer', 'new_hire']);
    expect(['recruiter', 'hiring_manager', 'interviewer', 'new_hire'].every(isSignUpRole)).toBe(true);
    expect(['admin', 'Admin', '', 'nobody', 42, undefined].some(isSignUpRole)).toBe(false);
  });
});

describe('who signs in with the provider word, at the edges', () => {
  it('when the e-mail is only spaces, then it is refused as missing', () => {
    expect(decideSsoSignIn(verified('   '), { id: 7, status: 'active' }, openTo('example.com'))).toEqual({ kind: 'refused', reason: 'noEmail' });
  });

  it('when the e-mail has no @, then it is refused as missing, even if an account matched', () => {
    expect(decideSsoSignIn(verified('ann.example.com'), { id: 7, status: 'active' }, openTo('example.com'))).toEqual({ kind: 'refused', reason: 'noEmail' });
  });

  it('when the name is longer than 120 characters, then it is cut at 120; at 120 it is kept', () => {
    const at120 = 'n'.repeat(120);
    expect(decideSsoSignIn(verified('ann@example.com', `${at120}x`), undefined, openTo('example.com'))).toMatchObject({ kind: 'signUp', name: at120 });
    expect(decideSsoSignIn(verified('ann@example.com', at120), undefined, openTo('example.com'))).toMatchObject({ kind: 'signUp', name: at120 });
  });
});
