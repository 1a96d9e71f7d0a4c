// Origins that fail in every way a network can: the server answers correctly (next origin, stale copy,
// or a clear error) and stays up. Every server here is on 127.0.0.1 and every wait is bounded.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../../support/http.ts';
import { photoJpeg } from '../../support/images.ts';
import { startServer, type TestServer } from '../../support/loupe-server.ts';

type Mode = 'ok' | '500' | 'hang' | 'drop' | 'redirect-file' | 'down';
let mode: Mode = 'ok';
let jpeg: Buffer;
let upstream: http.Server;
let upstreamUrl: string;
const sockets = new Set<import('node:net').Socket>();

beforeAll(async () => {
  jpeg = await photoJpeg(640, 480);
  upstream = http.createServer((req, res) => {
    if (mode === 'down') return req.socket.destroy();
    if (mode === '500') return void res.writeHead(500).end('boom');
    if (mode === 'hang') return; // never answers
    if (mode === 'redirect-file') return void res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    const head = { 'content-type': 'image/jpeg', 'content-length': jpeg.length, etag: '"v1"' };
    if (req.method === 'HEAD') return void res.writeHead(200, head).end();
    if (mode === 'drop') {
      res.writeHead(200, head);
      res.write(jpeg.subarray(0, 1000));
      setTimeout(() => req.socket.destroy(), 20);
      return;
    }
    res.writeHead(200, head).end(jpeg);
  });
  upstream.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => upstream.close(r));
});

let s: TestServer;
beforeAll(async () => {
  s = await startServer({
    origins: [
      { id: 'site', type: 'web', baseUrl: upstreamUrl, timeoutMs: 400, revalidateAfter: 0 },
      { id: 'backup', type: 'folder' },
    ],
    endpoints: [{ id: 'w', origins: ['site'] }, { id: 'wb', origins: ['site', 'backup'] }],
  });
  await s.put('backup', 'p.jpg', await photoJpeg(100, 100));
});
afterAll(() => s.close());

describe('origin failures', () => {
  it('serves from the web origin while it is healthy', async () => {
    mode = 'ok';
    const r = await request(s.url, '/w/tr:w-64/p.jpg');
    expect(r.status).toBe(200);
    expect(r.headers['x-loupe-origin']).toBe('site');
  });

  for (const failure of ['500', 'hang', 'down', 'redirect-file'] as const) {
    it(`origin ${failure}: falls back to the next origin`, async () => {
      mode = failure;
      const r = await request(s.url, '/wb/tr:w-32/p.jpg');
      expect(r.status).toBe(200);
      expect(r.headers['x-loupe-origin']).toBe('backup');
    });

    it(`origin ${failure}: serves the cached copy as stale when no origin can answer`, async () => {
      mode = 'ok';
      expect((await request(s.url, '/w/tr:w-48/p.jpg')).status).toBe(200);
      mode = failure;
      const r = await request(s.url, '/w/tr:w-48/p.jpg');
      expect(r.status).toBe(200);
      expect(r.headers['x-loupe-cache']).toBe('stale');
      expect(r.headers.warning).toMatch(/^110 loupe "Response is stale: site: /);
      // A variant never made before can still be made from the cached original.
      const fresh = await request(s.url, '/w/tr:w-47/p.jpg');
      expect(fresh.status).toBe(200);
      expect(fresh.headers['x-loupe-cache']).toBe('stale');
    });

    it(`origin ${failure}: a file never cached is a clear 502 naming the origin`, async () => {
      mode = failure;
      const r = await request(s.url, '/w/never-seen.jpg');
      expect(r.status).toBe(502);
      expect(r.text).toContain('site (web)');
      expect(r.text).toContain(`${upstreamUrl}never-seen.jpg`);
    });
  }

  it('a body cut mid-stream is an error, not a broken image, and the server stays up', async () => {
    mode = 'drop';
    const r = await request(s.url, '/wb/tr:w-20/dropped.jpg');
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).not.toBe(500);
    mode = 'ok';
    expect((await request(s.url, '/w/tr:w-21/p.jpg')).status).toBe(200);
  });
});
