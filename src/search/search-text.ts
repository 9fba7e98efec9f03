import { newStemmer } from 'snowball-stemmers';

/**
 * What candidate search reads and how: words, their stems, phone numbers and the query. Pure, so
 * the index (both databases), the query and the snippets agree on what a word is.
 */

/** Letters, digits and combining marks make words; anything else separates them. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const ASCII_LETTERS = /^[a-z]+$/;
const DIGITS = /^[0-9]+$/;
const HAS_DIGIT = /\p{N}/u;
/** Lower-case ASCII letters and digits, or Cyrillic letters without marks (ё included): already normal but for ё. */
const PLAIN = /^(?:[a-z0-9]+|[а-яё]+)$/;

/** Words longer than this are not words anyone searches for (and PostgreSQL would refuse them). */
export const MAX_WORD_LENGTH = 60;
/** Only this much of a résumé is indexed: enough for any real one, and a bound for PostgreSQL's tsvector. */
export const MAX_RESUME_CHARS = 100_000;
/** Notes are at most 5,000 characters by the form; the index reads no more than this. */
export const MAX_NOTES_CHARS = 10_000;
/** A query is cut to this many characters, and to this many chunks (words or phrases). */
export const MAX_QUERY_CHARS = 200;
export const MAX_QUERY_CHUNKS = 8;
/** A part of a phone number is searched from this many digits on. */
export const MIN_PHONE_DIGITS = 4;
/** Phone-number tokens carry this prefix, so "0102" typed as a phone part does not match the year 2019's neighbours. */
export const PHONE_TOKEN_PREFIX = 'tel';

const english = newStemmer('english');
const russian = newStemmer('russian');
const stemCache = new Map<string, string>();
const STEM_CACHE_SIZE = 50_000;

/** A word of a text, where it stands, and its normal form (lower case; accents dropped from Latin letters; ё as е). */
export interface TextWord {
  readonly start: number;
  readonly end: number;
  readonly norm: string;
}

/**
 * The normal form of a word: lower case, and marks dropped — from Latin letters after decomposing
 * ("Chloé" → "chloe"), from Cyrillic ones only what composition leaves ("й" stays, "ё" becomes "е").
 */
export function normaliseWord(raw: string): string {
  const lower = raw.toLowerCase();
  // Most words are plain: nothing to decompose.
  if (PLAIN.test(lower)) return lower.length > MAX_WORD_LENGTH ? '' : lower.replace(/ё/g, 'е');
  const bare = CYRILLIC.test(lower) ? lower.normalize('NFC').replace(/\p{M}/gu, '').replace(/ё/g, 'е') : lower.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
  return bare.length > MAX_WORD_LENGTH ? '' : bare;
}

/** The words of a text in order, with their positions in it (words that normalise to nothing are left out). */
export function wordsOf(text: string): TextWord[] {
  const words: TextWord[] = [];
  for (const match of text.matchAll(WORD)) {
    const norm = normaliseWord(match[0]);
    if (norm !== '') words.push({ start: match.index, end: match.index + match[0].length, norm });
  }
  return words;
}

/** Whether a word has a Cyrillic letter (it is stemmed as Russian then). */
export function isCyrillic(word: string): boolean {
  return CYRILLIC.test(word);
}

/** Which stemmer a normalised word gets: Russian for any Cyrillic letter, English for plain Latin letters, none otherwise (digits, other scripts). */
export function stemmerFor(word: string): 'russian' | 'english' | 'none' {
  if (HAS_DIGIT.test(word)) return 'none';
  if (CYRILLIC.test(word)) return 'russian';
  return ASCII_LETTERS.test(word) ? 'english' : 'none';
}

/** The stem of a normalised word ("selling" → "sell", "продажи" → "продаж"). */
export function stemOf(word: string): string {
  const cached = stemCache.get(word);
  // Stryker disable next-line ConditionalExpression: the cache changes how fast, not what comes out.
  if (cached !== undefined) return cached;
  const kind = stemmerFor(word);
  const stem = kind === 'russian' ? russian.stem(word) : kind === 'english' ? english.stem(word) : word;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: as above.
  if (stemCache.size >= STEM_CACHE_SIZE) stemCache.clear();
  stemCache.set(word, stem);
  return stem;
}

/** The digits of a phone number as typed ("+1 (912) 555-0102" → "19125550102"). */
export function phoneDigits(phone: string): string {
  return phone.replace(/[^0-9]/g, '');
}

/**
 * The tokens that find a phone number by any part of it: every ending of its digits from
 * MIN_PHONE_DIGITS on, so that a part typed anywhere is the start of one of them.
 */
export function phoneTokens(phone: string): string[] {
  const digits = phoneDigits(phone);
  const tokens: string[] = [];
  for (let start = 0; start <= digits.length - MIN_PHONE_DIGITS; start += 1) tokens.push(`${PHONE_TOKEN_PREFIX}${digits.slice(start)}`);
  return tokens;
}

/** What a candidate's index entry is made from. */
export interface CandidateText {
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  readonly notes: string;
  /** The résumé's text, when one was read. */
  readonly resume: string;
}

/** A candidate's words per part: name and e-mail (weighted highest, with the phone's tokens), notes, résumé. */
export interface SearchFields {
  readonly head: readonly string[];
  readonly phone: readonly string[];
  readonly notes: readonly string[];
  readonly resume: readonly string[];
}

export function searchFields(candidate: CandidateText): SearchFields {
  const norms = (text: string) => wordsOf(text).map((w) => w.norm);
  return {
    head: [...norms(candidate.name), ...norms(candidate.email)],
    phone: phoneTokens(candidate.phone),
    notes: norms(candidate.notes.slice(0, MAX_NOTES_CHARS)),
    resume: norms(candidate.resume.slice(0, MAX_RESUME_CHARS)),
  };
}

