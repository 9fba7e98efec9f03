import * as client from 'openid-client';
import type { Clock } from '../clock';
import type { OidcEnvConfig } from '../config';
import type { DbOrTrx } from '../db/database';
import { issuerProblem, passwordSignInAllowed, isPlainHttpIssuer, type SsoClaims, type SsoPolicy } from './oidc';
import { getStoredSsoSettings } from './sso-settings.repository';
import type { Role } from './permissions';

export { getStoredSsoSettings };

/** The identity provider in use, from the environment (which wins) or the settings page. */
export interface SsoProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The name on the button: "Sign in with <displayName>". */
  readonly displayName: string;
  readonly source: 'environment' | 'settings';
}

export interface SsoSetup {
  /** Undefined when single sign-on is not set up (or the stored issuer is no longer acceptable). */
  readonly provider: SsoProvider | undefined;
  readonly policy: SsoPolicy;
}

/** What the settings page and the sign-in page know of single sign-on. */
export async function findSsoSetup(db: DbOrTrx, env: OidcEnvConfig | undefined): Promise<SsoSetup> {
  const stored = await getStoredSsoSettings(db);
  if (env) return { provider: { ...env, displayName: env.displayName ?? stored.displayName, source: 'environment' }, policy: stored.policy };
  const complete = stored.issuer && stored.clientId && stored.clientSecret && issuerProblem(stored.issuer, { typedOnSettingsPage: true }) === null;
  return { provider: complete ? { issuer: stored.issuer, clientId: stored.clientId, clientSecret: stored.clientSecret, displayName: stored.displayName, source: 'settings' } : undefined, policy: stored.policy };
}

/**
 * Whether someone of `role` may be signed in by a password now. A password set through an invite or
 * a reset link signs its owner in only when this holds (with "require SSO", only admins).
 */
export async function passwordSignInAllowedFor(db: DbOrTrx, env: OidcEnvConfig | undefined, role: Role): Promise<{ allowed: boolean; providerName: string }> {
  const { provider, policy } = await findSsoSetup(db, env);
  return { allowed: passwordSignInAllowed(role, policy, provider !== undefined), providerName: provider?.displayName ?? '' };
}

/** The name on the button and in messages: the admin's choice, else "single sign-on" in the reader's language. */
export function ssoDisplayName(provider: Pick<SsoProvider, 'displayName'>, t: (key: 'sso.defaultName') => string): string {
  return provider.displayName || t('sso.defaultName');
}

/** The provider could not be reached (down, or its discovery document unreadable). */
export class SsoUnavailableError extends Error {
  constructor(cause: unknown) {
    super('the identity provider cannot be reached', { cause });
    this.name = 'SsoUnavailableError';
  }
}

/**
 * The sign-in did not complete: state, nonce, PKCE or ID token checks failed, or the provider refused.
 * `suspicious` is false when nothing was guessed at: the person cancelled at the provider, came back
 * with the browser's back button, or took too long. Only suspicious failures count against the address.
 */
export class SsoFailedError extends Error {
  constructor(
    readonly reason: string,
    cause?: unknown,
    readonly suspicious = true,
  ) {
    super(`single sign-on failed: ${reason}`, { cause });
    this.name = 'SsoFailedError';
  }
}

/** What the browser's session keeps between the redirect to the provider and its return. */
export interface PendingSsoSignIn {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** The issuer the flow started with: a provider changed meanwhile does not finish it. */
  readonly issuer: string;
  readonly startedAt: number;
  readonly next: string;
}

/** A flow left at the provider longer than this is not finished. */
export const PENDING_SSO_TTL_MS = 15 * 60_000;

const DISCOVERY_TTL_MS = 60 * 60_000;
/** A failed discovery is remembered this long: anonymous hits on /auth/oidc/start do not each make a request to the issuer. */
export const DISCOVERY_FAILURE_TTL_MS = 60_000;
const DISCOVERY_TIMEOUT_SECONDS = 5;
export const SSO_SCOPES = 'openid email profile';

