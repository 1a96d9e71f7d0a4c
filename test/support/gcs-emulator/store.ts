// In-memory buckets and objects, folder seeding, and the JSON resources rendered from them.
// Names are kept with their UTF-8 bytes because GCS orders listings by bytes, not UTF-16 units.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { contentTypeFor } from './mime.ts';
import { crc32cBase64, md5Base64 } from './hashes.ts';
import type { BucketIam, ObjectResource, SeedMeta } from './types.ts';

export interface StoredObject extends SeedMeta {
  name: string;
  nameBytes: Buffer;
  data: Buffer;
  contentType: string;
  generation: string;
  metageneration: number;
  md5Hash: string;
  crc32c: string;
  timeCreated: string;
  updated: string;
}

export interface BucketState {
  name: string;
  iam: Required<BucketIam>;
  objects: Map<string, StoredObject>;
  timeCreated: string;
  /** Byte-ordered view, rebuilt lazily after writes so a 2,500-object listing sorts once. */
  sorted: StoredObject[] | null;
}

/** Storage Object Viewer: objects.get and objects.list, no buckets.get. */
const VIEWER: Required<BucketIam> = { get: true, list: true, bucketsGet: false };

export type Store = ReturnType<typeof createStore>;

export function createStore() {
  const buckets = new Map<string, BucketState>();
  let lastGeneration = 0;

  // Microsecond timestamps like GCS, forced monotonic so two writes in one millisecond differ.
  const nextGeneration = (): string => {
    lastGeneration = Math.max(Date.now() * 1000, lastGeneration + 1);
    return String(lastGeneration);
  };

  const ensureBucket = (name: string, iam?: Partial<BucketIam>): BucketState => {
    let b = buckets.get(name);
    if (!b) {
      b = { name, iam: { ...VIEWER }, objects: new Map(), timeCreated: new Date().toISOString(), sorted: null };
      buckets.set(name, b);
    }
    if (iam) Object.assign(b.iam, definedOnly(iam));
    return b;
  };

  const put = (bucket: string, name: string, data: Buffer, meta: SeedMeta = {}): StoredObject => {
    const b = ensureBucket(bucket);
    const now = new Date().toISOString();
    const o: StoredObject = {
      ...definedOnly(meta),
      name,
      nameBytes: Buffer.from(name, 'utf8'),
      data,
      contentType: meta.contentType ?? contentTypeFor(name),
      generation: nextGeneration(),
      metageneration: 1,
      md5Hash: md5Base64(data),
      crc32c: crc32cBase64(data),
      // An overwrite is a new generation, so GCS resets timeCreated too.
      timeCreated: now,
      updated: now,
    };
    b.objects.set(name, o);
    b.sorted = null;
    return o;
  };

  const remove = (bucket: string, name: string): boolean => {
    const b = buckets.get(bucket);
    if (!b?.objects.delete(name)) return false;
    b.sorted = null;
    return true;
  };

  const sorted = (b: BucketState): StoredObject[] => {
    b.sorted ??= [...b.objects.values()].sort((x, y) => Buffer.compare(x.nameBytes, y.nameBytes));
    return b.sorted;
  };

  return { buckets, ensureBucket, put, remove, sorted, nextGeneration };
}

/** Loads every regular file under `dir`; symlinks are skipped so a seed folder can't pull in files outside it. */
export async function seedFromDir(dir: string, put: (name: string, data: Buffer) => void): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  let count = 0;
  for (const e of entries) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath, e.name);
    const name = path.relative(dir, full).split(path.sep).join('/');
    put(name, await readFile(full));
    count++;
  }
  return count;
}

export function objectPath(bucket: string, name: string): string {
  return `/b/${encodeURIComponent(bucket)}/o/${encodeURIComponent(name)}`;
}

/** A stable opaque value per generation+metageneration, as the SDK never reads it. */
export function etagOf(o: StoredObject): string {
  return Buffer.from(`${o.generation}/${o.metageneration}`).toString('base64');
}

export function objectResource(o: StoredObject, bucket: string, baseUrl: string): ObjectResource {
  const p = objectPath(bucket, o.name);
  const r: ObjectResource = {
    kind: 'storage#object',
    id: `${bucket}/${o.name}/${o.generation}`,
    selfLink: `${baseUrl}/storage/v1${p}`,
    mediaLink: `${baseUrl}/download/storage/v1${p}?generation=${o.generation}&alt=media`,
    name: o.name,
    bucket,
    generation: o.generation,
    metageneration: String(o.metageneration),
    contentType: o.contentType,
    storageClass: 'STANDARD',
    size: String(o.data.length),
    md5Hash: o.md5Hash,
    crc32c: o.crc32c,
    etag: etagOf(o),
    timeCreated: o.timeCreated,
    updated: o.updated,
    timeStorageClassUpdated: o.timeCreated,
  };
  if (o.cacheControl !== undefined) r.cacheControl = o.cacheControl;
  if (o.contentEncoding !== undefined) r.contentEncoding = o.contentEncoding;
  if (o.contentDisposition !== undefined) r.contentDisposition = o.contentDisposition;
  if (o.contentLanguage !== undefined) r.contentLanguage = o.contentLanguage;
  if (o.metadata !== undefined) r.metadata = o.metadata;
  return r;
}

export function bucketResource(b: BucketState, baseUrl: string): Record<string, unknown> {
  return {
    kind: 'storage#bucket',
    id: b.name,
    selfLink: `${baseUrl}/storage/v1/b/${encodeURIComponent(b.name)}`,
    projectNumber: '000000000000',
    name: b.name,
    timeCreated: b.timeCreated,
    updated: b.timeCreated,
    metageneration: '1',
    iamConfiguration: { uniformBucketLevelAccess: { enabled: true }, publicAccessPrevention: 'enforced' },
    location: 'US',
    locationType: 'multi-region',
    storageClass: 'STANDARD',
    etag: 'CAE=',
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
