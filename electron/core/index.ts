// createCore(options): the composition root. Everything Electron-specific (data folder, ffmpeg path,
// secrets) is passed in, so the same core runs headless (`loupe serve`), in tests and in the desktop app.

import { unwatchFile, watchFile } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { LoupeConfig } from '../../shared/config.ts';
import { createDiskCache, purgeMarker, writeJsonAtomic, type DiskCache, type EntryMeta } from './cache/disk-cache.ts';
import { SingleFlight } from './cache/single-flight.ts';
import { createImagePipeline, type ImagePipeline } from './image/index.ts';
import { createOrigin, type Origin } from './origins/index.ts';
import {
  createActivityLog, createDeliveryServer, createSourceStore,
  type ActivityLog, type DeliveryServer, type SourceStore,
} from './server/index.ts';

export interface CoreOptions {
  config: LoupeConfig;
  /** Where the cache and settings live. */
  dataDir: string;
}

export interface Core {
  readonly config: LoupeConfig;
  readonly dataDir: string;
  readonly delivery: DeliveryServer;
  readonly cache: DiskCache;
  readonly sources: SourceStore;
  readonly activity: ActivityLog;
  readonly images: ImagePipeline;
  readonly transforms: SingleFlight<{ meta: EntryMeta; body: Buffer }>;
  readonly origins: ReadonlyMap<string, Origin>;
  /** The address once started. */
  readonly url: string | undefined;
  start(overrides?: { host?: string; port?: number }): Promise<{ url: string; host: string; port: number }>;
  stop(): Promise<void>;
}

export function cacheDir(dataDir: string): string {
  return path.join(dataDir, 'cache');
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const { config } = options;
  await mkdir(options.dataDir, { recursive: true });
  const origins = new Map<string, Origin>(config.origins.map((o) => [o.id, createOrigin(o, { maxBytes: config.images.maxInputBytes })]));
  const revalidate = new Map(config.origins.map((o) => [o.id, o.revalidateAfter]));
  const cache = await createDiskCache({ dir: cacheDir(options.dataDir), maxBytes: config.cache.maxBytes });
  const sources = createSourceStore(cache, (id) => revalidate.get(id) ?? 60);
  const images = createImagePipeline({ images: config.images });
  const activity = createActivityLog();
  const transforms = new SingleFlight<{ meta: EntryMeta; body: Buffer }>();
  const delivery = createDeliveryServer({ config, origins, images, cache, sources, transforms }, activity);
  let url: string | undefined;

  // `loupe cache purge` from another process touches the marker; refresh so memory never serves purged bytes.
  const marker = purgeMarker(cache.dir);
  watchFile(marker, { interval: 1000, persistent: false }, () => void cache.refresh());
  // Hit counts since start, for `loupe cache stats` run from another process.
  const startedAt = new Date().toISOString();
  const statsFile = path.join(cache.dir, 'stats.json');
  let written = '';
  const writeStats = async () => {
    const { hits, misses } = cache.stats();
    const text = `${hits}/${misses}`;
    if (text === written) return;
    written = text;
    await writeJsonAtomic(statsFile, { startedAt, pid: process.pid, hits, misses }).catch(() => undefined);
  };
  const statsTimer = setInterval(() => void writeStats(), 5000);
  statsTimer.unref();

  return {
    config, dataDir: options.dataDir, delivery, cache, sources, activity, images, transforms, origins,
    get url() {
      return url;
    },
    async start(o) {
      const address = await delivery.listen(o?.port ?? config.server.port, o?.host ?? config.server.host);
      url = address.url;
      return address;
    },
    async stop() {
      await delivery.close();
      clearInterval(statsTimer);
      unwatchFile(marker);
      await writeStats();
    },
  };
}
