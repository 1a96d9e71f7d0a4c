// Starts a real Loupe core on 127.0.0.1:0 over temporary folders, for delivery tests.

import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseConfig } from '../../shared/config.ts';
import { createCore, type Core } from '../../electron/core/index.ts';

export interface TestServer {
  url: string;
  core: Core;
  /** Folder of each folder origin, by origin id. */
  dirs: Record<string, string>;
  put(origin: string, key: string, data: Buffer | string): Promise<void>;
  close(): Promise<void>;
}

/** `config` is the JSON config file's content; folder roots are made relative to a temp folder. */
export async function startServer(config: Record<string, unknown>): Promise<TestServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'loupe-test-'));
  const dirs: Record<string, string> = {};
  const origins = ((config.origins as { id: string; type: string; root?: string }[]) ?? []).map((o) => (o.type === 'folder' ? { root: o.id, ...o } : o));
  for (const o of origins) {
    if (o.type === 'folder') {
      dirs[o.id] = path.resolve(dir, o.root!);
      await mkdir(dirs[o.id]!, { recursive: true });
    }
  }
  const parsed = parseConfig({ ...config, origins, server: { port: 0, ...(config.server as object) } }, { resolve: (p) => path.resolve(dir, p) });
  const core = await createCore({ config: parsed, dataDir: path.join(dir, 'data') });
  const { url } = await core.start({ host: '127.0.0.1', port: 0 });
  return {
    url, core, dirs,
    async put(origin, key, data) {
      const file = path.join(dirs[origin]!, key);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, data);
    },
    close: () => core.stop(),
  };
}
