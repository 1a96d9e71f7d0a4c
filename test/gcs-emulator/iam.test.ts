// Per-bucket IAM through the real SDK: testIamPermissions, the "role missing" 403s, buckets.get for
// a Storage Object Viewer, the caller named from a self-signed JWT, and realistic test keys.

import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Storage } from '@google-cloud/storage';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestStorage, guardLoopbackOnly, makeTestServiceAccountKey, startGcsEmulator, type GcsEmulator } from '../support/gcs-emulator/index.ts';

const EMAIL = 'viewer@loupe-demo.iam.gserviceaccount.com';
const PERMS = ['storage.objects.get', 'storage.objects.list'];

let emu: GcsEmulator;
let storage: Storage;
let guard: ReturnType<typeof guardLoopbackOnly>;

beforeAll(async () => {
  guard = guardLoopbackOnly();
  emu = await startGcsEmulator({ clientEmail: EMAIL, buckets: { imgs: {}, locked: { iam: { get: false, list: false } } } });
  emu.seed('imgs', 'cat.jpg', 'meow');
  emu.seed('locked', 'cat.jpg', 'meow');
  const dir = await mkdtemp(path.join(tmpdir(), 'gcs-emu-key-'));
  const keyFilename = path.join(dir, 'key.json');
  await writeFile(keyFilename, JSON.stringify(makeTestServiceAccountKey({ clientEmail: EMAIL }), null, 2));
  // A key file with a custom endpoint: parsed by the SDK, never used to sign or exchange a token.
  storage = createTestStorage(emu, { keyFilename });
});

beforeEach(() => {
  emu.setIam('imgs', { get: true, list: true, bucketsGet: false });
});

afterAll(async () => {
  await emu.close();
  guard.restore();
  expect(guard.attempts).toEqual([]);
});

