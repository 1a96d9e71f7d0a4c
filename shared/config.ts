// The config file / settings schema: one structure for `loupe serve --config` and the desktop app.
// Types first, then `parseConfig`, a table-driven validator whose errors name the field.

import { LoupeError } from './errors.ts';

export interface ServerConfig {
  /** @default "127.0.0.1" — loopback only unless asked otherwise */
  host: string;
  /** @default 3210; 0 picks a free port */
  port: number;
  /** Cache-Control for delivered variants. @default "public, max-age=31536000" (ImageKit's year) */
  cacheControl: string;
}

export interface CacheConfig {
  /** @default 2 GiB */
  maxBytes: number;
}

interface OriginBase {
  id: string;
  /** Seconds a cached original is trusted before its version is re-checked. @default 60 */
  revalidateAfter: number;
}
export interface FolderOriginConfig extends OriginBase {
  type: 'folder';
  /** Absolute after parsing: relative paths resolve against the config file's folder. */
  root: string;
}
export interface WebOriginConfig extends OriginBase {
  type: 'web';
  baseUrl: string;
  headers: Record<string, string>;
  forwardHost: boolean;
  /** @default 10000 */
  timeoutMs: number;
}
export interface GcsOriginConfig extends OriginBase {
  type: 'gcs';
  bucket: string;
  prefix: string;
  keyFile?: string;
  apiEndpoint?: string;
  /** @default 10000 */
  timeoutMs: number;
}
export type OriginConfig = FolderOriginConfig | WebOriginConfig | GcsOriginConfig;

export interface EndpointConfig {
  /** One or more path segments, e.g. `demo` or `demo/img`; "" only when reached through `domains`. */
  id: string;
  origins: string[];
  domains: string[];
  /** @default false */
  requireSignedUrls: boolean;
}

export interface ImagesConfig {
  /** Negotiate the format (f-auto) when the URL names none. @default true */
  autoFormat: boolean;
  /** AVIF is opt-in, as in ImageKit: a miss costs ~12× WebP. @default false */
  avif: boolean;
  /** @default 80 (ImageKit's default) */
  defaultQuality: number;
  /** @default 100 MP (ImageKit's limit) */
  maxInputPixels: number;
  /** @default 40 MiB (ImageKit's limit) */
  maxInputBytes: number;
  /** @default 16383 (WebP's limit) */
  maxOutputDimension: number;
  /** Steps after named transformations are expanded. @default 20 */
  maxChainSteps: number;
}

export interface SigningConfig {
  privateKey?: string;
}

export interface LoupeConfig {
  server: ServerConfig;
  cache: CacheConfig;
  origins: OriginConfig[];
  endpoints: EndpointConfig[];
  namedTransformations: Record<string, string>;
  images: ImagesConfig;
  signing: SigningConfig;
}

export const DEFAULT_IMAGES: ImagesConfig = {
  autoFormat: true,
  avif: false,
  defaultQuality: 80,
  maxInputPixels: 100_000_000,
  maxInputBytes: 40 * 1024 * 1024,
  maxOutputDimension: 16383,
  maxChainSteps: 20,
};

export const DEFAULT_CONFIG: LoupeConfig = {
  server: { host: '127.0.0.1', port: 3210, cacheControl: 'public, max-age=31536000' },
  cache: { maxBytes: 2 * 1024 ** 3 },
  origins: [],
  endpoints: [],
  namedTransformations: {},
  images: DEFAULT_IMAGES,
  signing: {},
};

// ---------------------------------------------------------------------------------------------
// Validation. Small checkers that share one message shape: `config.origins[0].root: expected ...`.

type Json = unknown;

function fail(field: string, message: string): never {
  throw new LoupeError('CONFIG_INVALID', `${field}: ${message}`, { field });
}

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function object(v: Json, field: string, known: readonly string[]): Record<string, Json> {
  if (v === undefined) return {};
  if (!isObject(v)) fail(field, `expected an object, got ${describe(v)}`);
  for (const key of Object.keys(v)) {
    if (!known.includes(key)) fail(`${field}.${key}`, `unknown field (expected one of ${known.join(', ')})`);
  }
  return v;
}

function describe(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  return typeof v === 'object' ? 'an object' : String(v);
}

