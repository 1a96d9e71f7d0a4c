import { mkdtemp, mkdir, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFolderOrigin } from '../../../electron/core/origins/folder-origin.ts';
import { originConformance } from './conformance.ts';

async function makeFolder() {
  const root = await mkdtemp(path.join(os.tmpdir(), 'loupe-folder-'));
  const origin = createFolderOrigin({ id: 'f', type: 'folder', root, revalidateAfter: 60 });
  async function put(key: string, bytes: Buffer) {
    const file = path.join(root, key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes);
  }
  return {
    root, origin, lists: true,
    put,
    async putMany(entries: [string, Buffer][]) {
      for (const [k, b] of entries) await put(k, b);
    },
  };
}

originConformance('folder', makeFolder);

describe('folder origin security', () => {
  it('refuses a symlink that points outside the root (attack: symlink escape)', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'loupe-outside-'));
    await writeFile(path.join(outside, 'secret.txt'), 'secret');
    const f = await makeFolder();
    await symlink(path.join(outside, 'secret.txt'), path.join(f.root, 'link.txt'));
    await symlink(outside, path.join(f.root, 'linkdir'));
    expect(await f.origin.stat('link.txt')).toBeUndefined();
    expect(await f.origin.stat('linkdir/secret.txt')).toBeUndefined();
  });

  it('follows a symlink that stays inside the root', async () => {
    const f = await makeFolder();
    await f.put('real/a.txt', Buffer.from('ok'));
    await symlink(path.join(f.root, 'real'), path.join(f.root, 'alias'));
    expect((await f.origin.stat('alias/a.txt'))?.size).toBe(2);
  });

  it('reports a missing root in check()', async () => {
    const origin = createFolderOrigin({ id: 'x', type: 'folder', root: '/nonexistent/loupe', revalidateAfter: 60 });
    const check = await origin.check();
    expect(check.ok).toBe(false);
    expect(check.checks[0]!.message).toContain('/nonexistent/loupe');
  });
});
