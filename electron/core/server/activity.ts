// The request log: a bounded in-memory ring of what every request did (origins tried, cache state,
// output, timings), for the GUI's activity view and the "why is this a 404" explanation.

import type { ActivityRecordDto } from '../../../shared/contract.ts';

export type ActivityRecord = ActivityRecordDto;

export type ActivityListener = (record: ActivityRecord) => void;

export interface ActivityLog {
  add(record: Omit<ActivityRecord, 'id'>): ActivityRecord;
  /** Newest first, optionally filtered. */
  list(filter?: { status?: number | 'error'; endpoint?: string; limit?: number }): ActivityRecord[];
  subscribe(listener: ActivityListener): () => void;
}

export function createActivityLog(capacity = 1000): ActivityLog {
  // A fixed circular buffer: Array#shift on every request would move the whole array each time.
  const ring: (ActivityRecord | undefined)[] = new Array(capacity);
  const listeners = new Set<ActivityListener>();
  let next = 1;
  return {
    add(partial) {
      const record = partial as ActivityRecord;
      record.id = next++;
      ring[record.id % capacity] = record;
      for (const l of listeners) {
        try {
          l(record);
        } catch {
          // A broken listener must not break delivery.
        }
      }
      return record;
    },
    list(filter = {}) {
      const out: ActivityRecord[] = [];
      for (let id = next - 1; id >= Math.max(1, next - capacity) && out.length < (filter.limit ?? capacity); id--) {
        const r = ring[id % capacity]!;
        if (filter.endpoint !== undefined && r.endpoint !== filter.endpoint) continue;
        if (filter.status === 'error' ? r.status < 400 : filter.status !== undefined && r.status !== filter.status) continue;
        out.push(r);
      }
      return out;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
