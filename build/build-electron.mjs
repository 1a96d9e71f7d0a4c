// Bundles the Electron shell with esbuild (type-checking is `npm run typecheck`):
//   main    electron/main/index.ts    → dist/main/index.js    ESM, the core bundled in, packages external
//   preload electron/preload/index.ts → dist/preload/index.cjs ONE CommonJS file that requires only `electron`
// A sandboxed preload cannot load ESM or any module but `electron` (environment.md §4.2), so the build
// fails if the preload bundle would require anything else.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Loaded at run time from node_modules (app.asar / app.asar.unpacked when packaged), never bundled:
// native code (sharp), big SDKs, ESM-only conf, and @ffmpeg-installer which locates its binary on disk.
const MAIN_EXTERNAL = ['electron', 'sharp', '@google-cloud/storage', 'conf', '@ffmpeg-installer/ffmpeg'];

/** @param {{ outDir?: string, logLevel?: import('esbuild').LogLevel }} [options] outDir is relative to the repo root or absolute. */
export async function buildElectron({ outDir = 'dist', logLevel = 'warning' } = {}) {
  const main = await build({
    absWorkingDir: root,
    entryPoints: ['electron/main/index.ts'],
    outfile: `${outDir}/main/index.js`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    external: MAIN_EXTERNAL,
    sourcemap: true,
    logLevel,
  });
  const preload = await build({
    absWorkingDir: root,
    entryPoints: ['electron/preload/index.ts'],
    outfile: `${outDir}/preload/index.cjs`,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'chrome140',
    external: ['electron'],
    metafile: true,
    logLevel,
  });
  const imports = Object.values(preload.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
  const stray = imports.filter((p) => p !== 'electron');
  if (stray.length) throw new Error(`preload bundle requires ${stray.join(', ')}: a sandboxed preload may only require electron`);
  return { main, preload };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildElectron();
}
