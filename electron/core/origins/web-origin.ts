// Web server origin: `baseUrl` + the object key, fetched over http(s) (imagekit-url-spec.md §9).
// Security: keys are checked and percent-encoded segment by segment, so a key can never leave baseUrl.

import type { IncomingMessage } from 'node:http';
import pkg from '../../../package.json' with { type: 'json' };
import type { WebOriginConfig } from '../../../shared/config.ts';
import { LoupeError, isLoupeError } from '../../../shared/errors.ts';
import { contentTypeFor } from './mime.ts';
import type { ByteRange, Origin, OriginCheck, OriginCheckRow, SourceMeta, SourceStream } from './types.ts';
import { limitBody } from './web-body.ts';
import { displayUrl, fixFor, originError, webRequest, type Deadline, type WebResponse } from './web-request.ts';

export interface WebOriginOptions {
  /** Response size cap (= images.maxInputBytes). @default 40 MiB */
  maxBytes?: number;
  /**
   * The Host of the delivery request being served, for `forwardHost: true` origins. Origins are shared
   * by all requests, so the server supplies it per call (e.g. from an AsyncLocalStorage). Without it,
   * or when it returns undefined, the baseUrl's own host is sent.
   */
  requestHost?: () => string | undefined;
  /**
   * Budget for a whole call: every redirect hop and, for read(), the whole body, so a server that
   * trickles one byte just inside the idle timeout still cannot hold a delivery forever.
   * @default max(60 000, 6 × timeoutMs)
   */
  deadlineMs?: number;
}

const DEFAULT_MAX_BYTES = 40 * 1024 * 1024;
const USER_AGENT = `loupe/${pkg.version}`;
// A Host header value: a name or IP literal and an optional port, nothing that could split headers.
const HOST_RE = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

