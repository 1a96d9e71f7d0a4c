// Fault injection against the real SDK: retried 503s and dropped sockets, non-retried statuses,
// wrong X-Goog-Hash values, delays, and a media body cut mid-stream (SDK v7 stalls on it).

import type { Readable } from 'node:stream';
import { Storage } from '@google-cloud/storage';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestStorage, guardLoopbackOnly, startGcsEmulator, type GcsEmulator } from '../support/gcs-emulator/index.ts';

const BIG = Buffer.alloc(200_000, 7);

let emu: GcsEmulator;
let storage: Storage;
let guard: ReturnType<typeof guardLoopbackOnly>;

beforeAll(async () => {
  guard = guardLoopbackOnly();
  emu = await startGcsEmulator({ buckets: { imgs: {} } });
  emu.seed('imgs', 'big.bin', BIG);
  emu.seed('imgs', 'small.txt', 'small');
  // This file never saves, so the retry delay can go below the 1 s that file.save() needs.
  storage = createTestStorage(emu, { retryOptions: { maxRetryDelay: 0.05, totalTimeout: 20 } });
});

afterEach(() => emu.clearFaults());

afterAll(async () => {
  await emu.close();
  guard.restore();
  expect(guard.attempts).toEqual([]);
});

const statuses = (from: number): (number | undefined)[] => emu.requests.slice(from).map((r) => r.status);

/** Collects a stream until it ends, errors, or stays silent for `quietMs`. */
function observe(rs: Readable, quietMs: number): Promise<{ bytes: number; outcome: 'end' | 'error' | 'stalled'; error?: unknown }> {
  return new Promise((resolve) => {
    let bytes = 0;
    let timer = setTimeout(() => finish('stalled'), quietMs);
    const finish = (outcome: 'end' | 'error' | 'stalled', error?: unknown): void => {
      clearTimeout(timer);
      rs.removeAllListeners('data');
      if (outcome === 'stalled') rs.destroy();
      resolve({ bytes, outcome, ...(error ? { error } : {}) });
    };
    rs.on('data', (c: Buffer) => {
      bytes += c.length;
      clearTimeout(timer);
      timer = setTimeout(() => finish('stalled'), quietMs);
    });
    rs.once('end', () => finish('end'));
    rs.once('error', (e) => finish('error', e));
  });
}

describe('gcs-emulator faults', () => {
  it('a 503 twice then success: the SDK retries and the download succeeds on the third attempt', async () => {
    const handle = emu.inject({ kind: 'status', status: 503, times: 2, match: { op: 'objects.media' } });
    const from = emu.requests.length;
    const [buf] = await storage.bucket('imgs').file('big.bin').download();
    expect(buf).toEqual(BIG);
    expect(statuses(from)).toEqual([503, 503, 200]);
    expect(handle.hits).toBe(2);
  });

  it('a 503 on list uses the JSON error shape and is retried too', async () => {
    emu.inject({ kind: 'status', status: 503, times: 1, match: { op: 'objects.list' } });
    const from = emu.requests.length;
    const [files] = await storage.bucket('imgs').getFiles();
    expect(files.map((f) => f.name)).toEqual(['big.bin', 'small.txt']);
    expect(statuses(from)).toEqual([503, 200]);
  });

  it('429 is retried; a non-retryable injected status fails at once with that code and message', async () => {
    emu.inject({ kind: 'status', status: 429, times: 1 });
    const from = emu.requests.length;
    const [meta] = await storage.bucket('imgs').file('small.txt').getMetadata(); // 429 is retried
    expect(meta.name).toBe('small.txt');
    expect(statuses(from)).toEqual([429, 200]);
    emu.inject({ kind: 'status', status: 401, times: 1, message: 'Login Required' });
    const before = emu.requests.length;
    await expect(storage.bucket('imgs').file('small.txt').getMetadata()).rejects.toMatchObject({ code: 401, message: 'Login Required' });
    expect(statuses(before)).toEqual([401]);
  });

  it('a dropped connection is retried like a network error', async () => {
    emu.inject({ kind: 'drop', times: 1, match: { op: 'objects.get', object: 'small.txt' } });
    const from = emu.requests.length;
    const [meta] = await storage.bucket('imgs').file('small.txt').getMetadata();
    expect(meta.size).toBe('5');
    expect(statuses(from)).toEqual([0, 200]);
  });

  it('wrong hashes in X-Goog-Hash make validated downloads fail, once, without retry', async () => {
    emu.inject({ kind: 'wrongHash' });
    const from = emu.requests.length;
    await expect(storage.bucket('imgs').file('big.bin').download()).rejects.toMatchObject({ code: 'CONTENT_DOWNLOAD_MISMATCH' });
    expect(statuses(from)).toEqual([200]);
    // With validation off, or on a range (never validated), the same response is accepted.
    expect((await storage.bucket('imgs').file('big.bin').download({ validation: false }))[0]).toEqual(BIG);
    expect((await storage.bucket('imgs').file('big.bin').download({ start: 0, end: 9 }))[0]).toEqual(BIG.subarray(0, 10));
  });

  it('a wrong md5 alone only trips md5 validation', async () => {
    emu.inject({ kind: 'wrongHash', hash: 'md5' });
    const file = storage.bucket('imgs').file('small.txt');
    expect((await file.download())[0].toString()).toBe('small');
    await expect(file.download({ validation: 'md5' })).rejects.toMatchObject({ code: 'CONTENT_DOWNLOAD_MISMATCH' });
  });

  it('delays apply per route: metadata is slow, media is not', async () => {
    emu.inject({ kind: 'delay', ms: 500, match: { op: 'objects.get' } });
    let t = Date.now();
    await storage.bucket('imgs').file('small.txt').getMetadata();
    expect(Date.now() - t).toBeGreaterThanOrEqual(490);
    t = Date.now();
    await storage.bucket('imgs').file('small.txt').download();
    expect(Date.now() - t).toBeLessThan(400);
  });

  it('a body cut mid-stream: SDK 7.x neither ends nor errors, it stalls after the bytes sent', async () => {
    emu.inject({ kind: 'cut', afterBytes: 50_000, times: 1 });
    const result = await observe(storage.bucket('imgs').file('big.bin').createReadStream(), 1500);
    // gcs-json-api.md §4.3: v7 hangs forever here (v8 rejects with ECONNRESET "aborted"). Callers need their own timeout.
    expect(result).toMatchObject({ bytes: 50_000, outcome: 'stalled' });
    expect(emu.requests.at(-1)).toMatchObject({ op: 'objects.media', status: 200 });
    // The fault was used up: the next download is whole and validated.
    expect((await storage.bucket('imgs').file('big.bin').download())[0]).toEqual(BIG);
  });

  it('clearFaults() removes faults that had no use limit', async () => {
    emu.inject({ kind: 'status', status: 500, match: { bucket: 'imgs' } });
    emu.clearFaults();
    expect((await storage.bucket('imgs').file('small.txt').download())[0].toString()).toBe('small');
  });
});
