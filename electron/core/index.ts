// createCore(options): the composition root. Everything Electron-specific (data folder, ffmpeg path,
// secrets, the folder picker) is passed in, so the same core runs headless, in tests and in the app.
// The config can change at run time (GUI edits): update() validates, saves and applies it in one step.

import { EventEmitter } from 'node:events';
import pkg from '../../package.json' with { type: 'json' };
import { unwatchFile, watchFile } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseConfig, type LoupeConfig } from '../../shared/config.ts';
import type { ServerStatus } from '../../shared/contract.ts';
import { LoupeError } from '../../shared/errors.ts';
import { createDiskCache, purgeMarker, writeJsonAtomic, type DiskCache, type EntryMeta } from './cache/disk-cache.ts';
import { SingleFlight } from './cache/single-flight.ts';
import { createImagePipeline, type ImagePipeline } from './image/index.ts';
import { createOrigin, type Origin } from './origins/index.ts';
import { createDeliveryServer, createActivityLog, createSourceStore, HotResponses, type ActivityLog, type DeliveryContext, type DeliveryServer, type SourceStore } from './server/index.ts';
import { createFileSecretBox, gcsKeySecret, SIGNING_SECRET, type SecretBox } from './settings/secret-box.ts';
import type { SettingsStore } from './settings/store.ts';

export type RawConfig = Record<string, unknown>;

export interface CoreOptions {
  /** Where the cache, settings and (headless) secrets live. */
  dataDir: string;
  /** A fixed, already parsed config (tests, `loupe serve --config` without the studio). */
  config?: LoupeConfig;
  /** Where edits are saved and the config is loaded from; `seed` is used when it is empty. */
  settings?: SettingsStore;
  seed?: RawConfig;
  /** @default a 0600 file in dataDir (not protected at rest) */
  secrets?: SecretBox;
  ffmpegPath?: string;
  /** Channels only an entry point can implement (the desktop app's native folder picker). */
  channelOverrides?: { 'system.pickFolder'?: () => Promise<{ path?: string }> };
}

export interface Core {
  readonly config: LoupeConfig;
  /** The config as stored: relative paths unresolved, no secrets from the secret box. */
  readonly raw: RawConfig;
  readonly dataDir: string;
  readonly settings?: SettingsStore;
  readonly secrets: SecretBox;
  readonly options: CoreOptions;
  readonly delivery: DeliveryServer;
  readonly cache: DiskCache;
  readonly sources: SourceStore;
  readonly activity: ActivityLog;
  readonly images: ImagePipeline;
  readonly transforms: SingleFlight<{ meta: EntryMeta; body: Buffer }>;
  readonly origins: ReadonlyMap<string, Origin>;
  readonly events: EventEmitter<{ 'server.changed': [ServerStatus] }>;
  /** The address once started. */
  readonly url: string | undefined;
  readonly startedAt: string;
  /** Parses a raw config as this core does (paths against the settings folder, secrets applied). */
  parse(raw: RawConfig): Promise<LoupeConfig>;
  /** Validates, saves and applies a change; concurrent updates run one after another. */
  update(change: (raw: RawConfig) => RawConfig | Promise<RawConfig>): Promise<LoupeConfig>;
  /** Makes an origin instance (also for drafts that are tested before saving). */
  makeOrigin(config: LoupeConfig['origins'][number], keyJson?: string): Origin;
  status(): ServerStatus;
  start(overrides?: { host?: string; port?: number }): Promise<{ url: string; host: string; port: number }>;
  stop(): Promise<void>;
}

export function cacheDir(dataDir: string): string {
  return path.join(dataDir, 'cache');
}

const VERSION = pkg.version;