export function createWebOrigin(config: WebOriginConfig, options: WebOriginOptions = {}): Origin {
  const base = parseBase(config);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const deadlineMs = options.deadlineMs ?? Math.max(60_000, 6 * config.timeoutMs);
  const shownBase = displayUrl(base);

  /** The URL for a key, or undefined when the key is not a safe object name under baseUrl. */
  function locate(key: string): URL | undefined {
    if (key.includes('\0') || key.includes('\\')) return undefined;
    // A trailing slash names a folder, which a web server may answer with a listing page, not an object.
    if (key === '' || key.endsWith('/')) return undefined;
    const parts = key.split('/').filter((p) => p !== '');
    if (parts.length === 0 || parts.some((p) => p === '.' || p === '..')) return undefined;
    let url: URL;
    try {
      // encodeURIComponent leaves `.` alone but encodes `%`, so no segment can decode to a dot-dot later.
      url = new URL(base.href + parts.map(encodeURIComponent).join('/'));
    } catch {
      return undefined; // a lone surrogate, which encodeURIComponent refuses
    }
    const inside = url.origin === base.origin && url.pathname.startsWith(base.pathname) && url.pathname !== base.pathname && !url.search && !url.hash;
    return inside ? url : undefined;
  }

  function request(url: URL, method: 'GET' | 'HEAD', extra: Record<string, string>, deadline: Deadline, signal?: AbortSignal): Promise<WebResponse> {
    const trustedHeaders: Record<string, string> = { ...config.headers };
    const host = config.forwardHost ? options.requestHost?.() : undefined;
    if (host && HOST_RE.test(host)) trustedHeaders.host = host;
    return webRequest(url, {
      method, trustedBase: base, trustedHeaders, timeoutMs: config.timeoutMs, deadline, ...(signal ? { signal } : {}),
      // identity: sizes, ranges and the byte cap must all count the object's own bytes.
      headers: { 'user-agent': USER_AGENT, 'x-req-from': 'loupe', 'accept-encoding': 'identity', ...extra },
    });
  }

  const newDeadline = (): Deadline => ({ at: Date.now() + deadlineMs, ms: deadlineMs });

  async function statUrl(url: URL, deadline: Deadline, signal?: AbortSignal): Promise<SourceMeta | undefined> {
    const head = await request(url, 'HEAD', {}, deadline, signal);
    head.res.resume();
    const status = head.res.statusCode ?? 0;
    const sized = status >= 200 && status < 300 && parseLength(head.res.headers['content-length']) !== undefined;
    if (sized) return metaFrom(head.res, url, parseLength(head.res.headers['content-length'])!);
    // Some servers refuse HEAD (405/501) or omit the length on it; a one-byte GET answers the same question.
    if (status === 405 || status === 501 || (status >= 200 && status < 300)) {
      const get = await request(url, 'GET', { range: 'bytes=0-0' }, deadline, signal);
      get.res.destroy();
      const s = get.res.statusCode ?? 0;
      const size = s === 206 || s === 416 ? parseContentRange(get.res.headers['content-range'])?.total
        : s >= 200 && s < 300 ? parseLength(get.res.headers['content-length']) : undefined;
      if (s >= 200 && s < 300 && size === undefined) {
        throw originError(`${displayUrl(get.url)} does not report the object's size (no Content-Length or Content-Range)`, get.url, { status: s });
      }
      return size === undefined ? answerStatus(s, get.url) : metaFrom(get.res, url, size);
    }
    return answerStatus(status, head.url);
  }

  return {
    id: config.id,
    type: 'web',
    describe(key) {
      const url = locate(key);
      return url ? displayUrl(url) : shownBase + key;
    },
    async stat(key, signal) {
      const url = locate(key);
      return url ? statUrl(url, newDeadline(), signal) : undefined;
    },
    async read(key, range?: ByteRange, signal?: AbortSignal): Promise<SourceStream> {
      const url = locate(key);
      if (!url) throw new LoupeError('ORIGIN_NOT_FOUND', `No object "${key}" under ${shownBase} (not a safe object name)`);
      const deadline = newDeadline();
      const { res, url: finalUrl } = await request(url, 'GET', range ? { range: `bytes=${range.start}-${range.end}` } : {}, deadline, signal);
      const status = res.statusCode ?? 0;
      const length = parseLength(res.headers['content-length']);
      // -1 when a body streams without a length (chunked): stat(), which insists on one, is where sizes come from.
      let size = length ?? -1;
      let skip = 0;
      if (status === 206) {
        const cr = parseContentRange(res.headers['content-range']);
        if (!range || !cr || cr.start > range.start) {
          res.destroy();
          throw originError(`${displayUrl(finalUrl)} answered 206 with an unusable Content-Range "${res.headers['content-range'] ?? ''}"`, finalUrl, { status });
        }
        skip = range.start - cr.start;
        size = cr.total ?? -1;
      } else if (status === 416 && range) {
        res.destroy();
        throw new LoupeError('RANGE_NOT_SATISFIABLE', `${displayUrl(finalUrl)} cannot serve bytes ${range.start}-${range.end}`, { url: displayUrl(finalUrl) });
      } else if (status < 200 || status >= 300) {
        res.destroy();
        answerStatus(status, finalUrl); // throws for anything but not-found
        throw new LoupeError('ORIGIN_NOT_FOUND', `No object at ${displayUrl(finalUrl)} (HTTP ${status})`, { url: displayUrl(finalUrl), status });
      } else if (range) {
        skip = range.start; // the server ignored Range and sent the whole object: cut it here
      }
      const take = range ? range.end - range.start + 1 : undefined;
      // Fail fast on an announced size over the cap instead of downloading up to it.
      const wanted = length === undefined ? undefined : Math.min(length - skip, take ?? Infinity);
      if (wanted !== undefined && wanted > maxBytes) {
        res.destroy();
        throw new LoupeError('INPUT_TOO_LARGE', `${displayUrl(finalUrl)} is ${wanted} bytes; at most ${maxBytes} are read (images.maxInputBytes)`, { url: displayUrl(finalUrl), size: wanted, maxBytes });
      }
      const meta = metaFrom(res, url, size);
      const body = limitBody(res, {
        url: finalUrl, skip, maxBytes, idleMs: config.timeoutMs, deadline,
        ...(take !== undefined ? { take } : {}), ...(length !== undefined ? { expected: length } : {}), ...(signal ? { signal } : {}),
      });
      return { meta, body };
    },
    // No `list`: a web server has no standard listing (an HTML index page is not one).
    async check(): Promise<OriginCheck> {
      const listing: OriginCheckRow = { name: 'Listing', ok: true, message: 'Listing: not available for web servers (browse the bucket or folder instead)' };
      let reach: OriginCheckRow;
      try {
        const { res, url } = await request(base, 'HEAD', {}, newDeadline());
        res.resume();
        const status = res.statusCode ?? 0;
        const note = status === 401 || status === 403 ? '; objects may need credentials in the origin\'s headers' : '';
        reach = { name: 'Reachable', ok: true, message: `${displayUrl(url)} is reachable (HTTP ${status}${note})` };
      } catch (e) {
        if (!isLoupeError(e)) throw e;
        const cause = typeof e.details?.cause === 'string' ? e.details.cause : '';
        reach = {
          name: 'Reachable', ok: false, message: e.message,
          fix: e.code === 'ORIGIN_ERROR' ? 'Point baseUrl at the final http(s) location instead of one that redirects.' : fixFor(cause, config.timeoutMs),
        };
      }
      return { ok: reach.ok, checks: [reach, listing] };
    },
  };
}

