import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../shared/config.ts';

const paths = { resolve: (p: string) => (p.startsWith('/') ? p : `/cfg/${p.replace(/^\.\//, '')}`) };
const base = {
  origins: [{ id: 'photos', type: 'folder', root: './images' }, { id: 'more', type: 'folder', root: '/srv/more' }],
  endpoints: [{ id: 'demo', origins: ['photos', 'more'], domains: ['img.localhost'] }],
};

function error(input: unknown): string {
  try {
    parseConfig(input, paths);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

describe('config', () => {
  it('parses the documented example with defaults and resolves relative roots', () => {
    const c = parseConfig({ ...base, server: { host: '127.0.0.1', port: 3210 }, cache: { maxBytes: 2147483648 },
      namedTransformations: { thumb: 'w-200,h-200,c-at_max' },
      images: { autoFormat: true, avif: false, defaultQuality: 80, maxInputPixels: 100000000, maxInputBytes: 41943040, maxOutputDimension: 16383 } }, paths);
    expect(c.origins[0]).toMatchObject({ type: 'folder', root: '/cfg/images', revalidateAfter: 60 });
    expect(c.origins[1]).toMatchObject({ root: '/srv/more' });
    expect(c.endpoints[0]).toEqual({ id: 'demo', origins: ['photos', 'more'], domains: ['img.localhost'], requireSignedUrls: false });
    expect(c.images.maxChainSteps).toBe(20);
    expect(c.server.cacheControl).toContain('max-age');
  });

  it('names the field that is wrong', () => {
    expect(error({ ...base, server: { port: 'x' } })).toBe('server.port: expected an integer from 0 to 65535, got "x"');
    expect(error({ ...base, origins: [{ id: 'a', type: 'ftp' }] })).toContain('origins[0].type: expected "folder", "web" or "gcs", got "ftp"');
    expect(error({ ...base, origins: [{ id: 'a', type: 'folder' }] })).toContain('origins[0].root: expected a string');
    expect(error({ ...base, endpoints: [{ id: 'demo', origins: ['nope'] }] })).toContain('endpoints[0].origins[0]: no origin with id "nope"');
    expect(error({ ...base, images: { avif: 'yes' } })).toContain('images.avif: expected true or false');
    expect(error({ ...base, images: { colour: 1 } })).toContain('images.colour: unknown field');
    expect(error({ ...base, endpoints: [{ id: '../x', origins: ['photos'] }] })).toContain('endpoints[0].id: expected path segments');
    expect(error({ ...base, origins: [base.origins[0], base.origins[0]] })).toContain('origins[1].id: duplicate origin id "photos"');
    expect(error([])).toBe('config: expected an object, got an array');
  });

  it('is ready for web and gcs origins and signing', () => {
    const c = parseConfig({
      origins: [{ id: 'site', type: 'web', baseUrl: 'https://example.com/static' }, { id: 'b', type: 'gcs', bucket: 'my-bucket', prefix: 'assets/', keyFile: './key.json' }],
      endpoints: [{ id: 'x', origins: ['site', 'b'], requireSignedUrls: true }],
      signing: { privateKey: 'private_key_test_123' },
    }, paths);
    expect(c.origins[0]).toMatchObject({ baseUrl: 'https://example.com/static/', timeoutMs: 10000, forwardHost: false });
    expect(c.origins[1]).toMatchObject({ bucket: 'my-bucket', keyFile: '/cfg/key.json', prefix: 'assets/' });
    expect(error({ ...base, endpoints: [{ id: 'demo', origins: ['photos'], requireSignedUrls: true }] })).toContain('signing.privateKey: required');
  });
});
