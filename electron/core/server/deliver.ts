// The delivery request path (architecture.md §3): resolve endpoint → verify signature → parse chain →
// locate the object in the endpoint's origins → cached result, or transform once (single-flight) → respond.

import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoupeConfig } from '../../../shared/config.ts';
import { LoupeError } from '../../../shared/errors.ts';
import { canonicalChain, findUnsupported } from '../../../shared/transform/index.ts';
import type { Chain, ChainStep, TransformStep } from '../../../shared/transform/types.ts';
import { cacheId, type DiskCache, type EntryMeta } from '../cache/disk-cache.ts';
import type { SingleFlight } from '../cache/single-flight.ts';
import { isImageContentType, type ImagePipeline } from '../image/index.ts';
import type { Origin } from '../origins/types.ts';
import type { ActivityRecord } from './activity.ts';
import { acceptClass, HotResponses } from './hot-responses.ts';
import { notFoundError } from './locate.ts';
import { headerSafe, sendBody, type BodySource } from './respond.ts';
import { chainOf, resolveUrl, type ResolvedUrl } from './resolve-url.ts';
import { verifySignedUrl } from './signing.ts';
import { originalId, type Located, type SourceStore } from './sources.ts';
import type { Timings } from './timings.ts';

/** Pass-through files up to this size are kept in the cache (and so work offline); larger ones stream. */
const PASS_THROUGH_CACHE_MAX = 32 * 1024 * 1024;

export interface DeliveryContext {
  config: LoupeConfig;
  hot: HotResponses;
  origins: ReadonlyMap<string, Origin>;
  images: ImagePipeline;
  cache: DiskCache;
  sources: SourceStore;
  transforms: SingleFlight<{ meta: EntryMeta; body: Buffer }>;
}

/** The part of the activity record that delivery fills in. */
export type DeliveryRecord = Pick<ActivityRecord, 'endpoint' | 'path' | 'chain' | 'attempts' | 'origin' | 'cache' | 'format' | 'width' | 'height'>;

