// objects.list through the real SDK over 2,500 awkward names: byte order, paging, prefixes, maxResults.

import { Storage } from '@google-cloud/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStorage, guardLoopbackOnly, startGcsEmulator, type GcsEmulator } from '../support/gcs-emulator/index.ts';

// Spaces, "+", "%", accents, fullwidth forms and an astral emoji: UTF-16 order puts "😀" (0xD83D…)
// before "ｆ" (0xFF46); UTF-8 byte order (what GCS uses) puts it after.
const DIRS = ['photos/', 'photos/2024 trip/', 'a+b/', '100%/', 'é/', 'ｆｕｌｌ/', '😀/', 'x%2Fy/', ''];
const STEMS = ['cat photo', 'c+d', '50% off', 'naïve', 'ｆ', '😀', 'z'];
const NAMES = Array.from({ length: 2500 }, (_, i) => `${DIRS[i % DIRS.length]}${STEMS[i % STEMS.length]} ${i}.jpg`);
const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));
const SORTED = [...NAMES].sort(byteOrder);

let emu: GcsEmulator;
let storage: Storage;
let guard: ReturnType<typeof guardLoopbackOnly>;

beforeAll(async () => {
  guard = guardLoopbackOnly();
  emu = await startGcsEmulator({ buckets: { many: {}, docs: {} } });
  for (const n of NAMES) emu.seed('many', n, n);
  for (const n of ['a/b', 'a/c', 'd', 'e', 'e/f', 'e/g/h']) emu.seed('docs', n, n);
  storage = createTestStorage(emu);
});

afterAll(async () => {
  await emu.close();
  guard.restore();
  expect(guard.attempts).toEqual([]);
});

function listCalls(): number {
  return emu.requests.filter((r) => r.op === 'objects.list').length;
}

describe('gcs-emulator listing', () => {
  it('auto-paginates 2,500 objects in UTF-8 byte order, 1,000 per page', async () => {
    expect([...NAMES].sort()).not.toEqual(SORTED); // the test data really separates the two orders
    const before = listCalls();
    const [files] = await storage.bucket('many').getFiles();
    expect(files.map((f) => f.name)).toEqual(SORTED);
    expect(listCalls() - before).toBe(3);
    expect(files[0]!.metadata).toMatchObject({ size: String(Buffer.byteLength(SORTED[0]!)), kind: 'storage#object' });
  });

  it('pages by hand with maxResults, autoPaginate:false and opaque page tokens', async () => {
    const seen: string[] = [];
    let query: Record<string, unknown> | null = { maxResults: 700, autoPaginate: false };
    let pages = 0;
    while (query) {
      const [files, next, raw] = (await storage.bucket('many').getFiles(query)) as unknown as [{ name: string }[], Record<string, unknown> | null, { nextPageToken?: string }];
      pages++;
      expect(files.length).toBe(pages < 4 ? 700 : 400);
      seen.push(...files.map((f) => f.name));
      // Opaque: not simply the next object's name (fake-gcs-server's shortcut).
      if (raw.nextPageToken) expect(NAMES).not.toContain(raw.nextPageToken);
      query = next;
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(SORTED);
  });

  it('a numeric maxResults makes exactly one request even without autoPaginate:false', async () => {
    const before = listCalls();
    const [files] = await storage.bucket('many').getFiles({ maxResults: 5 });
    expect(files.map((f) => f.name)).toEqual(SORTED.slice(0, 5));
    expect(listCalls() - before).toBe(1);
  });

  it('collapses names at the delimiter into prefixes and counts both toward maxResults', async () => {
    const items: string[] = [];
    const prefixes: string[] = [];
    let query: Record<string, unknown> | null = { delimiter: '/', maxResults: 4, autoPaginate: false };
    while (query) {
      const [files, next, raw] = (await storage.bucket('many').getFiles(query)) as unknown as [{ name: string }[], Record<string, unknown> | null, { prefixes?: string[] }];
      const count = files.length + (raw.prefixes?.length ?? 0);
      expect(count).toBeLessThanOrEqual(4);
      if (next) expect(count).toBe(4);
      items.push(...files.map((f) => f.name));
      prefixes.push(...(raw.prefixes ?? []));
      query = next;
    }
    const top = SORTED.filter((n) => !n.includes('/'));
    expect(items).toEqual(top);
    expect(prefixes).toEqual(['100%/', 'a+b/', 'photos/', 'x%2Fy/', 'é/', 'ｆｕｌｌ/', '😀/']);
  });

  it('filters by prefix with nested prefixes, including unicode and "+" in the prefix', async () => {
    const [files, , raw] = (await storage.bucket('many').getFiles({ prefix: 'photos/', delimiter: '/', autoPaginate: false })) as unknown as [{ name: string }[], unknown, { prefixes?: string[] }];
    expect(files.map((f) => f.name)).toEqual(SORTED.filter((n) => n.startsWith('photos/') && !n.slice(7).includes('/')));
    expect(raw.prefixes).toEqual(['photos/2024 trip/']);
    const [plus] = await storage.bucket('many').getFiles({ prefix: 'a+b/c+d' });
    expect(plus.map((f) => f.name)).toEqual(SORTED.filter((n) => n.startsWith('a+b/c+d')));
    expect(plus.length).toBeGreaterThan(0);
    const [emoji] = await storage.bucket('many').getFiles({ prefix: '😀/😀' });
    expect(emoji.map((f) => f.name)).toEqual(SORTED.filter((n) => n.startsWith('😀/😀')));
    expect(emoji.length).toBeGreaterThan(0);
  });

  it('follows the GCS docs example for prefix and delimiter', async () => {
    const list = async (q: Record<string, unknown>): Promise<{ items: string[]; prefixes: string[] }> => {
      const [files, , raw] = (await storage.bucket('docs').getFiles({ ...q, autoPaginate: false })) as unknown as [{ name: string }[], unknown, { prefixes?: string[] }];
      return { items: files.map((f) => f.name), prefixes: raw.prefixes ?? [] };
    };
    expect(await list({ delimiter: '/' })).toEqual({ items: ['d', 'e'], prefixes: ['a/', 'e/'] });
    expect(await list({ delimiter: '/', prefix: 'e/' })).toEqual({ items: ['e/f'], prefixes: ['e/g/'] });
    emu.seed('docs', 'e/', '');
    expect(await list({ delimiter: '/', prefix: 'e/' })).toEqual({ items: ['e/', 'e/f'], prefixes: ['e/g/'] });
    expect(await list({ delimiter: '/', includeTrailingDelimiter: true })).toEqual({ items: ['d', 'e', 'e/'], prefixes: ['a/', 'e/'] });
    expect(await list({ startOffset: 'a/c', endOffset: 'e/' })).toEqual({ items: ['a/c', 'd', 'e'], prefixes: [] });
  });

  it('rejects a forged page token and a missing bucket with JSON errors', async () => {
    await expect(storage.bucket('many').getFiles({ pageToken: 'not-a-token', autoPaginate: false })).rejects.toMatchObject({ code: 400, message: 'Invalid page token' });
    await expect(storage.bucket('absent').getFiles()).rejects.toMatchObject({ code: 404, message: 'The specified bucket does not exist.' });
  });
});
