// Server-Timing (origin, transform, total) for every response.

import type { ServerResponse } from 'node:http';

export class Timings {
  private readonly started = performance.now();
  origin = 0;
  transform = 0;

  /** Adds the time spent in `fn` to one phase. */
  async measure<T>(phase: 'origin' | 'transform', fn: () => Promise<T>): Promise<T> {
    const t = performance.now();
    try {
      return await fn();
    } finally {
      this[phase] += performance.now() - t;
    }
  }

  total(): number {
    return performance.now() - this.started;
  }

  write(res: ServerResponse): void {
    const f = (n: number) => n.toFixed(1);
    res.setHeader('Server-Timing', `origin;dur=${f(this.origin)}, transform;dur=${f(this.transform)}, total;dur=${f(this.total())}`);
  }
}
