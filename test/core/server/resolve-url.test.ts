import { describe, expect, it } from 'vitest';
import type { EndpointConfig } from '../../../shared/config.ts';
import { resolveUrl } from '../../../electron/core/server/resolve-url.ts';

const ep = (id: string, domains: string[] = []): EndpointConfig => ({ id, origins: ['o'], domains, requireSignedUrls: false });
const endpoints = [ep('demo'), ep('demo/img'), ep('', ['img.localhost']), ep('shop', ['shop.localhost'])];

describe('resolveUrl', () => {
  it('picks the longest endpoint prefix', () => {
    expect(resolveUrl('/demo/a.jpg', '127.0.0.1:3210', endpoints)).toMatchObject({ endpoint: { id: 'demo' }, key: 'a.jpg' });
    expect(resolveUrl('/demo/img/a.jpg', '127.0.0.1', endpoints)).toMatchObject({ endpoint: { id: 'demo/img' }, key: 'a.jpg' });
  });

  it('uses the Host header domain without an id in the path, with or without a port', () => {
    expect(resolveUrl('/x/a.jpg', 'img.localhost:3210', endpoints)).toMatchObject({ endpoint: { id: '' }, key: 'x/a.jpg' });
    expect(resolveUrl('/a.jpg', 'shop.localhost', endpoints)).toMatchObject({ endpoint: { id: 'shop' }, key: 'a.jpg' });
    expect(resolveUrl('/shop/a.jpg', 'SHOP.localhost', endpoints)).toMatchObject({ endpoint: { id: 'shop' }, key: 'a.jpg' });
  });

  it('splits a path tr: segment and every tr query value, form-decoded', () => {
    const r = resolveUrl('/demo/tr:w-300,h-200/a%20b.jpg?tr=w-300%2Ch-200&v=1&tr=e-changebg-prompt-snow+road&ik-sdk-version=javascript-1.4.3', 'h', endpoints);
    expect(r.pathChain).toBe('w-300,h-200');
    expect(r.queryChains).toEqual(['w-300,h-200', 'e-changebg-prompt-snow road']);
    expect(r.key).toBe('a b.jpg');
  });

  it('keeps an encoded slash inside tr: in one segment (ie- base64)', () => {
    const r = resolveUrl('/demo/tr:l-image,ie-bG9n%2Fbw%3D%3D,l-end/a.jpg', 'h', endpoints);
    expect(r.pathChain).toBe('l-image,ie-bG9n/bw==,l-end');
    expect(r.key).toBe('a.jpg');
  });

  it('collapses empty segments (legacy SDK //) and rewrites ik-seo', () => {
    expect(resolveUrl('/demo//a.jpg', 'h', endpoints).key).toBe('a.jpg');
    expect(resolveUrl('/demo/tr:h-50/ik-seo/photos/DSC1234/eiffel-tower.jpg', 'h', endpoints)).toMatchObject({ key: 'photos/DSC1234.jpg', pathChain: 'h-50' });
  });

  it('sets aside signature parameters and attachment', () => {
    const r = resolveUrl('/demo/a.jpg?ik-attachment=true&ik-t=1700000300&ik-s=abc', 'h', endpoints);
    expect(r).toMatchObject({ attachment: true, signature: { s: 'abc', t: '1700000300' } });
  });

  it('recognises video suffixes', () => {
    expect(resolveUrl('/demo/v.mp4/ik-thumbnail.jpg', 'h', endpoints)).toMatchObject({ key: 'v.mp4', suffix: 'ik-thumbnail.jpg' });
  });

  it('rejects unknown endpoints and malformed encoding with clear errors', () => {
    expect(() => resolveUrl('/nope/a.jpg', 'h', [ep('demo')])).toThrow(/No endpoint matches "\/nope\/a.jpg". Known endpoints: \/demo/);
    expect(() => resolveUrl('/demo/%E0%A4%A.jpg', 'h', endpoints)).toThrow(/Malformed percent-encoding/);
  });
});
