// `loupe cache stats|purge` against a data folder, also while a server uses it: a purge touches a marker
// file that running servers watch, so they drop what they hold in memory.

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { PurgeInput } from '../../shared/contract.ts';
import { purgeCache } from '../core/api.ts';
import { createDiskCache, purgeMarker } from '../core/cache/disk-cache.ts';
import { cacheDir } from '../core/index.ts';
import { createSourceStore } from '../core/server/sources.ts';
import { loadConfig, resolveDataDir, UsageError } from './config.ts';

function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}

export async function cacheCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      config: { type: 'string' }, 'data-dir': { type: 'string' }, endpoint: { type: 'string' },
      prefix: { type: 'string' }, url: { type: 'string' }, all: { type: 'boolean' },
    },
    strict: true,
  });
  const { config } = await loadConfig(values.config);
  const dir = cacheDir(resolveDataDir(values['data-dir']));
  const cache = await createDiskCache({ dir, maxBytes: config.cache.maxBytes });
  switch (sub) {
    case 'stats': {
      const s = cache.stats();
      const counts = await readFile(path.join(dir, 'stats.json'), 'utf8').then((t) => JSON.parse(t) as { startedAt: string; hits: number; misses: number }, () => undefined);
      process.stdout.write(`cache ${dir}\nentries ${s.entries}\nbytes ${s.bytes} (${formatBytes(s.bytes)} of ${formatBytes(s.maxBytes)})\n`);
      if (counts) {
        const total = counts.hits + counts.misses;
        process.stdout.write(`hit ratio ${total ? ((100 * counts.hits) / total).toFixed(1) : '0.0'}% (${counts.hits} hits, ${counts.misses} misses since the server started at ${counts.startedAt})\n`);
      } else {
        process.stdout.write('hit ratio n/a (no server has used this cache yet)\n');
      }
      return 0;
    }
    case 'purge': {
      let input: PurgeInput;
      if (values.all) input = { all: true };
      else if (values.url) input = { url: values.url };
      else if (values.endpoint !== undefined || values.prefix !== undefined) {
        input = { ...(values.endpoint !== undefined ? { endpoint: values.endpoint } : {}), ...(values.prefix !== undefined ? { prefix: values.prefix } : {}) };
      } else throw new UsageError('cache purge: name what to remove: --url U, --endpoint E, --prefix P or --all');
      const removed = await purgeCache({ config, cache, sources: createSourceStore(cache, () => 0) }, input);
      await writeFile(purgeMarker(dir), new Date().toISOString());
      process.stdout.write(`removed ${removed} cached ${removed === 1 ? 'entry' : 'entries'}\n`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown cache command "${sub ?? ''}": use "loupe cache stats" or "loupe cache purge"`);
  }
}
