// Builds what the specs run: the CLI (dist/cli.js) and the renderer (dist/renderer/), once per run.
// Set LOUPE_E2E_SKIP_BUILD=1 when both are already built (e.g. CI built them in an earlier step).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default function globalSetup(): void {
  if (process.env.LOUPE_E2E_SKIP_BUILD === '1') return;
  // build/build.mjs bundles the CLI and (when renderer/index.html exists) runs the Vite build too.
  execFileSync(process.execPath, ['build/build.mjs'], { stdio: 'inherit' });
  if (!existsSync('dist/renderer/index.html')) {
    execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  }
}
