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
    /**
     * A form refused on a page that answers with a redirect (post/redirect/get): what was typed and
     * the messages, shown once by the page it returns to. `key` names the form on that page.
     */
    refusedForm: { key: string; errors: Record<string, string>; values: Record<string, string> };
  }
}

