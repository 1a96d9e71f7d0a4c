// Splits a raw request-target into endpoint, transformation parts, file key and URL controls
// (imagekit-url-spec.md §1.8). Works on the raw text: segments are split before percent-decoding so an
// encoded `/` (`ie-` base64, `..%2f`) can never create or remove a path boundary.

import type { EndpointConfig } from '../../../shared/config.ts';
import { LoupeError } from '../../../shared/errors.ts';
import { expandNamed, parseTransformation } from '../../../shared/transform/index.ts';
import type { Chain } from '../../../shared/transform/types.ts';

export interface ResolvedUrl {
  endpoint: EndpointConfig;
  /** Decoded text after `tr:` in the path, if any. */
  pathChain?: string;
  /** Every form-decoded `tr` query value, in order. */
  queryChains: string[];
  /** The decoded object key inside the endpoint, without a leading `/`. */
  key: string;
  /** `ik-attachment=true`. */
  attachment: boolean;
  /** Special suffix such as `ik-thumbnail.jpg` (video, later). */
  suffix?: string;
  signature?: { s: string; t?: string };
  rawPath: string;
  rawQuery: string;
}

const VIDEO_SUFFIXES = ['ik-thumbnail.jpg', 'ik-master.m3u8', 'ik-master.mpd', 'ik-video.mp4', 'ik-gif-video.mp4', 'ik-genimg'];

export function splitTarget(target: string): { rawPath: string; rawQuery: string } {
  const q = target.indexOf('?');
  const hash = target.indexOf('#');
  const end = hash >= 0 ? hash : target.length;
  return q >= 0 && q < end ? { rawPath: target.slice(0, q), rawQuery: target.slice(q + 1, end) } : { rawPath: target.slice(0, end), rawQuery: '' };
}

/** Finds the endpoint: a configured domain first, else the longest id prefix of the path. */
export function matchEndpoint(endpoints: readonly EndpointConfig[], host: string | undefined, segments: readonly string[]): { endpoint: EndpointConfig; consumed: number } | undefined {
  const hostname = host?.toLowerCase().replace(/:\d+$/, '');
  const withDomain = hostname ? endpoints.filter((e) => e.domains.some((d) => d === hostname || d === host?.toLowerCase())) : [];
  const candidates = withDomain.length > 0 ? withDomain : endpoints;
  let best: { endpoint: EndpointConfig; consumed: number } | undefined;
  for (const endpoint of candidates) {
    const idParts = endpoint.id === '' ? [] : endpoint.id.split('/');
    if (idParts.every((p, i) => segments[i] === p) && (!best || idParts.length > best.consumed)) {
      best = { endpoint, consumed: idParts.length };
    }
  }
  // A domain endpoint is reached without its id in the path too (spec §9: the identifier disappears).
  if (!best && withDomain.length > 0) best = { endpoint: withDomain[0]!, consumed: 0 };
  return best;
}

export function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new LoupeError('BAD_REQUEST', `Malformed percent-encoding in URL path segment "${raw.slice(0, 80)}"`);
  }
}

/** application/x-www-form-urlencoded decoding: `+` is a space (the legacy SDKs use URLSearchParams). */
export function formDecode(raw: string): string {
  return decodeSegment(raw.replace(/\+/g, ' '));
}

export function resolveUrl(target: string, host: string | undefined, endpoints: readonly EndpointConfig[]): ResolvedUrl {
  const { rawPath, rawQuery } = splitTarget(target);
  if (!rawPath.startsWith('/')) throw new LoupeError('BAD_REQUEST', 'The request path must start with "/"');
  // Empty segments collapse: legacy SDKs emit `/demo//a.jpg` (spec §1.4).
  let segments = rawPath.split('/').filter((s) => s !== '');
  const match = matchEndpoint(endpoints, host, segments);
  if (!match) {
    throw new LoupeError('ENDPOINT_NOT_FOUND', `No endpoint matches "${rawPath.slice(0, 200)}". Known endpoints: ${endpoints.map((e) => `/${e.id}`).join(', ') || 'none'}`);
  }
  segments = segments.slice(match.consumed);

  let pathChain: string | undefined;
  if (segments[0]?.startsWith('tr:')) {
    pathChain = decodeSegment(segments[0].slice(3));
    segments = segments.slice(1);
  }

  let decoded = segments.map(decodeSegment);
  if (decoded[0] === 'ik-seo' && decoded.length >= 3) {
    // ik-seo/<path without extension>/<any-name>.<ext> serves <path>.<ext> (spec §1.7).
    const seoName = decoded[decoded.length - 1]!;
    const dot = seoName.lastIndexOf('.');
    const ext = dot > 0 ? seoName.slice(dot) : '';
    decoded = decoded.slice(1, -1);
    decoded[decoded.length - 1] += ext;
  }
  let suffix: string | undefined;
  const last = decoded[decoded.length - 1];
  if (last && VIDEO_SUFFIXES.some((s) => last === s || last.startsWith(`${s}-`))) {
    suffix = last;
    decoded = decoded.slice(0, -1);
  }
  const key = decoded.join('/');

  const queryChains: string[] = [];
  let attachment = false;
  let s: string | undefined;
  let t: string | undefined;
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = formDecode(eq >= 0 ? part.slice(0, eq) : part);
    const value = eq >= 0 ? formDecode(part.slice(eq + 1)) : '';
    if (name === 'tr') queryChains.push(value);
    else if (name === 'ik-attachment') attachment = value === 'true';
    else if (name === 'ik-s') s = value;
    else if (name === 'ik-t') t = value;
    // ik-sdk-version and user parameters (cache busters like v=123) have no meaning here.
  }
  return {
    endpoint: match.endpoint, queryChains, key, attachment, rawPath, rawQuery,
    ...(pathChain !== undefined ? { pathChain } : {}),
    ...(suffix ? { suffix } : {}),
    ...(s !== undefined ? { signature: t !== undefined ? { s, t } : { s } } : {}),
  };
}

/** The URL's chain: the path `tr:` first, then every `tr` query value, named transformations expanded. */
export function chainOf(url: Pick<ResolvedUrl, 'pathChain' | 'queryChains'>, named: Readonly<Record<string, string>>): Chain {
  return expandNamed(parseTransformation({ ...(url.pathChain !== undefined ? { path: url.pathChain } : {}), query: url.queryChains }), named);
}
