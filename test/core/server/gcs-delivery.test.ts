// Delivery end to end with a GCS origin first and a folder second, the real SDK against the emulator.

import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../../support/http.ts';
import { photoJpeg } from '../../support/images.ts';
import { makeTestServiceAccountKey, startGcsEmulator, type GcsEmulator } from '../../support/gcs-emulator/index.ts';
import { startServer, type TestServer } from '../../support/loupe-server.ts';

let emu: GcsEmulator;
let s: TestServer;

beforeAll(async () => {
  emu = await startGcsEmulator({ buckets: { photos: {} } });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'loupe-gcsd-'));
  const keyFile = path.join(dir, 'key.json');
  await writeFile(keyFile, JSON.stringify(makeTestServiceAccountKey({})));
  emu.seed('photos', 'assets/p.jpg', await photoJpeg(800, 600), { contentType: 'image/jpeg' });
  emu.seed('photos', 'assets/changing.jpg', await photoJpeg(400, 400), { contentType: 'image/jpeg' });
  emu.seed('photos', 'assets/offline.jpg', await photoJpeg(500, 500), { contentType: 'image/jpeg' });
  s = await startServer({
    origins: [
      { id: 'bucket', type: 'gcs', bucket: 'photos', prefix: 'assets/', keyFile, apiEndpoint: emu.url, timeoutMs: 1500, revalidateAfter: 0 },
      { id: 'local', type: 'folder' },
    ],
    endpoints: [{ id: 'g', origins: ['bucket', 'local'] }, { id: 'only', origins: ['bucket'] }],
  });
  await s.put('local', 'fallback.jpg', await photoJpeg(300, 200));
});
afterAll(async () => {
  await s.close();
  await emu.close();
});

async function width(body: Buffer) {
  return (await sharp(body).metadata()).width;
}

describe('GCS delivery', () => {
  it('serves transformed images from the bucket', async () => {
    const r = await request(s.url, '/g/tr:w-320/p.jpg', { headers: { accept: 'image/webp' } });
    expect(r.status).toBe(200);
    expect(r.headers['x-loupe-origin']).toBe('bucket');
    expect(r.headers['content-type']).toBe('image/webp');
    expect(await width(r.body)).toBe(320);
  });

  it('an object missing in the bucket falls through to the folder', async () => {
    const r = await request(s.url, '/g/tr:w-100/fallback.jpg');
    expect(r.status).toBe(200);
    expect(r.headers['x-loupe-origin']).toBe('local');
  });

  it('a 404 names the bucket and the full object key, prefix included', async () => {
    const r = await request(s.url, '/only/missing/x.jpg');
    expect(r.status).toBe(404);
    expect(r.text).toContain('bucket (gcs): gs://photos/assets/missing/x.jpg — not found');
  });

  it('a generation change invalidates the cached results', async () => {
    const a = await request(s.url, '/g/tr:w-100/changing.jpg');
    expect((await request(s.url, '/g/tr:w-100/changing.jpg')).headers['x-loupe-cache']).toBe('hit');
    emu.seed('photos', 'assets/changing.jpg', await photoJpeg(200, 100), { contentType: 'image/jpeg' });
    const b = await request(s.url, '/g/tr:w-100/changing.jpg');
    expect(b.headers['x-loupe-cache']).toBe('miss');
    expect(b.headers.etag).not.toBe(a.headers.etag);
    expect((await sharp(b.body).metadata()).height).toBe(50);
  });

  it('a 5xx storm: bounded wait, then the next origin', async () => {
    await s.put('local', 'storm.jpg', await photoJpeg(120, 120));
    const fault = emu.inject({ kind: 'status', status: 503, match: { bucket: 'photos' } });
    const started = Date.now();
    const r = await request(s.url, '/g/tr:w-50/storm.jpg');
    fault.remove();
    expect(r.status).toBe(200);
    expect(r.headers['x-loupe-origin']).toBe('local');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('the emulator stopped: the cached copy is served as stale (last: it stops the emulator)', async () => {
    expect((await request(s.url, '/only/tr:w-60/offline.jpg')).status).toBe(200);
    await emu.close();
    const r = await request(s.url, '/only/tr:w-60/offline.jpg');
    expect(r.status).toBe(200);
    expect(r.headers['x-loupe-cache']).toBe('stale');
    expect(r.headers.warning).toContain('bucket:');
    const other = await request(s.url, '/only/tr:w-61/offline.jpg');
    expect(other.headers['x-loupe-cache']).toBe('stale');
    expect(await width(other.body)).toBe(61);
  });
});
