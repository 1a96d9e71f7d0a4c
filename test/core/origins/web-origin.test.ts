// The web origin against real node:http servers on loopback: a static folder server for the conformance
// suite, and small misbehaving servers for redirects, timeouts, cut bodies and size caps (by attack name).

import { mkdir, mkdtemp, stat as fsStat, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { contentTypeFor } from '../../../electron/core/origins/mime.ts';
import { createWebOrigin, type WebOriginOptions } from '../../../electron/core/origins/web-origin.ts';
import type { WebOriginConfig } from '../../../shared/config.ts';
import { originConformance } from './conformance.ts';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}
interface TestServer {
  origin: string;
  base: string;
  seen: Seen[];
}

const open: http.Server[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function serve(handler: Handler, host = '127.0.0.1'): Promise<TestServer> {
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
function folderHandler(root: string): Handler {
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

function end(res: http.ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers).end();
}

function webOrigin(baseUrl: string, config: Partial<WebOriginConfig> = {}, options: WebOriginOptions = {}) {
  return createWebOrigin({ id: 'site', type: 'web', baseUrl, headers: {}, forwardHost: false, timeoutMs: 300, revalidateAfter: 60, ...config }, options);
}

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const data = Buffer.from('0123456789abcdefghij');
const sendData: Handler = (_req, res) => res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': data.length }).end(data);

originConformance('web', async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'loupe-web-'));
  const server = await serve(folderHandler(root));
  async function put(key: string, bytes: Buffer) {
    const file = path.join(root, key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes);
  }
  return {
    origin: webOrigin(server.base), lists: false,
    put,
    async putMany(entries: [string, Buffer][]) {
      for (const [k, b] of entries) await put(k, b);
    },
  };
});

describe('web origin redirects', () => {
  it('refuses a redirect to file:///etc/passwd (attack: redirect to file)', async () => {
    const s = await serve((_req, res) => end(res, 302, { Location: 'file:///etc/passwd' }));
    const origin = webOrigin(s.base);
    await expect(origin.stat('a.jpg')).rejects.toMatchObject({ code: 'ORIGIN_ERROR', message: expect.stringMatching(/redirect 1 .*file:\/\/\/etc\/passwd/) });
    await expect(origin.read('a.jpg')).rejects.toMatchObject({ code: 'ORIGIN_ERROR' });
  });

  it('refuses redirects to ftp:, data: and javascript: (attack: redirect to another scheme)', async () => {
    for (const location of ['ftp://127.0.0.1/x.jpg', 'data:image/png;base64,AAAA', 'javascript:alert(1)']) {
      const s = await serve((_req, res) => end(res, 301, { Location: location }));
      await expect(webOrigin(s.base).stat('a.jpg'), location).rejects.toMatchObject({ code: 'ORIGIN_ERROR', message: expect.stringContaining(location.split(':')[0]!) });
    }
  });

  it('stops a redirect loop at the 4th redirect (attack: redirect loop)', async () => {
    const s = await serve((req, res) => end(res, 307, { Location: req.url! }));
    await expect(webOrigin(s.base).stat('loop.jpg')).rejects.toMatchObject({ code: 'ORIGIN_ERROR', message: expect.stringContaining('redirected more than 3 times (redirect 4:') });
    expect(s.seen).toHaveLength(4);
  });

  it('follows up to 3 redirects, relative or absolute', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/static/a.jpg') return end(res, 301, { Location: '/r2' });
      if (req.url === '/r2') return end(res, 302, { Location: 'r3' });
      if (req.url === '/r3') return end(res, 308, { Location: `http://${req.headers.host}/final.jpg` });
      sendData(req, res);
    });
    const origin = webOrigin(s.base);
    expect(await origin.stat('a.jpg')).toMatchObject({ size: 20, contentType: 'image/jpeg' });
    expect((await readAll((await origin.read('a.jpg')).body)).equals(data)).toBe(true);
    expect(s.seen.slice(0, 4).map((r) => r.url)).toEqual(['/static/a.jpg', '/r2', '/r3', '/final.jpg']);
  });

  it('does not send configured headers or a forwarded Host to another host (attack: credential leak on redirect)', async () => {
    const other = await serve(sendData, 'localhost');
    const s = await serve((_req, res) => end(res, 302, { Location: `${other.origin}/x.jpg` }));
    const origin = webOrigin(s.base, { headers: { authorization: 'Bearer secret' }, forwardHost: true }, { requestHost: () => 'cdn.example.com' });
    expect((await origin.stat('a.jpg'))?.size).toBe(20);
    expect(s.seen[0]!.headers).toMatchObject({ authorization: 'Bearer secret', host: 'cdn.example.com' });
    expect(other.seen[0]!.headers.authorization).toBeUndefined();
    expect(other.seen[0]!.headers.host).toBe(new URL(other.origin).host);
    expect(other.seen[0]!.headers['x-req-from']).toBe('loupe');
  });
});

