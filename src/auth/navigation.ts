import type { MessageKey } from '../i18n/i18n';
import { type Permission, roleCan } from './permissions';
import type { Role } from './permissions';

interface NavItem {
  readonly href: string;
  readonly label: MessageKey;
  /** Undefined: every signed-in user. */
  readonly permission?: Permission;
}

const NAV_ITEMS: readonly NavItem[] = [
  { href: '/', label: 'nav.home' },
  { href: '/interviews', label: 'nav.interviews', permission: 'interviews:participate' },
  { href: '/openings', label: 'nav.openings', permission: 'openings:read' },
  { href: '/candidates', label: 'nav.candidates', permission: 'candidates:read' },
  { href: '/roles', label: 'nav.roles', permission: 'roles:read' },
  { href: '/rubrics', label: 'nav.rubrics', permission: 'rubrics:read' },
  { href: '/team-plan', label: 'nav.teamPlan', permission: 'team_plan:use' },
  { href: '/onboarding', label: 'onboarding.nav' },
  { href: '/reports', label: 'reports.nav', permission: 'reports:view' },
  { href: '/users', label: 'nav.people', permission: 'users:manage' },
  { href: '/settings', label: 'nav.settings', permission: 'settings:manage' },
];

/** The navigation a role may open; the current section is marked for `aria-current`. */
export function navigationFor(role: Role, currentPath: string): { href: string; label: MessageKey; current: boolean }[] {
  return NAV_ITEMS.filter((item) => !item.permission || roleCan(role, item.permission)).map((item) => ({
    href: item.href,
    label: item.label,
    current: item.href === '/' ? currentPath === '/' : currentPath === item.href || currentPath.startsWith(`${item.href}/`),
  }));
}
