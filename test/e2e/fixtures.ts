// The e2e fixture: per test, a GCS emulator and a real `loupe serve --studio` on 127.0.0.1:0 over
// temporary folders, and a Chromium page opened on the studio URL (token in the hash).

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { makeTestServiceAccountKey, startGcsEmulator, type BucketOptions, type GcsEmulator, type ServiceAccountKey } from '../support/gcs-emulator/index.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SAMPLE = path.join(ROOT, 'sample');
const SCREENSHOTS = path.join(ROOT, 'reports', 'screenshots');

export interface StackOptions {
  buckets?: Record<string, BucketOptions>;
  /** Folders to create under the temp dir: folder name → file path → contents. */
  folders?: Record<string, Record<string, Buffer | string>>;
  /** The config file's content; folder roots may be relative to the temp dir. */
  config?(ctx: { emu: GcsEmulator; dir: string }): Record<string, unknown>;
}

export interface Stack {
  emu: GcsEmulator;
  dir: string;
  studioUrl: string;
  deliveryUrl: string;
  key: ServiceAccountKey;
  /** Output of the server so far (for failure messages). */
  log(): string;
}

async function startLoupe(options: StackOptions): Promise<Stack & { close(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'loupe-e2e-'));
  const emu = await startGcsEmulator({ buckets: options.buckets ?? {} });
  for (const [folder, files] of Object.entries(options.folders ?? {})) {
    await mkdir(path.join(dir, folder), { recursive: true });
    for (const [name, data] of Object.entries(files)) {
      const file = path.join(dir, folder, name);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, data);
    }
  }
  const configFile = path.join(dir, 'loupe.json');
  await writeFile(configFile, JSON.stringify(options.config?.({ emu, dir }) ?? { origins: [], endpoints: [] }, null, 2));
  const env = { ...process.env };
  for (const k of ['LOUPE_CONFIG', 'LOUPE_PORT', 'LOUPE_HOST', 'LOUPE_DATA_DIR']) delete env[k];
  const args = ['serve', '--studio', '--config', configFile, '--data-dir', path.join(dir, 'data'), '--host', '127.0.0.1', '--port', '0'];
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'bin/loupe.js'), ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const urls = await new Promise<{ delivery: string; studio: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`loupe serve --studio did not start in 20 s:\n${out}`)), 20_000);
    const check = () => {
      const delivery = /^listening (\S+)$/m.exec(out)?.[1];
      const studio = /^studio (\S+)$/m.exec(out)?.[1];
      if (delivery && studio) {
        clearTimeout(timer);
        resolve({ delivery, studio });
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`loupe serve exited with ${code}:\n${out}`));
    });
  });
  return {
    emu, dir, studioUrl: urls.studio, deliveryUrl: urls.delivery, key: makeTestServiceAccountKey(), log: () => out,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await emu.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ stackOptions: StackOptions; stack: Stack; cspErrors: string[] }>({
  stackOptions: [{}, { option: true }],
  stack: async ({ stackOptions }, use, testInfo) => {
    const stack = await startLoupe(stackOptions);
    try {
      await use(stack);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('loupe-output', { body: stack.log(), contentType: 'text/plain' });
      await stack.close();
    }
  },
  cspErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    await use(errors);
    expect(errors, 'no CSP violations or uncaught page errors').toEqual([]);
  },
});

export { expect };

/** Opens the studio (its URL carries #token=…) and waits for the shell. */
export async function openStudio(page: Page, stack: Stack): Promise<void> {
  await page.goto(stack.studioUrl);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByText('Serving')).toBeVisible();
}

/** A full-page screenshot into reports/screenshots/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  // Let transitions and images settle so the picture shows what a user sees.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  // The sidebar is sticky: from a scrolled position a full-page capture would draw it mid-page.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

export async function sampleFile(name: string): Promise<Buffer> {
  return readFile(path.join(SAMPLE, name));
}

export function nav(page: Page, name: 'Origins' | 'Endpoints' | 'Activity' | 'Settings') {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true });
}
