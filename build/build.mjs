// `npm run build` (and `npm ci`, through "prepare"): bundles the CLI, the Electron shell and the GUI.
// Type-checking is `npm run typecheck`.
import { existsSync } from 'node:fs';
import { build } from 'esbuild';
import { buildElectron } from './build-electron.mjs';

await build({
  entryPoints: { cli: 'electron/cli-main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
await buildElectron();
if (existsSync('renderer/index.html') && !process.argv.includes('--no-renderer')) {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ logLevel: 'warn' });
}
