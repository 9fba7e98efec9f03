import { LruCache } from '../shared/lru-cache';
import type { ComparisonData } from './comparison.service';

export { LruCache };

/**
 * What the comparison grid keeps between requests, per process (each worker or instance has its
 * own). Every key starts with the opening's id and comparison version, which each change to what
 * the grid shows raises in its own transaction, so nothing kept can be shown after a change:
 * - `data`: what the grid reads of the database for one set of filters (no viewer, no clock);
 * - `withheld`: the applications a viewer still owes a scorecard on (independent feedback);
 * - `pages`: the grid's HTML (without the layout), also keyed by the language, the viewer's
 *   withheld applications, the scorecards missing at the time of the request, and every filter.
 */
export interface ComparisonCache {
  readonly data: LruCache<ComparisonData>;
  readonly withheld: LruCache<ReadonlySet<number>>;
  readonly pages: LruCache<string>;
}

export interface ComparisonCacheLimits {
  /** Kept data sets (a few hundred KB each at most: 200 candidates' aggregates). */
  readonly dataEntries: number;
  readonly withheldEntries: number;
  /** Characters of HTML kept in all (a 30-candidate grid is about 70,000). */
  readonly pageChars: number;
}

export const DEFAULT_COMPARISON_CACHE_LIMITS: ComparisonCacheLimits = { dataEntries: 100, withheldEntries: 2000, pageChars: 8_000_000 };

export function createComparisonCache(limits: ComparisonCacheLimits = DEFAULT_COMPARISON_CACHE_LIMITS): ComparisonCache {
  return {
    data: new LruCache<ComparisonData>(limits.dataEntries),
    withheld: new LruCache<ReadonlySet<number>>(limits.withheldEntries),
    pages: new LruCache<string>(limits.pageChars, (html) => html.length),
  };
}