/** An error's message and its causes', for the log: openid-client's own words are general, the cause says which check failed. */
function messagesOf(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e instanceof Error && parts.length < 4; e = e.cause) parts.push(e.message);
  return parts.join(': ') || 'rejected';
}

/**
 * Why a discovery document cannot be used, or null: the endpoints the sign-in needs must be absolute
 * URLs, https when the issuer is (plain http only for a loopback issuer). A list that is not one
 * (token_endpoint_auth_methods_supported) is read as absent where it is used.
 */
export function metadataProblem(metadata: client.ServerMetadata, issuer: string): string | null {
  const secure = !isPlainHttpIssuer(issuer);
  const endpoints: [string, unknown, boolean][] = [
    ['authorization_endpoint', metadata.authorization_endpoint, true],
    ['token_endpoint', metadata.token_endpoint, true],
    ['jwks_uri', metadata.jwks_uri, true],
    ['userinfo_endpoint', metadata.userinfo_endpoint, false],
  ];
  for (const [name, value, required] of endpoints) {
    if (value === undefined && !required) continue;
    if (typeof value !== 'string' || !URL.canParse(value)) return `${name} is missing or not a URL`;
    const protocol = new URL(value).protocol;
    if (protocol !== 'https:' && (secure || protocol !== 'http:')) return `${name} is not an https address`;
  }
  return null;
}

function isNetworkFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return true;
  return err instanceof TypeError && /fetch failed/i.test(err.message);
}

/**
 * Talks to the identity provider with openid-client: discovery (its configuration is kept per
 * process for an hour by the app's clock, a failure for a minute), the authorization request with
 * PKCE, state and nonce, and the code exchange
 * with the ID token's checks. The app's clock is the one the ID token's times are checked against.
 */
export class OidcClient {
  private readonly discovered = new Map<string, { at: number; metadata: client.ServerMetadata } | { at: number; failure: unknown }>();
  /** The provider's signing keys, per issuer, as openid-client fetched them (it refreshes them on an unknown key id). */
  private readonly jwks = new Map<string, client.ExportedJWKSCache>();

  constructor(private readonly clock: Clock) {}

  private async metadataOf(provider: SsoProvider): Promise<client.ServerMetadata> {
    const now = this.clock.now().getTime();
    const cached = this.discovered.get(provider.issuer);
    if (cached && 'metadata' in cached && now - cached.at < DISCOVERY_TTL_MS) return cached.metadata;
    if (cached && 'failure' in cached && now - cached.at < DISCOVERY_FAILURE_TTL_MS) throw new SsoUnavailableError(cached.failure);
    try {
      const found = await client.discovery(new URL(provider.issuer), provider.clientId, undefined, undefined, {
        timeout: DISCOVERY_TIMEOUT_SECONDS,
        ...(isPlainHttpIssuer(provider.issuer) ? { execute: [client.allowInsecureRequests] } : {}),
      });
      const metadata = found.serverMetadata();
      const problem = metadataProblem(metadata, provider.issuer);
      if (problem) throw new Error(`the discovery document cannot be used: ${problem}`);
      this.discovered.set(provider.issuer, { at: now, metadata });
      return metadata;
    } catch (err) {
      this.discovered.set(provider.issuer, { at: now, failure: err });
      throw new SsoUnavailableError(err);
    }
  }

