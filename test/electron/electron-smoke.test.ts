// Smoke test of the real desktop app through Playwright's `_electron.launch`. It needs a real Electron
// binary (ELECTRON_OVERRIDE_DIST_PATH or node_modules/electron/dist) and, on Linux, an X display
// (`xvfb-run -a`). Where either is missing (this build machine: the binary cannot be downloaded) it is
// skipped, and the test name says why. It never requires the electron package (that would download).

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planStart } from '../../build/start-plan.mjs';
import { CHANNELS } from '../../shared/contract.ts';

const root = process.cwd();
const plan = planStart({
  root, env: process.env, platform: process.platform, args: [], nodePath: process.execPath,
  exists: existsSync, readText: (f) => (existsSync(f) ? readFileSync(f, 'utf8') : undefined),
});
const executable = plan.kind === 'electron' ? plan.executable : undefined;
const skipReason = !executable
  ? 'no Electron binary: set ELECTRON_OVERRIDE_DIST_PATH or install one in node_modules/electron/dist (it cannot be downloaded here)'
  : process.platform === 'linux' && !process.env.DISPLAY
    ? 'no X display: run under xvfb-run -a'
    : undefined;
if (skipReason) console.log(`electron-smoke: skipped — ${skipReason}`);
const title = skipReason ? `launches the desktop app (skipped: ${skipReason})` : 'launches the desktop app, exposes window.loupe and answers over IPC';

describe('Electron smoke', () => {
  let userData: string | undefined;
  afterAll(async () => {
    if (userData) await rm(userData, { recursive: true, force: true });
  });

  it.skipIf(skipReason !== undefined)(title, async () => {
    // A stub or broken binary fails here with its output, before Playwright (whose launch failure
    // escapes as an unhandled rejection, environment.md §4.6).
    const version = spawnSync(executable!, ['--version'], { encoding: 'utf8', timeout: 30_000 });
    expect(`${version.status} ${version.stdout}${version.stderr}`.trim(), `${executable} --version`).toMatch(/^0 v\d+\.\d+\.\d+/);
    for (const args of [['build/build.mjs'], ['build/build-electron.mjs'], ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']]) {
      const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
      expect(r.status, args.join(' ')).toBe(0);
    }
    userData = await mkdtemp(path.join(os.tmpdir(), 'loupe-electron-'));
    const { _electron } = await import('@playwright/test');
    const app = await _electron.launch({
      executablePath: executable!,
      args: ['.'],
      cwd: root,
      env: { ...process.env, LOUPE_USER_DATA_DIR: userData },
      timeout: 60_000,
    });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(page.url()).toBe('app://bundle/index.html');
      const surface = await page.evaluate(() => ({
        keys: Object.keys((globalThis as unknown as { loupe: object }).loupe).sort(),
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
      }));
      expect(surface).toEqual({ keys: [...CHANNELS, 'on'].sort(), require: 'undefined', process: 'undefined' });
      const status = await page.evaluate(() => (globalThis as unknown as { loupe: { 'server.status'(i: undefined): Promise<{ ok: boolean; value: { running: boolean; url: string } }> } }).loupe['server.status'](undefined));
      expect(status.ok).toBe(true);
      expect(status.value.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const csp = await page.evaluate(async () => (await fetch('app://bundle/index.html')).headers.get('content-security-policy'));
      expect(csp).toContain(`img-src 'self' ${status.value.url}`);
      const main = await app.evaluate(({ app: electronApp, BrowserWindow }) => ({ userData: electronApp.getPath('userData'), windows: BrowserWindow.getAllWindows().length }));
      expect(main).toEqual({ userData, windows: 1 });
    } finally {
      await app.close();
    }
  }, 180_000);
});
