// `loupe <command>`: the headless entry point. Commands live in electron/cli/; this file owns the help,
// the dispatch and how failures reach the user (one line on stderr, exit 1).

import { isLoupeError } from '../shared/errors.ts';
import { cacheCommand } from './cli/cache.ts';
import { UsageError } from './cli/config.ts';
import { originCommand } from './cli/origin.ts';
import { serve } from './cli/serve.ts';
import { signCommand } from './cli/sign.ts';

const HELP = `Usage: loupe <command> [options]

Commands:
  serve                 Start the delivery server (without --config: the bundled sample at /sample)
  cache stats           Entries, bytes and hit ratio of a data folder's cache
  cache purge           Remove cached files: --url U | --endpoint E | --prefix P | --all
  sign <url>            Print <url> signed with the configured signing.privateKey [--expires SECONDS]
  origin check          Test an origin's connection: --origin ID (one row per check, with fixes)

Common options:
  --config FILE         JSON config file (env LOUPE_CONFIG)
  --data-dir D          cache and settings folder (env LOUPE_DATA_DIR)
Options for serve:
  --host H              listen address (env LOUPE_HOST; default 127.0.0.1)
  --port N              port, 0 picks a free one (env LOUPE_PORT; default 3210)
  --studio              also serve the GUI and the control API on a loopback-only port; GUI edits are
                        saved to --config FILE, or to the settings in the data folder
  --studio-port N       the studio's port (default: a free one)
  -h, --help            show this help
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serve(rest, HELP);
      case 'cache':
        return await cacheCommand(rest);
      case 'sign':
        return await signCommand(rest);
      case 'origin':
        return await originCommand(rest);
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
