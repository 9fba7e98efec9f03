import { LruCache } from '../shared/lru-cache';

/**
 * Report pages as drawn, kept in memory under a key that starts with the data version read before
 * the page was computed (`data_version`, counted up by every committed unit of work). A write
 * changes the version, so no page drawn before it is ever served after it; a page computed while a
 * write commits is kept under the older version and is not read again once the newer one is seen.
 * The rest of the key is everything else the page depends on: the reader (scope, role and its
 * permissions, independence), the language, the query and today's date.
 */
export class ReportCache<V> {
  private entries: LruCache<V>;
  private version = '';

  constructor(private readonly limit = 100) {
    this.entries = new LruCache<V>(limit);
  }

  get(version: string, key: string): V | undefined {
    this.forgetOlder(version);
    return this.entries.get(key);
  }

  set(version: string, key: string, value: V): void {
    if (version !== this.version) return;
    this.entries.set(key, value);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Another version: nothing kept can be served any more. */
  private forgetOlder(version: string): void {
    if (version === this.version) return;
    this.entries = new LruCache<V>(this.limit);
    this.version = version;
  }
}
