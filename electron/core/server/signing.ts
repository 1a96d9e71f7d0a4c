// ImageKit signed URLs (imagekit-url-spec.md §5): ik-s = hex(HMAC-SHA1(key, <URL minus endpoint prefix,
// without ik-t/ik-s> + (ik-t || "9999999999"))). Verified on the raw request-target, never re-serialised.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { LoupeError } from '../../../shared/errors.ts';

const NO_EXPIRY = '9999999999';

export interface SignedTarget {
  rawPath: string;
  rawQuery: string;
  /** Path prefixes the signer may have used as urlEndpoint, e.g. ["/demo/"]; "/" is always tried. */
  prefixes: readonly string[];
}

/** The raw query without its ik-s / ik-t components, other parameters untouched and in order. */
export function stripSignatureParams(rawQuery: string): { rest: string; s?: string; t?: string } {
  let s: string | undefined;
  let t: string | undefined;
  const kept: string[] = [];
  for (const part of rawQuery.split('&')) {
    if (part.startsWith('ik-s=')) s = part.slice(5);
    else if (part.startsWith('ik-t=')) t = part.slice(5);
    else if (part !== '') kept.push(part);
  }
  return { rest: kept.join('&'), ...(s !== undefined ? { s } : {}), ...(t !== undefined ? { t } : {}) };
}

export function hmacHex(privateKey: string, data: string): string {
  return createHmac('sha1', Buffer.from(privateKey, 'utf8')).update(Buffer.from(data, 'utf8')).digest('hex');
}

/**
 * Legacy Node SDKs signed non-ASCII paths differently (spec §5.1): 3.x/4.x the raw UTF-8 text, 5.x
 * encodeURI() of it. Both are derived from the received form by decoding only the %XX of bytes ≥ 0x80.
 */
function legacyVariants(text: string): string[] {
  if (!/%[89A-Fa-f][0-9A-Fa-f]/.test(text)) return [];
  const decoded = text.replace(/(%[89A-Fa-f][0-9A-Fa-f])+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
  return decoded === text ? [] : [decoded, encodeURI(decoded)];
}

function constantTimeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Throws SIGNATURE_REQUIRED / SIGNATURE_INVALID / SIGNATURE_EXPIRED; returns when the URL is good. */
export function verifySignedUrl(target: SignedTarget, privateKey: string, nowSeconds = Math.floor(Date.now() / 1000)): void {
  const { rest, s, t } = stripSignatureParams(target.rawQuery);
  if (s === undefined) throw new LoupeError('SIGNATURE_REQUIRED', 'This endpoint requires signed URLs: the ik-s parameter is missing');
  if (t !== undefined && !/^\d{1,12}$/.test(t)) throw new LoupeError('SIGNATURE_INVALID', `Invalid ik-t: "${t.slice(0, 40)}" (expected Unix seconds)`);
  const unsigned = rest ? `${target.rawPath}?${rest}` : target.rawPath;
  const expiry = t ?? NO_EXPIRY;
  const signature = s.toLowerCase();
  const prefixes = [...new Set([...target.prefixes, '/'])].sort((a, b) => b.length - a.length);
  let matched = false;
  for (const prefix of prefixes) {
    if (!unsigned.startsWith(prefix)) continue;
    const relative = unsigned.slice(prefix.length);
    for (const candidate of [relative, ...legacyVariants(relative)]) {
      // No early exit: every candidate costs the same, whatever matched.
      if (constantTimeEqualHex(hmacHex(privateKey, candidate + expiry), signature)) matched = true;
    }
  }
  if (!matched) throw new LoupeError('SIGNATURE_INVALID', 'The URL signature (ik-s) does not match this URL');
  if (t !== undefined && nowSeconds > Number(t)) {
    throw new LoupeError('SIGNATURE_EXPIRED', `The signed URL expired at ${new Date(Number(t) * 1000).toISOString()}`);
  }
}

/** Signs like the `imagekit` SDK: `urlEndpoint` is the base the URL starts with. */
export function signUrl(url: string, urlEndpoint: string, privateKey: string, expiresAt?: number): string {
  const prefix = urlEndpoint.endsWith('/') ? urlEndpoint : `${urlEndpoint}/`;
  if (!url.startsWith(prefix)) throw new LoupeError('BAD_REQUEST', `The URL does not start with the endpoint ${prefix}`);
  const expiry = expiresAt !== undefined ? String(expiresAt) : NO_EXPIRY;
  const signature = hmacHex(privateKey, url.slice(prefix.length) + expiry);
  const joiner = url.includes('?') ? '&' : '?';
  return `${url}${joiner}${expiresAt !== undefined ? `ik-t=${expiry}&` : ''}ik-s=${signature}`;
}
