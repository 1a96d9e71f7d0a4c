// The JSON API routes (buckets.get, testIamPermissions, objects.list/get/patch/delete, buckets.insert)
// and the media route, with the per-bucket IAM checks GCS applies to each.

import type { Ctx } from './context.ts';
import { BUCKET_NOT_FOUND, noSuchObject, permissionDenied, sendJson, sendJsonError, sendTextError } from './errors.ts';
import type { FaultEffects } from './faults.ts';
import { listObjects, parseListQuery } from './listing.ts';
import { sendMedia } from './media.ts';
import { bucketResource, objectResource, type BucketState } from './store.ts';
import { parseMeta, preconditionFailure } from './uploads.ts';

/** Bucket-scoped permissions we model; testIamPermissions reports which of these are held. */
const BUCKET_PERMISSIONS = ['storage.buckets.get', 'storage.objects.get', 'storage.objects.list'] as const;
/** Project-level permissions: GCS rejects them on a bucket's testIamPermissions. */
const PROJECT_PERMISSIONS = new Set(['storage.buckets.list', 'storage.buckets.create']);

function held(b: BucketState): Set<string> {
  const out = new Set<string>();
  if (b.iam.bucketsGet) out.add('storage.buckets.get');
  if (b.iam.get) out.add('storage.objects.get');
  if (b.iam.list) out.add('storage.objects.list');
  return out;
}

/** 404 for a missing bucket, then 403 with GCS's message when the permission isn't held. */
function authorize(ctx: Ctx, permission: (typeof BUCKET_PERMISSIONS)[number], media = false): BucketState | undefined {
  const send = media ? sendTextError : sendJsonError;
  const b = ctx.store.buckets.get(ctx.bucket);
  if (!b) return void send(ctx.res, 404, BUCKET_NOT_FOUND);
  if (!held(b).has(permission)) {
    const resource = permission === 'storage.objects.get' ? 'object' : 'bucket';
    return void send(ctx.res, 403, permissionDenied(ctx.caller, permission, resource));
  }
  return b;
}

export function getBucket(ctx: Ctx): void {
  const b = authorize(ctx, 'storage.buckets.get');
  if (b) sendJson(ctx.res, 200, bucketResource(b, ctx.baseUrl));
}

export function insertBucket(ctx: Ctx): void {
  // A JSON.parse SyntaxError becomes a 400 in the server's catch.
  const parsed = ctx.body.length ? (JSON.parse(ctx.body.toString('utf8')) as { name?: unknown } | null) ?? {} : {};
  if (typeof parsed.name !== 'string' || !/^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/.test(parsed.name)) {
    return sendJsonError(ctx.res, 400, 'Invalid bucket name');
  }
  if (ctx.store.buckets.has(parsed.name)) return sendJsonError(ctx.res, 409, 'Your previous request to create the named bucket succeeded and you already own it.');
  sendJson(ctx.res, 200, bucketResource(ctx.store.ensureBucket(parsed.name), ctx.baseUrl));
}

/** Needs no permission itself (GCS docs); `permissions` is omitted when nothing is held, like Google does. */
export function testPermissions(ctx: Ctx): void {
  const asked = ctx.query.getAll('permissions');
  if (asked.length === 0) return sendJsonError(ctx.res, 400, 'Required parameter: permissions');
  const projectLevel = asked.find((p) => PROJECT_PERMISSIONS.has(p));
  if (projectLevel) return sendJsonError(ctx.res, 400, `Permission '${projectLevel}' is not valid for this resource type.`);
  const b = ctx.store.buckets.get(ctx.bucket);
  if (!b) return sendJsonError(ctx.res, 404, BUCKET_NOT_FOUND);
  const have = held(b);
  const granted = asked.filter((p) => have.has(p));
  sendJson(ctx.res, 200, { kind: 'storage#testIamPermissionsResponse', ...(granted.length ? { permissions: granted } : {}) });
}

export function listObjectsRoute(ctx: Ctx): void {
  const b = authorize(ctx, 'storage.objects.list');
  if (!b) return;
  const q = parseListQuery(ctx.query);
  if ('error' in q) return sendJsonError(ctx.res, 400, q.error);
  const page = listObjects(ctx.store.sorted(b), q);
  sendJson(ctx.res, 200, {
    kind: 'storage#objects',
    ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
    ...(page.prefixes.length ? { prefixes: page.prefixes } : {}),
    ...(page.items.length ? { items: page.items.map((o) => objectResource(o, b.name, ctx.baseUrl)) } : {}),
  });
}

/** Metadata (JSON errors) or media (plain-text errors: the SDK shows a media error body verbatim). */
export function getObject(ctx: Ctx, effects: FaultEffects, media: boolean): void {
  const send = media ? sendTextError : sendJsonError;
  const b = authorize(ctx, 'storage.objects.get', media);
  if (!b) return;
  const o = b.objects.get(ctx.object!);
  const gen = ctx.query.get('generation');
  if (gen !== null && !/^\d+$/.test(gen)) return send(ctx.res, 400, `Invalid value for generation: ${gen}`);
  // Only the live generation is kept; asking for an older one is a 404 as for a deleted version.
  if (!o || (gen !== null && gen !== o.generation)) return send(ctx.res, 404, noSuchObject(b.name, ctx.object!));
  const failed = preconditionFailure(ctx.query, o);
  if (failed) return send(ctx.res, 412, failed);
  if (media) return sendMedia(ctx.req, ctx.res, o, effects);
  sendJson(ctx.res, 200, objectResource(o, b.name, ctx.baseUrl));
}

export function patchObject(ctx: Ctx): void {
  const b = ctx.store.buckets.get(ctx.bucket);
  if (!b) return sendJsonError(ctx.res, 404, BUCKET_NOT_FOUND);
  const o = b.objects.get(ctx.object!);
  if (!o) return sendJsonError(ctx.res, 404, noSuchObject(b.name, ctx.object!));
  const failed = preconditionFailure(ctx.query, o);
  if (failed) return sendJsonError(ctx.res, 412, failed);
  const meta = parseMeta(ctx.body);
  if (typeof meta === 'string') return sendJsonError(ctx.res, 400, meta);
  const { name: _n, md5Hash: _m, crc32c: _c, metadata, ...fields } = meta;
  Object.assign(o, fields);
  if (metadata) o.metadata = { ...o.metadata, ...metadata };
  o.metageneration++;
  o.updated = new Date().toISOString();
  sendJson(ctx.res, 200, objectResource(o, b.name, ctx.baseUrl));
}

/** The SDK calls this itself after an upload whose returned hashes don't match what it sent. */
export function deleteObject(ctx: Ctx): void {
  const b = ctx.store.buckets.get(ctx.bucket);
  if (!b) return sendJsonError(ctx.res, 404, BUCKET_NOT_FOUND);
  const failed = preconditionFailure(ctx.query, b.objects.get(ctx.object!));
  if (failed) return sendJsonError(ctx.res, 412, failed);
  if (!ctx.store.remove(b.name, ctx.object!)) return sendJsonError(ctx.res, 404, noSuchObject(b.name, ctx.object!));
  ctx.res.writeHead(204);
  ctx.res.end();
}
