// Types for build/build-electron.mjs (imported by test/electron/preload.test.ts).
import type { BuildResult, LogLevel } from 'esbuild';
export function buildElectron(options?: { outDir?: string; logLevel?: LogLevel }): Promise<{ main: BuildResult; preload: BuildResult }>;
