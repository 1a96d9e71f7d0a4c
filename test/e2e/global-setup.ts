// Builds what the specs run: the CLI (dist/cli.js) and the renderer (dist/renderer/), once per run.
// Set LOUPE_E2E_SKIP_BUILD=1 when both are already built (e.g. CI built them in an earlier step).
import { execFileSync } from 'node:child_process';

export default function globalSetup(): void {
  if (process.env.LOUPE_E2E_SKIP_BUILD === '1') return;
  execFileSync(process.execPath, ['build/build.mjs'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}
