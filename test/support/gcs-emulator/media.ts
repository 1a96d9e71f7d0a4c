// objects.get?alt=media: bytes with GCS's headers (one X-Goog-Hash line, crc32c first, so the SDK's
// validation parses it), single byte ranges (206/416), gzip served as stored, and body-level faults.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { FaultEffects } from './faults.ts';
import { etagOf, type StoredObject } from './store.ts';

type Range = { start: number; end: number } | 'unsatisfiable' | null;

/** fake-gcs-server's reading of GCS: unparsable or multi ranges are ignored (200), end is clamped. */
export function parseRange(header: string | undefined, size: number): Range {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return null;
  return { start, end };
}

/** Flips one bit of the first byte: still valid base64 of the right length, but a mismatch. */
function corrupt(b64: string): string {
  const bytes = Buffer.from(b64, 'base64');
  bytes[0] = bytes[0]! ^ 0x01;
  return bytes.toString('base64');
}

export function sendMedia(req: IncomingMessage, res: ServerResponse, o: StoredObject, effects: FaultEffects): void {
  const gzipStored = o.contentEncoding === 'gzip';
  // Decompressive transcoding: GCS inflates gzip-stored objects for clients that don't accept gzip.
  const transcode = gzipStored && !/\bgzip\b/i.test(String(req.headers['accept-encoding'] ?? ''));
  const body = transcode ? gunzipSync(o.data) : o.data;

  const crc = effects.wrongHash === 'crc32c' || effects.wrongHash === 'both' ? corrupt(o.crc32c) : o.crc32c;
  const md5 = effects.wrongHash === 'md5' || effects.wrongHash === 'both' ? corrupt(o.md5Hash) : o.md5Hash;
  const headers: Record<string, string> = {
    'Content-Type': o.contentType,
    // One line, crc32c first, no space: two lines would be joined as "a, b" and break md5 parsing in the SDK.
    'X-Goog-Hash': `crc32c=${crc},md5=${md5}`,
    // Without this header the SDK silently skips integrity validation.
    'X-Goog-Stored-Content-Encoding': gzipStored ? 'gzip' : 'identity',
    'X-Goog-Stored-Content-Length': String(o.data.length),
    'X-Goog-Generation': o.generation,
    'X-Goog-Metageneration': String(o.metageneration),
    'X-Goog-Storage-Class': 'STANDARD',
    ETag: `"${etagOf(o)}"`,
    'Last-Modified': new Date(o.updated).toUTCString(),
    'Accept-Ranges': 'bytes',
  };
  if (o.cacheControl) headers['Cache-Control'] = o.cacheControl;
  if (gzipStored && !transcode) headers['Content-Encoding'] = 'gzip';
  if (o.contentDisposition) headers['Content-Disposition'] = o.contentDisposition;
  if (o.contentLanguage) headers['Content-Language'] = o.contentLanguage;
  for (const [k, v] of Object.entries(o.metadata ?? {})) headers[`X-Goog-Meta-${k}`] = v;

  // GCS ignores Range while transcoding: the inflated length isn't known up front.
  const range = transcode ? null : parseRange(req.headers.range, body.length);
  if (range === 'unsatisfiable') {
    const xml = "<?xml version='1.0' encoding='UTF-8'?><Error><Code>InvalidRange</Code>" +
      '<Message>The requested range cannot be satisfied.</Message></Error>';
    res.writeHead(416, {
      'Content-Type': 'application/xml; charset=UTF-8',
      'Content-Length': Buffer.byteLength(xml),
      'Content-Range': `bytes */${body.length}`,
    });
    res.end(xml);
    return;
  }
  const slice = range ? body.subarray(range.start, range.end + 1) : body;
  if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${body.length}`;
  headers['Content-Length'] = String(slice.length);
  res.writeHead(range ? 206 : 200, headers);

  if (effects.cutAfter !== undefined && effects.cutAfter < slice.length) {
    // Headers promise the full length; the client sees a socket close mid-body, as on a flaky link.
    res.flushHeaders();
    res.write(slice.subarray(0, effects.cutAfter), () => {
      setTimeout(() => res.socket?.destroy(), 20);
    });
    return;
  }
  res.end(slice);
}
