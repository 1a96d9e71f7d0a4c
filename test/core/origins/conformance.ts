// The origin conformance suite: every adapter (folder, web, gcs) must pass the same cases.

import { describe, expect, it } from 'vitest';
import type { Origin } from '../../../electron/core/origins/types.ts';

export interface OriginFixture {
  origin: Origin;
  /** Creates or replaces an object. */
  put(key: string, data: Buffer): Promise<void>;
  /** Creates many objects at once (fast paths for seeding). */
  putMany(entries: [string, Buffer][]): Promise<void>;
  /** Whether listing is expected to work. */
  lists: boolean;
}

async function readAll(origin: Origin, key: string, range?: { start: number; end: number }): Promise<Buffer> {
  const { body } = await origin.read(key, range);
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export function originConformance(name: string, setup: () => Promise<OriginFixture>): void {
  describe(`${name} origin conformance`, () => {
    const data = Buffer.from('0123456789abcdefghij');

    it('finds an object with size, content type and version', async () => {
      const f = await setup();
      await f.put('dir/photo.jpg', data);
      const meta = await f.origin.stat('dir/photo.jpg');
      expect(meta).toMatchObject({ size: 20, contentType: 'image/jpeg' });
      expect(meta!.version).toBeTruthy();
      expect((await readAll(f.origin, 'dir/photo.jpg')).equals(data)).toBe(true);
    });

    it('answers not-found as undefined, not as an error', async () => {
      const f = await setup();
      expect(await f.origin.stat('missing.jpg')).toBeUndefined();
      expect(await f.origin.stat('dir/')).toBeUndefined();
    });

    it('reads byte ranges', async () => {
      const f = await setup();
      await f.put('r.bin', data);
      expect((await readAll(f.origin, 'r.bin', { start: 2, end: 5 })).toString()).toBe('2345');
      expect((await readAll(f.origin, 'r.bin', { start: 15, end: 19 })).toString()).toBe('fghij');
    });

    it('changes the version when the object changes', async () => {
      const f = await setup();
      await f.put('v.txt', Buffer.from('one'));
      const v1 = (await f.origin.stat('v.txt'))!.version;
      await new Promise((r) => setTimeout(r, 20));
      await f.put('v.txt', Buffer.from('two!'));
      const v2 = (await f.origin.stat('v.txt'))!.version;
      expect(v2).not.toBe(v1);
    });

    it('serves names with spaces, unicode, + and %', async () => {
      const f = await setup();
      for (const key of ['a b.png', 'é/ü ñ.jpg', 'plus+sign.jpg', '100%.jpg']) {
        await f.put(key, data);
        expect((await f.origin.stat(key))?.size, key).toBe(20);
      }
    });

    it('lists folders and objects', async () => {
      const f = await setup();
      if (!f.lists) return;
      await f.put('list/a.jpg', data);
      await f.put('list/b.png', data);
      await f.put('list/sub/c.gif', data);
      const page = await f.origin.list!('list/');
      expect(page.objects.map((o) => o.name)).toEqual(['list/a.jpg', 'list/b.png']);
      expect(page.folders).toEqual(['list/sub/']);
    });

    it('pages through 2,500 objects with spaces, unicode, + and % in their names', async () => {
      const f = await setup();
      if (!f.lists) return;
      const names = Array.from({ length: 2500 }, (_, i) => `many/${['a b', 'é', 'x+y', '100%', '日本'][i % 5]}-${String(i).padStart(4, '0')}.jpg`);
      await f.putMany(names.map((n) => [n, data]));
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await f.origin.list!('many/', cursor);
        seen.push(...page.objects.map((o) => o.name));
        cursor = page.cursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBeGreaterThan(1);
      expect(seen.length).toBe(2500);
      expect(new Set(seen)).toEqual(new Set(names));
    }, 60_000);

    it('refuses traversal keys as not-found (attack: dot-dot, NUL, backslash, absolute)', async () => {
      const f = await setup();
      await f.put('safe.txt', data);
      for (const key of ['../safe.txt', 'x/../../safe.txt', '../../../../etc/passwd', 'safe.txt\0.jpg', '..\\..\\etc\\passwd', '/etc/passwd'.slice(1).replace('etc', '../etc')]) {
        expect(await f.origin.stat(key), JSON.stringify(key)).toBeUndefined();
      }
    });
  });
}
