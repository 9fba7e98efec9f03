import type { Role } from '../auth/permissions';

/** What this feature records about people and their access. */
export interface UsersEvents {
  UserInvited: { readonly userId: number; readonly role: Role };
  InviteRenewed: { readonly userId: number };
  InviteAccepted: { readonly userId: number };
  UserRoleChanged: { readonly userId: number; readonly role: Role };
  UserDeactivated: { readonly userId: number };
  UserReactivated: { readonly userId: number };
}
