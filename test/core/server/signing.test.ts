// Every vector of imagekit-url-spec.md §5.2 verifies; SDK-signed URLs verify; tampering fails.

import ImageKitNode from '@imagekit/nodejs';
import ImageKit from 'imagekit';
import { describe, expect, it } from 'vitest';
import { signUrl, verifySignedUrl } from '../../../electron/core/server/signing.ts';
import { splitTarget } from '../../../electron/core/server/resolve-url.ts';

const KEY = 'private_key_test_123';
const NOW = 1700000000;

function verify(url: string, prefixes = ['/demo/'], now = NOW) {
  const u = new URL(url);
  const { rawPath, rawQuery } = splitTarget(url.slice(u.origin.length));
  verifySignedUrl({ rawPath, rawQuery, prefixes }, KEY, now);
}

const VECTORS: [string, string[]?][] = [
  ['https://ik.imagekit.io/demo/default-image.jpg?ik-s=dbc2a2c595a4f5ce8e0b22827ec2687cadc59725'],
  ['https://ik.imagekit.io/demo/tr:w-400,h-300:rt-90/default-image.jpg?ik-s=70910b1340d57236e7dc1fc379e35620d759c649'],
  ['https://ik.imagekit.io/demo/tr:h-300,w-400/default-image.jpg?v=123&ik-t=1700000300&ik-s=5a89f1d0eebfe8d2eccef78b9af5ebb1380fb99c'],
  ['https://ik.imagekit.io/demo/default-image.jpg?tr=w-300%2Ch-200&ik-s=fd9003df43dbe89484d005c2a280938615740df2'],
  ['https://ik.imagekit.io/demo/default-image.jpg?tr=w-300,h-200&ik-s=b8c6249b578d3428c72c33a8bd24043f7a6fed7d'],
  ['https://ik.imagekit.io/demo/tr:w-300,h-200/default-image.jpg?ik-t=1700000300&ik-s=e4a0279e84a7acbff31a2c799cd32093148e64d1'],
  ['https://ik.imagekit.io/demo/%C3%A9.jpg?ik-s=5bf46d4e9b655c8af73bffdd3ad35b983403abb3'],
  ['https://ik.imagekit.io/demo//default-image.jpg?ik-s=11377edad27c9a5fb8521efe6120d1e23dd28578'],
  // imagekit 5.2.0 emitted raw é; a client sends it percent-encoded as UTF-8.
  ['https://ik.imagekit.io/demo/%C3%A9%20a.jpg?ik-s=aeed886b54d1f5af9cdebf9e7bc574455b0cad27'],
  ['https://ik.imagekit.io/demo/img/plant.jpeg?ik-s=bbdb51517590cb356d8e28fbc6dee90d193c8a4a', ['/demo/img/', '/demo/']],
];

describe('signed URLs', () => {
  it.each(VECTORS)('verifies spec vector %s', (url, prefixes) => {
    expect(() => verify(url, prefixes)).not.toThrow();
  });

  it('rejects every single-byte tampering of a vector with SIGNATURE_INVALID', () => {
    const url = VECTORS[2]![0];
    const u = new URL(url);
    const target = url.slice(u.origin.length);
    let rejected = 0;
    for (let i = 1; i < target.length; i++) {
      const c = target[i]!;
      if (c === '/' || c === '?' || c === '&' || c === '=') continue;
      const tampered = target.slice(0, i) + (c === 'a' ? 'b' : 'a') + target.slice(i + 1);
      try {
        verify(u.origin + tampered);
      } catch (e) {
        expect((e as { code: string }).code).toMatch(/^SIGNATURE_(INVALID|REQUIRED)$/);
        rejected++;
        continue;
      }
      throw new Error(`accepted tampered URL ${tampered}`);
    }
    expect(rejected).toBeGreaterThan(50);
  });

  it('rejects an expired URL even with a matching HMAC', () => {
    expect(() => verify(VECTORS[2]![0], ['/demo/'], 1700000301)).toThrow(expect.objectContaining({ code: 'SIGNATURE_EXPIRED' }));
  });

  it('requires ik-s and a numeric ik-t', () => {
    expect(() => verify('https://x/demo/a.jpg')).toThrow(expect.objectContaining({ code: 'SIGNATURE_REQUIRED' }));
    expect(() => verify('https://x/demo/a.jpg?ik-t=soon&ik-s=00')).toThrow(expect.objectContaining({ code: 'SIGNATURE_INVALID' }));
  });

  it('verifies URLs signed by the imagekit and @imagekit/nodejs SDKs against a local endpoint', () => {
    const urlEndpoint = 'http://127.0.0.1:3210/demo';
    const legacy = new ImageKit({ publicKey: 'p', privateKey: KEY, urlEndpoint });
    const now = Math.floor(Date.now() / 1000);
    const urls = [
      legacy.url({ path: '/photos/a b é.jpg', signed: true, transformation: [{ width: 300 }] }),
      legacy.url({ path: '/x.jpg', signed: true, expireSeconds: 300, queryParameters: { v: '1' }, transformationPosition: 'query', transformation: [{ width: 300, height: 200 }] }),
      new ImageKitNode({ privateKey: KEY }).helper.buildSrc({ urlEndpoint, src: '/p.jpg', signed: true, expiresIn: 600, transformation: [{ width: 300, height: 200 }] }),
      new ImageKitNode({ privateKey: KEY }).helper.buildSrc({ urlEndpoint, src: '/p.jpg', signed: true, transformationPosition: 'path', transformation: [{ width: 30 }] }),
    ];
    for (const url of urls) expect(() => verify(url, ['/demo/'], now), url).not.toThrow();
  });

  it('signUrl produces what the SDK produces', () => {
    expect(signUrl('https://ik.imagekit.io/demo/default-image.jpg', 'https://ik.imagekit.io/demo', KEY)).toBe(VECTORS[0]![0]);
    expect(signUrl('https://ik.imagekit.io/demo/tr:w-300,h-200/default-image.jpg', 'https://ik.imagekit.io/demo/', KEY, 1700000300)).toBe(VECTORS[5]![0]);
  });
});
