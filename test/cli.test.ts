// The headless CLI as a user runs it: `loupe serve` prints its URL, serves the sample, validates config,
// and shuts down gracefully on SIGTERM with the in-flight request finished.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { execFileSync } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { request } from './support/http.ts';

const BIN = path.resolve('bin/loupe.js');
const children: ChildProcess[] = [];
// Build the same bundle `npx loupe` runs, so the test exercises what users get.
beforeAll(() => {
  execFileSync(process.execPath, ['build/build.mjs', '--no-renderer'], { stdio: 'inherit' });
});
afterEach(() => children.splice(0).forEach((c) => c.kill('SIGKILL')));

function run(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const nl = stdout.indexOf('\n');
      if (nl >= 0) resolve(stdout.slice(0, nl));
    });
    child.on('exit', () => reject(new Error(`exited: ${stderr}`)));
  });
  firstLine.catch(() => undefined); // tests that expect an exit never read the first line
  return { child, firstLine, exited, out: () => stdout, err: () => stderr };
}

async function dataDir() {
  return mkdtemp(path.join(os.tmpdir(), 'loupe-cli-'));
}

describe('loupe serve', () => {
  it('serves the bundled sample at /sample with transformations; first line is the URL', async () => {
    const p = run(['serve', '--port', '0', '--data-dir', await dataDir()]);
    const line = await p.firstLine;
    expect(line).toMatch(/^listening http:\/\/127\.0\.0\.1:\d+$/);
    const base = line.slice('listening '.length);
    const r = await request(base, '/sample/tr:w-300,h-200/photo.jpg', { headers: { accept: 'image/webp' } });
    expect(r.status).toBe(200);
    const m = await sharp(r.body).metadata();
    expect([m.width, m.height, m.format]).toEqual([300, 200, 'webp']);
    for (const f of ['logo.png', 'spinner.gif', 'icon.svg', 'style.css', 'portrait.jpg']) {
      expect((await request(base, `/sample/${f}`)).status, f).toBe(200);
    }
    p.child.kill('SIGINT');
    expect(await p.exited).toBe(0);
  });

  it('finishes an in-flight request on SIGTERM, then exits 0', async () => {
    const p = run(['serve', '--port', '0', '--data-dir', await dataDir()]);
    const base = (await p.firstLine).slice('listening '.length);
    const inflight = request(base, '/sample/tr:w-1500,h-1000,bl-20:e-sharpen:rt-45/photo.jpg');
    await new Promise((r) => setTimeout(r, 30));
    p.child.kill('SIGTERM');
    const r = await inflight;
    expect(r.status).toBe(200);
    expect(await p.exited).toBe(0);
  });

  it('exits 1 naming the field of an invalid config', async () => {
    const dir = await dataDir();
    const cfg = path.join(dir, 'loupe.json');
    await writeFile(cfg, JSON.stringify({ origins: [{ id: 'a', type: 'folder', root: 5 }] }));
    const p = run(['serve', '--config', cfg, '--data-dir', dir]);
    expect(await p.exited).toBe(1);
    expect(p.err()).toContain('origins[0].root: expected a string, got 5');
  });

  it('serves a config file with relative roots', async () => {
    const dir = await dataDir();
    await writeFile(path.join(dir, 'loupe.json'), JSON.stringify({
      server: { port: 0 }, origins: [{ id: 'here', type: 'folder', root: './' }], endpoints: [{ id: 'x', origins: ['here'] }],
    }));
    await writeFile(path.join(dir, 'hello.txt'), 'hello');
    const p = run(['serve', '--config', path.join(dir, 'loupe.json'), '--data-dir', dir]);
    const base = (await p.firstLine).slice('listening '.length);
    expect((await request(base, '/x/hello.txt')).text).toBe('hello');
  });

  it('rejects unknown flags and bad ports with a clear message', async () => {
    const p = run(['serve', '--prot', '1']);
    expect(await p.exited).toBe(1);
    expect(p.err()).toContain("Unknown option '--prot'");
    const q = run(['serve', '--port', 'abc']);
    expect(await q.exited).toBe(1);
    expect(q.err()).toContain('--port: expected a port from 0 to 65535, got "abc"');
  });
});

