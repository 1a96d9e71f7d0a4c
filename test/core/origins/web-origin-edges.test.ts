// The web-server origin's edges: timeouts and broken bodies, size caps and ranges, what goes on the
// wire, metadata and the connection check.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { closeServersAfterEach, data, end, readAll, sendData, serve, webOrigin } from './web-test-server.ts';

closeServersAfterEach();

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
