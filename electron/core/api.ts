// Implements shared/contract.ts on top of the core's services. Every input is validated here: the
// renderer (or an HTTP client) is untrusted. One dispatcher serves IPC, HTTP and the tests.

import { CHANNELS, isChannel, type Channel, type Contract, type EventName, type Events, type PurgeInput, type Result } from '../../shared/contract.ts';
import { LoupeError, isLoupeError } from '../../shared/errors.ts';
import { canonicalChain } from '../../shared/transform/index.ts';
import { endpointHandlers } from './api/endpoints.ts';
import { originHandlers } from './api/origins.ts';
import { settingsHandlers } from './api/settings.ts';
import { bad, isObject, parseUrl, record } from './api/validate.ts';
import type { Core } from './index.ts';
import { chainOf, resolveUrl } from './server/resolve-url.ts';

type Handlers = { [C in Channel]: (input: unknown) => Promise<Contract[C]['output']> };

export interface Api {
  dispatch(channel: unknown, input?: unknown): Promise<Result<unknown>>;
  subscribe<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

export function parsePurgeInput(v: unknown): PurgeInput {
  const o = record(v, 'cache.purge', ['url', 'endpoint', 'prefix', 'all'], '{ url } or { endpoint?, prefix? } or { all: true }');
  if (o.all !== undefined) {
    if (o.all !== true || Object.keys(o).length > 1) bad('cache.purge: "all" must be true and stand alone');
    return { all: true };
  }
  if (o.url !== undefined) {
    if (typeof o.url !== 'string' || o.url.length === 0 || Object.keys(o).length > 1) bad('cache.purge: "url" must be a non-empty string and stand alone');
    return { url: o.url };
  }
  for (const k of ['endpoint', 'prefix'] as const) if (o[k] !== undefined && typeof o[k] !== 'string') bad(`cache.purge: "${k}" must be a string`);
  if (o.endpoint === undefined && o.prefix === undefined) bad('cache.purge: name a url, an endpoint, a prefix, or all: true');
  return { ...(o.endpoint !== undefined ? { endpoint: o.endpoint as string } : {}), ...(o.prefix !== undefined ? { prefix: o.prefix as string } : {}) };
}

/** Removes cached entries (and what is remembered about the objects) that the selection names. */
export async function purgeCache(core: Pick<Core, 'config' | 'cache' | 'sources'>, input: PurgeInput): Promise<number> {
  if ('all' in input) {
    core.sources.forget();
    return core.cache.purge(() => true);
  }
  if ('url' in input) {
    const u = /^https?:\/\//i.test(input.url) ? parseUrl(input.url, 'cache.purge') : undefined;
    const target = u ? input.url.slice(u.origin.length) || '/' : input.url;
    const r = resolveUrl(target.startsWith('/') ? target : `/${target}`, u?.host, core.config.endpoints);
    const chain = canonicalChain(chainOf(r, core.config.namedTransformations));
    const origins = new Set(r.endpoint.origins);
    core.sources.forget((o, k) => origins.has(o) && k === r.key);
    return core.cache.purge((m) => origins.has(m.origin) && m.key === r.key && (m.kind === 'original' ? chain === '' : m.chain === chain));
  }
  let origins: Set<string> | undefined;
  if (input.endpoint !== undefined) {
    const e = core.config.endpoints.find((x) => x.id === input.endpoint);
    if (!e) bad(`cache.purge: no endpoint "${input.endpoint}" (known: ${core.config.endpoints.map((x) => x.id).join(', ') || 'none'})`);
    origins = new Set(e.origins);
  }
  const prefix = input.prefix?.replace(/^\/+/, '');
  const select = (origin: string, key: string) => (!origins || origins.has(origin)) && (prefix === undefined || key.startsWith(prefix));
  core.sources.forget(select);
  return core.cache.purge((m) => select(m.origin, m.key));
}

function activityFilter(input: unknown) {
  if (input === undefined || input === null) return {};
  const { status, endpoint, limit } = record(input, 'activity.list', ['status', 'endpoint', 'limit'], '{ status?, endpoint?, limit? }');
  if (status !== undefined && status !== 'error' && !(Number.isInteger(status) && (status as number) >= 100 && (status as number) < 600)) bad('activity.list: "status" must be an HTTP status or "error"');
  if (endpoint !== undefined && typeof endpoint !== 'string') bad('activity.list: "endpoint" must be a string');
  if (limit !== undefined && !(Number.isInteger(limit) && (limit as number) > 0 && (limit as number) <= 10_000)) bad('activity.list: "limit" must be an integer from 1 to 10000');
  return { ...(status !== undefined ? { status: status as number | 'error' } : {}), ...(endpoint !== undefined ? { endpoint: endpoint as string } : {}), ...(limit !== undefined ? { limit: limit as number } : {}) };
}

function noInput(channel: string) {
  return (input: unknown) => {
    if (input !== undefined && input !== null && !(isObject(input) && Object.keys(input).length === 0)) bad(`${channel}: takes no input`);
  };
}

export function createApi(core: Core): Api {
  const handlers = {
    'server.status': async (input) => (noInput('server.status')(input), core.status()),
    'cache.stats': async (input) => (noInput('cache.stats')(input), core.cache.stats()),
    'cache.purge': async (input) => ({ removed: await purgeCache(core, parsePurgeInput(input)) }),
    'activity.list': async (input) => core.activity.list(activityFilter(input)),
    ...originHandlers(core),
    ...endpointHandlers(core),
    ...settingsHandlers(core),
  } satisfies Handlers;

  return {
    async dispatch(channel, input) {
      // Lookup through the list: `constructor`, `__proto__` and friends are not channels.
      if (!isChannel(channel)) {
        return { ok: false, error: { code: 'BAD_REQUEST', message: `Unknown channel "${String(channel).slice(0, 60)}" (known: ${CHANNELS.join(', ')})` } };
      }
      try {
        return { ok: true, value: await handlers[channel](input) };
      } catch (e) {
        if (isLoupeError(e)) return { ok: false, error: e.toData() };
        console.error(`loupe: ${channel} failed`, e);
        return { ok: false, error: { code: 'INTERNAL', message: `${channel} failed unexpectedly` } };
      }
    },
    subscribe(event, listener) {
      switch (event) {
        case 'activity.request':
          return core.activity.subscribe((r) => (listener as (p: Events['activity.request']) => void)(r));
        case 'server.changed': {
          const l = listener as (p: Events['server.changed']) => void;
          core.events.on('server.changed', l);
          return () => void core.events.off('server.changed', l);
        }
        default:
          throw new LoupeError('BAD_REQUEST', `Unknown event "${String(event)}"`);
      }
    },
  };
}