describe('gcs-emulator IAM', () => {
  it('testIamPermissions reports both, one or none, sending repeated permissions= keys', async () => {
    const bucket = storage.bucket('imgs');
    expect((await bucket.iam.testPermissions(PERMS))[0]).toEqual({ 'storage.objects.get': true, 'storage.objects.list': true });
    expect(emu.requests.at(-1)!.query.getAll('permissions')).toEqual(PERMS);

    emu.setIam('imgs', { list: false });
    expect((await bucket.iam.testPermissions(PERMS))[0]).toEqual({ 'storage.objects.get': true, 'storage.objects.list': false });

    emu.setIam('imgs', { get: false });
    const [none, raw] = await bucket.iam.testPermissions(PERMS);
    expect(none).toEqual({ 'storage.objects.get': false, 'storage.objects.list': false });
    // Google omits `permissions` entirely when nothing is held.
    expect(raw).toEqual({ kind: 'storage#testIamPermissionsResponse' });
  });

  it('rejects project-level permissions on a bucket', async () => {
    await expect(storage.bucket('imgs').iam.testPermissions(['storage.buckets.list'])).rejects.toMatchObject({ code: 400 });
  });

  it('a key without storage.objects.list gets GCS\'s 403 shape and message on list', async () => {
    const err = await storage.bucket('locked').getFiles({ maxResults: 1 }).catch((e: unknown) => e);
    const message = `${EMAIL} does not have storage.objects.list access to the Google Cloud Storage bucket. ` +
      "Permission 'storage.objects.list' denied on resource (or it may not exist).";
    expect(err).toMatchObject({ code: 403, message, errors: [{ message, domain: 'global', reason: 'forbidden' }] });
    // 403 is not retried: one request only.
    expect(emu.requests.filter((r) => r.bucket === 'locked' && r.op === 'objects.list')).toHaveLength(1);
  });

  it('a key without storage.objects.get gets a JSON 403 on metadata and a plain-text 403 on media', async () => {
    const message = `${EMAIL} does not have storage.objects.get access to the Google Cloud Storage object. ` +
      "Permission 'storage.objects.get' denied on resource (or it may not exist).";
    const file = storage.bucket('locked').file('cat.jpg');
    await expect(file.getMetadata()).rejects.toMatchObject({ code: 403, message, errors: [{ reason: 'forbidden' }] });
    await expect(file.download()).rejects.toMatchObject({ code: 403, message, errors: [] });
    await expect(file.exists()).rejects.toMatchObject({ code: 403 });
  });

  it('never serves bucket metadata without storage.buckets.get (the viewer default)', async () => {
    const bucket = storage.bucket('imgs');
    await expect(bucket.getMetadata()).rejects.toMatchObject({
      code: 403,
      message: `${EMAIL} does not have storage.buckets.get access to the Google Cloud Storage bucket. Permission 'storage.buckets.get' denied on resource (or it may not exist).`,
    });
    // exists() maps only 404 to false, so a viewer key makes it throw.
    await expect(bucket.exists()).rejects.toMatchObject({ code: 403 });
    emu.setIam('imgs', { bucketsGet: true });
    const [meta] = await bucket.getMetadata();
    expect(meta).toMatchObject({ kind: 'storage#bucket', name: 'imgs', metageneration: '1' });
    expect(await storage.bucket('no-such-bucket').exists()).toEqual([false]);
  });

  it('the cheapest connection probe is one list request and no bucket metadata call', async () => {
    emu.requests.length = 0;
    await storage.bucket('imgs').getFiles({ maxResults: 1, autoPaginate: false });
    expect(emu.requests.map((r) => `${r.method} ${r.op} ${r.query}`)).toEqual(['GET objects.list maxResults=1']);
    expect(emu.requests.some((r) => r.op === 'buckets.get')).toBe(false);
    expect(emu.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('names the caller from a self-signed JWT when the SDK authenticates to the emulator', async () => {
    const other = 'other-sa@elsewhere.iam.gserviceaccount.com';
    const authed = createTestStorage(emu, { credentials: makeTestServiceAccountKey({ clientEmail: other }), useAuthWithCustomEndpoint: true });
    // A self-signed JWT is signed locally; without this google-auth-library posts to googleapis.com.
    authed.authClient.useJWTAccessWithScope = true;
    await expect(authed.bucket('locked').getFiles({ maxResults: 1 })).rejects.toMatchObject({
      code: 403, message: expect.stringMatching(new RegExp(`^${other} does not have storage.objects.list access`)),
    });
    expect(emu.requests.at(-1)!.headers.authorization).toMatch(/^Bearer ey/);
  });

  it('SDK 7 ignores token_uri: forcing auth without a self-signed JWT tries to reach Google', async () => {
    const key = makeTestServiceAccountKey({ clientEmail: EMAIL, tokenUri: `${emu.url}/token` });
    const forced = createTestStorage(emu, { credentials: key, useAuthWithCustomEndpoint: true, retryOptions: { autoRetry: false } });
    await expect(forced.bucket('imgs').getFiles({ maxResults: 1 })).rejects.toMatchObject({ message: expect.stringContaining('www.googleapis.com') });
    // gtoken 7 posts to www.googleapis.com/oauth2/v4/token whatever the key says; the guard refused it.
    const attempts = guard.attempts.splice(0);
    expect(attempts.length).toBeGreaterThan(0);
    expect(new Set(attempts)).toEqual(new Set(['www.googleapis.com:443']));
    expect(emu.requests.some((r) => r.op === 'oauth.token' || (r.op === 'objects.list' && r.bucket === 'imgs' && r.headers.authorization !== undefined))).toBe(false);
  });

  it('mints a token at /token for clients that honour the key\'s token_uri', async () => {
    const assertion = `e30.${Buffer.from(JSON.stringify({ iss: EMAIL })).toString('base64url')}.sig`;
    const res = await fetch(`${emu.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
    });
    const token = (await res.json()) as { access_token: string; token_type: string };
    expect(token.token_type).toBe('Bearer');
    const denied = await fetch(`${emu.url}/storage/v1/b/locked/o`, { headers: { authorization: `Bearer ${token.access_token}` } });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: { message: string } }).error.message).toMatch(new RegExp(`^${EMAIL} `));
    const anyToken = await fetch(`${emu.url}/storage/v1/b/imgs/o`, { headers: { authorization: 'Bearer whatever' } });
    expect(anyToken.status).toBe(200);
  });

  it('makeTestServiceAccountKey produces a key that parses and signs like a downloaded one', () => {
    const key = makeTestServiceAccountKey({ clientEmail: EMAIL, tokenUri: `${emu.url}/token` });
    expect(key).toMatchObject({ type: 'service_account', client_email: EMAIL, project_id: 'loupe-demo', token_uri: `${emu.url}/token` });
    expect(key.private_key_id).toMatch(/^[0-9a-f]{40}$/);
    expect(key.client_id).toMatch(/^\d{21}$/);
    expect(key.private_key).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n$/);
    const pk = createPrivateKey({ key: key.private_key, format: 'pem' });
    expect(pk.asymmetricKeyType).toBe('rsa');
    expect(pk.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const probe = Buffer.from('probe');
    expect(verify('sha256', probe, createPublicKey(pk), sign('sha256', probe, pk))).toBe(true);
  });
});
