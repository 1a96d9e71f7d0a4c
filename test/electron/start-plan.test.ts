// `npm start` launches Electron only when a binary is on disk, otherwise the browser studio, and never
// requires the electron package (which would start a download).

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { FALLBACK_MESSAGE, planStart } from '../../build/start-plan.mjs';

const base = { root: '/repo', env: {}, platform: 'linux', args: [] as string[], readText: () => undefined, nodePath: '/usr/bin/node' };

describe('planStart', () => {
  it('without a binary: one sentence, then `loupe serve --studio` with the arguments passed through', () => {
    const plan = planStart({ ...base, args: ['--port', '0'], exists: () => false });
    expect(plan).toEqual({ kind: 'browser', message: FALLBACK_MESSAGE, command: '/usr/bin/node', args: ['/repo/bin/loupe.js', 'serve', '--studio', '--port', '0'] });
    expect(FALLBACK_MESSAGE).toMatch(/^The Electron binary is not installed and cannot be downloaded on this machine, so Loupe starts in your browser instead: [^.]+\.$/);
  });

  it('uses node_modules/electron/dist/electron when it exists', () => {
    const plan = planStart({ ...base, exists: (f) => f === '/repo/node_modules/electron/dist/electron' });
    expect(plan).toEqual({ kind: 'electron', executable: '/repo/node_modules/electron/dist/electron', args: ['.'] });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH (and path.txt) like the electron package does', () => {
    const plan = planStart({ ...base, env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, platform: 'darwin', exists: (f) => f === '/opt/electron/Electron.app/Contents/MacOS/Electron' });
    expect(plan).toMatchObject({ kind: 'electron', executable: '/opt/electron/Electron.app/Contents/MacOS/Electron' });
    const withTxt = planStart({ ...base, env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/e' }, readText: (f) => (f.endsWith('path.txt') ? 'custom/bin' : undefined), exists: (f) => f === '/opt/e/custom/bin' });
    expect(withTxt).toMatchObject({ kind: 'electron', executable: '/opt/e/custom/bin' });
    expect(planStart({ ...base, env: { ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent' }, exists: () => false }).kind).toBe('browser');
  });

  it('the launcher never imports or requires the electron package', async () => {
    for (const file of ['build/start.mjs', 'build/start-plan.mjs']) {
      const code = await readFile(file, 'utf8');
      expect(code, file).not.toMatch(/(require\(|from |import\()\s*['"]electron['"]/);
    }
  });
});
