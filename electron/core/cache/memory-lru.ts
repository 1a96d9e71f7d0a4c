// A small in-memory tier for hot entries, bounded by bytes: a cache hit from memory is ~5× faster than
// a read stream per hit (perf-baselines.md §3).

export class MemoryLru<V extends { length: number }> {
  private readonly map = new Map<string, V>();
  private bytes = 0;
  constructor(private readonly maxBytes: number, private readonly maxEntryBytes = Math.floor(maxBytes / 8)) {}

  get(id: string): V | undefined {
    const v = this.map.get(id);
    if (v !== undefined) {
      this.map.delete(id);
      this.map.set(id, v);
    }
    return v;
  }

  set(id: string, value: V): void {
    this.delete(id);
    if (value.length > this.maxEntryBytes) return;
    this.map.set(id, value);
    this.bytes += value.length;
    for (const [oldId, old] of this.map) {
      if (this.bytes <= this.maxBytes) break;
      this.map.delete(oldId);
      this.bytes -= old.length;
    }
  }

  delete(id: string): void {
    const v = this.map.get(id);
    if (v !== undefined) {
      this.map.delete(id);
      this.bytes -= v.length;
    }
  }

  clear(): void {
    this.map.clear();
    this.bytes = 0;
  }
}
