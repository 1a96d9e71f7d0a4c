// Google Cloud Storage origin through @google-cloud/storage 7.x with a read-only service account
// (Storage Object Viewer). Never calls bucket metadata: that role lacks storage.buckets.get.

import { readFile } from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import { Storage, type File } from '@google-cloud/storage';
import type { GcsOriginConfig } from '../../../shared/config.ts';
import { LoupeError } from '../../../shared/errors.ts';
import { checkGcsOrigin } from './gcs-check.ts';
import { validateServiceAccountKey, type ServiceAccountKey } from './gcs-key.ts';
import { contentTypeFor } from './mime.ts';
import type { ByteRange, ListPage, Origin, SourceMeta } from './types.ts';

export interface GcsOriginOptions {
  /** Key JSON from the desktop app's SecretBox; otherwise `keyFile` is read. */
  keyJson?: () => Promise<string | undefined>;
}

export interface GcsClient {
  config: GcsOriginConfig;
  key(): Promise<ServiceAccountKey | undefined>;
  storage(): Promise<Storage>;
  file(key: string): Promise<File>;
  /** The full object name: prefix + key. */
  objectName(key: string): string;
}

const LIST_PAGE = 1000;

/** Maps what the SDK throws to "not found" (undefined) or an origin error naming bucket and object. */
export function gcsError(e: unknown, where: string): LoupeError | undefined {
  const err = e as { code?: number | string; message?: string };
  const message = (err.message ?? String(e)).split('\n')[0]!.slice(0, 500);
  if (err.code === 404) return undefined;
  if (err.code === 401 || err.code === 403) return new LoupeError('ORIGIN_ACCESS_DENIED', `GCS denied access to ${where}: ${message}`, { status: err.code });
  if (typeof err.code === 'number') return new LoupeError('ORIGIN_UNREACHABLE', `GCS answered ${err.code} for ${where}: ${message}`, { status: err.code });
  return new LoupeError('ORIGIN_UNREACHABLE', `Cannot reach GCS for ${where}: ${message}`, { cause: err.code });
}

