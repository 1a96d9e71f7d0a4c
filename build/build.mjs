// Bundles the TypeScript entry points with esbuild (type-checking is `npm run typecheck`).
import { build } from 'esbuild';

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
