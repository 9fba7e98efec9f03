export const ROLES = ['admin', 'recruiter', 'hiring_manager', 'interviewer', 'new_hire'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'users:manage',
  'settings:manage',
  'roles:read',
  'roles:edit',
  'rubrics:read',
  'rubrics:edit',
  'team_plan:use',
  'openings:read',
  'openings:manage',
  'candidates:read',
  'candidates:manage',
  'interviews:schedule',
  'interviews:participate',
  'comparison:view',
  'decisions:make',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Who may do what. A permission not listed for a role is denied. Some permissions are further
 * scoped to records (see candidates/access.ts): hiring managers to their openings, interviewers to
 * the applications they interview.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: ['users:manage', 'settings:manage', 'roles:read', 'roles:edit', 'rubrics:read', 'rubrics:edit', 'team_plan:use', 'openings:read', 'openings:manage', 'candidates:read', 'candidates:manage', 'interviews:schedule', 'interviews:participate', 'comparison:view', 'decisions:make'],
  recruiter: ['roles:read', 'rubrics:read', 'team_plan:use', 'openings:read', 'openings:manage', 'candidates:read', 'candidates:manage', 'interviews:schedule', 'interviews:participate', 'comparison:view'],
  hiring_manager: ['roles:read', 'rubrics:read', 'team_plan:use', 'openings:read', 'candidates:read', 'interviews:participate', 'comparison:view', 'decisions:make'],
  interviewer: ['roles:read', 'rubrics:read', 'candidates:read', 'interviews:participate'],
  new_hire: [],
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function roleCan(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