function parseBase(config: WebOriginConfig): URL {
  let base: URL;
  try {
    base = new URL(config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`);
  } catch {
    throw new LoupeError('CONFIG_INVALID', `origins: "${config.id}" baseUrl "${config.baseUrl}" is not a URL`);
  }
  if ((base.protocol !== 'http:' && base.protocol !== 'https:') || base.search || base.hash) {
    throw new LoupeError('CONFIG_INVALID', `origins: "${config.id}" baseUrl must be an http:// or https:// URL without ?query or #fragment`);
  }
  return base;
}

/** A non-2xx status as stat's answer: undefined for not-found, else the matching LoupeError. */
function answerStatus(status: number, url: URL): undefined {
  if (status === 404 || status === 410) return undefined;
  const shown = displayUrl(url);
  if (status === 401 || status === 403) {
    throw new LoupeError('ORIGIN_ACCESS_DENIED', `${shown} answered HTTP ${status}: check the origin's headers (credentials) or the server's permissions`, { url: shown, status });
  }
  throw originError(`${shown} answered HTTP ${status}${status >= 500 ? ' (server error)' : ''}`, url, { status });
}

/**
 * version: the ETag as sent (strong or weak), else Last-Modified + size, else the size alone; the
 * last can miss a same-size change, which only a server without validators leaves us.
 */
function metaFrom(res: IncomingMessage, url: URL, size: number): SourceMeta {
  const h = res.headers;
  const modified = h['last-modified'] ? new Date(h['last-modified']) : undefined;
  const lastModified = modified && !Number.isNaN(modified.getTime()) ? modified : undefined;
  const etag = h.etag?.trim();
  const version = etag ? etag : lastModified ? `${lastModified.getTime()}-${size}` : `size-${size}`;
  // octet-stream is what servers send when they do not know; the extension is then a better guess.
  const header = h['content-type']?.trim();
  const contentType = header && !/^application\/octet-stream\b/i.test(header) ? header : contentTypeFor(decodeURIComponent(url.pathname));
  return {
    size, contentType, version,
    ...(lastModified ? { lastModified } : {}),
    ...(h['cache-control'] ? { cacheControl: h['cache-control'] } : {}),
  };
}

function parseLength(v: string | undefined): number | undefined {
  return v !== undefined && /^\d{1,15}$/.test(v.trim()) ? Number(v) : undefined;
}

/** `bytes 0-0/1234` or `bytes *\/1234` (a 416); total undefined when the server wrote `*`. */
function parseContentRange(v: string | undefined): { start: number; end: number; total?: number } | undefined {
  const m = /^bytes\s+(?:(\d{1,15})-(\d{1,15})|\*)\/(\d{1,15}|\*)$/i.exec(v?.trim() ?? '');
  if (!m) return undefined;
  const total = m[3] === '*' ? undefined : Number(m[3]);
  return { start: m[1] ? Number(m[1]) : 0, end: m[2] ? Number(m[2]) : 0, ...(total !== undefined ? { total } : {}) };
}
