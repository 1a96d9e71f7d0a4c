// `loupe serve`: starts the core and shuts down gracefully on SIGINT/SIGTERM (in-flight requests finish).
// With --studio: the GUI and the control API on a second, loopback-only listener, and edits are saved
// (to the --config file, or to the settings in the data folder).

import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApi } from '../core/api.ts';
import { createCore, type Core } from '../core/index.ts';
import { createConfStore, createFileStore } from '../core/settings/store.ts';
import { createStudioServer, type StudioServer } from '../core/studio/server.ts';
import { env, loadConfig, PACKAGE_ROOT, portFrom, resolveDataDir, sampleConfig } from './config.ts';

export async function serve(args: string[], help: string): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      config: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, 'data-dir': { type: 'string' },
      studio: { type: 'boolean' }, 'studio-port': { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  const dataDir = resolveDataDir(values['data-dir']);
  const configFile = values.config || env('LOUPE_CONFIG');
  let core: Core;
  let isSample = false;
  if (values.studio) {
    // Validate the file first, so a bad config fails at start with the field named.
    if (configFile) await loadConfig(configFile);
    const settings = configFile ? createFileStore(configFile) : createConfStore(dataDir);
    core = await createCore({ dataDir, settings, seed: sampleConfig() as Record<string, unknown> });
    isSample = !configFile && core.config.origins.some((o) => o.id === 'sample');
  } else {
    const loaded = await loadConfig(configFile);
    isSample = loaded.isSample;
    core = await createCore({ config: loaded.config, dataDir });
  }
  const host = values.host || env('LOUPE_HOST') || core.config.server.host;
  const port = portFrom(values.port, '--port') ?? portFrom(env('LOUPE_PORT'), 'LOUPE_PORT') ?? core.config.server.port;

  const { url } = await core.start({ host, port });
  process.stdout.write(`listening ${url}\n`);
  let studio: StudioServer | undefined;
  if (values.studio) {
    studio = createStudioServer({
      api: createApi(core), rendererDir: path.join(PACKAGE_ROOT, 'dist', 'renderer'), deliveryOrigin: () => core.url,
      port: portFrom(values['studio-port'], '--studio-port') ?? 0,
    });
    const address = await studio.listen();
    process.stdout.write(`studio ${address.url}\n`);
  }
  for (const e of core.config.endpoints) {
    process.stdout.write(`endpoint ${url}/${e.id}${e.id ? '/' : ''} -> ${e.origins.join(', ')}${e.domains.length ? ` (domains: ${e.domains.join(', ')})` : ''}\n`);
  }
  if (isSample) process.stdout.write(`try ${url}/sample/tr:w-300,h-200/photo.jpg\n`);

  let stoppingSince = 0;
  const stop = (signal: string) => {
    if (stoppingSince) {
      // conf's `atomically` (through when-exit) re-raises the signal at once; only a signal the user
      // sends later means "stop now".
      if (Date.now() - stoppingSince > 1000) process.exit(1);
      return;
    }
    stoppingSince = Date.now();
    process.stdout.write(`${signal}: finishing in-flight requests\n`);
    Promise.all([core.stop(), studio?.close()]).then(() => process.exit(0), (e: unknown) => {
      console.error('loupe: shutdown failed:', e);
      process.exit(1);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  return 0;
}
