export const ROLES = ['admin', 'recruiter', 'hiring_manager', 'interviewer', 'new_hire'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = ['home:view', 'users:manage'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Who may do what. A permission not listed for a role is denied. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: ['home:view', 'users:manage'],
  recruiter: ['home:view'],
  hiring_manager: ['home:view'],
  interviewer: ['home:view'],
  new_hire: ['home:view'],
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function roleCan(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
