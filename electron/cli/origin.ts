// `loupe origin check --config FILE --origin ID`: the connection test, one row per check with ✓/✗ and
// how to fix it. Exits 0 only when every check passes.

import { parseArgs } from 'node:util';
import { createOrigin } from '../core/origins/index.ts';
import { loadConfig, UsageError } from './config.ts';

export async function originCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'check') throw new UsageError(`Unknown origin command "${sub ?? ''}": use "loupe origin check --config FILE --origin ID"`);
  const { values } = parseArgs({ args: rest, options: { config: { type: 'string' }, origin: { type: 'string' } }, strict: true });
  const { config } = await loadConfig(values.config);
  const ids = config.origins.map((o) => o.id);
  const chosen = values.origin ?? (ids.length === 1 ? ids[0] : undefined);
  if (!chosen) throw new UsageError(`origin check: name the origin with --origin (one of: ${ids.join(', ') || 'none'})`);
  const originConfig = config.origins.find((o) => o.id === chosen);
  if (!originConfig) throw new UsageError(`origin check: no origin "${chosen}" in the config (known: ${ids.join(', ') || 'none'})`);
  const origin = createOrigin(originConfig, { maxBytes: config.images.maxInputBytes });
  process.stdout.write(`Checking origin "${origin.id}" (${origin.type})\n`);
  const result = await origin.check();
  for (const row of result.checks) {
    process.stdout.write(`${row.ok ? '✓' : '✗'} ${row.name}: ${row.message}\n`);
    if (!row.ok && row.fix) process.stdout.write(`  fix: ${row.fix}\n`);
  }
  process.stdout.write(result.ok ? 'All checks passed.\n' : 'Some checks failed.\n');
  return result.ok ? 0 : 1;
}