export async function createCore(options: CoreOptions): Promise<Core> {
  await mkdir(options.dataDir, { recursive: true });
  const secrets = options.secrets ?? createFileSecretBox(options.dataDir);
  const baseDir = options.settings?.baseDir ?? process.cwd();
  const parse = async (raw: RawConfig): Promise<LoupeConfig> => {
    const signingKey = await secrets.get(SIGNING_SECRET);
    const signing = (raw.signing ?? {}) as Record<string, unknown>;
    return parseConfig({ ...raw, signing: signingKey && signing.privateKey === undefined ? { ...signing, privateKey: signingKey } : signing }, { resolve: (p) => path.resolve(baseDir, p) });
  };
  let raw: RawConfig = options.config ? structuredClone(options.config) as unknown as RawConfig
    : (await options.settings?.load()) ?? structuredClone(options.seed ?? {});
  let config = await parse(raw);

  const makeOrigin = (o: LoupeConfig['origins'][number], keyJson?: string): Origin => createOrigin(o, {
    maxBytes: config.images.maxInputBytes,
    gcsKeyJson: async (id) => keyJson ?? (await secrets.get(gcsKeySecret(id))),
  });
  const originKey = (o: LoupeConfig['origins'][number]) => JSON.stringify(o);
  let originKeys = new Map<string, string>();
  const buildOrigins = (previous?: ReadonlyMap<string, Origin>) => {
    const map = new Map<string, Origin>();
    const keys = new Map<string, string>();
    for (const o of config.origins) {
      const k = originKey(o);
      const old = previous?.get(o.id);
      map.set(o.id, old && originKeys.get(o.id) === k ? old : makeOrigin(o));
      keys.set(o.id, k);
    }
    originKeys = keys;
    return map;
  };

  const cache = await createDiskCache({ dir: cacheDir(options.dataDir), maxBytes: config.cache.maxBytes });
  const ctx: DeliveryContext = {
    config,
    hot: new HotResponses(),
    origins: buildOrigins(),
    images: createImagePipeline({ images: config.images }),
    cache,
    sources: createSourceStore(cache, (id) => config.origins.find((o) => o.id === id)?.revalidateAfter ?? 60),
    transforms: new SingleFlight<{ meta: EntryMeta; body: Buffer }>(),
  };
  const activity = createActivityLog();
  const delivery = createDeliveryServer(ctx, activity);
  const events = new EventEmitter<{ 'server.changed': [ServerStatus] }>();
  const startedAt = new Date().toISOString();
  let url: string | undefined;
  let listening: { host: string; port: number } | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  // `loupe cache purge` from another process touches the marker; refresh so memory never serves purged bytes.
  const marker = purgeMarker(cache.dir);
  watchFile(marker, { interval: 1000, persistent: false }, () => void cache.refresh());
  // Hit counts since start, for `loupe cache stats` run from another process.
  const statsFile = path.join(cache.dir, 'stats.json');
  let written = '';
  const writeStats = async () => {
    const { hits, misses } = cache.stats();
    if (`${hits}/${misses}` === written) return;
    written = `${hits}/${misses}`;
    await writeJsonAtomic(statsFile, { startedAt, pid: process.pid, hits, misses }).catch(() => undefined);
  };
  const statsTimer = setInterval(() => void writeStats(), 5000);
  statsTimer.unref();

  async function apply(next: LoupeConfig): Promise<void> {
    const before = config;
    // Moving the listener is the one step that can fail, so it goes first: on failure nothing else changed.
    const at = listening;
    if (at && (before.server.host !== next.server.host || before.server.port !== next.server.port)) {
      await delivery.close();
      try {
        await listen({ host: next.server.host, port: next.server.port });
      } catch (e) {
        await listen(at); // back where it was actually listening (--port may differ from the config)
        throw new LoupeError('CONFIG_INVALID', `server.port: cannot listen on ${next.server.host}:${next.server.port} (${(e as Error).message})`, { field: 'server.port' });
      }
    }
    config = next;
    ctx.config = next;
    ctx.hot.invalidate();
    ctx.origins = buildOrigins(ctx.origins);
    ctx.sources.forget((origin) => originKeys.get(origin) !== JSON.stringify(before.origins.find((o) => o.id === origin)));
    if (JSON.stringify(before.images) !== JSON.stringify(next.images)) ctx.images = createImagePipeline({ images: next.images });
    if (before.cache.maxBytes !== next.cache.maxBytes) await cache.setMaxBytes(next.cache.maxBytes);
    events.emit('server.changed', core.status());
  }

  async function listen(at: { host: string; port: number }) {
    const address = await delivery.listen(at.port, at.host);
    listening = { host: at.host, port: address.port }; // the bound port, also when asked for 0
    url = address.url;
    return address;
  }

  const core: Core = {
    get config() {
      return config;
    },
    get raw() {
      return raw;
    },
    dataDir: options.dataDir,
    ...(options.settings ? { settings: options.settings } : {}),
    secrets, options, delivery, cache, activity, events, startedAt,
    get sources() {
      return ctx.sources;
    },
    get images() {
      return ctx.images;
    },
    get transforms() {
      return ctx.transforms;
    },
    get origins() {
      return ctx.origins;
    },
    get url() {
      return url;
    },
    parse,
    makeOrigin,
    update(change) {
      const run = queue.then(async () => {
        const nextRaw = await change(structuredClone(raw));
        const next = await parse(nextRaw);
        const previous = config;
        await apply(next);
        try {
          await options.settings?.save(nextRaw);
        } catch (e) {
          await apply(previous); // what runs and what is saved never disagree
          throw e;
        }
        raw = nextRaw;
        return next;
      });
      queue = run.catch(() => undefined);
      return run;
    },
    status: () => ({
      running: url !== undefined,
      ...(url ? { url } : {}),
      version: VERSION,
      startedAt,
      endpoints: config.endpoints.map((e) => ({ id: e.id, ...(url ? { url: e.id ? `${url}/${e.id}` : url } : {}), origins: e.origins, domains: e.domains })),
    }),
    async start(o) {
      const address = await listen({ host: o?.host ?? config.server.host, port: o?.port ?? config.server.port });
      events.emit('server.changed', core.status());
      return address;
    },
    async stop() {
      await delivery.close();
      url = undefined;
      listening = undefined;
      clearInterval(statsTimer);
      unwatchFile(marker);
      await writeStats();
    },
  };
  return core;
}
