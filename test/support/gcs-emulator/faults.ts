// The fault registry: tests inject statuses, delays, dropped sockets, cut bodies and wrong hashes,
// globally or per operation/bucket/object, each for a bounded number of requests.

import type { Route } from './routes.ts';
import type { FaultHandle, GcsFault } from './types.ts';

/** What the server must do to one request, merged from every fault that matched it. */
export interface FaultEffects {
  delayMs: number;
  drop: boolean;
  status?: { status: number; message?: string };
  cutAfter?: number;
  wrongHash?: 'crc32c' | 'md5' | 'both';
}

interface Active {
  fault: GcsFault;
  left: number;
  hits: number;
}

export function createFaults() {
  let active: Active[] = [];

  const inject = (fault: GcsFault): FaultHandle => {
    const a: Active = { fault, left: fault.times ?? Infinity, hits: 0 };
    active.push(a);
    return {
      get hits() {
        return a.hits;
      },
      remove: () => {
        active = active.filter((x) => x !== a);
      },
    };
  };

  /** Consumes one use of every matching fault and returns their combined effect. */
  const take = (route: Route): FaultEffects => {
    const effects: FaultEffects = { delayMs: 0, drop: false };
    for (const a of active) {
      if (a.left <= 0 || !matches(a.fault, route)) continue;
      const f = a.fault;
      // Body faults only make sense on media; they must not be used up by a metadata call first.
      if ((f.kind === 'cut' || f.kind === 'wrongHash') && route.op !== 'objects.media') continue;
      // A later status/drop would never be reached by the same request; leave it for the next one.
      if ((f.kind === 'status' || f.kind === 'drop') && (effects.status || effects.drop)) continue;
      a.left--;
      a.hits++;
      if (f.kind === 'delay') effects.delayMs += f.ms;
      else if (f.kind === 'drop') effects.drop = true;
      else if (f.kind === 'status') effects.status = { status: f.status, ...(f.message ? { message: f.message } : {}) };
      else if (f.kind === 'cut') effects.cutAfter = f.afterBytes;
      else effects.wrongHash = f.hash ?? 'both';
    }
    active = active.filter((a) => a.left > 0);
    return effects;
  };

  const clear = (): void => {
    active = [];
  };

  return { inject, take, clear };
}

function matches(fault: GcsFault, route: Route): boolean {
  const m = fault.match;
  if (!m) return true;
  if (m.op !== undefined && !(Array.isArray(m.op) ? m.op.includes(route.op) : m.op === route.op)) return false;
  if (m.bucket !== undefined && m.bucket !== route.bucket) return false;
  if (m.object !== undefined) {
    if (route.object === undefined) return false;
    if (typeof m.object === 'string' ? m.object !== route.object : !m.object.test(route.object)) return false;
  }
  return true;
}
