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

/** A config object as JSON: the same structure as the config file (shared/config.ts). */
export type OriginConfigJson = { id: string; type: 'folder' | 'web' | 'gcs' } & Record<string, unknown>;

export interface KeySummary {
  client_email: string;
  project_id: string;
  private_key_id: string;
}

export interface OriginView {
  config: OriginConfigJson;
  /** The service-account key held for a GCS origin (never the private key). */
  key?: KeySummary & { storage: 'keyFile' | 'persisted' | 'session' };
  /** Endpoints that list this origin, in their order. */
  usedBy: string[];
}

export interface KeyInput {
  /** The key file's text, as dropped or picked. */
  json: string;
  /** `persisted`: kept in the secret store; `session`: in memory until the app quits. */
  storage: 'persisted' | 'session';
}

export interface OriginSaveInput {
  origin: OriginConfigJson;
  /** When renaming: the id it had. */
  previousId?: string;
  key?: KeyInput;
}

export type KeyValidationDto =
  | { ok: true; summary: KeySummary; warnings: string[] }
  | { ok: false; problem: string; message: string };

export interface OriginCheckRowDto {
  name: string;
  ok: boolean;
  message: string;
  fix?: string;
  /** An object key that proved readable (a thumbnail can be shown). */
  sample?: string;
}

export interface OriginCheckDto {
  ok: boolean;
  checks: OriginCheckRowDto[];
}

export interface EndpointJson {
  id: string;
  origins: string[];
  domains?: string[];
  requireSignedUrls?: boolean;
}

export interface EndpointView {
  config: Required<EndpointJson>;
  /** The base URL to copy, e.g. http://127.0.0.1:3210/demo */
  url?: string;
}

/** What a URL resolves to, and what each origin answered: the "explain a URL" box. */
export interface UrlExplanation {
  url: string;
  endpoint?: string;
  key?: string;
  /** The canonical transformation, '' for none. */
  transformation?: string;
  signedUrlRequired?: boolean;
  attempts: OriginAttemptDto[];
  servedBy?: string;
  /** The status a GET would get, as far as it is known without transforming. */
  status: number;
  error?: { code: string; message: string };
  /** One sentence a user can act on. */
  summary: string;
}

export interface SettingsView {
  server: { host: string; port: number; cacheControl: string };
  cache: { maxBytes: number };
  images: {
    autoFormat: boolean; avif: boolean; defaultQuality: number;
    maxInputPixels: number; maxInputBytes: number; maxOutputDimension: number; maxChainSteps: number;
  };
  namedTransformations: Record<string, string>;
  signing: { hasPrivateKey: boolean };
  dataDir: string;
  /** Whether secrets are encrypted at rest (false: no keyring, `basic_text`, or the headless file store). */
  secrets: { protectedAtRest: boolean; backend: string };
}

export interface SettingsPatch {
  server?: Partial<SettingsView['server']>;
  cache?: Partial<SettingsView['cache']>;
  images?: Partial<SettingsView['images']>;
  namedTransformations?: Record<string, string>;
  /** A string sets the key, null removes it. */
  signing?: { privateKey?: string | null };
}

export interface Contract {
  'server.status': { input: undefined; output: ServerStatus };
  'cache.stats': { input: undefined; output: CacheStatsDto };
  'cache.purge': { input: PurgeInput; output: { removed: number } };
  'activity.list': { input: ActivityFilter | undefined; output: ActivityRecordDto[] };
  'origins.list': { input: undefined; output: OriginView[] };
  'origins.get': { input: { id: string }; output: OriginView };
  'origins.save': { input: OriginSaveInput; output: OriginView };
  'origins.remove': { input: { id: string }; output: { removed: string } };
  /** A saved origin by id, or a draft (with its key) before saving. */
  'origins.check': { input: { id: string } | { draft: OriginConfigJson; key?: KeyInput }; output: OriginCheckDto };
  'origins.validateKey': { input: { json: string }; output: KeyValidationDto };
  'endpoints.list': { input: undefined; output: EndpointView[] };
  'endpoints.save': { input: { endpoint: EndpointJson; previousId?: string }; output: EndpointView };
  'endpoints.remove': { input: { id: string }; output: { removed: string } };
  'endpoints.explain': { input: { url: string }; output: UrlExplanation };
  'settings.get': { input: undefined; output: SettingsView };
  'settings.update': { input: SettingsPatch; output: SettingsView };
  /** The config file (never with secrets: no signing key, no key contents). */
  'config.export': { input: undefined; output: { config: Record<string, unknown> } };
  /** Replaces origins, endpoints and settings with a config file's content, validated as a whole. */
  'config.import': { input: { config: unknown }; output: { origins: number; endpoints: number } };
  /** A native folder picker: only in the desktop app (the browser studio uses a path field). */
  'system.pickFolder': { input: undefined; output: { path?: string } };
}

export interface Events {
  'server.changed': ServerStatus;
  'activity.request': ActivityRecordDto;
}

export type Channel = keyof Contract;
export type EventName = keyof Events;
export type Input<C extends Channel> = Contract[C]['input'];
export type Output<C extends Channel> = Contract[C]['output'];

export const CHANNELS = [
  'server.status', 'cache.stats', 'cache.purge', 'activity.list',
  'origins.list', 'origins.get', 'origins.save', 'origins.remove', 'origins.check', 'origins.validateKey',
  'endpoints.list', 'endpoints.save', 'endpoints.remove', 'endpoints.explain',
  'settings.get', 'settings.update', 'config.export', 'config.import', 'system.pickFolder',
] as const satisfies readonly Channel[];
export const EVENTS = ['server.changed', 'activity.request'] as const satisfies readonly EventName[];

// A channel or event declared above but missing from the lists is a type error here.
type Unlisted = Exclude<Channel, (typeof CHANNELS)[number]> | Exclude<EventName, (typeof EVENTS)[number]>;
export const CONTRACT_COMPLETE: [Unlisted] extends [never] ? true : never = true;

/**
 * The client every transport gives the renderer (Electron preload: `window.loupe`; the browser
 * studio: HTTP): one method per channel, plus `on` for events. Derived, never written by hand.
 */
export type LoupeClient = { [C in Channel]: (input: Input<C>) => Promise<Result<Output<C>>> } & {
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
};

/** The studio's HTTP transport: POST {channel, input} here with `Authorization: Bearer <token>`. */
export const STUDIO_CALL_PATH = '/api/call';
/** Server-sent events: `event: <name>` / `data: <json>`; the token goes in `?token=` (EventSource has no headers). */
export const STUDIO_EVENTS_PATH = '/api/events';

/** Results are data: Electron IPC keeps only the message of a thrown error. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
}
