// Object metadata and downloads through the real SDK: ranges, integrity validation, 404/416, gzip.

import { gzipSync } from 'node:zlib';
import { Storage } from '@google-cloud/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStorage, crc32cBase64, guardLoopbackOnly, md5Base64, startGcsEmulator, type GcsEmulator } from '../support/gcs-emulator/index.ts';

const DATA = Buffer.from('0123456789abcdefghijklmnopqrstuvwxyz');
const NAME = 'a/b/cat photo+1 é.jpg';

let emu: GcsEmulator;
let storage: Storage;
let guard: ReturnType<typeof guardLoopbackOnly>;

beforeAll(async () => {
  guard = guardLoopbackOnly();
  emu = await startGcsEmulator({ buckets: { imgs: {} } });
  emu.seed('imgs', NAME, DATA, { cacheControl: 'public, max-age=60', metadata: { owner: 'qa' } });
  storage = createTestStorage(emu);
});

afterAll(async () => {
  await emu.close();
  guard.restore();
  // No token exchange or metadata-server probe was attempted by any call in this file.
  expect(guard.attempts).toEqual([]);
});

async function read(opts: { start?: number; end?: number; validation?: 'crc32c' | 'md5' | false } = {}): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of storage.bucket('imgs').file(NAME).createReadStream(opts)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('gcs-emulator objects', () => {
  it('serves object metadata with int64 fields as strings and both hashes', async () => {
    const [meta] = await storage.bucket('imgs').file(NAME).getMetadata();
    expect(meta).toMatchObject({
      kind: 'storage#object', name: NAME, bucket: 'imgs', size: '36', contentType: 'image/jpeg',
      metageneration: '1', cacheControl: 'public, max-age=60', metadata: { owner: 'qa' },
      md5Hash: md5Base64(DATA), crc32c: crc32cBase64(DATA),
    });
    expect(meta.generation).toMatch(/^\d{16}$/);
    expect(meta.id).toBe(`imgs/${NAME}/${meta.generation}`);
    expect(typeof meta.etag).toBe('string');
    expect(new Date(meta.updated!).toISOString()).toBe(meta.updated);
    // The object name travelled percent-encoded once: "/" as %2F, "+" as %2B.
    expect(emu.requests.at(-1)!.path).toBe('/storage/v1/b/imgs/o/a%2Fb%2Fcat%20photo%2B1%20%C3%A9.jpg');
  });

  it('downloads the whole object with crc32c and md5 validation passing', async () => {
    expect(await read()).toEqual(DATA);
    expect(await read({ validation: 'md5' })).toEqual(DATA);
    const [buf] = await storage.bucket('imgs').file(NAME).download();
    expect(buf).toEqual(DATA);
  });

  it('sends one X-Goog-Hash header (crc32c first) and the stored encoding', async () => {
    const res = await fetch(`${emu.url}/storage/v1/b/imgs/o/${encodeURIComponent(NAME)}?alt=media`);
    expect(res.headers.get('x-goog-hash')).toBe(`crc32c=${crc32cBase64(DATA)},md5=${md5Base64(DATA)}`);
    expect(res.headers.get('x-goog-stored-content-encoding')).toBe('identity');
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect(res.headers.get('content-encoding')).toBeNull();
  });

  it('serves start/end ranges as 206 with Content-Range', async () => {
    expect((await read({ start: 2, end: 5 })).toString()).toBe('2345');
    expect(emu.requests.at(-1)).toMatchObject({ op: 'objects.media', status: 206 });
    expect(emu.requests.at(-1)!.headers.range).toBe('bytes=2-5');
    expect((await read({ start: 30 })).toString()).toBe('uvwxyz');
    expect((await read({ end: -4 })).toString()).toBe('wxyz');
    expect((await read({ start: 33, end: 1000 })).toString()).toBe('xyz');
  });

  it('answers an unsatisfiable range with 416 and the SDK rejects with code 416', async () => {
    await expect(storage.bucket('imgs').file(NAME).download({ start: 36 })).rejects.toMatchObject({ code: 416 });
  });

  it('exists() is true for a stored object and false for a missing one', async () => {
    expect(await storage.bucket('imgs').file(NAME).exists()).toEqual([true]);
    expect(await storage.bucket('imgs').file('nope.jpg').exists()).toEqual([false]);
    expect(await storage.bucket('no-such-bucket').file(NAME).exists()).toEqual([false]);
  });

  it('a missing object download is a 404 whose message is the plain-text GCS body', async () => {
    const err = await storage.bucket('imgs').file('missing.jpg').download().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 404, message: 'No such object: imgs/missing.jpg' });
    const meta = await storage.bucket('imgs').file('missing.jpg').getMetadata().catch((e: unknown) => e);
    expect(meta).toMatchObject({ code: 404, message: 'No such object: imgs/missing.jpg', errors: [{ reason: 'notFound', domain: 'global' }] });
  });

  it('serves gzip-stored objects as stored, validates them and lets the SDK gunzip', async () => {
    const plain = Buffer.from('{"hello":"world"}'.repeat(50));
    const stored = gzipSync(plain);
    emu.seed('imgs', 'data.json', stored, { contentEncoding: 'gzip', contentType: 'application/json' });
    const [buf] = await storage.bucket('imgs').file('data.json').download();
    expect(buf).toEqual(plain);
    const [meta] = await storage.bucket('imgs').file('data.json').getMetadata();
    expect(meta).toMatchObject({ contentEncoding: 'gzip', size: String(stored.length), crc32c: crc32cBase64(stored) });
  });

  it('accepts JSON routes without /storage/v1 (STORAGE_EMULATOR_HOST without a path)', async () => {
    process.env.STORAGE_EMULATOR_HOST = emu.url;
    try {
      const viaEnv = new Storage({ projectId: 'loupe-test' });
      const [buf] = await viaEnv.bucket('imgs').file(NAME).download();
      expect(buf).toEqual(DATA);
      await viaEnv.bucket('imgs').file('env/upload.txt').save('via env', { resumable: false });
    } finally {
      delete process.env.STORAGE_EMULATOR_HOST;
    }
    const paths = emu.requests.slice(-2).map((r) => r.path);
    expect(paths).toEqual([`/b/imgs/o/${encodeURIComponent(NAME)}`, '/upload/storage/v1/b/imgs/o']);
    expect(emu.requests.slice(-2).map((r) => r.status)).toEqual([200, 200]);
  });
});
