import type { DbOrTrx as Db } from '../db/database';
import { DEFAULT_SSO_POLICY, isSignUpRole, type SsoPolicy } from './oidc';

/** Single sign-on as an admin set it on /settings/sso, kept in the settings table. */
const KEYS = {
  issuer: 'sso_issuer',
  clientId: 'sso_client_id',
  /** Needed in clear to talk to the provider; never shown back, never logged. */
  clientSecret: 'sso_client_secret',
  displayName: 'sso_display_name',
  requireSso: 'sso_require',
  signUpDomains: 'sso_sign_up_domains',
  signUpRole: 'sso_sign_up_role',
} as const;

export interface StoredSsoSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly displayName: string;
  readonly policy: SsoPolicy;
}

export async function getStoredSsoSettings(db: Db): Promise<StoredSsoSettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', Object.values(KEYS)).execute();
  const value = (key: string) => rows.find((r) => r.key === key)?.value ?? '';
  const role = value(KEYS.signUpRole);
  return {
    issuer: value(KEYS.issuer),
    clientId: value(KEYS.clientId),
    clientSecret: value(KEYS.clientSecret),
    displayName: value(KEYS.displayName),
    policy: {
      requireSso: value(KEYS.requireSso) === '1',
      signUpDomains: value(KEYS.signUpDomains).split(',').filter(Boolean),
      signUpRole: isSignUpRole(role) ? role : DEFAULT_SSO_POLICY.signUpRole,
    },
  };
}

async function put(db: Db, key: string, value: string): Promise<void> {
  await db.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

/** The provider's address and client; `clientSecret` undefined keeps the stored one. */
export async function putSsoProvider(db: Db, input: { issuer: string; clientId: string; clientSecret: string | undefined; displayName: string }): Promise<void> {
  await put(db, KEYS.issuer, input.issuer);
  await put(db, KEYS.clientId, input.clientId);
  await put(db, KEYS.displayName, input.displayName);
  if (input.clientSecret !== undefined) await put(db, KEYS.clientSecret, input.clientSecret);
}

export async function putSsoPolicy(db: Db, policy: SsoPolicy): Promise<void> {
  await put(db, KEYS.requireSso, policy.requireSso ? '1' : '0');
  await put(db, KEYS.signUpDomains, policy.signUpDomains.join(','));
  await put(db, KEYS.signUpRole, policy.signUpRole);
}
