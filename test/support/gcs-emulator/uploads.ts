// Uploads: multipart and media POSTs, and resumable sessions (POST for a Location, then PUTs with
// Content-Range). Each commit answers with the object resource whose crc32c/md5Hash the SDK verifies.

import { randomUUID } from 'node:crypto';
import type { Ctx } from './context.ts';
import { BUCKET_NOT_FOUND, sendJson, sendJsonError } from './errors.ts';
import { crc32cBase64, md5Base64 } from './hashes.ts';
import { objectResource, type StoredObject } from './store.ts';
import type { SeedMeta } from './types.ts';

interface UploadMeta extends SeedMeta {
  name?: string;
  md5Hash?: string;
  crc32c?: string;
}

interface Session {
  bucket: string;
  name: string;
  meta: UploadMeta;
  /** Preconditions from the initiating POST; GCS enforces them at commit. */
  query: URLSearchParams;
  chunks: Buffer[];
  received: number;
  done?: StoredObject;
}

export function createUploads() {
  const sessions = new Map<string, Session>();

  /** uploadType=multipart (metadata part + data part) or uploadType=media (body only). */
  const insert = (ctx: Ctx): void => {
    const type = ctx.query.get('uploadType');
    if (type === 'media') {
      commit(ctx, ctx.query.get('name'), ctx.body, {}, ctx.query, ctx.req.headers['content-type']);
      return;
    }
    if (type !== 'multipart') return sendJsonError(ctx.res, 400, `Unsupported uploadType: ${type ?? '(none)'}`);
    const parsed = parseMultipart(ctx.body, String(ctx.req.headers['content-type'] ?? ''));
    if (typeof parsed === 'string') return sendJsonError(ctx.res, 400, parsed);
    commit(ctx, ctx.query.get('name') ?? parsed.meta.name ?? null, parsed.data, parsed.meta, ctx.query, parsed.dataType);
  };

  const start = (ctx: Ctx): void => {
    if (!ctx.store.buckets.has(ctx.bucket)) return sendJsonError(ctx.res, 404, BUCKET_NOT_FOUND);
    const meta = ctx.body.length ? parseMeta(ctx.body) : {};
    if (typeof meta === 'string') return sendJsonError(ctx.res, 400, meta);
    const name = ctx.query.get('name') ?? meta.name;
    if (!name) return sendJsonError(ctx.res, 400, 'Required: name');
    // The SDK leaves contentType out of the JSON and sends it here instead (fake-gcs-server ignores it).
    const uploadType = ctx.req.headers['x-upload-content-type'];
    if (!meta.contentType && typeof uploadType === 'string') meta.contentType = uploadType;
    const id = randomUUID();
    sessions.set(id, { bucket: ctx.bucket, name, meta, query: ctx.query, chunks: [], received: 0 });
    const location = `${ctx.baseUrl}/upload/storage/v1/b/${encodeURIComponent(ctx.bucket)}/o?uploadType=resumable` +
      `&name=${encodeURIComponent(name)}&upload_id=${id}`;
    ctx.res.writeHead(200, { Location: location, 'Content-Length': 0 });
    ctx.res.end();
  };

  const put = (ctx: Ctx): void => {
    const s = sessions.get(ctx.query.get('upload_id') ?? '');
    if (!s) return sendJsonError(ctx.res, 404, 'No such upload session');
    if (s.done) return sendJson(ctx.res, 200, objectResource(s.done, s.bucket, ctx.baseUrl));
    const header = ctx.req.headers['content-range'];
    // Forms: "bytes S-E/T", "bytes S-E/*", "bytes S-*/*" (Node single shot), "bytes */T" and "bytes */*" (status).
    const m = header === undefined ? null : /^bytes (?:(\d+)-(\d+|\*)|\*)\/(\d+|\*)$/.exec(header.trim());
    if (header !== undefined && !m) return sendJsonError(ctx.res, 400, `Invalid Content-Range: ${header}`);
    const total = m?.[3] === undefined || m[3] === '*' ? undefined : Number(m[3]);
    if (m?.[1] !== undefined) {
      const first = Number(m[1]);
      if (first > s.received) return sendJsonError(ctx.res, 400, `Chunk starts at ${first}, expected ${s.received}`);
      // A resent chunk overlaps what we have; keep only the new tail.
      const fresh = ctx.body.subarray(s.received - first);
      s.chunks.push(fresh);
      s.received += fresh.length;
    } else if (!m) {
      s.chunks.push(ctx.body);
      s.received += ctx.body.length;
    }
    if (total !== undefined && s.received > total) return sendJsonError(ctx.res, 400, `Received ${s.received} bytes, more than ${total}`);
    // No Content-Range, or an end of "*" with no total: the body ended, so the upload is complete.
    const final = !m || (total !== undefined ? s.received === total : m[2] === '*');
    if (!final) {
      ctx.res.writeHead(308, s.received > 0 ? { Range: `bytes=0-${s.received - 1}`, 'Content-Length': 0 } : { 'Content-Length': 0 });
      ctx.res.end();
      return;
    }
    const committed = commit(ctx, s.name, Buffer.concat(s.chunks), s.meta, s.query, undefined, s.bucket);
    if (committed) {
      s.done = committed;
      s.chunks = [];
    }
  };

  return { insert, start, put };
}

