// endpoints.* channels: list, save (with rename), remove, and explain — what a URL resolves to and
// what each origin answered, without transforming anything.

import type { EndpointJson, EndpointView, UrlExplanation } from '../../../shared/contract.ts';
import { ERRORS, isLoupeError } from '../../../shared/errors.ts';
import { canonicalChain } from '../../../shared/transform/index.ts';
import type { Core } from '../index.ts';
import { chainOf, resolveUrl } from '../server/resolve-url.ts';
import type { OriginAttempt } from '../server/locate.ts';
import { bad, idInput, isObject, parseUrl, record, text } from './validate.ts';

type EndpointRaw = Required<EndpointJson>;

function endpointList(raw: Record<string, unknown>): EndpointRaw[] {
  return (Array.isArray(raw.endpoints) ? raw.endpoints : []).map((e: EndpointJson) => ({ domains: [], requireSignedUrls: false, ...e }));
}

function view(core: Core, e: EndpointRaw): EndpointView {
  const url = core.url ? (e.id ? `${core.url}/${e.id}` : core.url) : undefined;
  return { config: e, ...(url ? { url } : {}) };
}

function parseEndpoint(v: unknown): EndpointJson {
  const e = record(v, 'endpoints.save', ['id', 'origins', 'domains', 'requireSignedUrls'], '{ id, origins, domains?, requireSignedUrls? }');
  if (typeof e.id !== 'string') bad('endpoints.save: "endpoint.id" must be a string', { field: 'endpoint.id' });
  if (!Array.isArray(e.origins) || !e.origins.every((o) => typeof o === 'string')) bad('endpoints.save: "endpoint.origins" must be a list of origin ids', { field: 'endpoint.origins' });
  if (e.domains !== undefined && (!Array.isArray(e.domains) || !e.domains.every((d) => typeof d === 'string'))) bad('endpoints.save: "endpoint.domains" must be a list of host names', { field: 'endpoint.domains' });
  if (e.requireSignedUrls !== undefined && typeof e.requireSignedUrls !== 'boolean') bad('endpoints.save: "endpoint.requireSignedUrls" must be true or false', { field: 'endpoint.requireSignedUrls' });
  return e as unknown as EndpointJson;
}

function listing(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** One sentence a user can act on. */
function sentence(x: UrlExplanation): string {
  if (x.error && !x.attempts.length) return x.error.message;
  const where = (a: OriginAttempt) => `${a.origin} (${a.location})`;
  const failed = x.attempts.filter((a) => a.outcome === 'error');
  if (x.servedBy) {
    const served = x.attempts.find((a) => a.outcome === 'found')!;
    const before = x.attempts.filter((a) => a !== served);
    return `Served by ${where(served)}.${before.length ? ` Tried first: ${listing(before.map(where))}, which ${before.length === 1 ? 'does' : 'do'} not have it.` : ''}`;
  }
  if (failed.length) return `"${x.key}" could not be checked: ${listing(failed.map((a) => `${where(a)} failed (${a.error})`))}.`;
  const n = x.attempts.length;
  return `Not found: "${x.key}" was looked up in ${listing(x.attempts.map(where))}; ${n === 1 ? 'it does not have it' : n === 2 ? 'neither has it' : 'none of them has it'}.`;
}

export async function explainUrl(core: Core, url: string): Promise<UrlExplanation> {
  const absolute = /^https?:\/\//i.test(url) ? parseUrl(url, 'endpoints.explain') : undefined;
  const target = absolute ? url.slice(absolute.origin.length) || '/' : url.startsWith('/') ? url : `/${url}`;
  const attempts: OriginAttempt[] = [];
  const result: UrlExplanation = { url, attempts, status: 200, summary: '' };
  try {
    const r = resolveUrl(target, absolute?.host, core.config.endpoints);
    Object.assign(result, { endpoint: r.endpoint.id, key: r.key, signedUrlRequired: r.endpoint.requireSignedUrls });
    const chain = chainOf(r, core.config.namedTransformations);
    result.transformation = canonicalChain(chain);
    const origins = r.endpoint.origins.map((id) => core.origins.get(id)!);
    const found = await core.sources.locate(origins, r.key, attempts);
    if (found) result.servedBy = found.origin.id;
    else {
      const failed = attempts.some((a) => a.outcome === 'error');
      result.status = failed ? 502 : 404;
      result.error = { code: failed ? 'ORIGIN_ERROR' : 'ORIGIN_NOT_FOUND', message: failed ? 'An origin failed' : `No file "${r.key}" in any origin of endpoint "/${r.endpoint.id}"` };
    }
  } catch (e) {
    if (!isLoupeError(e)) throw e;
    result.status = ERRORS[e.code].status;
    result.error = { code: e.code, message: e.message };
  }
  result.summary = sentence(result);
  return result;
}

export function endpointHandlers(core: Core) {
  const find = (id: string) => {
    const e = endpointList(core.raw).find((x) => x.id === id);
    if (!e) bad(`No endpoint "${id}" (known: ${endpointList(core.raw).map((x) => x.id).join(', ') || 'none'})`, { field: 'id' });
    return e;
  };
  return {
    'endpoints.list': async () => endpointList(core.raw).map((e) => view(core, e)),
    'endpoints.save': async (input: unknown) => {
      const i = record(input, 'endpoints.save', ['endpoint', 'previousId']);
      const endpoint = parseEndpoint(i.endpoint);
      const previousId = i.previousId === undefined ? undefined : text(i.previousId, 'endpoints.save', 'previousId', 200);
      await core.update((raw) => {
        const list = Array.isArray(raw.endpoints) ? [...(raw.endpoints as EndpointJson[])] : [];
        const target = previousId ?? endpoint.id;
        const at = list.findIndex((e) => e.id === target);
        if (previousId !== undefined && at < 0) bad(`endpoints.save: no endpoint "${previousId}" to change`, { field: 'previousId' });
        if (previousId === undefined && at >= 0) bad(`endpoints.save: an endpoint "/${endpoint.id}" exists already; choose another id`, { field: 'endpoint.id' });
        if (at >= 0) list[at] = endpoint;
        else list.push(endpoint);
        return { ...raw, endpoints: list };
      });
      return view(core, find(endpoint.id));
    },
    'endpoints.remove': async (input: unknown) => {
      const id = idInput(input, 'endpoints.remove');
      find(id);
      await core.update((raw) => ({ ...raw, endpoints: endpointList(raw).filter((e) => e.id !== id) }));
      return { removed: id };
    },
    'endpoints.explain': async (input: unknown) => {
      const i = record(input, 'endpoints.explain', ['url']);
      if (!isObject(i)) bad('endpoints.explain: expected { url }');
      return explainUrl(core, text(i.url, 'endpoints.explain', 'url', 8000));
    },
  };
}