  /**
   * A client configuration for this request, its clock set to the app's (so it is made per request;
   * the metadata and signing keys it uses are kept per process). The ID token's signature is checked
   * against the provider's keys (openid-client leaves that to TLS unless asked).
   */
  private async configurationFor(provider: SsoProvider): Promise<client.Configuration> {
    const metadata = await this.metadataOf(provider);
    try {
      const skewSeconds = Math.round((this.clock.now().getTime() - Date.now()) / 1000);
      const methods = metadata.token_endpoint_auth_methods_supported;
      // client_secret_basic is the standard's default; post only for a provider that does not take basic.
      const auth = !Array.isArray(methods) || methods.includes('client_secret_basic') ? client.ClientSecretBasic(provider.clientSecret) : client.ClientSecretPost(provider.clientSecret);
      const config = new client.Configuration(metadata, provider.clientId, { client_secret: provider.clientSecret, [client.clockSkew]: skewSeconds }, auth);
      config.timeout = DISCOVERY_TIMEOUT_SECONDS * 2;
      if (isPlainHttpIssuer(provider.issuer)) client.allowInsecureRequests(config);
      const keys = this.jwks.get(provider.issuer);
      if (keys) client.setJwksCache(config, keys);
      client.enableNonRepudiationChecks(config);
      return config;
    } catch (err) {
      throw new SsoUnavailableError(err);
    }
  }

  /** Keeps the keys a request fetched for the next one. */
  private keepJwks(provider: SsoProvider, config: client.Configuration): void {
    const keys = client.getJwksCache(config);
    if (keys) this.jwks.set(provider.issuer, keys);
  }

  /** Where to send the browser, and what its session must keep to check the return. */
  async startSignIn(provider: SsoProvider, redirectUri: string, next: string): Promise<{ url: string; pending: PendingSsoSignIn }> {
    const config = await this.configurationFor(provider);
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    let url: URL;
    try {
      url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: SSO_SCOPES,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
    } catch (err) {
      throw new SsoUnavailableError(err);
    }
    return { url: url.href, pending: { state, nonce, codeVerifier, issuer: provider.issuer, startedAt: this.clock.now().getTime(), next } };
  }

  /**
   * Exchanges the code the browser brought back (`callbackUrl`, built from PUBLIC_URL) and checks
   * everything: state, PKCE, the ID token's signature, issuer, audience, nonce and times. Returns
   * the person's claims; the e-mail comes from userinfo when the ID token has none.
   */
  async finishSignIn(provider: SsoProvider, callbackUrl: URL, pending: PendingSsoSignIn | undefined): Promise<SsoClaims> {
    if (!pending) throw new SsoFailedError('no sign-in was started in this browser', undefined, false);
    if (pending.issuer !== provider.issuer) throw new SsoFailedError('the identity provider changed during the sign-in', undefined, false);
    if (this.clock.now().getTime() - pending.startedAt > PENDING_SSO_TTL_MS) throw new SsoFailedError('the sign-in took too long', undefined, false);
    if (callbackUrl.searchParams.get('error') === 'access_denied') throw new SsoFailedError('the sign-in was cancelled at the provider', undefined, false);
    const config = await this.configurationFor(provider);
    let claims: client.IDToken;
    let accessToken: string;
    try {
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: pending.codeVerifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true });
      const idToken = tokens.claims();
      if (!idToken) throw new SsoFailedError('no ID token');
      claims = idToken;
      accessToken = tokens.access_token;
      this.keepJwks(provider, config);
    } catch (err) {
      if (err instanceof SsoFailedError) throw err;
      if (isNetworkFailure(err)) throw new SsoUnavailableError(err);
      throw new SsoFailedError(messagesOf(err), err);
    }
    let email = typeof claims.email === 'string' ? claims.email : undefined;
    let emailVerified: unknown = claims.email_verified ?? claims.xms_edov;
    let name = typeof claims.name === 'string' ? claims.name : undefined;
    if (!email) {
      try {
        const info = await client.fetchUserInfo(config, accessToken, claims.sub);
        email = typeof info.email === 'string' ? info.email : undefined;
        emailVerified = info.email_verified;
        name ??= typeof info.name === 'string' ? info.name : undefined;
      } catch (err) {
        if (isNetworkFailure(err)) throw new SsoUnavailableError(err);
        throw new SsoFailedError('userinfo refused', err);
      }
    }
    return { email, emailVerified, name };
  }
}
