/** What this feature records: an admin edited a sales role's texts. */
export interface RolesEvents {
  SalesRoleEdited: { readonly roleId: number };
}
