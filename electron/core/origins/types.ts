// The one small interface every origin adapter (folder, web, gcs) implements (architecture.md §5).

import type { Readable } from 'node:stream';

export interface SourceMeta {
  size: number;
  contentType: string;
  /** Changes whenever the bytes change: folder mtime+size, web ETag/Last-Modified, GCS generation. */
  version: string;
  lastModified?: Date;
  cacheControl?: string;
}

/** Inclusive byte offsets, as in HTTP. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface SourceStream {
  meta: SourceMeta;
  body: Readable;
}

export interface ListEntry {
  name: string;
  size: number;
  contentType: string;
  updated?: string;
  version: string;
}

export interface ListPage {
  folders: string[];
  objects: ListEntry[];
  cursor?: string;
}

export interface OriginCheckRow {
  name: string;
  ok: boolean;
  message: string;
  fix?: string;
  /** A key that proved readable, for a thumbnail as proof in the setup wizard. */
  sample?: string;
}

export interface OriginCheck {
  ok: boolean;
  checks: OriginCheckRow[];
}

export interface Origin {
  readonly id: string;
  readonly type: 'folder' | 'web' | 'gcs';
  /** Where a key is looked up, for humans: an absolute path, a URL, `gs://bucket/prefix/key`. */
  describe(key: string): string;
  /** undefined = not found (the next origin is tried); throws LoupeError ORIGIN_* on failure. */
  stat(key: string, signal?: AbortSignal): Promise<SourceMeta | undefined>;
  /** Throws ORIGIN_NOT_FOUND when the object vanished between stat and read. */
  read(key: string, range?: ByteRange, signal?: AbortSignal): Promise<SourceStream>;
  list?(prefix: string, cursor?: string): Promise<ListPage>;
  check(): Promise<OriginCheck>;
}
