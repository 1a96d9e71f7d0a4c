// 500 malformed URLs and damaged images: no answer may be a 5xx, and the server must stay up.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../../support/http.ts';
import { alphaPng, animatedGif, photoJpeg } from '../../support/images.ts';
import { startServer, type TestServer } from '../../support/loupe-server.ts';

/** Deterministic, so a failure reproduces. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

const PIECES = ['w-', 'h-', 'ar-', 'c-', 'cm-', 'fo-', 'q-', 'f-', 'bg-', 'b-', 'r-', 'rt-', 'bl-', 'e-sharpen', 'e-usm-', 'e-grayscale',
  'l-image', 'l-text', 'l-end', 'if-', 'if-else', 'if-end', 'n-', 'di-', 'ie-', 'i-', 'x-', 'xc-', 'dpr-', 't-', 'o-', 'fl-', 'pr-', 'lo-',
  'N', '_', ',', ':', '-', '@@', '%', '%2', '%zz', '%00', '%2F', '%C3%A9', '..', '/', '?', '&', 'tr=', 'tr:', '+', ' ', '#', 'iw', 'ih_div_0',
  'mul', '_div_', 'auto', 'max', 'true', 'false', '0', '1', '-1', '0.5', '99999999', '1e309', 'NaN', 'ffffff', 'blurred', 'red', '00000000'];

let s: TestServer;
beforeAll(async () => {
  s = await startServer({ origins: [{ id: 'o', type: 'folder' }], endpoints: [{ id: 'f', origins: ['o'] }] });
  const jpeg = await photoJpeg(320, 240);
  await s.put('o', 'ok.jpg', jpeg);
  const random = rng(7);
  const damaged: [string, Buffer][] = [
    ['trunc-head.jpg', jpeg.subarray(0, 20)],
    ['trunc-mid.jpg', jpeg.subarray(0, jpeg.length >> 1)],
    ['empty.jpg', Buffer.alloc(0)],
    ['garbage.png', Buffer.from(Array.from({ length: 2000 }, () => Math.floor(random() * 256)))],
    ['trunc.png', (await alphaPng()).subarray(0, 100)],
    ['trunc.gif', (await animatedGif(3)).subarray(0, 300)],
    ['text.webp', Buffer.from('RIFF....WEBPnot really')],
    ['html.svg', Buffer.from('<html><body>not svg</body></html>')],
    ['bad.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="-5" height="abc"><rect')],
  ];
  const flipped = Buffer.from(jpeg);
  for (let i = 0; i < 200; i++) flipped[Math.floor(200 + random() * (flipped.length - 200))] = Math.floor(random() * 256);
  damaged.push(['flipped.jpg', flipped]);
  for (const [name, data] of damaged) await s.put('o', name, data);
});
afterAll(() => s.close());

describe('fuzz', () => {
  it('answers 500 malformed URLs without a 5xx and stays up', async () => {
    const random = rng(42);
    const files = ['ok.jpg', 'missing.jpg', 'trunc-mid.jpg', 'garbage.png', ''];
    const targets: string[] = [];
    for (let i = 0; i < 500; i++) {
      const n = 1 + Math.floor(random() * 8);
      const chain = Array.from({ length: n }, () => PIECES[Math.floor(random() * PIECES.length)]).join('');
      const file = files[Math.floor(random() * files.length)];
      const form = random();
      targets.push(form < 0.45 ? `/f/tr:${chain}/${file}` : form < 0.9 ? `/f/${file}?tr=${chain}` : `/f/${chain}/${file}`);
    }
    const failures: string[] = [];
    // A few at a time, so concurrency is exercised without swamping the 2 cores.
    for (let i = 0; i < targets.length; i += 8) {
      const batch = targets.slice(i, i + 8);
      const results = await Promise.all(batch.map((t) => request(s.url, t.replace(/[ #]/g, (c) => (c === ' ' ? '%20' : '%23'))).catch((e: Error) => ({ status: -1, text: e.message }))));
      results.forEach((r, j) => {
        if (r.status >= 500 || r.status < 0) failures.push(`${batch[j]} -> ${r.status} ${r.text.slice(0, 200)}`);
      });
    }
    expect(failures).toEqual([]);
    expect((await request(s.url, '/f/tr:w-10/ok.jpg')).status).toBe(200);
  }, 120_000);

  it('answers damaged images with a 4xx and stays up', async () => {
    const names = ['trunc-head.jpg', 'trunc-mid.jpg', 'empty.jpg', 'garbage.png', 'trunc.png', 'trunc.gif', 'text.webp', 'html.svg', 'bad.svg', 'flipped.jpg'];
    for (const name of names) {
      for (const tr of ['', 'tr:w-100', 'tr:w-100,h-100,c-at_max,f-png', 'tr:f-jpg,bl-10:rt-90']) {
        const r = await request(s.url, `/f/${tr ? `${tr}/` : ''}${name}`, { headers: { accept: 'image/webp' } });
        expect(r.status, `${tr} ${name}: ${r.text}`).toBeLessThan(500);
      }
    }
    expect((await request(s.url, '/f/ok.jpg')).status).toBe(200);
  }, 60_000);

  it('a raw malformed request line gets a 400, not a crash', async () => {
    const net = await import('node:net');
    const port = Number(new URL(s.url).port);
    const reply = await new Promise<string>((resolve) => {
      const sock = net.connect(port, '127.0.0.1', () => sock.write('GET /f/\x01\x02 HTTP/1.1\r\nHost: x\r\n\r\n'));
      let data = '';
      sock.on('data', (d) => (data += d.toString()));
      sock.on('close', () => resolve(data));
      sock.on('error', () => resolve(data));
    });
    expect(reply).toMatch(/^HTTP\/1.1 400/);
    expect((await request(s.url, '/f/ok.jpg')).status).toBe(200);
  });
});
