import type { Role } from '../auth/permissions';

/** What this feature records about people and their access. */
export interface UsersEvents {
  /** The raw token rides along for the invitation mail; it is never stored or logged. */
  UserInvited: { readonly userId: number; readonly role: Role; readonly inviteToken: string; readonly expiresAt: string };
  InviteRenewed: { readonly userId: number; readonly inviteToken: string; readonly expiresAt: string };
  InviteAccepted: { readonly userId: number };
  UserRoleChanged: { readonly userId: number; readonly role: Role };
  UserDeactivated: { readonly userId: number };
  UserReactivated: { readonly userId: number };
  /** Name, language, time zone or notification choices. */
  AccountUpdated: { readonly userId: number };
  PasswordChanged: { readonly userId: number };
  EmailChangeRequested: { readonly userId: number; readonly newEmail: string; readonly token: string; readonly expiresAt: string };
  EmailChanged: { readonly userId: number; readonly oldEmail: string; readonly newEmail: string };
}
