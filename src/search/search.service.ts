import type { DbOrTrx } from '../db/database';
import { readCandidateTexts } from './search.repository';
import type { SearchQuery } from './search-text';
import { buildSnippet, type Snippet } from './snippet';

/** What other features use of search: reading a query, the matches to join, whether indexing is still under way, and snippets. */
export { MAX_QUERY_CHARS, parseSearchQuery, type SearchQuery } from './search-text';
export { hasStaleEntries, searchHits } from './search.repository';
export type { Snippet, SnippetPart } from './snippet';

/**
 * Where each of these candidates matched, from their own data only (name, e-mail, phone, notes,
 * résumé): one query for the page's candidates.
 */
export async function snippetsFor(db: DbOrTrx, ids: readonly number[], query: SearchQuery): Promise<Map<number, Snippet>> {
  const texts = await readCandidateTexts(db, ids);
  const out = new Map<number, Snippet>();
  for (const [id, text] of texts) {
    const snippet = buildSnippet(text, query);
    if (snippet) out.set(id, snippet);
  }
  return out;
}
