import type { Language, MessageKey, TranslateParams } from '../i18n/i18n';

/**
 * A message for the next page, kept as a message key and its values: it is worded when shown, in
 * the language of whoever reads it (the language may change between the write and the read).
 */
export interface FlashMessage {
  readonly kind: 'success' | 'error' | 'info' | 'warning';
  readonly message: MessageKey;
  readonly params?: TranslateParams;
  /** Values that are themselves message keys (a seeded stage's name), worded in the reader's language too. */
  readonly keyedParams?: Readonly<Record<string, MessageKey>>;
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

