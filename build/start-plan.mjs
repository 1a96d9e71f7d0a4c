// What `npm start` runs (pure, so the choice is unit-tested): the real Electron app when a binary is on
// disk, else the browser studio. It never requires the `electron` package: since Electron 42 that starts
// a binary download, which fails offline.
import path from 'node:path';

export const FALLBACK_MESSAGE = 'The Electron binary is not installed and cannot be downloaded on this machine, so Loupe starts in your browser instead: open the studio URL printed below.';

/** The executable inside an Electron dist folder (what node_modules/electron/path.txt would say). */
export function electronExecutable(platform) {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * @param {{ root: string, env: Record<string, string | undefined>, platform: string, args: string[],
 *           exists: (file: string) => boolean, readText: (file: string) => string | undefined,
 *           nodePath: string }} o
 */
export function planStart(o) {
  const pkg = path.join(o.root, 'node_modules', 'electron');
  const relative = o.readText(path.join(pkg, 'path.txt'))?.trim() || electronExecutable(o.platform);
  const candidates = o.env.ELECTRON_OVERRIDE_DIST_PATH
    ? [path.join(o.env.ELECTRON_OVERRIDE_DIST_PATH, relative)]
    : [path.join(pkg, 'dist', relative)];
  const executable = candidates.find((c) => o.exists(c));
  if (executable) return { kind: 'electron', executable, args: ['.', ...o.args] };
  return { kind: 'browser', message: FALLBACK_MESSAGE, command: o.nodePath, args: [path.join(o.root, 'bin', 'loupe.js'), 'serve', '--studio', ...o.args] };
}