describe('web origin status codes', () => {
  it('reports a 500 as an origin error, not as not-found', async () => {
    const s = await serve((_req, res) => end(res, 500));
    const origin = webOrigin(s.base);
    await expect(origin.stat('a.jpg')).rejects.toMatchObject({ code: 'ORIGIN_ERROR', message: expect.stringContaining(`${s.base}a.jpg answered HTTP 500`) });
    await expect(origin.read('a.jpg')).rejects.toMatchObject({ code: 'ORIGIN_ERROR' });
  });

  it('answers 410 and 404 as not-found', async () => {
    for (const status of [404, 410]) {
      const origin = webOrigin((await serve((_req, res) => end(res, status))).base);
      expect(await origin.stat('gone.jpg')).toBeUndefined();
      await expect(origin.read('gone.jpg')).rejects.toMatchObject({ code: 'ORIGIN_NOT_FOUND' });
    }
  });

  it('reports 401 and 403 as access denied, naming the status and URL', async () => {
    for (const status of [401, 403]) {
      const s = await serve((_req, res) => end(res, status));
      await expect(webOrigin(s.base).stat('p.jpg')).rejects.toMatchObject({ code: 'ORIGIN_ACCESS_DENIED', message: expect.stringContaining(`${s.base}p.jpg answered HTTP ${status}`) });
    }
  });

  it('falls back to a one-byte GET when HEAD is refused (405, 501)', async () => {
    const s = await serve((req, res) => {
      if (req.method === 'HEAD') return end(res, req.url?.includes('b') ? 501 : 405);
      if (req.url?.includes('b')) return sendData(req, res); // ignores Range: the length is the size
      res.writeHead(206, { 'Content-Range': 'bytes 0-0/20', 'Content-Length': 1, 'Content-Type': 'image/png', ETag: '"e1"' }).end('0');
    });
    const origin = webOrigin(s.base);
    expect(await origin.stat('a.png')).toMatchObject({ size: 20, contentType: 'image/png', version: '"e1"' });
    expect(s.seen.map((r) => [r.method, r.headers.range])).toEqual([['HEAD', undefined], ['GET', 'bytes=0-0']]);
    expect(await origin.stat('b.jpg')).toMatchObject({ size: 20, contentType: 'image/jpeg' });
  });
});

