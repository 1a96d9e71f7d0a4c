// The emulator process itself: loopback-only binding, the DNS-rebinding Host guard, unknown routes,
// folder seeding, and close() with the SDK's keep-alive sockets still open.

import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { request } from '../support/http.ts';
import { createTestStorage, startGcsEmulator } from '../support/gcs-emulator/index.ts';

describe('gcs-emulator server', () => {
  it('refuses to bind anything but 127.0.0.1', async () => {
    for (const host of ['0.0.0.0', '::', '::1', 'localhost', '192.168.1.10', '']) {
      await expect(startGcsEmulator({ host })).rejects.toThrow(/host must be 127\.0\.0\.1/);
    }
    const emu = await startGcsEmulator({ host: '127.0.0.1' });
    expect(emu.url).toBe(`http://127.0.0.1:${emu.port}`);
    expect(emu.port).toBeGreaterThan(0);
    await emu.close();
  });

  it('dns-rebinding: a request whose Host is not the emulator is refused', async () => {
    const emu = await startGcsEmulator({ buckets: { imgs: {} } });
    emu.seed('imgs', 'secret.txt', 'secret');
    try {
      const evil = await request(emu.url, '/storage/v1/b/imgs/o/secret.txt?alt=media', { headers: { host: `evil.example:${emu.port}` } });
      expect(evil.status).toBe(403);
      expect(evil.text).not.toContain('secret"');
      const ok = await request(emu.url, '/storage/v1/b/imgs/o/secret.txt?alt=media', { headers: { host: `localhost:${emu.port}` } });
      expect(ok).toMatchObject({ status: 200, text: 'secret' });
    } finally {
      await emu.close();
    }
  });

  it('answers routes it does not emulate with a JSON 501, and bad encodings with 400', async () => {
    const emu = await startGcsEmulator({ buckets: { imgs: {} } });
    try {
      const res = await request(emu.url, '/storage/v1/b/imgs/acl');
      expect(res.status).toBe(501);
      expect(JSON.parse(res.text)).toMatchObject({ error: { code: 501, errors: [{ reason: 'notImplemented' }] } });
      expect((await request(emu.url, '/storage/v1/b/imgs/o/%E0%A4%A')).status).toBe(400);
      expect(emu.requests.map((r) => r.op)).toEqual([null, null]);
    } finally {
      await emu.close();
    }
  });

  it('seeds buckets from folders: nested names, content type by extension, symlinks skipped', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gcs-emu-seed-'));
    await mkdir(path.join(dir, 'a', 'b c'), { recursive: true });
    await writeFile(path.join(dir, 'logo.png'), 'png');
    await writeFile(path.join(dir, 'a', 'b c', 'clip.mp4'), 'mp4');
    await writeFile(path.join(dir, 'a', 'notes'), 'no extension');
    await symlink('/etc/hostname', path.join(dir, 'escape.txt'));
    const emu = await startGcsEmulator({ buckets: { site: { dir } } });
    try {
      const [files] = await createTestStorage(emu).bucket('site').getFiles();
      expect(files.map((f) => [f.name, f.metadata.contentType])).toEqual([
        ['a/b c/clip.mp4', 'video/mp4'],
        ['a/notes', 'application/octet-stream'],
        ['logo.png', 'image/png'],
      ]);
    } finally {
      await emu.close();
    }
  });

  it('close() resolves promptly although the SDK keeps sockets alive', async () => {
    const emu = await startGcsEmulator({ buckets: { imgs: {} } });
    emu.seed('imgs', 'a.txt', 'a');
    await createTestStorage(emu).bucket('imgs').file('a.txt').download();
    const t = Date.now();
    await emu.close();
    expect(Date.now() - t).toBeLessThan(1000);
  });
});
