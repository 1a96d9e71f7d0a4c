// Repeated URLs answered straight from memory: the first full 200 of a variant remembers its headers
// and bytes, keyed by Host + raw target + Accept class, and later requests skip parsing, hashing and
// the async request path (a cache hit was ~5× slower than serving bytes from memory without this).
// An entry is only used while everything it relied on holds: the origins' revalidateAfter windows,
// the cache entry itself (purges and evictions end it) and the config generation (GUI edits end all).

import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { ActivityRecord } from './activity.ts';
import { MemoryLru } from '../cache/memory-lru.ts';
import { isNotModified } from './conditional.ts';
import { parseAccept } from '../image/index.ts';

export interface HotEntry {
  length: number;
  etag: string;
  headers: OutgoingHttpHeaders;
  /** The same headers flattened once ([name, value, ...]), so a hit does no per-header object work. */
  raw200: string[];
  raw304: string[];
  body: Buffer;
  cacheId: string;
  freshUntil: number;
  generation: number;
  record: Omit<ActivityRecord, 'id' | 'time' | 'method' | 'url' | 'ms' | 'status'>;
}

/** What of the Accept header can change a negotiated variant (the same classes the cache key uses). */
export function acceptClass(accept: string | undefined, avif: boolean): string {
  if (!accept) return 'basic';
  // Browsers send a handful of distinct Accept strings: remember their class instead of re-parsing.
  const memoKey = avif ? `1${accept}` : `0${accept}`;
  const known = classes.get(memoKey);
  if (known) return known;
  const types = parseAccept(accept);
  const cls = avif && types.has('image/avif') ? 'avif' : types.has('image/webp') ? 'webp' : 'basic';
  if (classes.size >= 512) classes.clear();
  classes.set(memoKey, cls);
  return cls;
}
const classes = new Map<string, string>();

const SKIP = new Set(['server-timing', 'x-loupe-cache', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

export class HotResponses {
  private readonly lru: MemoryLru<HotEntry>;
  /** Bumped by every config change; a request remembers only if it started in the same generation. */
  generation = 0;

  constructor(maxBytes = 32 * 1024 * 1024) {
    this.lru = new MemoryLru<HotEntry>(maxBytes);
  }

  private key(req: IncomingMessage, avif: boolean): string {
    return `${req.headers.host ?? ''}\0${req.url ?? ''}\0${acceptClass(req.headers.accept, avif)}`;
  }

  /** Everything about a request that could need the full path: ranges, date validators, methods. */
  static eligible(req: IncomingMessage): boolean {
    return (req.method === 'GET' || req.method === 'HEAD') && req.headers.range === undefined && req.headers['if-modified-since'] === undefined;
  }

  lookup(req: IncomingMessage, avif: boolean, exists: (cacheId: string) => boolean, now = Date.now()): HotEntry | undefined {
    const k = this.key(req, avif);
    const e = this.lru.get(k);
    if (!e) return undefined;
    if (e.generation !== this.generation || now >= e.freshUntil || !exists(e.cacheId)) {
      this.lru.delete(k);
      return undefined;
    }
    return e;
  }

  remember(req: IncomingMessage, res: ServerResponse, avif: boolean, startedIn: number, entry: Omit<HotEntry, 'headers' | 'raw200' | 'raw304' | 'generation' | 'length' | 'etag'>): void {
    // A request that began before a config change may carry an answer the new config forbids (signing).
    if (startedIn !== this.generation) return;
    // Long URLs (cache busters, junk) are not worth memory: the normal path still serves them from cache.
    if ((req.url ?? '').length > 2048) return;
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(res.getHeaders())) if (!SKIP.has(name) && value !== undefined) headers[name] = value;
    const etag = String(headers.etag ?? '');
    if (!etag) return;
    const flat = (skip: Set<string>) => Object.entries(headers).filter(([n]) => !skip.has(n)).flatMap(([n, v]) => (Array.isArray(v) ? v.map((x) => [n, x]) : [[n, String(v)]])).flat();
    const raw200 = [...flat(new Set()), 'x-loupe-cache', 'hit'];
    const raw304 = [...flat(new Set(['content-type', 'content-length'])), 'x-loupe-cache', 'hit'];
    // The per-entry overhead (headers, record) counts too, so many tiny bodies cannot grow it unbounded.
    const key = this.key(req, avif);
    const overhead = 512 + key.length * 2 + raw200.reduce((n, x) => n + x.length * 2, 0);
    this.lru.set(key, { ...entry, headers, raw200, raw304, etag, generation: this.generation, length: entry.body.length + overhead });
  }

  /** After a config change: every remembered answer may now be wrong. */
  invalidate(): void {
    this.generation++;
    this.lru.clear();
  }
}

/** Writes a remembered answer; 304 when the client's ETag matches. */
export function sendHot(req: IncomingMessage, res: ServerResponse, e: HotEntry, started: number): number {
  const timing = `origin;dur=0.0, transform;dur=0.0, total;dur=${(performance.now() - started).toFixed(1)}`;
  if (isNotModified(req, e.etag)) {
    res.writeHead(304, [...e.raw304, 'server-timing', timing]);
    res.end();
    return 304;
  }
  res.writeHead(200, [...e.raw200, 'server-timing', timing]);
  res.end(req.method === 'HEAD' ? undefined : e.body);
  return 200;
}
