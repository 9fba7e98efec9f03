import type { Language } from '../i18n/i18n';

export interface FlashMessage {
  readonly kind: 'success' | 'error' | 'info' | 'warning';
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

