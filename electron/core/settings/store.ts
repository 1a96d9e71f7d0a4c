// The settings store: the config-file structure (shared/config.ts), persisted with `conf` in the data
// folder (atomic writes, migrations), or written back to the `--config` file a headless server runs from.

import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Conf from 'conf';
import { MIGRATIONS, SETTINGS_VERSION } from './migrations.ts';

export interface SettingsStore {
  /** Where settings live, for people. */
  readonly location: string;
  /** Relative paths in the stored JSON resolve against this folder. */
  readonly baseDir: string;
  load(): Promise<Record<string, unknown> | undefined>;
  save(config: Record<string, unknown>): Promise<void>;
}

const KEYS = ['server', 'cache', 'origins', 'endpoints', 'namedTransformations', 'images', 'signing'] as const;

/** JSON Schema per top-level key; the full validation (with field names in messages) is parseConfig's. */
const SCHEMA = {
  server: { type: 'object' }, cache: { type: 'object' }, origins: { type: 'array' }, endpoints: { type: 'array' },
  namedTransformations: { type: 'object' }, images: { type: 'object' }, signing: { type: 'object' },
} as const;

export function createConfStore(dataDir: string): SettingsStore {
  const conf = new Conf<Record<string, unknown>>({
    cwd: dataDir, configName: 'config', projectName: 'loupe', projectVersion: SETTINGS_VERSION,
    schema: SCHEMA, migrations: MIGRATIONS, configFileMode: 0o600,
  });
  return {
    location: conf.path,
    baseDir: dataDir,
    async load() {
      // `.store` also holds conf's own `__internal__` bookkeeping: never hand that on.
      const entries = KEYS.filter((k) => conf.has(k)).map((k) => [k, conf.get(k)] as const);
      return entries.length ? Object.fromEntries(entries) : undefined;
    },
    async save(config) {
      const internal = conf.get('__internal__');
      conf.store = { ...Object.fromEntries(KEYS.filter((k) => config[k] !== undefined).map((k) => [k, config[k]])), ...(internal ? { __internal__: internal } : {}) };
    },
  };
}

/** The headless server's own config file, rewritten atomically (temp file + rename) on change. */
export function createFileStore(file: string): SettingsStore {
  const abs = path.resolve(file);
  return {
    location: abs,
    baseDir: path.dirname(abs),
    async load() {
      return JSON.parse(await readFile(abs, 'utf8')) as Record<string, unknown>;
    },
    async save(config) {
      const tmp = `${abs}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(tmp, `${JSON.stringify(config, null, 2)}\n`);
      await rename(tmp, abs);
    },
  };
}