describe('web origin timeouts and broken bodies', () => {
  it('times out a server that never answers within timeoutMs (attack: slowloris origin)', async () => {
    const s = await serve(() => {});
    const started = Date.now();
    await expect(webOrigin(s.base).stat('a.jpg')).rejects.toMatchObject({ code: 'ORIGIN_UNREACHABLE', message: expect.stringContaining('sent no response within 300 ms') });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('errors the stream when the body stalls mid-way (idle timeout)', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Length': 100 });
      res.write(Buffer.alloc(10));
    });
    const { body } = await webOrigin(s.base).read('a.jpg');
    const started = Date.now();
    await expect(readAll(body)).rejects.toMatchObject({ code: 'ORIGIN_UNREACHABLE', message: expect.stringContaining('stalled') });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('errors the stream when the connection drops mid-body', async () => {
    for (const headers of [{ 'Content-Length': '100' }, {}]) {
      const s = await serve((req, res) => {
        res.writeHead(200, headers);
        res.write(Buffer.alloc(10), () => setTimeout(() => req.socket.destroy(), 20));
      });
      const { body } = await webOrigin(s.base).read('a.jpg');
      await expect(readAll(body), JSON.stringify(headers)).rejects.toMatchObject({ code: 'ORIGIN_UNREACHABLE' });
    }
  });

  it('ends a trickling body at the overall deadline', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Length': 1000 });
      const t = setInterval(() => res.write('x'), 50);
      res.on('close', () => clearInterval(t));
    });
    const { body } = await webOrigin(s.base, {}, { deadlineMs: 600 }).read('a.jpg');
    await expect(readAll(body)).rejects.toMatchObject({ code: 'ORIGIN_UNREACHABLE', message: expect.stringContaining('600 ms deadline') });
  });

  it('does not time out a slow consumer while the server is done sending', async () => {
    const big = Buffer.alloc(512 * 1024, 7);
    const s = await serve((_req, res) => res.writeHead(200, { 'Content-Length': big.length }).end(big));
    const { body } = await webOrigin(s.base).read('a.bin');
    await new Promise((r) => setTimeout(r, 700));
    expect((await readAll(body)).length).toBe(big.length);
  });

  it('reports a closed port as unreachable with a fix in check()', async () => {
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as AddressInfo;
    await new Promise((r) => probe.close(r));
    const origin = webOrigin(`http://127.0.0.1:${port}/static/`);
    await expect(origin.stat('a.jpg')).rejects.toMatchObject({ code: 'ORIGIN_UNREACHABLE', details: { cause: 'ECONNREFUSED' } });
    const check = await origin.check();
    expect(check.ok).toBe(false);
    expect(check.checks[0]).toMatchObject({ ok: false, fix: expect.stringContaining('Start the web server') });
  });

  it('passes an abort through as the caller\'s abort, not as an origin error', async () => {
    const s = await serve(() => {});
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    await expect(webOrigin(s.base, { timeoutMs: 5000 }).stat('a.jpg', ac.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('web origin size caps and ranges', () => {
  it('fails fast on a Content-Length above maxBytes (attack: oversized original)', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Length': 5000 });
      res.write(Buffer.alloc(100));
    });
    await expect(webOrigin(s.base, {}, { maxBytes: 1000 }).read('big.jpg')).rejects.toMatchObject({ code: 'INPUT_TOO_LARGE' });
  });

  it('errors a body without a length once it passes maxBytes (attack: unbounded chunked body)', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'image/jpeg' });
      for (let i = 0; i < 20; i++) res.write(Buffer.alloc(100));
      res.end();
    });
    const { body } = await webOrigin(s.base, {}, { maxBytes: 1000 }).read('big.jpg');
    await expect(readAll(body)).rejects.toMatchObject({ code: 'INPUT_TOO_LARGE' });
  });

  it('cuts the asked range itself when the server ignores Range', async () => {
    const s = await serve(sendData);
    const origin = webOrigin(s.base);
    const r = await origin.read('a.jpg', { start: 2, end: 5 });
    expect(r.meta.size).toBe(20);
    expect((await readAll(r.body)).toString()).toBe('2345');
    expect((await readAll((await origin.read('a.jpg', { start: 15, end: 19 })).body)).toString()).toBe('fghij');
    expect(s.seen[0]!.headers.range).toBe('bytes=2-5');
  });

  it('stops downloading a large ignored-Range body once the range is read', async () => {
    let finished: boolean | undefined;
    const total = 64 * 1024 * 1024;
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Length': total });
      const chunk = Buffer.alloc(64 * 1024, 1);
      let sent = 0;
      const pump = () => {
        while (sent < total) {
          sent += chunk.length;
          if (!res.write(chunk)) return;
        }
        res.end();
      };
      res.on('drain', pump);
      res.on('close', () => { finished = res.writableFinished; });
      pump();
    });
    const r = await webOrigin(s.base, {}, { maxBytes: 1024 }).read('huge.bin', { start: 0, end: 9 });
    expect((await readAll(r.body)).length).toBe(10);
    // The connection is closed before the server could send the 64 MiB it announced.
    await expect.poll(() => finished, { timeout: 3000 }).toBe(false);
  });
});

