// Public types of the GCS emulator: options, the handle tests hold, faults and the request log.

/** What the SDK call maps to; faults and log entries are keyed by it. */
export type GcsOperation =
  | 'buckets.insert'
  | 'buckets.get'
  | 'buckets.testIamPermissions'
  | 'objects.list'
  | 'objects.get'
  | 'objects.media'
  | 'objects.patch'
  | 'objects.delete'
  | 'objects.insert'
  | 'uploads.start'
  | 'uploads.put'
  | 'oauth.token';

/**
 * Which bucket-level permissions the caller holds. The defaults are the Storage Object Viewer role:
 * it can read and list objects but has no `storage.buckets.get`, so bucket metadata GET is a 403.
 */
export interface BucketIam {
  /** `storage.objects.get`: object metadata and media. @default true */
  get: boolean;
  /** `storage.objects.list`: listing. @default true */
  list: boolean;
  /** `storage.buckets.get`: bucket metadata (`bucket.exists()`, `bucket.getMetadata()`). @default false */
  bucketsGet?: boolean;
}

export interface BucketOptions {
  /** Every regular file below becomes an object named by its `/`-joined relative path. */
  dir?: string;
  iam?: Partial<BucketIam>;
}

export interface GcsEmulatorOptions {
  /** @default 0 (a free port) */
  port?: number;
  /** Only `127.0.0.1` is accepted: the emulator serves unauthenticated data and must stay on loopback. @default '127.0.0.1' */
  host?: string;
  /** Buckets that exist at start. Other buckets are 404 until seeded. @default {} */
  buckets?: Record<string, BucketOptions>;
  /**
   * The caller named in 403 messages when the request carries no token naming one. The SDK sends no
   * Authorization header to a custom endpoint, so this stands in for the key's `client_email`.
   * @default 'loupe-test@loupe-test.iam.gserviceaccount.com'
   */
  clientEmail?: string;
}

/** Object fields a test may set when seeding; everything else (hashes, generation, times) is derived. */
export interface SeedMeta {
  /** @default from the name's extension, else application/octet-stream */
  contentType?: string;
  cacheControl?: string;
  /** `gzip` means `data` is already gzip-compressed and is served as stored. */
  contentEncoding?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  metadata?: Record<string, string>;
}

/** The JSON object resource, exactly as the emulator serves it (int64 values are strings). */
export interface ObjectResource {
  kind: 'storage#object';
  id: string;
  selfLink: string;
  mediaLink: string;
  name: string;
  bucket: string;
  generation: string;
  metageneration: string;
  contentType: string;
  storageClass: 'STANDARD';
  size: string;
  md5Hash: string;
  crc32c: string;
  etag: string;
  timeCreated: string;
  updated: string;
  timeStorageClassUpdated: string;
  cacheControl?: string;
  contentEncoding?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  metadata?: Record<string, string>;
}

/** Which requests a fault applies to; omitted fields match everything (a global fault). */
export interface FaultMatch {
  op?: GcsOperation | GcsOperation[];
  bucket?: string;
  /** Exact decoded object name, or a pattern tested against it. */
  object?: string | RegExp;
}

interface FaultBase {
  match?: FaultMatch;
  /** How many matching requests it affects before it expires. @default Infinity (until clearFaults) */
  times?: number;
}

export type GcsFault = FaultBase &
  (
    | { kind: 'status'; status: number; message?: string }
    | { kind: 'delay'; ms: number }
    /** Destroys the socket before any response byte: a connection error the SDK retries. */
    | { kind: 'drop' }
    /** Media only: sends the headers (full Content-Length), `afterBytes` body bytes, then destroys the socket. */
    | { kind: 'cut'; afterBytes: number }
    /** Media only: X-Goog-Hash carries wrong values (flipped bits) for the chosen hash. @default 'both' */
    | { kind: 'wrongHash'; hash?: 'crc32c' | 'md5' | 'both' }
  );

export interface FaultHandle {
  /** Matching requests the fault has affected so far. */
  readonly hits: number;
  remove(): void;
}

export interface GcsRequestLogEntry {
  method: string;
  /** Raw path as sent, still percent-encoded (`/storage/v1/b/imgs/o/a%2Fb.jpg`). */
  path: string;
  query: URLSearchParams;
  /** null when no route matched. */
  op: GcsOperation | null;
  bucket?: string;
  /** Decoded object name. */
  object?: string;
  headers: Record<string, string | string[] | undefined>;
  /** Set when the response finished or the socket was dropped. */
  status?: number;
}

export interface GcsEmulator {
  /** `http://127.0.0.1:PORT`: pass it as the SDK's `apiEndpoint`. */
  readonly url: string;
  readonly port: number;
  /** Creates or replaces an object (creating the bucket if needed), bypassing IAM and faults. */
  seed(bucket: string, name: string, data: Buffer | Uint8Array | string, meta?: SeedMeta): ObjectResource;
  /** Changes the permissions the caller holds on a bucket; unspecified ones keep their value. */
  setIam(bucket: string, perms: Partial<BucketIam>): void;
  inject(fault: GcsFault): FaultHandle;
  clearFaults(): void;
  /** Every request, in arrival order. Clear with `requests.length = 0`. */
  readonly requests: GcsRequestLogEntry[];
  close(): Promise<void>;
}
