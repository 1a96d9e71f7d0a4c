// The desktop SecretBox on safeStorage's async API: honest about basic_text, ciphertext on disk in one
// 0600 file, session secrets in memory only, and re-sealing when safeStorage asks for it.

import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSafeStorageSecretBox, type AsyncSafeStorage } from '../../electron/main/safe-storage-box.ts';

/** Encrypts as `<key>:<base64>` so the file never holds the plaintext and a key rotation is visible. */
function fakeSafeStorage(backend: string, opts: { available?: boolean } = {}) {
  const s = {
    key: 'k1',
    available: opts.available ?? true,
    backend,
    decrypts: 0,
    async isAsyncEncryptionAvailable() {
      return s.available;
    },
    getSelectedStorageBackend: () => s.backend,
    async encryptStringAsync(plain: string) {
      return Buffer.from(`${s.key}:${Buffer.from(plain).toString('base64')}`);
    },
    async decryptStringAsync(buf: Buffer) {
      s.decrypts++;
      const [key, body] = buf.toString().split(':');
      if (key !== 'k1' && key !== 'k2') throw new Error('Error while decrypting the ciphertext');
      return { result: Buffer.from(body ?? '', 'base64').toString(), shouldReEncrypt: key !== s.key };
    },
  };
  return s satisfies AsyncSafeStorage;
}

let dir: string;
const log = { warn: vi.fn() };
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'loupe-secrets-'));
  log.warn.mockReset();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const readSecrets = async () => JSON.parse(await readFile(path.join(dir, 'secrets'), 'utf8')) as { backend: string; entries: Record<string, string> };

describe('safeStorage SecretBox', () => {
  it('basic_text reports protectedAtRest: false and warns', async () => {
    const box = await createSafeStorageSecretBox({ safeStorage: fakeSafeStorage('basic_text'), dir, platform: 'linux', log });
    expect(box.protectedAtRest).toBe(false);
    expect(box.backend).toBe('basic_text');
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('basic_text'));
  });

  it('a keyring backend (gnome_libsecret) is protected at rest, without a warning', async () => {
    const box = await createSafeStorageSecretBox({ safeStorage: fakeSafeStorage('gnome_libsecret'), dir, platform: 'linux', log });
    expect(box).toMatchObject({ protectedAtRest: true, backend: 'gnome_libsecret' });
    expect(log.warn).not.toHaveBeenCalled();
    const mac = await createSafeStorageSecretBox({ safeStorage: fakeSafeStorage('unknown'), dir, platform: 'darwin', log });
    expect(mac).toMatchObject({ protectedAtRest: true, backend: 'keychain' });
  });

  it('encrypts persisted secrets into <userData>/secrets (0600, no plaintext) and decrypts them after a restart', async () => {
    const safeStorage = fakeSafeStorage('basic_text');
    const box = await createSafeStorageSecretBox({ safeStorage, dir, platform: 'linux', log });
    await box.set('gcs-key:photos', '{"private_key":"-----BEGIN PRIVATE KEY-----"}', true);
    const file = path.join(dir, 'secrets');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('BEGIN PRIVATE KEY');
    expect(Object.keys((await readSecrets()).entries)).toEqual(['gcs-key:photos']);

    const restarted = await createSafeStorageSecretBox({ safeStorage, dir, platform: 'linux', log });
    expect(await restarted.get('gcs-key:photos')).toBe('{"private_key":"-----BEGIN PRIVATE KEY-----"}');
    expect(await restarted.where('gcs-key:photos')).toBe('persisted');
    await restarted.delete('gcs-key:photos');
    expect(await restarted.get('gcs-key:photos')).toBeUndefined();
    expect((await readSecrets()).entries).toEqual({});
  });

  it('session-only secrets never touch the disk and are gone after a restart', async () => {
    const safeStorage = fakeSafeStorage('basic_text');
    const box = await createSafeStorageSecretBox({ safeStorage, dir, platform: 'linux', log });
    await box.set('signing-private-key', 'private_secret', false);
    expect(await box.get('signing-private-key')).toBe('private_secret');
    expect(await box.where('signing-private-key')).toBe('session');
    await expect(stat(path.join(dir, 'secrets'))).rejects.toThrow();
    const restarted = await createSafeStorageSecretBox({ safeStorage, dir, platform: 'linux', log });
    expect(await restarted.get('signing-private-key')).toBeUndefined();
  });

  it('re-seals an entry when decryptStringAsync says shouldReEncrypt', async () => {
    const safeStorage = fakeSafeStorage('gnome_libsecret');
    const box = await createSafeStorageSecretBox({ safeStorage, dir, platform: 'linux', log });
    await box.set('a', 'value-a', true);
    expect((await readSecrets()).entries.a).toBe(Buffer.from(`k1:${Buffer.from('value-a').toString('base64')}`).toString('base64'));
    safeStorage.key = 'k2'; // the key was rotated
    expect(await box.get('a')).toBe('value-a');
    expect(Buffer.from((await readSecrets()).entries.a!, 'base64').toString()).toMatch(/^k2:/);
    expect(await box.get('a')).toBe('value-a'); // now without another re-seal
  });

  it('an entry the keyring can no longer open reads as absent (and stays in the file)', async () => {
    await writeFile(path.join(dir, 'secrets'), JSON.stringify({ version: 1, backend: 'kwallet5', entries: { old: Buffer.from('other-key:xyz').toString('base64') } }));
    const box = await createSafeStorageSecretBox({ safeStorage: fakeSafeStorage('gnome_libsecret'), dir, platform: 'linux', log });
    expect(await box.get('old')).toBeUndefined();
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('cannot be decrypted'));
    expect(Object.keys((await readSecrets()).entries)).toEqual(['old']);
  });

  it('concurrent saves all land (writes are serialized)', async () => {
    const box = await createSafeStorageSecretBox({ safeStorage: fakeSafeStorage('gnome_libsecret'), dir, platform: 'linux', log });
    await Promise.all(Array.from({ length: 10 }, (_, i) => box.set(`s${i}`, `v${i}`, true)));
    expect(Object.keys((await readSecrets()).entries).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `s${i}`).sort());
  });

  it('without any encryption it falls back to the honest 0600 file store', async () => {
    const box = await createSafeStorageSecretBox({ safeStorage: fakeSafeStorage('basic_text', { available: false }), dir, platform: 'linux', log });
    expect(box).toMatchObject({ protectedAtRest: false, backend: 'file' });
    expect(log.warn).toHaveBeenCalled();
  });
});
