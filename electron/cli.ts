// `loupe serve ...`: the headless entry point. Resolves config once (flag, then LOUPE_* env, then the
// config file, then defaults), starts the core, and shuts down gracefully on SIGINT/SIGTERM.

import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseConfig, type LoupeConfig } from '../shared/config.ts';
import { isLoupeError } from '../shared/errors.ts';
import { createCore } from './core/index.ts';

const HELP = `Usage: loupe <command> [options]

Commands:
  serve     Start the delivery server (without --config: the bundled sample at /sample)

Options for serve:
  --config FILE     JSON config file (env LOUPE_CONFIG)
  --host H          listen address (env LOUPE_HOST; default 127.0.0.1)
  --port N          port, 0 picks a free one (env LOUPE_PORT; default 3210)
  --data-dir D      cache and settings folder (env LOUPE_DATA_DIR)
  -h, --help        show this help
`;

/** The repository (or installed package) root: this file runs as electron/cli.ts or dist/cli.js. */
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SAMPLE_DIR = path.join(PACKAGE_ROOT, 'sample');

export function defaultDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Loupe');
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Loupe');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Loupe');
}

export function sampleConfig(): unknown {
  return {
    origins: [{ id: 'sample', type: 'folder', root: SAMPLE_DIR }],
    endpoints: [{ id: 'sample', origins: ['sample'] }],
    namedTransformations: { thumb: 'w-200,h-200,c-at_max' },
  };
}

export async function loadConfig(file: string | undefined): Promise<LoupeConfig> {
  if (!file) return parseConfig(sampleConfig(), { resolve: (p) => path.resolve(p) });
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
  return parseConfig(json, { resolve: (p) => path.resolve(path.dirname(abs), p) });
}

class UsageError extends Error {}

function portFrom(value: string | undefined, source: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new UsageError(`${source}: expected a port from 0 to 65535, got "${value}"`);
  return n;
}

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      config: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' },
      'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const env = process.env;
  const config = await loadConfig(values.config ?? env.LOUPE_CONFIG);
  const host = values.host ?? env.LOUPE_HOST ?? config.server.host;
  const port = portFrom(values.port, '--port') ?? portFrom(env.LOUPE_PORT, 'LOUPE_PORT') ?? config.server.port;
  const dataDir = path.resolve(values['data-dir'] ?? env.LOUPE_DATA_DIR ?? defaultDataDir());

  const core = await createCore({ config, dataDir });
  const { url } = await core.start({ host, port });
  process.stdout.write(`listening ${url}\n`);
  for (const e of config.endpoints) {
    const ids = config.origins.filter((o) => e.origins.includes(o.id)).map((o) => o.id);
    process.stdout.write(`endpoint ${url}/${e.id}${e.id ? '/' : ''} -> ${ids.join(', ')}${e.domains.length ? ` (domains: ${e.domains.join(', ')})` : ''}\n`);
  }
  if (!values.config && !env.LOUPE_CONFIG) process.stdout.write(`try ${url}/sample/tr:w-300,h-200/photo.jpg\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1); // a second signal means "now"
    stopping = true;
    process.stdout.write(`${signal}: finishing in-flight requests\n`);
    core.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        await serve(rest);
        return 0;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(HELP);
        return command === undefined ? 1 : 0;
      default:
        throw new UsageError(`Unknown command "${command}". Run "loupe --help".`);
    }
  } catch (e) {
    if (e instanceof UsageError || isLoupeError(e) || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`loupe: ${(e as Error).message}\n`);
      return 1;
    }
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(`loupe: the port is already in use (${(e as Error).message}); choose another with --port\n`);
      return 1;
    }
    throw e;
  }
}
