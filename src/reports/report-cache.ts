/**
 * Report pages as drawn, kept in memory under a key that starts with the data version read before
 * the page was computed (`data_version`, counted up by every committed unit of work). A write
 * changes the version, so no page drawn before it is ever served after it; a page computed while a
 * write commits is kept under the older version and is not read again once the newer one is seen.
 * The rest of the key is everything else the page depends on: the reader (scope, role and its
 * permissions, independence), the language, the query and today's date.
 */
export class ReportCache<V> {
  private readonly entries = new Map<string, V>();
  private version = '';

  constructor(private readonly limit = 100) {}

  get(version: string, key: string): V | undefined {
    this.forgetOlder(version);
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Most recently used last: the first entry is the one to drop.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(version: string, key: string, value: V): void {
    if (version !== this.version) return;
    this.entries.set(key, value);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Another version: nothing kept can be served any more. */
  private forgetOlder(version: string): void {
    if (version === this.version) return;
    this.entries.clear();
    this.version = version;
  }
}
