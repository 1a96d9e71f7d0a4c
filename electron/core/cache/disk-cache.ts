// The disk cache for originals and results under <data-dir>/cache: LRU by bytes, an index rebuilt from
// the entry headers at start, atomic writes (temp file + rename), and every read checked (size, SHA-256).

import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CacheStatsDto } from '../../../shared/contract.ts';
import { encodeEntry, readEntry, readEntryHeader, sha256, type EntryMeta } from './entry-file.ts';
import { MemoryLru } from './memory-lru.ts';

export type { EntryMeta } from './entry-file.ts';
export type NewEntryMeta = Omit<EntryMeta, 'size' | 'sha256' | 'createdAt'>;

export type CacheStats = CacheStatsDto;

export interface DiskCache {
  readonly dir: string;
  /** A whole entry, verified; a damaged one is dropped and reported as absent. */
  get(id: string): Promise<{ meta: EntryMeta; body: Buffer } | undefined>;
  /** Metadata only, from the in-memory index (no disk access). */
  peek(id: string): EntryMeta | undefined;
  /** Marks an entry used (LRU order) without reading it; false when it is gone. */
  touch(id: string): boolean;
  /** Every entry's metadata, least recently used first. */
  entries(): IterableIterator<EntryMeta>;
  put(id: string, meta: NewEntryMeta, body: Buffer): Promise<EntryMeta>;
  delete(id: string): Promise<void>;
  /** Removes every entry the predicate selects; returns how many. */
  purge(select: (meta: EntryMeta) => boolean): Promise<number>;
  /** Changes the bound (settings); evicts at once when it shrinks. */
  setMaxBytes(maxBytes: number): Promise<void>;
  /** Re-reads the disk after another process (`loupe cache purge`) removed entries. */
  refresh(): Promise<void>;
  /** Counts a lookup the user sees (a delivered URL), for the hit ratio. */
  count(hit: boolean): void;
  stats(): CacheStats;
}

export interface DiskCacheOptions {
  dir: string;
  maxBytes: number;
  /** The in-memory tier for hot entries. @default 64 MiB, at most maxBytes / 4 */
  memoryBytes?: number;
}

/** A stable id for an entry from its parts (origin, key, version, chain, variant...). */
export function cacheId(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 40);
}

