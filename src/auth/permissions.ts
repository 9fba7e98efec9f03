import { ForbiddenError } from '../shared/errors';

export const ROLES = ['admin', 'recruiter', 'hiring_manager', 'interviewer', 'new_hire'] as const;
export type Role = (typeof ROLES)[number];

// Onboarding: plans = open the dashboard and create plans (a hiring manager sees the plans they manage);
// plans_all = every plan. reports:view = the reports, scoped like openings (see reports/reports.repository.ts). A new hire's checklist and an owner's tasks are checked per plan and task.
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
  'onboarding:templates_read',
  'onboarding:templates_edit',
  'onboarding:plans',
  'onboarding:plans_all',
  'privacy:manage',
  'reports:view',
  'audit:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Who may do what. A permission not listed for a role is denied. Some permissions are further
 * scoped to records (see candidates/access.ts): hiring managers to their openings, interviewers to
 * the applications they interview.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: [
    'users:manage', 'settings:manage', 'roles:read', 'roles:edit', 'rubrics:read', 'rubrics:edit', 'team_plan:use',
    'openings:read', 'openings:manage', 'candidates:read', 'candidates:manage', 'interviews:schedule', 'interviews:participate', 'comparison:view', 'decisions:make',
    'onboarding:templates_read', 'onboarding:templates_edit', 'onboarding:plans', 'onboarding:plans_all', 'reports:view',
    'privacy:manage', 'audit:read',
  ],
  recruiter: [
    'roles:read', 'rubrics:read', 'team_plan:use',
    'openings:read', 'openings:manage', 'candidates:read', 'candidates:manage', 'interviews:schedule', 'interviews:participate', 'comparison:view',
    'onboarding:templates_read', 'onboarding:plans', 'onboarding:plans_all', 'reports:view',
  ],
  hiring_manager: [
    'roles:read', 'rubrics:read', 'team_plan:use',
    'openings:read', 'candidates:read', 'interviews:participate', 'comparison:view', 'decisions:make',
    'onboarding:templates_read', 'onboarding:plans', 'reports:view',
  ],
  interviewer: ['roles:read', 'rubrics:read', 'candidates:read', 'interviews:participate'],
  new_hire: [],
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function roleCan(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Refuses (ForbiddenError) an actor whose role does not grant `permission`: use cases check again what the route's guard checked. */
export function requirePermission(actor: { readonly role: Role }, permission: Permission): void {
  if (!roleCan(actor.role, permission)) throw new ForbiddenError();
}

/** May this person record the hire / no-hire decision on an opening? Admins, and the opening's own hiring manager. */
export function mayDecideOn(actor: { readonly id: number; readonly role: Role }, opening: { readonly hiringManagerId: number }): boolean {
  return roleCan(actor.role, 'decisions:make') && (actor.role === 'admin' || opening.hiringManagerId === actor.id);
}
