// The runnable emulator: bundled with esbuild exactly like the package.json script, started on a free
// port, then used by the real SDK; it must print the URL first and a hint for Loupe's config.

import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStorage } from '../support/gcs-emulator/index.ts';

let work: string;
let outfile: string;

beforeAll(async () => {
  // Same flags as the package.json script, but into a temp folder so dist/ is left alone.
  work = await mkdtemp(path.join(tmpdir(), 'gcs-emu-cli-'));
  outfile = path.join(work, 'gcs-emulator.js');
  await build({
    entryPoints: ['test/support/gcs-emulator/cli.ts'], bundle: true, platform: 'node', format: 'esm',
    packages: 'external', outfile, logLevel: 'warning',
  });
});

describe('gcs-emulator cli', () => {
  it('serves a folder as a bucket and prints the URL and a Loupe hint', async () => {
    const folder = path.join(work, 'folder');
    await mkdir(path.join(folder, 'img'), { recursive: true });
    await writeFile(path.join(folder, 'img', 'a b.jpg'), 'jpeg bytes');

    // The bundle imports only node: builtins, so it runs fine from the temp folder.
    const child = spawn(process.execPath, [outfile, '--dir', folder, '--bucket', 'demo', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const lines: string[] = [];
      const rl = createInterface({ input: child.stdout! });
      await new Promise<void>((resolve, reject) => {
        rl.on('line', (l) => {
          lines.push(l);
          if (lines.length === 3) resolve();
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const url = /^gcs-emulator listening (http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0]!)?.[1];
      expect(url).toBeDefined();
      expect(lines[1]).toContain('bucket demo: 1 objects');
      expect(lines[2]).toContain(`"type":"gcs","bucket":"demo","apiEndpoint":"${url}"`);
      const [buf] = await createTestStorage({ url: url! }).bucket('demo').file('img/a b.jpg').download();
      expect(buf.toString()).toBe('jpeg bytes');
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('refuses a non-loopback --host', async () => {
    const child = spawn(process.execPath, [outfile, '--host', '0.0.0.0', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('host must be 127.0.0.1');
  });
});