describe('web origin requests on the wire', () => {
  it('sends x-req-from: loupe, the user agent and the configured headers', async () => {
    const s = await serve(sendData);
    await webOrigin(s.base, { headers: { authorization: 'Bearer t', 'x-custom': 'yes' } }).stat('a.jpg');
    expect(s.seen[0]!.headers).toMatchObject({ 'x-req-from': 'loupe', authorization: 'Bearer t', 'x-custom': 'yes', 'accept-encoding': 'identity' });
    expect(s.seen[0]!.headers['user-agent']).toMatch(/^loupe\/\d+\.\d+/);
  });

  it('percent-encodes each key segment on the wire (spaces, unicode, +, %, ?, #)', async () => {
    const s = await serve(sendData);
    const origin = webOrigin(s.base);
    for (const key of ['a b.png', 'é/ü ñ.jpg', 'plus+sign.jpg', '100%.jpg', 'q?x#y.jpg', 'dir//x.jpg']) await origin.stat(key);
    expect(s.seen.map((r) => r.url)).toEqual([
      '/static/a%20b.png', '/static/%C3%A9/%C3%BC%20%C3%B1.jpg', '/static/plus%2Bsign.jpg', '/static/100%25.jpg', '/static/q%3Fx%23y.jpg', '/static/dir/x.jpg',
    ]);
    expect(origin.describe('a b.png')).toBe(`${s.base}a%20b.png`);
  });

  it('refuses traversal keys without sending any request (attack: dot-dot, encoded dot-dot, NUL, backslash)', async () => {
    const s = await serve(sendData);
    const origin = webOrigin(s.base);
    for (const key of ['../secret.jpg', 'a/../../x.jpg', './a.jpg', 'a\\..\\x.jpg', 'a.jpg\0.png', 'dir/', '']) {
      expect(await origin.stat(key), JSON.stringify(key)).toBeUndefined();
      await expect(origin.read(key)).rejects.toMatchObject({ code: 'ORIGIN_NOT_FOUND' });
    }
    expect(s.seen).toHaveLength(0);
    await origin.stat('%2e%2e/x.jpg');
    expect(s.seen[0]!.url).toBe('/static/%252e%252e/x.jpg');
  });

  it('forwards the caller\'s Host only with forwardHost and a requestHost hook', async () => {
    const s = await serve(sendData);
    const own = new URL(s.origin).host;
    await webOrigin(s.base, { forwardHost: true }, { requestHost: () => 'img.example.com' }).stat('a.jpg');
    await webOrigin(s.base, { forwardHost: false }, { requestHost: () => 'img.example.com' }).stat('a.jpg');
    await webOrigin(s.base, { forwardHost: true }).stat('a.jpg');
    await webOrigin(s.base, { forwardHost: true }, { requestHost: () => 'evil.com\r\nx-injected: 1' }).stat('a.jpg');
    expect(s.seen.map((r) => r.headers.host)).toEqual(['img.example.com', own, own, own]);
    expect(s.seen[3]!.headers['x-injected']).toBeUndefined();
  });
});

describe('web origin metadata and check', () => {
  it('takes the version from ETag, else Last-Modified and size, else size; passes Cache-Control through', async () => {
    const lm = 'Wed, 21 Oct 2015 07:28:00 GMT';
    const s = await serve((req, res) => {
      const h: Record<string, string | number> = { 'Content-Length': 20, 'Cache-Control': 'max-age=300' };
      if (req.url?.includes('etag')) h.ETag = 'W/"abc"';
      if (!req.url?.includes('plain')) h['Last-Modified'] = lm;
      if (req.url?.includes('octet')) h['Content-Type'] = 'application/octet-stream';
      res.writeHead(200, h).end(req.method === 'HEAD' ? undefined : data);
    });
    const origin = webOrigin(s.base);
    expect(await origin.stat('etag.webp')).toMatchObject({ version: 'W/"abc"', contentType: 'image/webp', cacheControl: 'max-age=300', lastModified: new Date(lm) });
    expect((await origin.stat('lm.png'))?.version).toBe(`${Date.parse(lm)}-20`);
    expect(await origin.stat('plain-octet.gif')).toMatchObject({ version: 'size-20', contentType: 'image/gif' });
  });

  it('reports a reachable server and that listing is not available', async () => {
    const s = await serve((_req, res) => end(res, 403));
    const origin = webOrigin(s.base);
    expect(origin.list).toBeUndefined();
    const check = await origin.check();
    expect(check.ok).toBe(true);
    expect(check.checks.map((c) => [c.name, c.ok])).toEqual([['Reachable', true], ['Listing', true]]);
    expect(check.checks[0]!.message).toContain('HTTP 403');
    expect(s.seen[0]).toMatchObject({ method: 'HEAD', url: '/static/' });
  });
});
