import { type CandidateText, phoneDigits, type SearchQuery, stemOf, wordsOf } from './search-text';

/** Where a snippet comes from, in the order a tie is settled. */
export const SNIPPET_FIELDS = ['name', 'email', 'phone', 'notes', 'resume'] as const;
export type SnippetField = (typeof SNIPPET_FIELDS)[number];

/** A piece of a snippet: text as it stands in the candidate's data, and whether it is a match. */
export interface SnippetPart {
  readonly text: string;
  readonly mark: boolean;
}

export interface Snippet {
  readonly field: SnippetField;
  readonly parts: readonly SnippetPart[];
}

/** About two lines of the list; the window opens a third of it (at most 40 characters) before its first match. */
export const SNIPPET_WIDTH = 160;
const LEAD = 40;
const ELLIPSIS = '…';

interface Hit {
  readonly start: number;
  readonly end: number;
  /** Which of the query's terms it is (a stem, or "phone"). */
  readonly term: string;
}

/** The words of a text that match the query: a word whose stem is one of the query's, or (in the name and e-mail) one that starts with the query's last word. */
function hitsIn(text: string, field: SnippetField, query: SearchQuery, stems: ReadonlySet<string>, typedStart: string | undefined): Hit[] {
  if (field === 'phone') {
    const digits = phoneDigits(text);
    const found = query.chunks.some((c) => c.phoneDigits !== undefined && digits.includes(c.phoneDigits));
    const trimmed = text.trim();
    return found && trimmed !== '' ? [{ start: text.indexOf(trimmed), end: text.indexOf(trimmed) + trimmed.length, term: 'phone' }] : [];
  }
  const hits: Hit[] = [];
  for (const word of wordsOf(text)) {
    const stem = stemOf(word.norm);
    if (stems.has(stem)) hits.push({ start: word.start, end: word.end, term: stem });
    else if (typedStart !== undefined && (field === 'name' || field === 'email') && word.norm.startsWith(typedStart)) hits.push({ start: word.start, end: word.end, term: `^${typedStart}` });
  }
  return hits;
}

/** The stretch of a long text with the most different terms in `width` characters (the earliest of equals), cut at word ends. */
function bestWindow(text: string, hits: readonly Hit[], width: number): { from: number; to: number } {
  if (text.length <= width) return { from: 0, to: text.length };
  const lead = Math.min(LEAD, Math.floor(width / 3));
  let best = { from: 0, count: -1 };
  for (const anchor of hits) {
    const from = Math.max(0, anchor.start - lead);
    const count = new Set(hits.filter((h) => h.start >= from && h.end <= from + width).map((h) => h.term)).size;
    if (count > best.count) best = { from, count };
  }
  const words = wordsOf(text);
  // Start at a word's beginning, end at a word's end, within the window.
  const first = best.from === 0 ? undefined : words.find((w) => w.start >= best.from);
  const from = first ? first.start : 0;
  const limit = from + width;
  let to = from;
  for (const w of words) {
    if (w.start < from) continue;
    if (w.end > limit) break;
    to = w.end;
  }
  return { from, to: Math.max(to, Math.min(text.length, hits.find((h) => h.start >= from)?.end ?? to)) };
}

/** `text` between `from` and `to` as parts, the hits marked, runs of white space made one space. */
function partsOf(text: string, hits: readonly Hit[], from: number, to: number): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (piece: string, mark: boolean) => {
    const flat = piece.replace(/\s+/g, ' ');
    if (flat === '') return;
    const last = parts[parts.length - 1];
    if (last && last.mark === mark) parts[parts.length - 1] = { text: last.text + flat, mark };
    else parts.push({ text: flat, mark });
  };
  let at = from;
  for (const hit of hits) {
    if (hit.start < from || hit.end > to) continue;
    push(text.slice(at, hit.start), false);
    push(text.slice(hit.start, hit.end), true);
    at = hit.end;
  }
  push(text.slice(at, to), false);
  return parts;
}

/**
 * Where the candidate matched the query: the field whose words match the most different terms (the
 * name first among equals), as a window of about `width` characters around its matches, each match
 * marked, "…" where the text was cut. Undefined when no word of the candidate's data matches (a
 * candidate found by the start of their name as a whole, say "anna pe").
 */
export function buildSnippet(candidate: CandidateText, query: SearchQuery, width = SNIPPET_WIDTH): Snippet | undefined {
  const stems = new Set(query.chunks.flatMap((c) => c.stems));
  const lastChunk = query.chunks[query.chunks.length - 1];
  const typedStart = lastChunk && lastChunk.words.length === 1 && lastChunk.phoneDigits === undefined ? lastChunk.words[0] : undefined;
  let best: { field: SnippetField; hits: Hit[]; terms: number } | undefined;
  for (const field of SNIPPET_FIELDS) {
    const hits = hitsIn(candidate[field], field, query, stems, typedStart);
    const terms = new Set(hits.map((h) => h.term)).size;
    if (terms > 0 && (!best || terms > best.terms)) best = { field, hits, terms };
  }
  if (!best) return undefined;
  const text = candidate[best.field];
  const { from, to } = bestWindow(text, best.hits, width);
  const parts = partsOf(text, best.hits, from, to);
  const trimmed = parts.map((p, i) => ({ ...p, text: i === 0 ? p.text.replace(/^ /, '') : i === parts.length - 1 ? p.text.replace(/ $/, '') : p.text })).filter((p) => p.text !== '');
  const withStart = from > 0 ? [{ text: ELLIPSIS, mark: false }, ...trimmed] : trimmed;
  const all = to < text.trimEnd().length ? [...withStart, { text: ELLIPSIS, mark: false }] : withStart;
  return { field: best.field, parts: merge(all) };
}

/** Neighbouring unmarked parts made one. */
function merge(parts: readonly SnippetPart[]): SnippetPart[] {
  const out: SnippetPart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (last && !last.mark && !part.mark) out[out.length - 1] = { text: last.text + part.text, mark: false };
    else out.push(part);
  }
  return out;
}