/** Checks bucket, preconditions and declared hashes, stores, and answers with the object resource. */
function commit(ctx: Ctx, name: string | null, data: Buffer, meta: UploadMeta, q: URLSearchParams, dataType?: string, bucket = ctx.bucket): StoredObject | undefined {
  const b = ctx.store.buckets.get(bucket);
  if (!b) return void sendJsonError(ctx.res, 404, BUCKET_NOT_FOUND);
  if (!name) return void sendJsonError(ctx.res, 400, 'Required: name');
  const failed = preconditionFailure(q, b.objects.get(name));
  if (failed) return void sendJsonError(ctx.res, 412, failed);
  if (meta.md5Hash && meta.md5Hash !== md5Base64(data)) return void sendJsonError(ctx.res, 400, 'Provided MD5 hash does not match the calculated MD5 hash of the data.');
  if (meta.crc32c && meta.crc32c !== crc32cBase64(data)) return void sendJsonError(ctx.res, 400, 'Provided CRC32C does not match the calculated CRC32C of the data.');
  const { name: _name, md5Hash: _md5, crc32c: _crc, ...seed } = meta;
  if (!seed.contentType && dataType) seed.contentType = dataType;
  const o = ctx.store.put(bucket, name, data, seed);
  sendJson(ctx.res, 200, objectResource(o, bucket, ctx.baseUrl));
  return o;
}

export function preconditionFailure(q: URLSearchParams, current: StoredObject | undefined): string | undefined {
  const msg = 'At least one of the pre-conditions you specified did not hold.';
  const gen = q.get('ifGenerationMatch');
  if (gen !== null && (gen === '0' ? current !== undefined : current?.generation !== gen)) return msg;
  const notGen = q.get('ifGenerationNotMatch');
  if (notGen !== null && current?.generation === notGen) return msg;
  const metagen = q.get('ifMetagenerationMatch');
  if (metagen !== null && String(current?.metageneration) !== metagen) return msg;
  return undefined;
}

/** The writable fields of an object resource; unknown fields are ignored like GCS ignores output-only ones. */
export function parseMeta(body: Buffer): UploadMeta | string {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return 'Invalid JSON in the object metadata';
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return 'Object metadata must be a JSON object';
  const j = json as Record<string, unknown>;
  const out: UploadMeta = {};
  for (const k of ['name', 'contentType', 'cacheControl', 'contentEncoding', 'contentDisposition', 'contentLanguage', 'md5Hash', 'crc32c'] as const) {
    if (typeof j[k] === 'string') out[k] = j[k];
  }
  if (typeof j.metadata === 'object' && j.metadata !== null) {
    out.metadata = Object.fromEntries(Object.entries(j.metadata).filter(([, v]) => v !== null).map(([k, v]) => [k, String(v)]));
  }
  return out;
}

/** multipart/related with a JSON part then the data part; binary-safe, so it works on Buffers. */
function parseMultipart(body: Buffer, contentType: string): { meta: UploadMeta; data: Buffer; dataType?: string } | string {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return 'Missing multipart boundary';
  const open = Buffer.from(`--${boundary}`);
  const next = Buffer.from(`\r\n--${boundary}`);
  const parts: { headers: string; content: Buffer }[] = [];
  let pos = body.indexOf(open);
  while (pos >= 0) {
    let startAt = pos + open.length;
    if (body.subarray(startAt, startAt + 2).toString() === '--') break;
    if (body.subarray(startAt, startAt + 2).toString() === '\r\n') startAt += 2;
    const end = body.indexOf(next, startAt);
    if (end < 0) return 'Unterminated multipart body';
    const part = body.subarray(startAt, end);
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) return 'Multipart part without headers';
    parts.push({ headers: part.subarray(0, split).toString('utf8'), content: part.subarray(split + 4) });
    pos = end + 2;
  }
  if (parts.length !== 2) return `Expected 2 multipart parts, got ${parts.length}`;
  const meta = parseMeta(parts[0]!.content);
  if (typeof meta === 'string') return meta;
  const dataType = /^content-type:\s*(.+)$/im.exec(parts[1]!.headers)?.[1]?.trim();
  return { meta, data: Buffer.from(parts[1]!.content), ...(dataType ? { dataType } : {}) };
}