export async function createDiskCache(initial: DiskCacheOptions): Promise<DiskCache> {
  const options = { ...initial };
  const dir = path.resolve(options.dir);
  const tmpDir = path.join(dir, 'tmp');
  await mkdir(tmpDir, { recursive: true });
  await removeStaleTemps(tmpDir);
  const memory = new MemoryLru<Buffer>(options.memoryBytes ?? Math.min(64 * 1024 * 1024, Math.floor(options.maxBytes / 4)));
  /** Map order is LRU order: oldest first. */
  const index = new Map<string, EntryMeta & { fileSize: number }>();
  let bytes = 0;
  let hits = 0;
  let misses = 0;

  const fileOf = (id: string) => path.join(dir, id.slice(0, 2), id);

  await rebuildIndex();

  async function rebuildIndex(): Promise<void> {
    const found: { id: string; meta: EntryMeta; fileSize: number; mtime: number }[] = [];
    for (const sub of await readdir(dir).catch(() => [] as string[])) {
      if (!/^[0-9a-f]{2}$/.test(sub)) continue;
      for (const name of await readdir(path.join(dir, sub)).catch(() => [] as string[])) {
        const file = path.join(dir, sub, name);
        const header = await readEntryHeader(file).catch(() => undefined);
        if (!header || header.fileSize !== header.bodyOffset + header.meta.size) {
          await rm(file, { force: true });
          continue;
        }
        const { mtimeMs } = await stat(file);
        found.push({ id: name, meta: header.meta, fileSize: header.fileSize, mtime: mtimeMs });
      }
    }
    // Access times are not persisted; creation order is the best LRU approximation after a restart.
    found.sort((a, b) => a.mtime - b.mtime);
    for (const f of found) {
      index.set(f.id, { ...f.meta, fileSize: f.fileSize });
      bytes += f.fileSize;
    }
    await evict();
  }

  function touch(id: string): void {
    const e = index.get(id);
    if (e) {
      index.delete(id);
      index.set(id, e);
    }
  }

  async function remove(id: string): Promise<void> {
    const e = index.get(id);
    memory.delete(id);
    if (e) {
      index.delete(id);
      bytes -= e.fileSize;
    }
    await rm(fileOf(id), { force: true });
  }

  async function evict(): Promise<void> {
    for (const id of index.keys()) {
      if (bytes <= options.maxBytes) break;
      await remove(id);
    }
  }

  return {
    dir,
    async get(id) {
      const known = index.get(id);
      if (!known) return undefined;
      touch(id);
      const cached = memory.get(id);
      if (cached) return { meta: known, body: cached };
      const entry = await readEntry(fileOf(id)).catch(() => undefined);
      if (!entry) {
        await remove(id); // damaged or vanished: drop it so the caller refetches
        return undefined;
      }
      memory.set(id, entry.body);
      return { meta: known, body: entry.body };
    },
    peek: (id) => index.get(id),
    touch(id) {
      if (!index.has(id)) return false;
      touch(id);
      return true;
    },
    entries: () => index.values(),
    async put(id, partial, body) {
      const meta: EntryMeta = { ...partial, size: body.length, sha256: sha256(body), createdAt: Date.now() };
      const data = encodeEntry(meta, body);
      if (data.length > options.maxBytes) return meta; // larger than the whole cache: serve, don't keep
      const tmp = path.join(tmpDir, `${id}.${randomBytes(6).toString('hex')}`);
      try {
        await mkdir(path.dirname(fileOf(id)), { recursive: true });
        await writeFile(tmp, data);
        await rename(tmp, fileOf(id));
      } catch (e) {
        // A full or read-only disk must not turn a good answer into an error: serve it, don't keep it.
        await rm(tmp, { force: true }).catch(() => undefined);
        console.warn(`loupe: cache write failed (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); serving without caching`);
        return meta;
      }
      const previous = index.get(id);
      if (previous) {
        index.delete(id);
        bytes -= previous.fileSize;
      }
      index.set(id, { ...meta, fileSize: data.length });
      bytes += data.length;
      memory.set(id, body);
      await evict();
      return meta;
    },
    delete: remove,
    async purge(select) {
      const ids = [...index].filter(([, m]) => select(m)).map(([id]) => id);
      for (const id of ids) await remove(id);
      return ids.length;
    },
    async setMaxBytes(maxBytes) {
      options.maxBytes = maxBytes;
      await evict();
    },
    async refresh() {
      memory.clear();
      for (const id of [...index.keys()]) {
        if (!(await stat(fileOf(id)).catch(() => undefined))) await remove(id);
      }
    },
    count(hit) {
      if (hit) hits++;
      else misses++;
    },
    stats: () => ({ entries: index.size, bytes, maxBytes: options.maxBytes, hits, misses, hitRatio: hits + misses ? hits / (hits + misses) : 0 }),
  };
}

/**
 * Temp files are leftovers of a crash mid-write, unless they are young: another process (a running
 * server while `loupe cache purge` opens the same folder) may be writing them right now.
 */
async function removeStaleTemps(tmpDir: string): Promise<void> {
  const cutoff = Date.now() - 10 * 60 * 1000;
  for (const name of await readdir(tmpDir).catch(() => [] as string[])) {
    const file = path.join(tmpDir, name);
    const s = await stat(file).catch(() => undefined);
    if (s && s.mtimeMs < cutoff) await rm(file, { force: true });
  }
}

/** Another process changed the cache folder: running servers watch this file and refresh. */
export function purgeMarker(dir: string): string {
  return path.join(dir, 'purged');
}

export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, `${JSON.stringify(value, null, 2)}\n`);
  await rename(tmp, file);
}
