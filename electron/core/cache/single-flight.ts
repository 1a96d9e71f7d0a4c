// Single-flight: concurrent callers for the same key share one run of the work. The work is not tied to
// any one request, so a client that goes away does not cancel what the others (and the cache) wait for.

export class SingleFlight<T> {
  private readonly inflight = new Map<string, Promise<T>>();
  /** How many times work actually ran (the benchmark's "exactly one transform"). */
  runs = 0;

  do(key: string, work: () => Promise<T>): Promise<T> {
    const running = this.inflight.get(key);
    if (running) return running;
    this.runs++;
    const p = work().finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  get size(): number {
    return this.inflight.size;
  }
}
