import { BlockList, isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { ROLES, type Role } from './permissions';

/**
 * Single sign-on's rules, as plain functions: which issuer addresses are acceptable, who may sign in
 * with the identity provider's word, and who may still use a password.
 */

/** Why an issuer address is refused: not a URL we accept, plain http off the loopback, or an address inside a private network. */
export type IssuerProblem = 'invalid' | 'insecure' | 'private';

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/** 127.0.0.0/8, ::1 or localhost: a provider on this very machine. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Private, link-local and unspecified networks (IPv4-mapped IPv6 addresses are checked against the IPv4 ones). */
const PRIVATE_NETWORKS = new BlockList();
for (const [net, prefix] of [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['169.254.0.0', 16], ['0.0.0.0', 8]] as const) PRIVATE_NETWORKS.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['fc00::', 7], ['fe80::', 10], ['::', 128]] as const) PRIVATE_NETWORKS.addSubnet(net, prefix, 'ipv6');

/** Whether the host is an IP address of a private, link-local or unspecified network (a name is not resolved here). */
export function isPrivateAddress(hostname: string): boolean {
  const address = hostname.replace(/^\[(.*)\]$/, '$1');
  // A name is in no network (BlockList answers false for it).
  return PRIVATE_NETWORKS.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Null when `raw` may be an issuer: https, or http on a loopback address; no query, fragment or credentials.
 * With `typedOnSettingsPage`, an address inside a private or link-local network is refused too: the
 * server would otherwise fetch whatever an admin's form points it at on the internal network.
 */
export function issuerProblem(raw: string, options: { typedOnSettingsPage?: boolean } = {}): IssuerProblem | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return 'invalid';
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') return 'invalid';
  if (options.typedOnSettingsPage && isPrivateAddress(url.hostname)) return 'private';
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
    .split(/[\s,;]/)
    .map((d) => d.replace(/^@/, ''))
    .filter(Boolean);
  // Internationalised names are kept as the ASCII (punycode) form e-mail addresses use.
  const ascii = entries.map((d) => ({ typed: d, domain: domainToASCII(d) }));
  const domains = [...new Set(ascii.filter((e) => isDomainName(e.domain)).map((e) => e.domain))];
  return { domains, invalid: ascii.filter((e) => !isDomainName(e.domain)).map((e) => e.typed.toLowerCase()) };
}

/** The part after the last @ of an e-mail address in its ASCII form, lower-case; '' when there is none or it is no domain. */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : domainToASCII(email.slice(at + 1).trim());
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
  return (SIGN_UP_ROLES as readonly unknown[]).includes(value);
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

export type SsoRefusal = 'noEmail' | 'badEmail' | 'unverified' | 'unknown' | 'deactivated';

export type SsoDecision =
  | { readonly kind: 'signIn'; readonly userId: number; readonly acceptsInvite: boolean }
  | { readonly kind: 'signUp'; readonly email: string; readonly name: string; readonly role: Role }
  | { readonly kind: 'refused'; readonly reason: SsoRefusal; readonly email?: string };

/** Letters A-Z only: Unicode case rules map other characters onto ASCII ones (the Kelvin sign K lower-cases to k). */
function lowerCaseAscii(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Printable ASCII only: no control characters (NUL included), nothing a Unicode case rule could fold onto another address. */
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/** The e-mail address as Salesbench keeps them (trimmed, A-Z lower-cased); undefined when it is not printable ASCII. */
export function normaliseSsoEmail(email: string): string | undefined {
  const trimmed = email.trim();
  return PRINTABLE_ASCII.test(trimmed) ? lowerCaseAscii(trimmed) : undefined;
}

/** A name as the provider gave it, without control characters (which PostgreSQL text refuses, NUL first) and trimmed. */
export function cleanSsoName(name: string | undefined): string {
  return (name ?? '').replace(/[\p{Cc}]/gu, '').trim();
}

/**
 * Who the person is to Salesbench. Only a verified e-mail address matches; an existing account is
 * signed in if active (an invited one accepts its invite this way: the admin already chose them), a
 * deactivated one is refused; nobody else gets in unless their domain is open to sign-up.
 */
export function decideSsoSignIn(claims: SsoClaims, account: MatchedAccount | undefined, policy: SsoPolicy): SsoDecision {
  if (!claims.email?.trim()) return { kind: 'refused', reason: 'noEmail' };
  const email = normaliseSsoEmail(claims.email);
  if (email === undefined) return { kind: 'refused', reason: 'badEmail' };
  if (!email.includes('@')) return { kind: 'refused', reason: 'noEmail' };
  if (claims.emailVerified !== true) return { kind: 'refused', reason: 'unverified', email };
  if (account) {
    if (account.status === 'deactivated') return { kind: 'refused', reason: 'deactivated', email };
    return { kind: 'signIn', userId: account.id, acceptsInvite: account.status === 'invited' };
  }
  if (!policy.signUpDomains.includes(emailDomain(email))) return { kind: 'refused', reason: 'unknown', email };
  const name = cleanSsoName(claims.name) || email.slice(0, email.lastIndexOf('@'));
  return { kind: 'signUp', email, name: name.slice(0, 120), role: policy.signUpRole };
}

/** With "require SSO", only admins keep their password (their way back in when the provider fails). */
export function passwordSignInAllowed(role: Role, policy: Pick<SsoPolicy, 'requireSso'>, ssoAvailable: boolean): boolean {
  return !ssoAvailable || !policy.requireSso || role === 'admin';
}
