// The GCS origin with the real @google-cloud/storage SDK against the emulator over HTTP.

import { writeFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GcsOriginConfig } from '../../../shared/config.ts';
import { createGcsOrigin } from '../../../electron/core/origins/gcs-origin.ts';
import { guardLoopbackOnly, makeTestServiceAccountKey, startGcsEmulator, type GcsEmulator } from '../../support/gcs-emulator/index.ts';
import { originConformance } from './conformance.ts';

let emu: GcsEmulator;
let keyFile: string;
let guard: ReturnType<typeof guardLoopbackOnly>;
let bucketCount = 0;

beforeAll(async () => {
  guard = guardLoopbackOnly();
  emu = await startGcsEmulator();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'loupe-gcs-'));
  keyFile = path.join(dir, 'key.json');
  await writeFile(keyFile, JSON.stringify(makeTestServiceAccountKey({ clientEmail: 'reader@proj.iam.gserviceaccount.com' })));
});
afterAll(async () => {
  await emu.close();
  guard.restore();
  expect(guard.attempts).toEqual([]); // nothing ever tried to reach Google
});

function config(bucket: string, extra: Partial<GcsOriginConfig> = {}): GcsOriginConfig {
  return { id: 'g', type: 'gcs', bucket, prefix: '', keyFile, apiEndpoint: emu.url, timeoutMs: 3000, revalidateAfter: 60, ...extra };
}

originConformance('gcs', async () => {
  const bucket = `conf-${++bucketCount}`;
  const prefix = bucketCount % 2 ? 'assets/' : '';
  emu.seed(bucket, `${prefix}.keep`, '');
  return {
    origin: createGcsOrigin(config(bucket, { prefix })), lists: true,
    async put(key, data) {
      emu.seed(bucket, `${prefix}${key}`, data);
    },
    async putMany(entries) {
      for (const [k, d] of entries) emu.seed(bucket, `${prefix}${k}`, d);
    },
  };
});

describe('gcs origin', () => {
  it('uses the generation as version, honours the prefix and names bucket and full key', async () => {
    emu.seed('b1', 'assets/a.jpg', Buffer.from('x'), { contentType: 'image/jpeg', cacheControl: 'public, max-age=60' });
    const origin = createGcsOrigin(config('b1', { prefix: 'assets/' }));
    const meta = await origin.stat('a.jpg');
    expect(meta).toMatchObject({ size: 1, contentType: 'image/jpeg', cacheControl: 'public, max-age=60' });
    expect(meta!.version).toMatch(/^\d+$/);
    expect(origin.describe('a.jpg')).toBe('gs://b1/assets/a.jpg');
  });

  it('never asks for bucket metadata (Storage Object Viewer lacks storage.buckets.get)', async () => {
    emu.seed('b2', 'p.jpg', Buffer.from('y'));
    const origin = createGcsOrigin(config('b2'));
    await origin.stat('p.jpg');
    await origin.list!('');
    await origin.check();
    expect(emu.requests.filter((r) => r.op === 'buckets.get')).toEqual([]);
  });

  it('a 403 is an access error naming the service account and the missing permission', async () => {
    emu.seed('b3', 'p.jpg', Buffer.from('y'));
    emu.setIam('b3', { get: false });
    const origin = createGcsOrigin(config('b3'));
    await expect(origin.stat('p.jpg')).rejects.toMatchObject({ code: 'ORIGIN_ACCESS_DENIED', message: expect.stringContaining("Permission 'storage.objects.get' denied") });
    emu.setIam('b3', { get: true });
  });

  it('a 5xx storm waits at most timeoutMs in total, then fails as an origin error', async () => {
    emu.seed('b4', 'p.jpg', Buffer.from('y'));
    const fault = emu.inject({ kind: 'status', status: 503, match: { bucket: 'b4' } });
    const origin = createGcsOrigin(config('b4', { timeoutMs: 1500 }));
    const started = Date.now();
    await expect(origin.stat('p.jpg')).rejects.toMatchObject({ code: 'ORIGIN_UNREACHABLE' });
    expect(Date.now() - started).toBeLessThan(2500);
    fault.remove();
  });

  it('a body that stalls mid-way is aborted by the idle timeout instead of hanging', async () => {
    emu.seed('b5', 'big.bin', Buffer.alloc(200_000, 1));
    const fault = emu.inject({ kind: 'cut', afterBytes: 50_000, match: { bucket: 'b5', op: 'objects.media' } });
    const origin = createGcsOrigin(config('b5', { timeoutMs: 800 }));
    const { body } = await origin.read('big.bin');
    await expect((async () => {
      for await (const _ of body) void _;
    })()).rejects.toMatchObject({ code: 'ORIGIN_UNREACHABLE' });
    fault.remove();
  });

  it('check(): every row passes with a full Object Viewer key', async () => {
    emu.seed('ok-bucket', 'assets/first.jpg', Buffer.from('abcdefghijklmnopqrstuvwxyz'), { contentType: 'image/jpeg' });
    const result = await createGcsOrigin(config('ok-bucket', { prefix: 'assets/' })).check();
    expect(result.checks.map((c) => [c.name, c.ok])).toEqual([['Service-account key', true], ['Permissions', true], ['Listing', true], ['Reading', true]]);
    expect(result.ok).toBe(true);
    expect(result.checks[3]!.sample).toBe('first.jpg');
  });

  it('check(): a key without storage.objects.list names the permission, the fix and the IAM delay', async () => {
    emu.seed('nolist', 'a.jpg', Buffer.from('a'));
    emu.setIam('nolist', { list: false });
    const result = await createGcsOrigin(config('nolist')).check();
    expect(result.ok).toBe(false);
    const perms = result.checks.find((c) => c.name === 'Permissions')!;
    expect(perms.message).toContain('missing storage.objects.list');
    expect(perms.fix).toContain('roles/storage.objectViewer');
    expect(perms.fix).toContain('few minutes');
    expect(result.checks.find((c) => c.name === 'Listing')!.ok).toBe(false);
  });

  it('check(): a broken key stops at the first row with its specific message', async () => {
    const bad = path.join(path.dirname(keyFile), 'oauth.json');
    await writeFile(bad, JSON.stringify({ installed: { client_id: 'x' } }));
    const result = await createGcsOrigin(config('ok-bucket', { keyFile: bad })).check();
    expect(result.checks).toHaveLength(1);
    expect(result.checks[0]!.message).toContain('OAuth client file');
  });

  it('check(): a missing bucket says so', async () => {
    const result = await createGcsOrigin(config('no-such-bucket')).check();
    expect(result.checks.find((c) => c.name === 'Listing')!.message).toMatch(/does not exist|not found/i);
  });
});
