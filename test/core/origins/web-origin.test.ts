// The web-server origin against real local HTTP servers: the shared conformance suite, redirects and
// status codes (attacks by name).

import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { originConformance } from './conformance.ts';
import { closeServersAfterEach, data, end, folderHandler, readAll, sendData, serve, webOrigin } from './web-test-server.ts';

closeServersAfterEach();

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
