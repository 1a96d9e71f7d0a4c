// Where originals come from: the endpoint's origins in preference order, with per-origin revalidation
// (within `revalidateAfter` the last answer is trusted without asking), originals kept in the disk cache,
// and the last known version used when every origin fails (offline).

import { isLoupeError } from '../../../shared/errors.ts';
import { cacheId, type DiskCache, type EntryMeta } from '../cache/disk-cache.ts';
import { SingleFlight } from '../cache/single-flight.ts';
import type { Origin, SourceMeta } from '../origins/types.ts';
import type { OriginAttempt } from './locate.ts';
import { readLimited } from './read-limited.ts';

export interface Located {
  origin: Origin;
  key: string;
  meta: SourceMeta;
  /** Set when no origin could be asked and this is the last known version: the error that caused it. */
  stale?: string;
  /** Until when every answer this lookup relied on stays trusted (revalidateAfter); 0 = not at all. */
  freshUntil: number;
}

interface Known {
  meta: SourceMeta | undefined;
  checkedAt: number;
}

export interface SourceStore {
  locate(origins: readonly Origin[], key: string, attempts: OriginAttempt[]): Promise<Located | undefined>;
  /** The original's bytes: from the cache, else fetched once (single-flight) and kept. */
  original(found: Located, maxBytes: number): Promise<Buffer>;
  /** Forgets what is known about objects (after a purge). */
  forget(select?: (origin: string, key: string) => boolean): void;
  readonly fetches: SingleFlight<Buffer>;
}

const MAX_KNOWN = 50_000;

export function originalId(origin: string, key: string, version: string): string {
  return cacheId(['original', origin, key, version]);
}

export function createSourceStore(cache: DiskCache, revalidateAfter: (originId: string) => number, now = () => Date.now()): SourceStore {
  const known = new Map<string, Known>();
  /** Bounded: every distinct key ever asked for (404s too) would otherwise stay forever. */
  const remember = (k: string, v: Known) => {
    known.delete(k);
    known.set(k, v);
    if (known.size > MAX_KNOWN) known.delete(known.keys().next().value!);
  };
  const fetches = new SingleFlight<Buffer>();
  const knownKey = (origin: string, key: string) => `${origin}\0${key}`;

  /** The newest original of this object in the disk cache, for offline use after a restart. */
  function cachedVersion(originId: string, key: string): EntryMeta | undefined {
    let best: EntryMeta | undefined;
    for (const m of cache.entries()) {
      if (m.kind === 'original' && m.origin === originId && m.key === key && (!best || m.createdAt > best.createdAt)) best = m;
    }
    return best;
  }

  async function dropOldVersion(originId: string, key: string, version: string): Promise<void> {
    await cache.purge((m) => m.origin === originId && m.key === key && m.version !== version);
  }

  return {
    fetches,
    async locate(origins, key, attempts) {
      let stale: Located | undefined;
      let freshUntil = Infinity;
      for (const origin of origins) {
        const window = revalidateAfter(origin.id) * 1000;
        const started = performance.now();
        const base = { origin: origin.id, type: origin.type, location: origin.describe(key) };
        const k = known.get(knownKey(origin.id, key));
        if (k && now() - k.checkedAt < window) {
          attempts.push({ ...base, outcome: k.meta ? 'found' : 'not-found', cached: true, ms: 0 });
          freshUntil = Math.min(freshUntil, k.checkedAt + window);
          if (k.meta) return { origin, key, meta: k.meta, freshUntil };
          continue;
        }
        try {
          const meta = await origin.stat(key);
          attempts.push({ ...base, outcome: meta ? 'found' : 'not-found', ms: elapsed(started) });
          const checkedAt = now();
          remember(knownKey(origin.id, key), { meta, checkedAt });
          freshUntil = Math.min(freshUntil, checkedAt + window);
          if (k?.meta && (!meta || meta.version !== k.meta.version)) await dropOldVersion(origin.id, key, meta?.version ?? '');
          if (meta) return { origin, key, meta, freshUntil };
        } catch (e) {
          const message = isLoupeError(e) || e instanceof Error ? e.message : String(e);
          attempts.push({ ...base, outcome: 'error', error: message, ms: elapsed(started) });
          if (!stale) {
            // A known "not found" stays not found: a file deleted at the origin must not come back offline.
            const last = k ? k.meta : metaFromEntry(cachedVersion(origin.id, key));
            if (last) stale = { origin, key, meta: last, stale: `${origin.id}: ${message}`, freshUntil: 0 };
          }
        }
      }
      // Nothing was found: the last known copy from a failing origin, if any (another origin's
      // "not found" says nothing about the one that failed).
      return stale;
    },
    async original(found, maxBytes) {
      const id = originalId(found.origin.id, found.key, found.meta.version);
      const hit = await cache.get(id);
      if (hit) return hit.body;
      return fetches.do(id, async () => {
        const again = await cache.get(id);
        if (again) return again.body;
        const { body } = await found.origin.read(found.key);
        const data = await readLimited(body, maxBytes);
        await cache.put(id, {
          kind: 'original', origin: found.origin.id, key: found.key, version: found.meta.version, contentType: found.meta.contentType,
          ...(found.meta.lastModified ? { lastModified: found.meta.lastModified.toISOString() } : {}),
          ...(found.meta.cacheControl ? { cacheControl: found.meta.cacheControl } : {}),
        }, data);
        return data;
      });
    },
    forget(select) {
      for (const k of [...known.keys()]) {
        const [origin, key] = k.split('\0') as [string, string];
        if (!select || select(origin, key)) known.delete(k);
      }
    },
  };
}

function metaFromEntry(m: EntryMeta | undefined): SourceMeta | undefined {
  if (!m) return undefined;
  return {
    size: m.size, contentType: m.contentType, version: m.version,
    ...(m.lastModified ? { lastModified: new Date(m.lastModified) } : {}),
    ...(m.cacheControl ? { cacheControl: m.cacheControl } : {}),
  };
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
