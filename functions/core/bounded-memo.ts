// A per-process memo for what a warm function computes again and again (signed links, page fragments).

/** A Map that forgets everything once it holds `limit` entries: plain, and a warm function's working set is small. */
export class BoundedMemo<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly limit: number) {}
  get(key: string, make: () => V): V {
    let value = this.entries.get(key);
    if (value === undefined) {
      if (this.entries.size >= this.limit) this.entries.clear();
      value = make();
      this.entries.set(key, value);
    }
    return value;
  }
}
