import type { Language } from '../i18n/i18n';
import type { Role } from '../auth/permissions';

export const USER_STATUSES = ['invited', 'active', 'deactivated'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export interface User {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly status: UserStatus;
  readonly language: Language | null;
  /** IANA zone; null: the company's. */
  readonly timeZone: string | null;
  readonly createdAt: string;
}
