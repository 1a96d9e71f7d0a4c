// Maps a raw request line to a GCS operation. Routing happens on the still-encoded path so an object
// name's `%2F` never splits a segment; the object segment is percent-decoded exactly once afterwards.

import type { GcsOperation } from './types.ts';

export interface Route {
  op: GcsOperation;
  bucket?: string;
  object?: string;
}

export type RouteResult = Route | { error: string } | null;

/**
 * JSON routes are accepted with and without `/storage/v1`: `STORAGE_EMULATOR_HOST=http://host` makes the
 * SDK drop the prefix for JSON calls while uploads keep `/upload/storage/v1`.
 */
export function matchRoute(method: string, rawPath: string, query: URLSearchParams): RouteResult {
  if (rawPath === '/token' || rawPath === '/oauth2/v4/token') return method === 'POST' ? { op: 'oauth.token' } : null;
  // A STORAGE_EMULATOR_HOST ending in /storage/v1 puts that prefix in front of upload paths too.
  let p = rawPath.startsWith('/storage/v1/') ? rawPath.slice('/storage/v1'.length) : rawPath;
  let kind: 'json' | 'upload' | 'download' = 'json';
  if (p.startsWith('/upload/storage/v1/')) {
    kind = 'upload';
    p = p.slice('/upload/storage/v1'.length);
  } else if (p.startsWith('/download/storage/v1/')) {
    kind = 'download';
    p = p.slice('/download/storage/v1'.length);
  }

  if (kind === 'json' && p === '/b') return method === 'POST' ? { op: 'buckets.insert' } : null;
  const m = /^\/b\/([^/]+)(\/.*)?$/.exec(p);
  if (!m) return null;
  const bucket = decode(m[1]!);
  if (bucket === undefined) return { error: 'Invalid bucket name encoding' };
  const rest = m[2] ?? '';

  if (kind === 'upload') {
    if (rest !== '/o') return null;
    if (method === 'PUT' || (method === 'POST' && query.has('upload_id'))) return { op: 'uploads.put', bucket };
    if (method !== 'POST') return null;
    return { op: query.get('uploadType') === 'resumable' ? 'uploads.start' : 'objects.insert', bucket };
  }

  if (kind === 'json' && rest === '') return method === 'GET' ? { op: 'buckets.get', bucket } : null;
  if (kind === 'json' && rest === '/iam/testPermissions') return method === 'GET' ? { op: 'buckets.testIamPermissions', bucket } : null;
  if (kind === 'json' && rest === '/o') return method === 'GET' ? { op: 'objects.list', bucket } : null;
  if (!rest.startsWith('/o/') || rest.length === 3) return null;
  const object = decode(rest.slice(3));
  if (object === undefined) return { error: 'Invalid object name encoding' };

  if (kind === 'download') return method === 'GET' ? { op: 'objects.media', bucket, object } : null;
  const ops: Record<string, GcsOperation> = {
    GET: query.get('alt') === 'media' ? 'objects.media' : 'objects.get',
    PATCH: 'objects.patch',
    DELETE: 'objects.delete',
  };
  const op = ops[method];
  return op ? { op, bucket, object } : null;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