describe('loupe cache and loupe sign', () => {
  it('stats and purge a data folder, also while the server runs', async () => {
    const dir = await dataDir();
    const p = run(['serve', '--port', '0', '--data-dir', dir]);
    const base = (await p.firstLine).slice('listening '.length);
    await request(base, '/sample/tr:w-120/photo.jpg');
    expect((await request(base, '/sample/tr:w-120/photo.jpg')).headers['x-loupe-cache']).toBe('hit');
    const stats = run(['cache', 'stats', '--data-dir', dir]);
    expect(await stats.exited).toBe(0);
    expect(stats.out()).toMatch(/entries 2\n/);
    const purge = run(['cache', 'purge', '--prefix', 'photo', '--data-dir', dir]);
    expect(await purge.exited).toBe(0);
    expect(purge.out()).toBe('removed 2 cached entries\n');
    // The running server notices the purge (it watches a marker file about once a second).
    await new Promise((r) => setTimeout(r, 2500));
    expect((await request(base, '/sample/tr:w-120/photo.jpg')).headers['x-loupe-cache']).toBe('miss');
    const none = run(['cache', 'purge', '--data-dir', dir]);
    expect(await none.exited).toBe(1);
    expect(none.err()).toContain('name what to remove');
  });

  it('signs a URL that a requireSignedUrls endpoint accepts', async () => {
    const dir = await dataDir();
    const cfg = path.join(dir, 'loupe.json');
    await writeFile(cfg, JSON.stringify({
      server: { port: 0 }, signing: { privateKey: 'private_key_test_123' },
      origins: [{ id: 's', type: 'folder', root: path.resolve('sample') }], endpoints: [{ id: 'secure', origins: ['s'], requireSignedUrls: true }],
    }));
    const p = run(['serve', '--config', cfg, '--data-dir', dir]);
    const base = (await p.firstLine).slice('listening '.length);
    const unsigned = await request(base, '/secure/tr:w-50/photo.jpg');
    expect(unsigned.status).toBe(401);
    expect(unsigned.headers['ik-error']).toContain('ik-s');
    const sign = run(['sign', `${base}/secure/tr:w-50/photo.jpg`, '--expires', '300', '--config', cfg]);
    expect(await sign.exited).toBe(0);
    const signed = sign.out().trim();
    expect(signed).toMatch(/\?ik-t=\d+&ik-s=[0-9a-f]{40}$/);
    expect((await request(base, signed.slice(base.length))).status).toBe(200);
    const tampered = signed.replace('w-50', 'w-51');
    expect((await request(base, tampered.slice(base.length))).status).toBe(401);
  });
});

describe('the GCS flow as the README tells it', () => {
  it('npm run gcs-emulator + loupe origin check + loupe serve serve a transformed image from the bucket', async () => {
    execFileSync('npx', ['esbuild', 'test/support/gcs-emulator/cli.ts', '--bundle', '--platform=node', '--format=esm', '--packages=external', '--outfile=dist/gcs-emulator.js', '--log-level=warning']);
    const emu = spawn(process.execPath, ['dist/gcs-emulator.js', '--dir', 'sample', '--bucket', 'demo', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(emu);
    const emuUrl = await new Promise<string>((resolve, reject) => {
      let out = '';
      emu.stdout!.on('data', (d) => {
        out += d;
        const m = /listening (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      emu.on('exit', () => reject(new Error(`emulator exited: ${out}`)));
    });
    const { makeTestServiceAccountKey } = await import('./support/gcs-emulator/index.ts');
    const dir = await dataDir();
    await writeFile(path.join(dir, 'key.json'), JSON.stringify(makeTestServiceAccountKey({})));
    const cfg = path.join(dir, 'loupe.json');
    await writeFile(cfg, JSON.stringify({
      server: { port: 0 },
      origins: [{ id: 'bucket', type: 'gcs', bucket: 'demo', keyFile: './key.json', apiEndpoint: emuUrl }],
      endpoints: [{ id: 'cdn', origins: ['bucket'] }],
    }));
    const check = run(['origin', 'check', '--config', cfg, '--origin', 'bucket']);
    expect(await check.exited, check.out() + check.err()).toBe(0);
    expect(check.out()).toMatch(/✓ Service-account key: .*\n✓ Permissions: .*\n✓ Listing: .*\n✓ Reading: .*\nAll checks passed\./);
    const p = run(['serve', '--config', cfg, '--data-dir', dir]);
    const base = (await p.firstLine).slice('listening '.length);
    const r = await request(base, '/cdn/tr:w-400/photo.jpg', { headers: { accept: 'image/webp' } });
    expect(r.status).toBe(200);
    expect(r.headers['x-loupe-origin']).toBe('bucket');
    expect((await sharp(r.body).metadata()).width).toBe(400);
    const badCheck = run(['origin', 'check', '--config', cfg, '--origin', 'nope']);
    expect(await badCheck.exited).toBe(1);
    expect(badCheck.err()).toContain('no origin "nope"');
  }, 60_000);
});