/** One request never waits longer than timeoutMs in total, whatever the SDK's retries do. */
export async function withDeadline<T>(work: Promise<T>, ms: number, where: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LoupeError('ORIGIN_UNREACHABLE', `GCS did not answer within ${ms} ms for ${where}`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export function createGcsClient(config: GcsOriginConfig, options: GcsOriginOptions = {}): GcsClient {
  let keyPromise: Promise<ServiceAccountKey | undefined> | undefined;
  let storagePromise: Promise<Storage> | undefined;
  const prefix = config.prefix;

  async function loadKey(): Promise<ServiceAccountKey | undefined> {
    const text = (await options.keyJson?.()) ?? (config.keyFile ? await readFile(config.keyFile, 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw new LoupeError('ORIGIN_ACCESS_DENIED', `Cannot read the key file ${config.keyFile}: ${e.code ?? e.message}`);
    }) : undefined);
    if (text === undefined) return undefined;
    const v = validateServiceAccountKey(text);
    if (!v.ok) throw new LoupeError('ORIGIN_ACCESS_DENIED', `The service-account key of origin "${config.id}" is unusable: ${v.message}`, { problem: v.problem });
    return v.key;
  }

  const client: GcsClient = {
    config,
    // A failed key load is retried on the next call: the user may have fixed the file meanwhile.
    key: () => (keyPromise ??= loadKey().catch((e: unknown) => {
      keyPromise = undefined;
      storagePromise = undefined;
      throw e;
    })),
    storage: () => (storagePromise ??= client.key().then((key) => new Storage({
      ...(config.apiEndpoint ? { apiEndpoint: config.apiEndpoint } : {}),
      projectId: key?.project_id || 'loupe',
      ...(key ? { credentials: { client_email: key.client_email, private_key: key.private_key } } : {}),
      // Retries are bounded by our own deadline; keep the SDK's backoff short so a retry fits inside it.
      retryOptions: { autoRetry: true, maxRetries: 2, maxRetryDelay: Math.max(1, config.timeoutMs / 4000), totalTimeout: config.timeoutMs / 1000 },
    }))),
    async file(key) {
      return (await client.storage()).bucket(config.bucket).file(client.objectName(key));
    },
    objectName: (key) => `${prefix}${key}`,
  };
  return client;
}

function toMeta(m: Record<string, unknown>, key: string): SourceMeta {
  const updated = typeof m.updated === 'string' ? new Date(m.updated) : undefined;
  return {
    size: Number(m.size ?? 0),
    contentType: typeof m.contentType === 'string' && m.contentType !== 'application/octet-stream' ? m.contentType : contentTypeFor(key),
    version: String(m.generation ?? m.etag ?? ''),
    ...(updated && !Number.isNaN(updated.getTime()) ? { lastModified: updated } : {}),
    ...(typeof m.cacheControl === 'string' ? { cacheControl: m.cacheControl } : {}),
  };
}

/** Errors the stream when no bytes arrive for `ms`: the 7.x SDK can hang forever on a cut-off body. */
function idleGuard(source: Readable, ms: number, where: string): Readable {
  const out = new PassThrough();
  let timer = setTimeout(stall, ms);
  function stall() {
    const err = new LoupeError('ORIGIN_UNREACHABLE', `GCS stopped sending ${where} for ${ms} ms`);
    source.destroy(err);
    out.destroy(err);
  }
  source.on('data', () => {
    clearTimeout(timer);
    timer = setTimeout(stall, ms);
  });
  // Paused by backpressure (a slow client) is not a stalled GCS: only time spent waiting for GCS counts.
  source.on('pause', () => clearTimeout(timer));
  source.on('resume', () => {
    clearTimeout(timer);
    timer = setTimeout(stall, ms);
  });
  source.on('end', () => clearTimeout(timer));
  source.on('error', (e) => {
    clearTimeout(timer);
    out.destroy(gcsError(e, where) ?? new LoupeError('ORIGIN_NOT_FOUND', `${where} vanished while reading`));
  });
  out.on('close', () => {
    clearTimeout(timer);
    source.destroy();
  });
  source.pipe(out);
  return out;
}

export function createGcsOrigin(config: GcsOriginConfig, options: GcsOriginOptions = {}): Origin {
  const client = createGcsClient(config, options);
  const where = (key: string) => `gs://${config.bucket}/${client.objectName(key)}`;

  async function stat(key: string): Promise<SourceMeta | undefined> {
    if (key === '' || key.includes('\0')) return undefined;
    try {
      const file = await client.file(key);
      const [m] = await withDeadline(file.getMetadata(), config.timeoutMs, where(key));
      return toMeta(m as Record<string, unknown>, key);
    } catch (e) {
      if (e instanceof LoupeError) throw e;
      const mapped = gcsError(e, where(key));
      if (mapped) throw mapped;
      return undefined;
    }
  }

  return {
    id: config.id,
    type: 'gcs',
    describe: where,
    stat,
    async read(key: string, range?: ByteRange) {
      const meta = await stat(key);
      if (!meta) throw new LoupeError('ORIGIN_NOT_FOUND', `No object ${where(key)}`);
      const file = await client.file(key);
      // Pin the generation we stat'ed, so a concurrent overwrite cannot mix versions.
      const pinned = meta.version && /^\d+$/.test(meta.version) ? file.bucket.file(file.name, { generation: Number(meta.version) }) : file;
      const stream = pinned.createReadStream(range ? { start: range.start, end: range.end, validation: false } : {});
      return { meta, body: idleGuard(stream, config.timeoutMs, where(key)) };
    },
    async list(listPrefix: string, cursor?: string): Promise<ListPage> {
      const storage = await client.storage();
      try {
        const [files, , response] = await withDeadline(storage.bucket(config.bucket).getFiles({
          prefix: client.objectName(listPrefix), delimiter: '/', maxResults: LIST_PAGE, autoPaginate: false, ...(cursor ? { pageToken: cursor } : {}),
        }), config.timeoutMs, `gs://${config.bucket}/${client.objectName(listPrefix)}`);
        const r = (response ?? {}) as { prefixes?: string[]; nextPageToken?: string };
        const strip = (name: string) => name.slice(config.prefix.length);
        return {
          folders: (r.prefixes ?? []).map(strip),
          objects: files.map((f) => ({
            name: strip(f.name), size: Number(f.metadata.size ?? 0),
            contentType: f.metadata.contentType ?? contentTypeFor(f.name),
            ...(f.metadata.updated ? { updated: String(f.metadata.updated) } : {}),
            version: String(f.metadata.generation ?? ''),
          })),
          ...(r.nextPageToken ? { cursor: r.nextPageToken } : {}),
        };
      } catch (e) {
        if (e instanceof LoupeError) throw e;
        throw gcsError(e, `gs://${config.bucket}`) ?? new LoupeError('ORIGIN_NOT_FOUND', `The bucket "${config.bucket}" does not exist`);
      }
    },
    check: () => checkGcsOrigin(client),
  };
}
