// `loupe serve`: starts the core and shuts down gracefully on SIGINT/SIGTERM (in-flight requests finish).

import { parseArgs } from 'node:util';
import { createCore } from '../core/index.ts';
import { loadConfig, portFrom, resolveDataDir } from './config.ts';

export async function serve(args: string[], help: string): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      config: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' },
      'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  const { config, isSample } = await loadConfig(values.config);
  const host = values.host ?? process.env.LOUPE_HOST ?? config.server.host;
  const port = portFrom(values.port, '--port') ?? portFrom(process.env.LOUPE_PORT, 'LOUPE_PORT') ?? config.server.port;

  const core = await createCore({ config, dataDir: resolveDataDir(values['data-dir']) });
  const { url } = await core.start({ host, port });
  process.stdout.write(`listening ${url}\n`);
  for (const e of config.endpoints) {
    process.stdout.write(`endpoint ${url}/${e.id}${e.id ? '/' : ''} -> ${e.origins.join(', ')}${e.domains.length ? ` (domains: ${e.domains.join(', ')})` : ''}\n`);
  }
  if (isSample) process.stdout.write(`try ${url}/sample/tr:w-300,h-200/photo.jpg\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1); // a second signal means "now"
    stopping = true;
    process.stdout.write(`${signal}: finishing in-flight requests\n`);
    core.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  return 0;
}