function str(v: Json, field: string, fallback?: string, pattern?: { re: RegExp; expected: string }): string {
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'string') fail(field, `expected a string, got ${describe(v)}`);
  if (pattern && !pattern.re.test(v)) fail(field, `expected ${pattern.expected}, got ${describe(v)}`);
  return v;
}

function int(v: Json, field: string, fallback: number, min: number, max: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    fail(field, `expected an integer from ${min} to ${max}, got ${describe(v)}`);
  }
  return v;
}

function bool(v: Json, field: string, fallback: boolean): boolean {
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') fail(field, `expected true or false, got ${describe(v)}`);
  return v;
}

function list(v: Json, field: string): Json[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) fail(field, `expected an array, got ${describe(v)}`);
  return v;
}

function stringMap(v: Json, field: string): Record<string, string> {
  const o = object(v, field, isObject(v) ? Object.keys(v) : []);
  for (const [k, val] of Object.entries(o)) str(val, `${field}.${k}`);
  return o as Record<string, string>;
}

const ID = { re: /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, expected: 'letters, digits, "-" or "_" (at most 64)' };
const ENDPOINT_ID = { re: /^$|^[A-Za-z0-9-]+(\/[A-Za-z0-9-]+)*$/, expected: 'path segments of letters, digits and "-", e.g. "demo" or "demo/img"' };
const HOST = { re: /^[A-Za-z0-9.-]+(:\d+)?$/, expected: 'a host name such as "img.localhost"' };

/** Path helpers are injected so this module stays free of node:path. */
export interface ConfigPaths {
  /** Resolves a possibly relative path against the config file's folder. */
  resolve(p: string): string;
}

export function parseConfig(input: Json, paths: ConfigPaths): LoupeConfig {
  const root = object(input, 'config', ['$schema', 'server', 'cache', 'origins', 'endpoints', 'namedTransformations', 'images', 'signing']);
  const server = object(root.server, 'server', ['host', 'port', 'cacheControl']);
  const cache = object(root.cache, 'cache', ['maxBytes']);
  const images = object(root.images, 'images', Object.keys(DEFAULT_IMAGES));
  const signing = object(root.signing, 'signing', ['privateKey']);
  const d = DEFAULT_CONFIG;

  const origins = list(root.origins, 'origins').map((o, i) => parseOrigin(o, `origins[${i}]`, paths));
  const originIds = new Set<string>();
  origins.forEach((o, i) => {
    if (originIds.has(o.id)) fail(`origins[${i}].id`, `duplicate origin id "${o.id}"`);
    originIds.add(o.id);
  });

  const endpoints = list(root.endpoints, 'endpoints').map((e, i): EndpointConfig => {
    const field = `endpoints[${i}]`;
    const eo = object(e, field, ['id', 'origins', 'domains', 'requireSignedUrls']);
    const id = str(eo.id, `${field}.id`, undefined, ENDPOINT_ID);
    const domains = list(eo.domains, `${field}.domains`).map((h, j) => str(h, `${field}.domains[${j}]`, undefined, HOST).toLowerCase());
    if (id === '' && domains.length === 0) fail(`${field}.id`, 'an empty id needs at least one domain');
    const refs = list(eo.origins, `${field}.origins`).map((r, j) => {
      const ref = str(r, `${field}.origins[${j}]`);
      if (!originIds.has(ref)) fail(`${field}.origins[${j}]`, `no origin with id "${ref}" (known: ${[...originIds].join(', ') || 'none'})`);
      return ref;
    });
    if (refs.length === 0) fail(`${field}.origins`, 'expected at least one origin id');
    return { id, origins: refs, domains, requireSignedUrls: bool(eo.requireSignedUrls, `${field}.requireSignedUrls`, false) };
  });
  const endpointIds = new Set<string>();
  endpoints.forEach((e, i) => {
    if (endpointIds.has(e.id)) fail(`endpoints[${i}].id`, `duplicate endpoint id "${e.id}"`);
    endpointIds.add(e.id);
  });

  const privateKey = signing.privateKey === undefined ? undefined : str(signing.privateKey, 'signing.privateKey');
  if (endpoints.some((e) => e.requireSignedUrls) && !privateKey) {
    fail('signing.privateKey', 'required when an endpoint sets requireSignedUrls');
  }

  return {
    server: {
      host: str(server.host, 'server.host', d.server.host),
      port: int(server.port, 'server.port', d.server.port, 0, 65535),
      cacheControl: str(server.cacheControl, 'server.cacheControl', d.server.cacheControl),
    },
    cache: { maxBytes: int(cache.maxBytes, 'cache.maxBytes', d.cache.maxBytes, 1024 * 1024, Number.MAX_SAFE_INTEGER) },
    origins,
    endpoints,
    namedTransformations: stringMap(root.namedTransformations, 'namedTransformations'),
    images: {
      autoFormat: bool(images.autoFormat, 'images.autoFormat', DEFAULT_IMAGES.autoFormat),
      avif: bool(images.avif, 'images.avif', DEFAULT_IMAGES.avif),
      defaultQuality: int(images.defaultQuality, 'images.defaultQuality', DEFAULT_IMAGES.defaultQuality, 1, 100),
      maxInputPixels: int(images.maxInputPixels, 'images.maxInputPixels', DEFAULT_IMAGES.maxInputPixels, 1, 2 ** 40),
      maxInputBytes: int(images.maxInputBytes, 'images.maxInputBytes', DEFAULT_IMAGES.maxInputBytes, 1, 2 ** 40),
      maxOutputDimension: int(images.maxOutputDimension, 'images.maxOutputDimension', DEFAULT_IMAGES.maxOutputDimension, 1, 65535),
      maxChainSteps: int(images.maxChainSteps, 'images.maxChainSteps', DEFAULT_IMAGES.maxChainSteps, 1, 100),
    },
    signing: privateKey ? { privateKey } : {},
  };
}

