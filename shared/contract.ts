// The typed control API between the GUI (or any client) and the core: each channel declared once;
// the dispatcher, the transports, the preload and the renderer's client are all derived from it.

import type { ErrorData } from './errors.ts';

export interface OriginAttemptDto {
  origin: string;
  type: 'folder' | 'web' | 'gcs';
  /** The exact path, URL or object name looked up. */
  location: string;
  outcome: 'found' | 'not-found' | 'error';
  /** The answer came from the last check, still within the origin's revalidateAfter. */
  cached?: boolean;
  error?: string;
  ms: number;
}

export interface ActivityRecordDto {
  id: number;
  time: string;
  method: string;
  url: string;
  endpoint?: string;
  path?: string;
  chain?: string;
  attempts: OriginAttemptDto[];
  origin?: string;
  cache?: 'hit' | 'miss' | 'stale' | 'bypass';
  format?: string;
  bytes?: number;
  width?: number;
  height?: number;
  status: number;
  error?: { code: string; message: string };
  ms: number;
}

export interface ServerStatus {
  running: boolean;
  url?: string;
  version: string;
  startedAt: string;
  endpoints: { id: string; url?: string; origins: string[]; domains: string[] }[];
}

export interface CacheStatsDto {
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
  /** hits / (hits + misses) since start; 0 before any lookup. */
  hitRatio: number;
}

/** Exactly one way to select: a delivered URL, an endpoint and/or object path prefix, or everything. */
export type PurgeInput = { url: string } | { endpoint?: string; prefix?: string } | { all: true };

export interface ActivityFilter {
  status?: number | 'error';
  endpoint?: string;
  limit?: number;
}

export interface Contract {
  'server.status': { input: undefined; output: ServerStatus };
  'cache.stats': { input: undefined; output: CacheStatsDto };
  'cache.purge': { input: PurgeInput; output: { removed: number } };
  'activity.list': { input: ActivityFilter | undefined; output: ActivityRecordDto[] };
}

export interface Events {
  'activity.request': ActivityRecordDto;
}

export type Channel = keyof Contract;
export type EventName = keyof Events;

export const CHANNELS = ['server.status', 'cache.stats', 'cache.purge', 'activity.list'] as const satisfies readonly Channel[];
export const EVENTS = ['activity.request'] as const satisfies readonly EventName[];

// A channel declared in Contract but missing from CHANNELS is a type error here.
type Unlisted = Exclude<Channel, (typeof CHANNELS)[number]>;
export const CONTRACT_COMPLETE: [Unlisted] extends [never] ? true : never = true;

/** Results are data: Electron IPC keeps only the message of a thrown error. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
}
