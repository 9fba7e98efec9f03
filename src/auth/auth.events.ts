/** What this feature records: password resets asked for and done. */
export interface AuthEvents {
  /** The raw token rides along for the reset mail; it is never stored or logged. */
  PasswordResetRequested: { readonly userId: number; readonly token: string; readonly expiresAt: string };
  PasswordReset: { readonly userId: number };
}
