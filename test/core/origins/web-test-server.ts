// Test helpers for the web origin: real node:http servers on 127.0.0.1 (a static folder server with
// ETag, Last-Modified and Range), closed after each test.

import { stat as fsStat, readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach } from 'vitest';
import { contentTypeFor } from '../../../electron/core/origins/mime.ts';
import { createWebOrigin, type WebOriginOptions } from '../../../electron/core/origins/web-origin.ts';
import type { WebOriginConfig } from '../../../shared/config.ts';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}
export interface TestServer {
  origin: string;
  base: string;
  seen: Seen[];
}

const open: http.Server[] = [];
/** Call once per test file: closes every server a test started. */
export function closeServersAfterEach(): void {
  afterEach(async () => {
    for (const s of open.splice(0)) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  });
}

export async function serve(handler: Handler, host = '127.0.0.1'): Promise<TestServer> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  open.push(server);
  await new Promise<void>((r) => server.listen(0, host, r));
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  return { origin, base: `${origin}/static/`, seen };
}

/** A tiny static server for `root` under /static/, with ETag, Last-Modified and single Range support. */
export function folderHandler(root: string): Handler {
  return (req, res) => {
    void (async () => {
      const raw = (req.url ?? '').split('?')[0]!;
      if (!raw.startsWith('/static/')) return end(res, 404);
      const parts = raw.slice('/static/'.length).split('/').map((p) => decodeURIComponent(p));
      if (parts.some((p) => p === '..' || p === '')) return end(res, 404);
      const file = path.join(root, ...parts);
      const s = await fsStat(file).catch(() => undefined);
      if (!s?.isFile()) return end(res, 404);
      const data = await readFile(file);
      res.setHeader('ETag', `"${Math.floor(s.mtimeMs).toString(36)}-${s.size}"`);
      res.setHeader('Last-Modified', s.mtime.toUTCString());
      res.setHeader('Content-Type', contentTypeFor(file));
      res.setHeader('Accept-Ranges', 'bytes');
      res.setHeader('Cache-Control', 'public, max-age=60');
      const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
      let body = data;
      if (m) {
        const start = Number(m[1]);
        const last = Math.min(m[2] ? Number(m[2]) : data.length - 1, data.length - 1);
        if (start > last) {
          res.setHeader('Content-Range', `bytes */${data.length}`);
          return end(res, 416);
        }
        body = data.subarray(start, last + 1);
        res.statusCode = 206;
        res.setHeader('Content-Range', `bytes ${start}-${last}/${data.length}`);
      }
      res.setHeader('Content-Length', body.length);
      res.end(req.method === 'HEAD' ? undefined : body);
    })();
  };
}

export function end(res: http.ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers).end();
}

export function webOrigin(baseUrl: string, config: Partial<WebOriginConfig> = {}, options: WebOriginOptions = {}) {
  return createWebOrigin({ id: 'site', type: 'web', baseUrl, headers: {}, forwardHost: false, timeoutMs: 300, revalidateAfter: 60, ...config }, options);
}

export async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export const data = Buffer.from('0123456789abcdefghij');
export const sendData: Handler = (_req, res) => res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': data.length }).end(data);
