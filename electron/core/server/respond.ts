// Writing responses: bodies with ETag/304/Range/HEAD handling, and errors as ImageKit does them
// (`ik-error: CODE - message` plus a short plain-text body that says what was tried).

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ERRORS, LoupeError, isLoupeError } from '../../../shared/errors.ts';
import type { ByteRange } from '../origins/types.ts';
import { isNotModified, parseRange } from './conditional.ts';
import type { Timings } from './timings.ts';

export interface BodySource {
  size: number;
  contentType: string;
  etag: string;
  lastModified?: Date;
  /** A buffer, or a function that opens a stream for the whole body or one range. */
  data: Buffer | ((range?: ByteRange) => Promise<Readable>);
}

/** Header values must be Latin-1: keys can hold any Unicode, so escape what does not fit. */
export function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (c) => encodeURIComponent(c)).slice(0, 1000);
}

export async function sendBody(req: IncomingMessage, res: ServerResponse, body: BodySource, timings: Timings): Promise<void> {
  res.setHeader('ETag', body.etag);
  if (body.lastModified) res.setHeader('Last-Modified', body.lastModified.toUTCString());
  res.setHeader('Accept-Ranges', 'bytes');
  if (isNotModified(req, body.etag, body.lastModified)) {
    res.statusCode = 304;
    res.removeHeader('Content-Type');
    timings.write(res);
    res.end();
    return;
  }
  const range = parseRange(req, body.size, body.etag);
  if (range.kind === 'unsatisfiable') {
    res.setHeader('Content-Range', `bytes */${body.size}`);
    throw new LoupeError('RANGE_NOT_SATISFIABLE', `Range "${req.headers.range}" is outside the ${body.size}-byte body`);
  }
  const r = range.kind === 'partial' ? range.range : undefined;
  res.statusCode = r ? 206 : 200;
  res.setHeader('Content-Type', body.contentType);
  res.setHeader('Content-Length', r ? r.end - r.start + 1 : body.size);
  if (r) res.setHeader('Content-Range', `bytes ${r.start}-${r.end}/${body.size}`);
  timings.write(res);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  if (Buffer.isBuffer(body.data)) {
    res.end(r ? body.data.subarray(r.start, r.end + 1) : body.data);
    return;
  }
  const stream = await body.data(r);
  await pipeline(stream, res);
}

export function sendError(req: IncomingMessage, res: ServerResponse, error: unknown, timings: Timings): LoupeError {
  const e = isLoupeError(error) ? error : new LoupeError('INTERNAL', 'Internal error while serving this request');
  if (!isLoupeError(error)) console.error('loupe: unexpected error for', req.method, req.url, error);
  if (res.headersSent) {
    res.destroy();
    return e;
  }
  const info = ERRORS[e.code];
  res.statusCode = info.status;
  for (const h of ['ETag', 'Last-Modified', 'Content-Length', 'Vary', 'Accept-Ranges']) res.removeHeader(h);
  res.setHeader('ik-error', headerSafe(`${info.ik} - ${e.message}`));
  res.setHeader('x-loupe-error', e.code);
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  const tried = typeof e.details?.tried === 'string' ? `\nTried, in order:\n${e.details.tried}\n` : '';
  const text = `${info.status} ${info.title}\n${e.message}\n${tried}`;
  timings.write(res);
  res.end(req.method === 'HEAD' ? undefined : text);
  return e;
}