function parseOrigin(v: Json, field: string, paths: ConfigPaths): OriginConfig {
  const type = isObject(v) ? v.type : undefined;
  const common = ['id', 'type', 'revalidateAfter'];
  switch (type) {
    case 'folder': {
      const o = object(v, field, [...common, 'root']);
      return { ...originBase(o, field), type, root: paths.resolve(str(o.root, `${field}.root`)) };
    }
    case 'web': {
      const o = object(v, field, [...common, 'baseUrl', 'headers', 'forwardHost', 'timeoutMs']);
      const baseUrl = str(o.baseUrl, `${field}.baseUrl`, undefined, { re: /^https?:\/\/[^/]+/i, expected: 'an http:// or https:// URL' });
      return {
        ...originBase(o, field), type, baseUrl: baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`,
        headers: stringMap(o.headers, `${field}.headers`),
        forwardHost: bool(o.forwardHost, `${field}.forwardHost`, false),
        timeoutMs: int(o.timeoutMs, `${field}.timeoutMs`, 10_000, 100, 600_000),
      };
    }
    case 'gcs': {
      const o = object(v, field, [...common, 'bucket', 'prefix', 'keyFile', 'apiEndpoint', 'timeoutMs']);
      const bucket = str(o.bucket, `${field}.bucket`, undefined, { re: /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/, expected: 'a bucket name (lower-case letters, digits, "-", "_", ".")' });
      const keyFile = o.keyFile === undefined ? undefined : paths.resolve(str(o.keyFile, `${field}.keyFile`));
      const apiEndpoint = o.apiEndpoint === undefined ? undefined
        : str(o.apiEndpoint, `${field}.apiEndpoint`, undefined, { re: /^https?:\/\/[^/]+/i, expected: 'an http:// or https:// URL' });
      return {
        ...originBase(o, field), type, bucket, prefix: str(o.prefix, `${field}.prefix`, ''),
        ...(keyFile ? { keyFile } : {}), ...(apiEndpoint ? { apiEndpoint } : {}),
        timeoutMs: int(o.timeoutMs, `${field}.timeoutMs`, 10_000, 100, 600_000),
      };
    }
    default:
      if (!isObject(v)) fail(field, `expected an object, got ${describe(v)}`);
      return fail(`${field}.type`, `expected "folder", "web" or "gcs", got ${describe(type)}`);
  }
}

function originBase(o: Record<string, Json>, field: string): { id: string; revalidateAfter: number } {
  return { id: str(o.id, `${field}.id`, undefined, ID), revalidateAfter: int(o.revalidateAfter, `${field}.revalidateAfter`, 60, 0, 31_536_000) };
}
