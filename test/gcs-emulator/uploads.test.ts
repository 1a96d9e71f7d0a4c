// Uploads through the real SDK: multipart, resumable (single shot and chunked), the hashes the SDK
// verifies after each upload, preconditions and DELETE.

import { randomBytes } from 'node:crypto';
import { Storage } from '@google-cloud/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStorage, crc32cBase64, guardLoopbackOnly, md5Base64, startGcsEmulator, type GcsEmulator } from '../support/gcs-emulator/index.ts';

let emu: GcsEmulator;
let storage: Storage;
let guard: ReturnType<typeof guardLoopbackOnly>;

beforeAll(async () => {
  guard = guardLoopbackOnly();
  emu = await startGcsEmulator({ buckets: { up: {} } });
  storage = createTestStorage(emu);
});

afterAll(async () => {
  await emu.close();
  guard.restore();
  expect(guard.attempts).toEqual([]);
});

const ops = (from: number): string[] => emu.requests.slice(from).map((r) => `${r.method} ${r.op} ${r.status}`);

describe('gcs-emulator uploads', () => {
  it('save({resumable:false}) is one multipart POST; metadata and hashes round-trip', async () => {
    const data = randomBytes(5000);
    const from = emu.requests.length;
    const file = storage.bucket('up').file('multi/photo 1.jpg');
    await file.save(data, { resumable: false, metadata: { cacheControl: 'public, max-age=3600', metadata: { k: 'v' } } });
    expect(ops(from)).toEqual(['POST objects.insert 200']);
    expect(emu.requests[from]!.query.get('uploadType')).toBe('multipart');
    const [meta] = await file.getMetadata();
    expect(meta).toMatchObject({
      size: '5000', contentType: 'image/jpeg', cacheControl: 'public, max-age=3600', metadata: { k: 'v' },
      md5Hash: md5Base64(data), crc32c: crc32cBase64(data),
    });
    expect((await file.download())[0]).toEqual(data);
  });

  it('save({resumable:true}) starts a session and PUTs once; X-Upload-Content-Type sets the type', async () => {
    const data = randomBytes(70_000);
    const from = emu.requests.length;
    const file = storage.bucket('up').file('resumable/clip.mp4');
    await file.save(data, { resumable: true });
    expect(ops(from)).toEqual(['POST uploads.start 200', 'PUT uploads.put 200']);
    expect(emu.requests[from]!.headers['x-upload-content-type']).toBe('video/mp4');
    const [meta] = await file.getMetadata();
    expect(meta).toMatchObject({ size: '70000', contentType: 'video/mp4', md5Hash: md5Base64(data), crc32c: crc32cBase64(data) });
    // Validated download of what was uploaded.
    expect((await file.download())[0]).toEqual(data);
  });

  it('chunked resumable uploads get 308 with Range until the last chunk commits', async () => {
    const data = randomBytes(600 * 1024);
    const from = emu.requests.length;
    const file = storage.bucket('up').file('chunked.bin');
    await file.save(data, { resumable: true, chunkSize: 256 * 1024, validation: 'md5' });
    const puts = emu.requests.slice(from).filter((r) => r.op === 'uploads.put');
    expect(puts.map((r) => r.status)).toEqual([308, 308, 200]);
    expect(puts.map((r) => r.headers['content-range'])).toEqual(['bytes 0-262143/*', 'bytes 262144-524287/*', 'bytes 524288-614399/614400']);
    expect((await file.getMetadata())[0]).toMatchObject({ size: '614400', md5Hash: md5Base64(data) });
  });

  it('an overwrite makes a new generation; ifGenerationMatch:0 on an existing object is a 412', async () => {
    const file = storage.bucket('up').file('gen.txt');
    await file.save('one', { resumable: false });
    const [first] = await file.getMetadata();
    await file.save('two', { resumable: false });
    const [second] = await file.getMetadata();
    expect(BigInt(second.generation!)).toBeGreaterThan(BigInt(first.generation!));
    await expect(file.save('three', { resumable: false, preconditionOpts: { ifGenerationMatch: 0 } })).rejects.toMatchObject({
      code: 412, errors: [{ reason: 'conditionNotMet' }],
    });
    expect((await file.download())[0].toString()).toBe('two');
  });

  it('delete() removes the object (204); deleting it again is a 404', async () => {
    const file = storage.bucket('up').file('doomed.txt');
    await file.save('bye', { resumable: false });
    await file.delete();
    expect(emu.requests.at(-1)).toMatchObject({ method: 'DELETE', op: 'objects.delete', status: 204 });
    expect(await file.exists()).toEqual([false]);
    await expect(file.delete()).rejects.toMatchObject({ code: 404 });
  });

  it('uploading to a missing bucket is a 404', async () => {
    await expect(storage.bucket('nope').file('x.txt').save('x', { resumable: false })).rejects.toMatchObject({ code: 404 });
  });
});