/** The stems SQLite indexes per column: words stemmed in JavaScript (FTS5 has no Russian stemmer). */
export function stemmedColumns(fields: SearchFields): { head: string; notes: string; resume: string } {
  const stems = (words: readonly string[]) => words.map(stemOf).join(' ');
  return { head: [stems(fields.head), ...fields.phone].filter((s) => s !== '').join(' '), notes: stems(fields.notes), resume: stems(fields.resume) };
}

/**
 * A piece of the query: a word, a phrase of words typed joined ("big.eyes@x.com", "jean-pierre"),
 * or a run of digit groups ("+1 (912) 555-0102"), which also matches a phone number containing
 * its digits when there are at least MIN_PHONE_DIGITS of them.
 */
export interface QueryChunk {
  readonly words: readonly string[];
  readonly stems: readonly string[];
  readonly phoneDigits?: string;
}

export interface SearchQuery {
  readonly chunks: readonly QueryChunk[];
  /** The whole query, lower-cased: the start of a name, last name or e-mail (as typed so far). */
  readonly prefix: string;
  /** With two chunks or more: the last one as typed, the start of a name, last name or e-mail, the others matched as words. */
  readonly lastPrefix?: string;
}

const JOINERS = /^[.@_'’-]{1,2}$/;
const PHONE_SEPARATORS = /^[\s().+-]*$/;

/**
 * Reads a query: cut to MAX_QUERY_CHARS, split into chunks (at most MAX_QUERY_CHUNKS).
 * Undefined when nothing is left to search for.
 */
export function parseSearchQuery(input: string): SearchQuery | undefined {
  const text = input.slice(0, MAX_QUERY_CHARS).toLowerCase();
  const prefix = text.trim().replace(/\s+/g, ' ');
  if (prefix === '') return undefined;
  type Building = { words: string[]; phone: boolean; start: number; end: number };
  const chunks: Building[] = [];
  let previousEnd = -1;
  for (const word of wordsOf(text)) {
    const current = chunks[chunks.length - 1];
    const separator = previousEnd < 0 ? ' ' : text.slice(previousEnd, word.start);
    previousEnd = word.end;
    const digits = DIGITS.test(word.norm);
    if (current && current.phone && digits && PHONE_SEPARATORS.test(separator)) {
      current.words.push(word.norm);
      current.end = word.end;
    } else if (current && !current.phone && JOINERS.test(separator)) {
      current.words.push(word.norm);
      current.end = word.end;
    } else {
      chunks.push({ words: [word.norm], phone: digits, start: word.start, end: word.end });
    }
  }
  const kept = chunks.slice(0, MAX_QUERY_CHUNKS);
  const last = kept[kept.length - 1];
  return {
    chunks: kept.map((c) => {
      const joined = c.words.join('');
      return { words: c.words, stems: c.words.map(stemOf), ...(c.phone && joined.length >= MIN_PHONE_DIGITS ? { phoneDigits: joined } : {}) };
    }),
    prefix,
    ...(kept.length >= 2 && last ? { lastPrefix: text.slice(last.start, last.end) } : {}),
  };
}

/** FTS5 string literal. */
function quoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** One chunk as an FTS5 expression over the stemmed columns. */
function ftsChunk(chunk: QueryChunk, headOnly: boolean): string {
  const scope = headOnly ? '{head} : ' : '';
  const words = chunk.phoneDigits !== undefined ? chunk.stems.map((s) => `${scope}${quoted(s)}`).join(' AND ') : `${scope}${quoted(chunk.stems.join(' '))}`;
  const phone = chunk.phoneDigits !== undefined ? ` OR {head} : ${quoted(PHONE_TOKEN_PREFIX + chunk.phoneDigits)} *` : '';
  return `(${words}${phone})`;
}

/** The FTS5 query every chunk must match (anywhere), or undefined with no chunks. */
export function ftsQuery(chunks: readonly QueryChunk[]): string | undefined {
  return chunks.length === 0 ? undefined : chunks.map((c) => ftsChunk(c, false)).join(' AND ');
}

/** The FTS5 query some chunk matches in the name, e-mail or phone: the first rank of results. */
export function ftsHeadQuery(chunks: readonly QueryChunk[]): string | undefined {
  return chunks.length === 0 ? undefined : chunks.map((c) => ftsChunk(c, true)).join(' OR ');
}

/** A tsquery lexeme literal (words hold letters and digits only; quotes doubled all the same). */
function lexeme(word: string, weight: string): string {
  return `'${word.replace(/'/g, "''")}'${weight}`;
}

/**
 * One chunk as tsquery text for PostgreSQL, which stems it with its `english` and `russian`
 * configurations: a phrase of its words (digit groups all present), and the phone-number prefix.
 * With `headOnly`, every lexeme is restricted to weight A (name, e-mail, phone).
 */
export function tsqueryChunk(chunk: QueryChunk, headOnly: boolean): { words: string; phone?: string } {
  const weight = headOnly ? ':A' : '';
  const words = chunk.words.map((w) => lexeme(w, weight)).join(chunk.phoneDigits !== undefined ? ' & ' : ' <-> ');
  return { words, ...(chunk.phoneDigits !== undefined ? { phone: `${lexeme(PHONE_TOKEN_PREFIX + chunk.phoneDigits, '')}:*${headOnly ? 'A' : ''}` } : {}) };
}

/** The first and last value of a prefix range: `column >= low AND column < high` finds every string starting with `prefix` (through an index, on both databases). */
export function prefixRange(prefix: string): { low: string; high: string } {
  return { low: prefix, high: `${prefix}\uffff` };
}
