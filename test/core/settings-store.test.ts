// Settings on disk: conf in the data folder (migrations run once and are idempotent), and the
// headless config file rewritten atomically.

import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/settings/migrations.ts';
import { createConfStore, createFileStore } from '../../electron/core/settings/store.ts';

describe('settings store', () => {
  it('migrates settings written by a pre-release build: the signing key leaves the settings file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'loupe-settings-'));
    await writeFile(path.join(dir, 'config.json'), JSON.stringify({ signing: { privateKey: 'old-secret-key' }, origins: 'broken' }));
    const store = createConfStore(dir);
    expect(await store.load()).toMatchObject({ signing: {}, origins: [], endpoints: [] });
    expect(await readFile(path.join(dir, 'config.json'), 'utf8')).not.toContain('old-secret-key');
  });

  it('migrations are idempotent', () => {
    const data = new Map<string, unknown>([['signing', { privateKey: 'k' }]]);
    const store = { get: (k: string) => data.get(k), set: (k: string, v: unknown) => void data.set(k, v), has: (k: string) => data.has(k) };
    for (const m of Object.values(MIGRATIONS)) {
      m(store);
      m(store);
    }
    expect(Object.fromEntries(data)).toEqual({ signing: {}, origins: [], endpoints: [] });
  });

  it('saves only config keys (never conf bookkeeping) and loads them back', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'loupe-settings-'));
    const store = createConfStore(dir);
    await store.save({ origins: [{ id: 'a', type: 'folder', root: '/x' }], endpoints: [], images: { avif: true } });
    const again = createConfStore(dir);
    const loaded = await again.load();
    expect(loaded).toEqual({ origins: [{ id: 'a', type: 'folder', root: '/x' }], endpoints: [], images: { avif: true } });
    expect(loaded).not.toHaveProperty('__internal__');
  });

  it('the headless config file is rewritten atomically, leaving no temp files', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'loupe-settings-'));
    const file = path.join(dir, 'loupe.json');
    await writeFile(file, '{"origins":[]}');
    const store = createFileStore(file);
    await store.save({ origins: [], endpoints: [], server: { port: 0 } });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ origins: [], endpoints: [], server: { port: 0 } });
    expect(await readdir(dir)).toEqual(['loupe.json']);
  });
});
