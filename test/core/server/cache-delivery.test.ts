// The cache as a user notices it: repeated requests are hits, concurrent first requests do the work
// once, changed originals are noticed, aborted clients still fill the cache, restarts keep it.

import http from 'node:http';
import { readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../shared/config.ts';
import { createCore } from '../../../electron/core/index.ts';
import { request } from '../../support/http.ts';
import { photoJpeg } from '../../support/images.ts';
import { startServer, type TestServer } from '../../support/loupe-server.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(extra: Record<string, unknown> = {}, revalidateAfter = 60) {
  const s = await startServer({ origins: [{ id: 'o', type: 'folder', revalidateAfter }], endpoints: [{ id: 'c', origins: ['o'] }], ...extra });
  servers.push(s);
  await s.put('o', 'p.jpg', await photoJpeg(1200, 900));
  return s;
}

describe('cache', () => {
  it('serves a repeated URL from the cache with the same bytes and ETag', async () => {
    const s = await server();
    const a = await request(s.url, '/c/tr:w-200/p.jpg');
    const b = await request(s.url, '/c/tr:w-200/p.jpg');
    expect([a.headers['x-loupe-cache'], b.headers['x-loupe-cache']]).toEqual(['miss', 'hit']);
    expect(b.body.equals(a.body)).toBe(true);
    expect(b.headers.etag).toBe(a.headers.etag);
    expect(s.core.cache.stats().hits).toBeGreaterThanOrEqual(1);
  });

  it('64 simultaneous first requests for one variant cause exactly one transform', async () => {
    const s = await server();
    const before = s.core.transforms.runs;
    const results = await Promise.all(Array.from({ length: 64 }, () => request(s.url, '/c/tr:w-321/p.jpg')));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(s.core.transforms.runs - before).toBe(1);
  });

  it('different variants of one original fetch the original once', async () => {
    const s = await server();
    const before = s.core.sources.fetches.runs;
    await Promise.all([100, 120, 140, 160, 180].map((w) => request(s.url, `/c/tr:w-${w}/p.jpg`)));
    expect(s.core.sources.fetches.runs - before).toBe(1);
  });

  it('a changed original is noticed after revalidateAfter and its results are dropped', async () => {
    const s = await server({}, 0);
    const first = await request(s.url, '/c/tr:w-100/p.jpg');
    await s.put('o', 'p.jpg', await photoJpeg(600, 600));
    const file = path.join(s.dirs.o!, 'p.jpg');
    await utimes(file, new Date(), new Date(Date.now() + 5000));
    const second = await request(s.url, '/c/tr:w-100/p.jpg');
    expect(second.headers['x-loupe-cache']).toBe('miss');
    expect(second.headers.etag).not.toBe(first.headers.etag);
    const results = [...s.core.cache.entries()].filter((m) => m.key === 'p.jpg');
    expect(new Set(results.map((m) => m.version)).size).toBe(1);
  });

  it('within revalidateAfter a cached original is used without asking the origin', async () => {
    const s = await server({}, 3600);
    await request(s.url, '/c/tr:w-100/p.jpg');
    const r = await request(s.url, '/c/tr:w-110/p.jpg');
    expect(r.status).toBe(200);
    const log = s.core.activity.list({ limit: 1 })[0]!;
    expect(log.attempts[0]).toMatchObject({ origin: 'o', outcome: 'found', cached: true });
  });

  it('a client that aborts mid-transform still leaves the variant in the cache', async () => {
    const s = await server();
    const u = new URL(s.url);
    await new Promise<void>((resolve) => {
      const req = http.get({ host: u.hostname, port: u.port, path: '/c/tr:w-1100,bl-30:e-sharpen:rt-33/p.jpg' });
      req.on('error', () => resolve());
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 15);
    });
    for (let i = 0; i < 100 && s.core.transforms.size > 0; i++) await new Promise((r) => setTimeout(r, 50));
    const r = await request(s.url, '/c/tr:w-1100,bl-30:e-sharpen:rt-33/p.jpg');
    expect(r.headers['x-loupe-cache']).toBe('hit');
  });

  it('a cache entry damaged on disk is detected and refetched (after a restart, when only the disk has it)', async () => {
    const s = await server();
    await request(s.url, '/c/tr:w-150/p.jpg');
    await s.close();
    servers.splice(servers.indexOf(s), 1);
    for (const e of await readdir(s.core.cache.dir, { withFileTypes: true, recursive: true })) {
      if (!e.isFile() || e.parentPath.endsWith('tmp') || e.name.endsWith('.json')) continue;
      const f = path.join(e.parentPath, e.name);
      const b = await readFile(f);
      b[b.length - 5] = b[b.length - 5]! ^ 0xff;
      await writeFile(f, b);
    }
    const config = parseConfig({ server: { port: 0 }, origins: [{ id: 'o', type: 'folder', root: s.dirs.o }], endpoints: [{ id: 'c', origins: ['o'] }] }, { resolve: (p) => p });
    const core = await createCore({ config, dataDir: s.core.dataDir });
    const { url } = await core.start({ host: '127.0.0.1', port: 0 });
    try {
      const r = await request(url, '/c/tr:w-150/p.jpg');
      expect(r.status).toBe(200);
      expect(r.headers['x-loupe-cache']).toBe('miss');
      expect((await request(url, '/c/tr:w-150/p.jpg')).headers['x-loupe-cache']).toBe('hit');
    } finally {
      await core.stop();
    }
  });

  it('eviction keeps the cache folder under cache.maxBytes', async () => {
    const s = await server({ cache: { maxBytes: 1024 * 1024 } });
    for (let w = 300; w < 700; w += 20) await request(s.url, `/c/tr:w-${w},f-png/p.jpg`);
    let total = 0;
    for (const e of await readdir(s.core.cache.dir, { withFileTypes: true, recursive: true })) {
      if (e.isFile()) total += (await stat(path.join(e.parentPath, e.name))).size;
    }
    expect(total).toBeLessThanOrEqual(1024 * 1024 + 4096);
    expect(s.core.cache.stats().bytes).toBeLessThanOrEqual(1024 * 1024);
  });

  it('a restart keeps the cache', async () => {
    const s = await server();
    await request(s.url, '/c/tr:w-90/p.jpg');
    await s.close();
    servers.splice(servers.indexOf(s), 1);
    const config = parseConfig({ server: { port: 0 }, origins: [{ id: 'o', type: 'folder', root: s.dirs.o }], endpoints: [{ id: 'c', origins: ['o'] }] }, { resolve: (p) => p });
    const core = await createCore({ config, dataDir: s.core.dataDir });
    const { url } = await core.start({ host: '127.0.0.1', port: 0 });
    try {
      const r = await request(url, '/c/tr:w-90/p.jpg');
      expect(r.headers['x-loupe-cache']).toBe('hit');
    } finally {
      await core.stop();
    }
  });

  it('200 concurrent mixed requests complete with no errors', async () => {
    const s = await server();
    await s.put('o', 'style.css', 'body{}');
    const targets = Array.from({ length: 200 }, (_, i) => ['/c/style.css', `/c/tr:w-${50 + (i % 10)}/p.jpg`, '/c/p.jpg', '/c/missing.jpg', '/c/tr:w-abc/p.jpg'][i % 5]!);
    const results = await Promise.all(targets.map((t) => request(s.url, t)));
    const expected = (t: string) => (t.includes('missing') ? 404 : t.includes('abc') ? 400 : 200);
    expect(results.map((r, i) => r.status === expected(targets[i]!))).toEqual(Array(200).fill(true));
  }, 60_000);
});
