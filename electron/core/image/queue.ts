// A small counting semaphore: at most `concurrency` sharp pipelines at once, a bounded wait list.
// libvips already spreads one pipeline over threads; more pipelines than cores only add latency and RSS.

import { LoupeError } from '../../../shared/errors.ts';

export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Queued + running. */
  readonly pending: number;
}

export function createLimiter(concurrency: number, maxQueue: number): Limiter {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  let running = 0;
  const waiting: Array<() => void> = [];

  async function acquire(): Promise<void> {
    if (running < concurrency) {
      running++;
      return;
    }
    if (waiting.length >= maxQueue) {
      throw new LoupeError('OVERLOADED', `Image queue is full (${maxQueue} waiting); try again shortly`, { maxQueue });
    }
    // The releasing task hands its slot over directly, so `running` stays the same.
    await new Promise<void>((resolve) => waiting.push(resolve));
  }

  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }

  return {
    async run(task) {
      await acquire();
      try {
        return await task();
      } finally {
        release();
      }
    },
    get pending() {
      return running + waiting.length;
    },
  };
}
