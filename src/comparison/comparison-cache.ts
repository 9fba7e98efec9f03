import type { ComparisonData } from './comparison.service';

/** A map of bounded total weight that forgets the least recently used entries first. */
export class LruCache<V> {
  private readonly entries = new Map<string, { value: V; weight: number }>();
  private weight = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly maxWeight: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses += 1;
      return undefined;
    }
    // Most recently used last: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits += 1;
    return entry.value;
  }

  set(key: string, value: V): void {
    const weight = this.weigh(value);
    if (weight > this.maxWeight) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.weight -= old.weight;
    }
    this.entries.set(key, { value, weight });
    this.weight += weight;
    for (const [oldest, entry] of this.entries) {
      if (this.weight <= this.maxWeight) break;
      this.entries.delete(oldest);
      this.weight -= entry.weight;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get totalWeight(): number {
    return this.weight;
  }
}

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
