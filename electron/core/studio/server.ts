// The browser studio's transport: the built renderer plus the control contract over HTTP, on its own
// loopback-only listener. Every API call needs the random token; Host and Origin are checked (DNS
// rebinding, CSRF); no CORS headers are ever sent, so other sites cannot read answers.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { EVENTS, STUDIO_CALL_PATH, STUDIO_EVENTS_PATH } from '../../../shared/contract.ts';
import type { Api } from '../api.ts';
import { contentTypeFor } from '../origins/mime.ts';
import { buildCsp } from '../../../shared/csp.ts';

export interface StudioOptions {
  api: Api;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** The delivery server's origin, allowed in img-src / media-src / connect-src. */
  deliveryOrigin: () => string | undefined;
  /** Only loopback addresses are accepted. @default 127.0.0.1 */
  host?: string;
  port?: number;
}

export interface StudioServer {
  readonly token: string;
  listen(): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function createStudioServer(options: StudioOptions): StudioServer {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`The studio listens on loopback only, not on ${host}`);
  const token = randomBytes(24).toString('base64url');
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);

  function hasToken(presented: string | undefined): boolean {
    if (!presented) return false;
    const a = Buffer.from(presented);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  function deny(res: ServerResponse, status: number, message: string): void {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    const code = status === 401 ? 'UNAUTHORIZED' : status === 404 ? 'NOT_FOUND' : status === 403 ? 'FORBIDDEN' : 'BAD_REQUEST';
    res.end(JSON.stringify({ ok: false, error: { code, message } }));
  }

  async function call(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return deny(res, 405, 'Use POST');
    const auth = req.headers.authorization ?? '';
    if (!hasToken(auth.startsWith('Bearer ') ? auth.slice(7) : undefined)) return deny(res, 401, 'A valid studio token is required (open the URL printed at start)');
    // A cross-site form or no-cors fetch cannot send application/json: this closes the simple-request CSRF path.
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) return deny(res, 415, 'Content-Type must be application/json');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > MAX_BODY) return deny(res, 413, 'Request body too large');
      chunks.push(c as Buffer);
    }
    let body: { channel?: unknown; input?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      res.writeHead(400, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ ok: false, error: { code: 'BAD_REQUEST', message: 'The body is not valid JSON' } }));
      return;
    }
    const result = await options.api.dispatch(body?.channel, body?.input);
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(result));
  }

  function events(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (!hasToken(url.searchParams.get('token') ?? undefined)) return deny(res, 401, 'A valid studio token is required');
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    // A client that stops reading is dropped instead of letting events pile up in memory.
    const send = (text: string) => (res.writableLength > 1024 * 1024 ? res.destroy() : void res.write(text));
    const offs = EVENTS.map((name) => options.api.subscribe(name, (payload) => send(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`)));
    const beat = setInterval(() => send(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(beat);
      offs.forEach((off) => off());
    });
  }

  async function file(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'Use GET');
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return deny(res, 400, 'Malformed path');
    }
    if (rel.includes('\0')) return deny(res, 404, 'Not found');
    if (rel === '/' || rel === '') rel = '/index.html';
    const root = await realpath(options.rendererDir).catch(() => undefined);
    if (!root) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('The studio GUI is not built yet: run "npm run build", then reload.\n');
      return;
    }
    const target = await realpath(path.join(root, path.normalize(rel))).catch(() => undefined);
    const s = target && (target === root || target.startsWith(root + path.sep)) ? await stat(target).catch(() => undefined) : undefined;
    if (!target || !s?.isFile()) return deny(res, 404, 'Not found');
    res.writeHead(200, {
      'Content-Type': contentTypeFor(target), 'Content-Length': s.size,
      'Content-Security-Policy': buildCsp(options.deliveryOrigin()),
      'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY',
      'Cache-Control': target.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(target).pipe(res);
  }

  const server = createServer((req, res) => {
    // Attack: DNS rebinding. A page on evil.example re-pointed at 127.0.0.1 still sends its own Host.
    if (!allowedHosts().has((req.headers.host ?? '').toLowerCase())) return deny(res, 403, 'Unexpected Host header');
    // Attack: CSRF. Browsers send Origin on cross-origin requests; only the studio's own is allowed.
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, '').toLowerCase())) return deny(res, 403, 'Cross-origin requests are not allowed');
    let url: URL;
    try {
      // Only origin-form targets: an absolute-form target (`GET http://[ HTTP/1.1`) must not throw here.
      if (!(req.url ?? '/').startsWith('/')) throw new Error('not origin-form');
      url = new URL(req.url ?? '/', 'http://studio.invalid');
    } catch {
      return deny(res, 400, 'Malformed request target');
    }
    const work = url.pathname === STUDIO_CALL_PATH ? call(req, res) : url.pathname === STUDIO_EVENTS_PATH ? Promise.resolve(events(req, res, url)) : file(req, res, url);
    work.catch((e: unknown) => {
      console.error('loupe studio:', e);
      if (!res.headersSent) deny(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  return {
    token,
    listen() {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 0, host, () => {
          port = (server.address() as AddressInfo).port;
          resolve({ url: `http://127.0.0.1:${port}/#token=${token}`, port });
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
