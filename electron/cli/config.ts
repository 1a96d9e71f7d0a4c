// Config for every CLI command: flag, then LOUPE_* env, then the config file, then defaults; without a
// config file, the bundled sample folder at endpoint /sample.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig, type LoupeConfig } from '../../shared/config.ts';

export class UsageError extends Error {}

/** The package root: this code runs from electron/cli/*.ts in tests and from dist/cli.js when bundled. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
export const PACKAGE_ROOT = packageRoot();
export const SAMPLE_DIR = path.join(PACKAGE_ROOT, 'sample');

export function defaultDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Loupe');
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Loupe');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Loupe');
}

/** A LOUPE_* variable; an empty value counts as unset (LOUPE_HOST= must not mean "every interface"). */
export function env(name: string): string | undefined {
  const v = process.env[name];
  return v === undefined || v.trim() === '' ? undefined : v;
}

export function resolveDataDir(flag: string | undefined): string {
  return path.resolve(flag || env('LOUPE_DATA_DIR') || defaultDataDir());
}

export function sampleConfig(): unknown {
  return {
    origins: [{ id: 'sample', type: 'folder', root: SAMPLE_DIR }],
    endpoints: [{ id: 'sample', origins: ['sample'] }],
    namedTransformations: { thumb: 'w-200,h-200,c-at_max' },
  };
}

/** The config file named by the flag or LOUPE_CONFIG, else the sample config. */
export async function loadConfig(flag: string | undefined): Promise<{ config: LoupeConfig; isSample: boolean }> {
  const file = flag || env('LOUPE_CONFIG');
  if (!file) return { config: parseConfig(sampleConfig(), { resolve: (p) => path.resolve(p) }), isSample: true };
  const abs = path.resolve(file);
  let text: string;
  try {
    text = await readFile(abs, 'utf8');
  } catch (e) {
    throw new UsageError(`Cannot read config file ${abs}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`Config file ${abs} is not valid JSON: ${(e as Error).message}`);
  }
  return { config: parseConfig(json, { resolve: (p) => path.resolve(path.dirname(abs), p) }), isSample: false };
}

export function portFrom(value: string | undefined, source: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new UsageError(`${source}: expected a port from 0 to 65535, got "${value}"`);
  return n;
}
