#!/usr/bin/env node
// The `loupe` command: runs the CLI bundled by `npm run build` (npm ci runs it through "prepare").
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('loupe: dist/cli.js is missing; run "npm run build" (npm install runs it for you).');
  process.exit(1);
}
await import(cli);
