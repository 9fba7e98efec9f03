import type { Language } from '../i18n/i18n';
import type { Role } from '../auth/permissions';

export interface FlashMessage {
  readonly kind: 'success' | 'error' | 'info';
  readonly text: string;
  /** Optional value shown in a read-only field beside the message (e.g. an invite link to copy). */
  readonly value?: string;
}

declare module 'express-session' {
  interface SessionData {
    csrfToken: string;
    flash: FlashMessage[];
    language: Language;
    authenticatedAt: number;
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface User {
      id: number;
      name: string;
      email: string;
      role: Role;
      language: Language | null;
    }
  }
}
