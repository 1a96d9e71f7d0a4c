// Regressions found in review, each as the scenario a user would hit.

import net from 'node:net';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../../electron/core/api.ts';
import { createStudioServer } from '../../../electron/core/studio/server.ts';
import { request } from '../../support/http.ts';
import { photoJpeg } from '../../support/images.ts';
import { startServer, type TestServer } from '../../support/loupe-server.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function server(config: Record<string, unknown>) {
  const s = await startServer(config);
  servers.push(s);
  return s;
}

describe('review regressions', () => {
  it('Accept is matched case-insensitively and q=0 refuses: a JPEG client never gets a cached WebP', async () => {
    const s = await server({ origins: [{ id: 'o', type: 'folder' }], endpoints: [{ id: 'e', origins: ['o'] }] });
    await s.put('o', 'p.jpg', await photoJpeg(200, 100));
    const upper = await request(s.url, '/e/tr:w-50/p.jpg', { headers: { accept: 'IMAGE/WEBP' } });
    expect(upper.headers['content-type']).toBe('image/webp');
    const jpeg = await request(s.url, '/e/tr:w-50/p.jpg', { headers: { accept: 'image/jpeg' } });
    expect(jpeg.headers['content-type']).toBe('image/jpeg');
    const refused = await request(s.url, '/e/tr:w-50/p.jpg', { headers: { accept: 'image/webp;q=0, image/jpeg' } });
    expect(refused.headers['content-type']).toBe('image/jpeg');
  });

  it('a port that is taken: the change is refused, nothing else changes, and later edits still work', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const busy = (blocker.address() as AddressInfo).port;
    try {
      const s = await server({ origins: [{ id: 'o', type: 'folder' }], endpoints: [{ id: 'e', origins: ['o'] }] });
      await s.put('o', 'p.jpg', await photoJpeg(200, 100));
      const api = createApi(s.core);
      const r = await api.dispatch('settings.update', { server: { port: busy }, images: { defaultQuality: 20 } });
      expect(r).toMatchObject({ ok: false, error: { message: expect.stringContaining(`server.port: cannot listen on 127.0.0.1:${busy}`) } });
      expect(s.core.config.images.defaultQuality).toBe(80);
      expect((await request(s.url, '/e/tr:w-40/p.jpg')).status).toBe(200); // still where it was
      expect(await api.dispatch('settings.update', { images: { defaultQuality: 70 } })).toMatchObject({ ok: true });
    } finally {
      blocker.close();
    }
  });

  it('a malformed absolute-form request target to the studio is a 400, and the process keeps serving', async () => {
    const s = await server({ origins: [{ id: 'o', type: 'folder' }], endpoints: [{ id: 'e', origins: ['o'] }] });
    const studio = createStudioServer({ api: createApi(s.core), rendererDir: '/nonexistent', deliveryOrigin: () => s.url });
    const { port } = await studio.listen();
    try {
      const reply = await new Promise<string>((resolve) => {
        const sock = net.connect(port, '127.0.0.1', () => sock.write(`GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`));
        let data = '';
        sock.on('data', (d) => (data += d.toString()));
        sock.on('close', () => resolve(data));
        sock.on('error', () => resolve(data));
      });
      expect(reply).toMatch(/^HTTP\/1.1 400/);
      expect((await request(`http://127.0.0.1:${port}`, '/api/events')).status).toBe(401);
    } finally {
      await studio.close();
    }
  });

  it('invalid URLs in the control API are error data, not internal errors', async () => {
    const s = await server({ origins: [{ id: 'o', type: 'folder' }], endpoints: [{ id: 'e', origins: ['o'] }] });
    const api = createApi(s.core);
    expect(await api.dispatch('cache.purge', { url: 'http://[bad' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('not a valid URL') } });
    expect(await api.dispatch('endpoints.explain', { url: 'https://exa mple.com/e/a.jpg' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

describe('offline with several origins', () => {
  it('serves the stale copy from the failing origin even when another origin said not found, but never a deleted file', async () => {
    let mode: 'ok' | 'down' | 'gone' = 'ok';
    const jpeg = await photoJpeg(120, 80);
    const upstream = http.createServer((req, res) => {
      if (mode === 'down') return void res.writeHead(503).end();
      if (mode === 'gone') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': jpeg.length, etag: '"1"' });
      res.end(req.method === 'HEAD' ? undefined : jpeg);
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    try {
      const base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/`;
      const s = await server({
        origins: [{ id: 'local', type: 'folder', revalidateAfter: 0 }, { id: 'site', type: 'web', baseUrl: base, revalidateAfter: 0, timeoutMs: 500 }],
        endpoints: [{ id: 'e', origins: ['local', 'site'] }],
      });
      expect((await request(s.url, '/e/tr:w-30/p.jpg')).headers['x-loupe-origin']).toBe('site');
      mode = 'down';
      const stale = await request(s.url, '/e/tr:w-30/p.jpg');
      expect(stale.status).toBe(200);
      expect(stale.headers['x-loupe-cache']).toBe('stale');
      expect((await sharp(stale.body).metadata()).width).toBe(30);
      mode = 'gone';
      expect((await request(s.url, '/e/tr:w-30/p.jpg')).status).toBe(404);
      mode = 'down';
      expect((await request(s.url, '/e/tr:w-30/p.jpg')).status).toBe(502); // deleted stays deleted
    } finally {
      upstream.close();
    }
  });
});
