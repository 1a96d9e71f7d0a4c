// `npm run gcs-emulator -- --dir ./folder --bucket demo --port 4443`: serves a folder as a GCS bucket
// on 127.0.0.1 so the GCS flow can be tried offline, and prints how to point Loupe at it.

import path from 'node:path';
import { parseArgs } from 'node:util';
import { startGcsEmulator } from './server.ts';
import { seedFromDir } from './store.ts';
import type { BucketOptions } from './types.ts';

const USAGE = `usage: gcs-emulator [--bucket NAME [--dir FOLDER]]... [--port 4443] [--client-email EMAIL] [--deny get,list]
  --bucket        bucket name (repeatable; pairs with the --dir at the same position)  default: demo
  --dir           folder whose files become the bucket's objects                      default: none (empty bucket)
  --port          TCP port on 127.0.0.1, 0 = any free port                             default: 4443
  --client-email  caller named in 403 messages                                         default: loupe-test@loupe-test.iam.gserviceaccount.com
  --deny          permissions the caller lacks on every bucket: get, list              default: none
  --allow-bucket-get  grant storage.buckets.get (off, as for Storage Object Viewer)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      bucket: { type: 'string', multiple: true },
      dir: { type: 'string', multiple: true },
      port: { type: 'string', default: '4443' },
      host: { type: 'string' },
      'client-email': { type: 'string' },
      deny: { type: 'string', default: '' },
      'allow-bucket-get': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new Error(`--port: expected 0-65535, got "${values.port}"`);
  const deny = new Set(values.deny.split(',').map((s) => s.trim()).filter(Boolean));
  for (const d of deny) if (d !== 'get' && d !== 'list') throw new Error(`--deny: expected get and/or list, got "${d}"`);
  const names = values.bucket ?? ['demo'];
  const dirs = values.dir ?? [];
  if (dirs.length > names.length) throw new Error('--dir: each --dir needs a --bucket');

  const buckets: Record<string, BucketOptions> = {};
  for (const name of names) {
    buckets[name] = { iam: { get: !deny.has('get'), list: !deny.has('list'), bucketsGet: values['allow-bucket-get'] } };
  }
  const emu = await startGcsEmulator({
    port, buckets,
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(values['client-email'] ? { clientEmail: values['client-email'] } : {}),
  });

  // Seed before printing, so whoever waits for the first line finds the objects in place.
  const lines: string[] = [];
  for (const [i, name] of names.entries()) {
    const dir = dirs[i] ? path.resolve(dirs[i]) : undefined;
    const count = dir ? await seedFromDir(dir, (key, data) => void emu.seed(name, key, data)) : 0;
    lines.push(`  bucket ${name}: ${dir ? `${count} objects from ${dir}` : 'empty'}`);
  }
  console.log(`gcs-emulator listening ${emu.url}`);
  for (const line of lines) console.log(line);
  const origin = { id: 'gcs', type: 'gcs', bucket: names[0], apiEndpoint: emu.url };
  console.log(`point Loupe at it: add ${JSON.stringify(origin)} to "origins" in loupe.json (no key needed: the SDK skips auth for a custom apiEndpoint)`);

  const stop = (): void => void emu.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`gcs-emulator: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
