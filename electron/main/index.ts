// Electron main entry (bundled to dist/main/index.js): composes the real core and hands it to the shell.
// Kept to wiring; the behaviour lives in shell.ts and is tested against a fake `electron`.

import { app } from 'electron';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createApi } from '../core/api.ts';
import { createCore } from '../core/index.ts';
import { createConfStore } from '../core/settings/store.ts';
import { resolveFfmpegPath, unpackedPath } from './ffmpeg-path.ts';
import { startShell } from './shell.ts';

const require = createRequire(import.meta.url);
// Development and the Electron smoke test only: a throw-away profile instead of the real one.
if (!app.isPackaged && process.env.LOUPE_USER_DATA_DIR) app.setPath('userData', path.resolve(process.env.LOUPE_USER_DATA_DIR));
// app.getAppPath(): the project folder in development, resources/app.asar when packaged.
const root = app.getAppPath();

function requirePath(id: string, pick: (m: unknown) => unknown): string | undefined {
  try {
    const p = pick(require(id));
    return typeof p === 'string' ? p : undefined;
  } catch {
    return undefined; // not installed (ffmpeg-static is not a dependency) or no binary for this platform
  }
}

startShell({
  rendererDir: path.join(root, 'dist', 'renderer'),
  preloadPath: path.join(root, 'dist', 'preload', 'index.cjs'),
  resolveFfmpeg: () => resolveFfmpegPath({
    env: process.env,
    installerPath: () => requirePath('@ffmpeg-installer/ffmpeg', (m) => (m as { path?: unknown }).path),
    staticPath: () => requirePath('ffmpeg-static', (m) => m),
  }),
  async startCore({ dataDir, secrets, ffmpegPath, pickFolder }) {
    const core = await createCore({
      dataDir,
      settings: createConfStore(dataDir),
      // First run: the bundled sample folder at /sample, as `loupe serve` does without a config.
      // The folder origin opens files with fs.promises.open/opendir, which Electron's asar layer does not
      // cover, so the packaged sample is read from app.asar.unpacked (asarUnpack: sample/**).
      seed: {
        origins: [{ id: 'sample', type: 'folder', root: unpackedPath(path.join(root, 'sample')) }],
        endpoints: [{ id: 'sample', origins: ['sample'] }],
      },
      secrets,
      ...(ffmpegPath ? { ffmpegPath } : {}),
      channelOverrides: { 'system.pickFolder': pickFolder },
    });
    await core.start();
    return { api: createApi(core), get url() { return core.url; }, stop: () => core.stop() };
  },
});

// Ctrl-C in the terminal that ran `npm start` takes the graceful path (before-quit stops the core).
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());
