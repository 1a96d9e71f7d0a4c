import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheId, createDiskCache } from '../../../electron/core/cache/disk-cache.ts';
import { SingleFlight } from '../../../electron/core/cache/single-flight.ts';

const meta = (key: string) => ({ kind: 'result' as const, origin: 'o', key, version: '1', contentType: 'image/webp' });

const ID = { x1: cacheId(['x1']), bad1: cacheId(['bad1']), t1: cacheId(['t1']) };

async function tmp() {
  return mkdtemp(path.join(os.tmpdir(), 'loupe-cache-'));
}

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(path.join(e.parentPath, e.name));
  return out;
}

describe('disk cache', () => {
  it('stores, reads back and survives a restart', async () => {
    const dir = await tmp();
    const a = await createDiskCache({ dir, maxBytes: 10_000_000 });
    await a.put(ID.x1, meta('a.jpg'), Buffer.from('hello'));
    expect((await a.get(ID.x1))?.body.toString()).toBe('hello');
    const b = await createDiskCache({ dir, maxBytes: 10_000_000 });
    expect(b.stats().entries).toBe(1);
    expect((await b.get(ID.x1))?.meta.key).toBe('a.jpg');
  });

  it('detects an entry damaged on disk, drops it and reports a miss', async () => {
    const dir = await tmp();
    const c = await createDiskCache({ dir, maxBytes: 10_000_000, memoryBytes: 0 });
    await c.put(ID.bad1, meta('a.jpg'), Buffer.alloc(1000, 7));
    const [file] = (await allFiles(dir)).filter((f) => f.includes(ID.bad1));
    const bytes = await readFile(file!);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    await writeFile(file!, bytes);
    expect(await c.get(ID.bad1)).toBeUndefined();
    expect(c.peek(ID.bad1)).toBeUndefined();
    expect((await allFiles(dir)).some((f) => f.includes(ID.bad1))).toBe(false);
  });

  it('drops truncated entries when rebuilding the index', async () => {
    const dir = await tmp();
    const c = await createDiskCache({ dir, maxBytes: 10_000_000 });
    await c.put(ID.t1, meta('a.jpg'), Buffer.alloc(5000, 1));
    const [file] = (await allFiles(dir)).filter((f) => f.includes(ID.t1));
    await writeFile(file!, (await readFile(file!)).subarray(0, 3000));
    await c.put(cacheId(['kept']), meta('b.jpg'), Buffer.alloc(10, 1));
    const again = await createDiskCache({ dir, maxBytes: 10_000_000 });
    expect(again.stats().entries).toBe(1);
    expect(again.peek(ID.t1)).toBeUndefined();
  });

  it('evicts least recently used entries to stay under maxBytes', async () => {
    const dir = await tmp();
    const c = await createDiskCache({ dir, maxBytes: 50_000 });
    for (let i = 0; i < 20; i++) {
      await c.put(cacheId([`e${i}`]), meta(`${i}.jpg`), Buffer.alloc(5000, i));
      if (i >= 1) await c.get(cacheId(['e0'])); // keep e0 hot
    }
    const s = c.stats();
    expect(s.bytes).toBeLessThanOrEqual(50_000);
    expect(c.peek(cacheId(['e0']))).toBeDefined();
    expect(c.peek(cacheId(['e1']))).toBeUndefined();
    const onDisk = (await Promise.all((await allFiles(dir)).map(async (f) => (await readFile(f)).length))).reduce((a, b) => a + b, 0);
    expect(onDisk).toBeLessThanOrEqual(50_000);
  });

  it('purges by predicate and leaves no temp files behind', async () => {
    const dir = await tmp();
    const c = await createDiskCache({ dir, maxBytes: 10_000_000 });
    await c.put(cacheId(['a']), meta('a/1.jpg'), Buffer.from('1'));
    await c.put(cacheId(['b']), meta('b/2.jpg'), Buffer.from('2'));
    expect(await c.purge((m) => m.key.startsWith('a/'))).toBe(1);
    expect(c.stats().entries).toBe(1);
    expect(await readdir(path.join(dir, 'tmp'))).toEqual([]);
  });
});

describe('single flight', () => {
  it('runs concurrent work for one key once', async () => {
    const f = new SingleFlight<number>();
    let runs = 0;
    const work = () => new Promise<number>((r) => setTimeout(() => r(++runs), 20));
    const results = await Promise.all(Array.from({ length: 10 }, () => f.do('k', work)));
    expect(results).toEqual(Array(10).fill(1));
    expect(f.runs).toBe(1);
    await f.do('k', work);
    expect(f.runs).toBe(2);
  });
});
