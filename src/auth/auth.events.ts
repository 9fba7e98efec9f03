import type { Role } from './permissions';

/** What this feature records: password resets asked for and done, and single sign-on's sign-ups and settings. */
export interface AuthEvents {
  /** The raw token rides along for the reset mail; it is never stored or logged. */
  PasswordResetRequested: { readonly userId: number; readonly token: string; readonly expiresAt: string };
  PasswordReset: { readonly userId: number };
  /** Someone got an account by signing in through single sign-on (their e-mail domain is open to sign-up). */
  UserJoinedBySso: { readonly userId: number; readonly role: Role };
  SsoSettingsChanged: { readonly requireSso: boolean; readonly providerChanged: boolean };
}
