/**
 * What a résumé's text is once read: the rules for cleaning it up, how long it may be, what to do
 * when reading fails, and what a recruiter is told about it. Plain functions over plain data.
 */

/** Why no text could be read from a résumé. */
export type NoTextReason = 'malformed' | 'encrypted' | 'scanned' | 'unsupported';

/** The result of reading one document. */
export type ExtractionOutcome = { readonly status: 'text'; readonly text: string } | { readonly status: 'none'; readonly reason: NoTextReason };

/** The longest text kept per résumé, in characters: far beyond any real résumé, small enough for a search index. */
export const MAX_TEXT_CHARS = 200_000;

/** Tries per file before a document that times out or kills its reader is given up as damaged. */
export const MAX_READ_ATTEMPTS = 3;

// Control characters (NUL included: PostgreSQL text refuses it) and the private-use glyphs some PDF
// fonts map to; then every run of whitespace, Unicode spaces included.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uE000-\uF8FF\uFFFD\uFEFF]/g;
const WHITESPACE = /[\s\u00A0\u2000-\u200B\u2028\u2029\u202F\u205F\u3000]+/g;

/**
 * The text as it is kept: unprintable characters dropped, each run of whitespace one space, no
 * space at either end, at most `maxChars` characters — cut at the last space before the limit so no
 * word is kept half, and never between the two halves of a surrogate pair.
 */
export function normaliseText(raw: string, maxChars: number = MAX_TEXT_CHARS): string {
  const text = raw.replace(UNPRINTABLE, ' ').replace(WHITESPACE, ' ').trim();
  if (text.length <= maxChars) return text;
  // The last space at or before the limit: the character just past the limit being a space counts.
  const lastSpace = text.lastIndexOf(' ', maxChars);
  if (lastSpace !== -1) return text.slice(0, lastSpace);
  const code = text.charCodeAt(maxChars - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? maxChars - 1 : maxChars;
  return text.slice(0, end);
}

/** How many words a normalised text has (words are separated by single spaces). */
export function countWords(text: string): number {
  return text === '' ? 0 : text.split(' ').length;
}

/**
 * The outcome for the raw text of a document that opened fine: its text, or — when nothing
 * readable is left — "scanned" (the pages are pictures: no text layer).
 */
export function outcomeOfText(raw: string, maxChars: number = MAX_TEXT_CHARS): ExtractionOutcome {
  const text = normaliseText(raw, maxChars);
  return text === '' ? { status: 'none', reason: 'scanned' } : { status: 'text', text };
}

/**
 * After a read that did not finish (it ran out of time or memory, or its reader died): try again,
 * or — on the last allowed try — give the file up as damaged. `attempts` counts this try.
 */
export function afterUnfinishedRead(attempts: number, maxAttempts: number = MAX_READ_ATTEMPTS): ExtractionOutcome | 'retry' {
  return attempts >= maxAttempts ? { status: 'none', reason: 'malformed' } : 'retry';
}

/** What the candidate's page says about a résumé's text. */
export type ResumeTextView = { readonly state: 'pending' } | { readonly state: 'text'; readonly words: number } | { readonly state: 'none'; readonly reason: NoTextReason };

/** Reasons other than damage, which is what any other value reads as. */
const OTHER_REASONS: readonly NoTextReason[] = ['encrypted', 'scanned', 'unsupported'];

/** The view of a stored row; an unknown reason reads as damaged, a row not written yet as pending. */
export function resumeTextView(row: { readonly status: string; readonly reason: string | null; readonly words: number } | undefined): ResumeTextView {
  if (!row || row.status === 'pending') return { state: 'pending' };
  if (row.status === 'text') return { state: 'text', words: row.words };
  const reason = OTHER_REASONS.find((r) => r === row.reason) ?? 'malformed';
  return { state: 'none', reason };
}
