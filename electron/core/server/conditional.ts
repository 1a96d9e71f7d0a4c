// HTTP conditional and range requests (RFC 9110 §13, §14) for every delivered body.

import type { IncomingMessage } from 'node:http';
import type { ByteRange } from '../origins/types.ts';

/** True when the client's cached copy is current: If-None-Match wins over If-Modified-Since. */
export function isNotModified(req: IncomingMessage, etag: string, lastModified?: Date): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) {
    return inm.split(',').some((t) => {
      const tag = t.trim();
      return tag === '*' || tag === etag || tag === `W/${etag}`;
    });
  }
  const ims = req.headers['if-modified-since'];
  if (ims && lastModified) {
    const since = Date.parse(ims);
    return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
  }
  return false;
}

export type RangeResult = { kind: 'full' } | { kind: 'partial'; range: ByteRange } | { kind: 'unsatisfiable' };

/**
 * One `bytes=` range (multipart ranges are answered with the whole body, which RFC 9110 allows).
 * If-Range with a different validator also yields the whole body.
 */
export function parseRange(req: IncomingMessage, size: number, etag: string): RangeResult {
  const header = req.headers.range;
  if (!header || (req.method !== 'GET' && req.method !== 'HEAD')) return { kind: 'full' };
  const ifRange = req.headers['if-range'];
  if (ifRange && ifRange !== etag) return { kind: 'full' };
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'full' };
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return { kind: 'unsatisfiable' };
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return { kind: 'unsatisfiable' };
  return { kind: 'partial', range: { start, end } };
}