export async function deliver(ctx: DeliveryContext, req: IncomingMessage, res: ServerResponse, timings: Timings, record: DeliveryRecord): Promise<void> {
  const generation = ctx.hot.generation;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    throw new LoupeError('METHOD_NOT_ALLOWED', `Method ${req.method} is not allowed; use GET or HEAD`);
  }
  const url = resolveUrl(req.url ?? '/', req.headers.host, ctx.config.endpoints);
  record.endpoint = url.endpoint.id;
  record.path = url.key;
  if (url.endpoint.requireSignedUrls) verify(ctx, url);
  if (url.suffix) throw new LoupeError('TRANSFORM_UNSUPPORTED', `The video suffix "${url.suffix}" is not supported yet`);
  if (url.key === '') throw new LoupeError('ORIGIN_NOT_FOUND', `No file path after endpoint "/${url.endpoint.id}"`);

  const chain = chainOf(url, ctx.config.namedTransformations);
  const stepCount = countSteps(chain);
  if (stepCount > ctx.config.images.maxChainSteps) {
    throw new LoupeError('TRANSFORM_CHAIN_TOO_LONG', `The transformation has ${stepCount} steps; at most ${ctx.config.images.maxChainSteps} are allowed (images.maxChainSteps)`);
  }
  const canonical = canonicalChain(chain);
  record.chain = canonical;

  const origins = url.endpoint.origins.map((id) => ctx.origins.get(id)!);
  let found = await timings.measure('origin', () => ctx.sources.locate(origins, url.key, record.attempts));
  const fallback = lastStep(chain, 'defaultImage')?.defaultImage;
  if (!found && fallback && record.attempts.every((a) => a.outcome !== 'error')) {
    // di-: the default image comes from the same endpoint, with the URL's transformations applied.
    found = await timings.measure('origin', () => ctx.sources.locate(origins, fallback, record.attempts));
  }
  if (!found) throw notFoundError(url.endpoint.id, url.key, record.attempts);
  record.origin = found.origin.id;
  res.setHeader('x-loupe-origin', found.origin.id);
  res.setHeader('Cache-Control', found.meta.cacheControl ?? ctx.config.server.cacheControl);
  if (found.stale) res.setHeader('Warning', headerSafe(`110 loupe "Response is stale: ${found.stale}"`));
  if (url.attachment) {
    const name = found.key.split('/').pop() ?? 'file';
    res.setHeader('Content-Disposition', `attachment; filename="${headerSafe(name).replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  }

  const original = chain.some((s) => s.kind === 'step' && s.original) || lastStep(chain, 'format')?.format === 'orig';
  const body = isImageContentType(found.meta.contentType) && !original
    ? await imageBody(ctx, req, res, timings, record, found, chain, canonical)
    : await passThroughBody(ctx, record, found, timings);
  res.setHeader('x-loupe-cache', record.cache ?? 'miss');
  await sendBody(req, res, body, timings);
  // Only answers that depend on nothing but this one cache entry and fresh lookups: not a di- fallback
  // (the real file may appear), not while a preferred origin is failing (it may come back first).
  const rememberable = res.statusCode === 200 && req.method === 'GET' && HotResponses.eligible(req) && !url.endpoint.requireSignedUrls
    && !found.stale && found.freshUntil > Date.now() && Buffer.isBuffer(body.data) && body.cacheId !== undefined
    && found.key === url.key && record.attempts.every((a) => a.outcome !== 'error');
  if (rememberable) {
    ctx.hot.remember(req, res, ctx.config.images.avif, generation, {
      body: body.data as Buffer, cacheId: body.cacheId!, freshUntil: found.freshUntil,
      record: { ...record, attempts: record.attempts.map((a) => ({ ...a, cached: true, ms: 0 })), cache: 'hit' },
    });
  }
}

type CachedBody = BodySource & { cacheId?: string };

function verify(ctx: DeliveryContext, url: ResolvedUrl): void {
  const key = ctx.config.signing.privateKey;
  if (!key) throw new LoupeError('SIGNATURE_REQUIRED', 'This endpoint requires signed URLs but no signing.privateKey is configured');
  const prefixes = url.endpoint.id ? [`/${url.endpoint.id}/`] : [];
  verifySignedUrl({ rawPath: url.rawPath, rawQuery: url.rawQuery, prefixes }, key);
}

function cacheState(found: Located, hit: boolean): 'hit' | 'miss' | 'stale' {
  return found.stale ? 'stale' : hit ? 'hit' : 'miss';
}

/** Non-media files (and orig-true) are delivered as they are, transformations not applicable. */
async function passThroughBody(ctx: DeliveryContext, record: DeliveryRecord, found: Located, timings: Timings): Promise<CachedBody> {
  const etag = strongEtag([found.origin.id, found.key, found.meta.version]);
  const common = { contentType: found.meta.contentType, etag, ...(found.meta.lastModified ? { lastModified: found.meta.lastModified } : {}) };
  if (found.meta.size > PASS_THROUGH_CACHE_MAX) {
    record.cache = 'bypass';
    return { ...common, size: found.meta.size, data: async (range) => (await found.origin.read(found.key, range)).body };
  }
  const cacheId = originalId(found.origin.id, found.key, found.meta.version);
  const hit = ctx.cache.peek(cacheId) !== undefined;
  const data = await timings.measure('origin', () => ctx.sources.original(found, PASS_THROUGH_CACHE_MAX));
  record.cache = cacheState(found, hit);
  ctx.cache.count(hit);
  return { ...common, size: data.length, data, cacheId };
}

async function imageBody(ctx: DeliveryContext, req: IncomingMessage, res: ServerResponse, timings: Timings, record: DeliveryRecord, found: Located, chain: Chain, canonical: string): Promise<CachedBody> {
  const unsupported = findUnsupported(chain, 'image');
  if (unsupported) {
    throw new LoupeError('TRANSFORM_UNSUPPORTED', unsupported.message ?? `${unsupported.key}-${unsupported.value} is not supported yet`, { key: unsupported.key, value: unsupported.value });
  }
  const { images } = ctx.config;
  if (found.meta.size > images.maxInputBytes) {
    throw new LoupeError('INPUT_TOO_LARGE', `The original is ${found.meta.size} bytes; at most ${images.maxInputBytes} are transformed (images.maxInputBytes)`);
  }
  const accept = req.headers.accept ?? '';
  const negotiates = isNegotiated(chain, images.autoFormat);
  if (negotiates) res.setHeader('Vary', 'Accept');
  // Everything that decides the bytes, known before any work: the same inputs always give the same
  // variant, so the ETag (and a 304) and the cache lookup cost neither an origin read nor a transform.
  const variant = [negotiates ? acceptClass(req.headers.accept, images.avif) : 'explicit', `q${images.defaultQuality}`, `avif${images.avif}`].join(',');
  const parts = [found.origin.id, found.key, found.meta.version, canonical, variant];
  const etag = strongEtag(parts);
  const id = cacheId(['result', ...parts]);
  const hit = ctx.cache.peek(id) !== undefined;
  const cached = hit ? await ctx.cache.get(id) : undefined;
  const entry = cached ?? await ctx.transforms.do(id, async () => {
    const input = await timings.measure('origin', () => ctx.sources.original(found, images.maxInputBytes));
    const result = await timings.measure('transform', () => ctx.images.transform({ input, chain, accept, contentType: found.meta.contentType }));
    const meta = await ctx.cache.put(id, {
      kind: 'result', origin: found.origin.id, key: found.key, version: found.meta.version, chain: canonical, variant,
      contentType: result.contentType, format: result.format, width: result.width, height: result.height,
    }, result.data);
    return { meta, body: result.data };
  });
  ctx.cache.count(cached !== undefined);
  record.cache = cacheState(found, cached !== undefined);
  record.format = entry.meta.format;
  record.width = entry.meta.width;
  record.height = entry.meta.height;
  const lastModified = found.meta.lastModified;
  return { size: entry.body.length, contentType: entry.meta.contentType, etag, ...(lastModified ? { lastModified } : {}), data: entry.body, cacheId: id };
}

function countSteps(chain: readonly ChainStep[]): number {
  return chain.reduce((n, s) => n + (s.kind === 'step' ? 1 : 1 + countSteps(s.then) + countSteps(s.else)), 0);
}

function lastStep<K extends keyof TransformStep>(chain: Chain, field: K): TransformStep | undefined {
  for (let i = chain.length - 1; i >= 0; i--) {
    const s = chain[i]!;
    if (s.kind === 'step' && s[field] !== undefined) return s;
  }
  return undefined;
}

function isNegotiated(chain: Chain, autoFormat: boolean): boolean {
  const f = lastStep(chain, 'format')?.format;
  return f === 'auto' || (f === undefined && autoFormat);
}

export function strongEtag(parts: readonly string[]): string {
  return `"${createHash('sha1').update(parts.join('\0')).digest('base64url').slice(0, 27)}"`;
}
