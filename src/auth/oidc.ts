import { ROLES, type Role } from './permissions';

/**
 * Single sign-on's rules, as plain functions: which issuer addresses are acceptable, who may sign in
 * with the identity provider's word, and who may still use a password.
 */

/** Why an issuer address is refused: not a URL we accept, or plain http off the loopback. */
export type IssuerProblem = 'invalid' | 'insecure';

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/** 127.0.0.0/8, ::1 or localhost: a provider on this very machine. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Null when `raw` may be an issuer: https, or http on a loopback address; no query, fragment or credentials. */
export function issuerProblem(raw: string): IssuerProblem | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return 'invalid';
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '' || url.hostname === '') return 'invalid';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:') return isLoopbackHost(url.hostname) ? null : 'insecure';
  return 'invalid';
}

/** Whether requests to this issuer go over plain http (allowed only on the loopback, see issuerProblem). */
export function isPlainHttpIssuer(issuer: string): boolean {
  return new URL(issuer).protocol === 'http:';
}

/** One DNS label: letters, digits and inner hyphens, up to 63 characters. */
function isLabel(label: string): boolean {
  return /^[a-z0-9-]{1,63}$/.test(label) && !label.startsWith('-') && !label.endsWith('-');
}

/** A DNS name of two labels or more, its last one letters only (example.com, mail.example.co.uk). */
function isDomainName(text: string): boolean {
  const labels = text.split('.');
  return text.length <= 253 && labels.length >= 2 && labels.every(isLabel) && /^[a-z]{2,63}$/.test(labels[labels.length - 1]!);
}

/**
 * The sign-up domains an admin typed (commas, spaces or lines between them; an optional leading @),
 * lower-cased and without repeats; `invalid` lists the entries that are not domain names.
 */
export function parseDomainList(text: string): { domains: string[]; invalid: string[] } {
  const entries = text
    .split(/[\s,;]+/)
    .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
    .filter(Boolean);
  const domains = [...new Set(entries.filter((d) => isDomainName(d)))];
  return { domains, invalid: entries.filter((d) => !isDomainName(d)) };
}

/** The part after the last @ of an e-mail address, lower-cased; '' when there is none. */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).trim().toLowerCase();
}

/** What the company allows of single sign-on, besides the provider's address. */
export interface SsoPolicy {
  /** People whose verified e-mail is at one of these domains get an account on their first sign-in. */
  readonly signUpDomains: readonly string[];
  readonly signUpRole: Role;
  /** Password sign-in is off for everyone but admins. */
  readonly requireSso: boolean;
}

export const DEFAULT_SSO_POLICY: SsoPolicy = { signUpDomains: [], signUpRole: 'interviewer', requireSso: false };

/** Roles a sign-up may give: never admin (an admin is always someone another admin chose). */
export const SIGN_UP_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'admin');

export function isSignUpRole(value: unknown): value is Role {
  return typeof value === 'string' && (SIGN_UP_ROLES as readonly string[]).includes(value);
}

/** The identity provider's word about the person, from the verified ID token (and userinfo). */
export interface SsoClaims {
  readonly email: string | undefined;
  /** Only `true` counts as verified (a string "true" from a sloppy provider does not). */
  readonly emailVerified: unknown;
  readonly name: string | undefined;
}

/** The account that has the person's e-mail address, if any. */
export interface MatchedAccount {
  readonly id: number;
  readonly status: 'invited' | 'active' | 'deactivated';
}

export type SsoRefusal = 'noEmail' | 'unverified' | 'unknown' | 'deactivated';

export type SsoDecision =
  | { readonly kind: 'signIn'; readonly userId: number; readonly acceptsInvite: boolean }
  | { readonly kind: 'signUp'; readonly email: string; readonly name: string; readonly role: Role }
  | { readonly kind: 'refused'; readonly reason: SsoRefusal; readonly email?: string };

/** The e-mail address as Salesbench keeps them (trimmed, lower-case). */
export function normaliseSsoEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Who the person is to Salesbench. Only a verified e-mail address matches; an existing account is
 * signed in if active (an invited one accepts its invite this way: the admin already chose them), a
 * deactivated one is refused; nobody else gets in unless their domain is open to sign-up.
 */
export function decideSsoSignIn(claims: SsoClaims, account: MatchedAccount | undefined, policy: SsoPolicy): SsoDecision {
  const email = claims.email ? normaliseSsoEmail(claims.email) : '';
  if (!email || !email.includes('@')) return { kind: 'refused', reason: 'noEmail' };
  if (claims.emailVerified !== true) return { kind: 'refused', reason: 'unverified', email };
  if (account) {
    if (account.status === 'deactivated') return { kind: 'refused', reason: 'deactivated', email };
    return { kind: 'signIn', userId: account.id, acceptsInvite: account.status === 'invited' };
  }
  if (!policy.signUpDomains.includes(emailDomain(email))) return { kind: 'refused', reason: 'unknown', email };
  const name = claims.name?.trim() || email.slice(0, email.lastIndexOf('@'));
  return { kind: 'signUp', email, name: name.slice(0, 120), role: policy.signUpRole };
}

/** With "require SSO", only admins keep their password (their way back in when the provider fails). */
export function passwordSignInAllowed(role: Role, policy: Pick<SsoPolicy, 'requireSso'>, ssoAvailable: boolean): boolean {
  return !ssoAvailable || !policy.requireSso || role === 'admin';
}
