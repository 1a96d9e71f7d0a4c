// Inputs: EXIF orientation, animations, HEIC, limits, corrupt files, and the bounded queue.

import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';
import { isImageContentType } from '../../../electron/core/image/index.ts';
import { LoupeError } from '../../../shared/errors.ts';
import { alphaPng, animatedGif, chain, gradientPng, meta, num, orientedJpeg, photoJpeg, pipeline, pixels } from './helpers.ts';

const p = pipeline();
let photo: Buffer;
beforeAll(async () => {
  photo = await photoJpeg(400, 300);
});

describe('EXIF orientation', () => {
  test('is applied by default: probe and output use the displayed size', async () => {
    const input = await orientedJpeg(); // stored 300×200, orientation 6
    expect(await p.probe(input)).toMatchObject({ format: 'jpeg', width: 200, height: 300, orientation: 6 });
    const r = await p.transform({ input, chain: chain({ format: 'png' }) });
    expect([r.width, r.height]).toEqual([200, 300]);
    const px = await pixels(r.data);
    expect(px.at(199, 0)[0]).toBeLessThan(12); // stored top-left (R≈0,G≈0) is displayed top-right
    expect(px.at(199, 0)[1]).toBeLessThan(12);
    expect((await meta(r.data)).orientation).toBeUndefined();
  });

  test('crops, extracts and trims work in displayed coordinates', async () => {
    const input = await orientedJpeg();
    const a = await p.transform({ input, chain: chain({ width: num(100), height: num(100), focus: 'top', format: 'png' }) });
    expect([a.width, a.height]).toEqual([100, 100]);
    const b = await p.transform({ input, chain: chain({ width: num(50), height: num(60), cropMode: 'extract', x: num(0), y: num(0), format: 'png' }) });
    const px = await pixels(b.data);
    expect([px.width, px.height]).toEqual([50, 60]);
    expect(px.at(49, 0)[0]).toBeLessThan(12); // still the stored top-left corner region
    const c = await p.transform({ input, chain: chain({ trim: true, format: 'png' }) });
    expect([c.width, c.height]).toEqual([200, 300]); // nothing uniform to trim, and not rotated back
  });
});

describe('animations', () => {
  let gif: Buffer;
  beforeAll(async () => {
    gif = await animatedGif(3, 60, 40);
  });

  test('probe reports frames', async () => {
    expect(await p.probe(gif)).toMatchObject({ format: 'gif', width: 60, height: 40, pages: 3 });
  });

  test.each([
    ['resize', { width: num(30) }, [30, 20]],
    ['cover crop', { width: num(30), height: num(30), focus: 'left' }, [30, 30]],
    ['fo-auto falls back to centre', { width: num(30), height: num(30), focus: 'auto' }, [30, 30]],
    ['extract', { width: num(20), height: num(20), cropMode: 'extract' }, [20, 20]],
    ['pad_resize', { width: num(80), height: num(80), cropMode: 'pad_resize' }, [80, 80]],
    ['pad_extract', { width: num(80), height: num(80), cropMode: 'pad_extract' }, [80, 80]],
    ['rotate', { rotation: 90 }, [40, 60]],
    ['flip + blur', { flip: 'h', blur: 2 }, [60, 40]],
    ['radius', { radius: 10 }, [60, 40]],
    ['border', { border: { width: num(5), color: { r: 255, g: 255, b: 255, alpha: 1 } } }, [70, 50]],
    ['trim', { trim: true }, [60, 40]],
    ['chained resize then rotate', { width: num(30) }, [30, 20]],
  ] as const)('%s keeps every frame (GIF and WebP)', async (_, s, size) => {
    for (const format of ['gif', 'webp'] as const) {
      const r = await p.transform({ input: gif, chain: chain(s, { format }) });
      expect([r.width, r.height]).toEqual(size);
      const md = await meta(r.data);
      expect([md.format, md.pages, md.pageHeight ?? md.height]).toEqual([format, 3, size[1]]);
    }
  });

  test('frames stay distinct and rounded corners apply to every frame', async () => {
    const r = await p.transform({ input: gif, chain: chain({ radius: 10 }, { format: 'webp' }) });
    for (const page of [0, 1, 2]) {
      const px = await pixels(r.data, page);
      expect(px.at(0, 0)[3]).toBe(0);
      expect(px.at(30, 20)[3]).toBe(255);
      expect(Math.abs(px.at(30, 20)[0]! - page * 100)).toBeLessThan(16);
    }
  });

  test('timing survives a materialise (rotate forces one)', async () => {
    const r = await p.transform({ input: gif, chain: chain({ width: num(30) }, { rotation: 90 }, { format: 'webp' }) });
    expect((await meta(r.data)).delay).toEqual([100, 100, 100]);
  });

  test('a raster format other than GIF/WebP takes the first frame', async () => {
    const r = await p.transform({ input: gif, chain: chain({ format: 'png' }) });
    expect([r.width, r.height, (await meta(r.data)).pages]).toEqual([60, 40, undefined]);
  });
});

describe('HEIC', () => {
  test('a HEIF file whose image item cannot be decoded is a clear 4xx, never a 500', async () => {
    // Prebuilt sharp has no HEVC decoder and no encoder to make a real HEIC: relabel an AVIF's
    // brand and item type to HEVC, which libheif then rejects like an undecodable HEIC.
    const avif = await sharp(photo).resize(64).avif().toBuffer();
    const heic = Buffer.from(avif.toString('latin1').replace(/avif/g, 'heic').replace(/av01/g, 'hvc1'), 'latin1');
    const err = await p.transform({ input: heic, chain: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LoupeError);
    expect(['INPUT_CORRUPT', 'TRANSFORM_UNSUPPORTED']).toContain((err as LoupeError).code);
    expect((err as LoupeError).message).toMatch(/heif|hevc|heic/i);
  });

  test('AVIF input (also HEIF) decodes and is told apart from HEIC', async () => {
    const avif = await sharp(photo).resize(64).avif().toBuffer();
    expect((await p.probe(avif)).format).toBe('avif');
    const r = await p.transform({ input: avif, chain: chain({ width: num(32) }), accept: 'image/webp' });
    expect([r.format, r.width]).toEqual(['webp', 32]);
  });
});

describe('limits and bad input', () => {
  test('more pixels than maxInputPixels → INPUT_TOO_MANY_PIXELS (413)', async () => {
    const small = pipeline({ maxInputPixels: 100 * 100 });
    const err = await small.transform({ input: photo, chain: [] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'INPUT_TOO_MANY_PIXELS', status: 413 });
  });

  test('more bytes than maxInputBytes → INPUT_TOO_LARGE (413)', async () => {
    await expect(pipeline({ maxInputBytes: 1000 }).transform({ input: photo, chain: [] })).rejects.toMatchObject({ code: 'INPUT_TOO_LARGE' });
  });

  test.each([
    ['width above maxOutputDimension', { maxOutputDimension: 1000 }, { width: num(1200), format: 'png' }, 'width'],
    ['height above WebP 16383', {}, { height: num(17000), width: num(10), crop: 'force', format: 'webp' }, 'height'],
    ['JPEG above 65535', { maxOutputDimension: 100000 }, { width: num(70000), height: num(10), crop: 'force', format: 'jpg' }, 'width'],
    ['border pushing past the limit', { maxOutputDimension: 410 }, { border: { width: num(10), color: { r: 0, g: 0, b: 0, alpha: 1 } }, format: 'png' }, 'width'],
  ] as const)('%s → OUTPUT_TOO_LARGE naming the dimension', async (_, images, s, dimension) => {
    const err = await pipeline(images).transform({ input: photo, chain: chain(s) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'OUTPUT_TOO_LARGE', status: 400, details: { dimension } });
    expect((err as Error).message).toContain(dimension);
  });

  test.each([
    ['random bytes', async () => Buffer.from('definitely not an image at all')],
    ['empty', async () => Buffer.alloc(0)],
    ['truncated JPEG', async () => photo.subarray(0, Math.floor(photo.length / 2))],
    ['truncated PNG', async () => { const b = await gradientPng(300, 200); return b.subarray(0, Math.floor(b.length / 2)); }],
    ['GIF cut inside its header', async () => (await animatedGif(3)).subarray(0, 20)],
    ['truncated WebP', async () => { const b = await sharp(photo).webp().toBuffer(); return b.subarray(0, Math.floor(b.length / 2)); }],
    ['JPEG header only', async () => photo.subarray(0, 200)],
    ['PNG with garbage body', async () => { const b = Buffer.from(await alphaPng()); b.fill(7, 60); return b; }],
    ['broken SVG', async () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect')],
  ])('%s → INPUT_CORRUPT (422), never an unhandled error', async (_, make) => {
    const input = await make();
    const err = await p.transform({ input, chain: chain({ width: num(100), format: 'png' }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LoupeError);
    expect(err).toMatchObject({ code: 'INPUT_CORRUPT', status: 422 });
  });

  test('a GIF cut mid-stream decodes the frames it has (like browsers) or is INPUT_CORRUPT, nothing else', async () => {
    const b = await animatedGif(3);
    for (const cut of [0.3, 0.6, 0.9]) {
      const r = await p.transform({ input: b.subarray(0, Math.floor(b.length * cut)), chain: chain({ width: num(30) }) }).catch((e: unknown) => e);
      if (r instanceof Error) expect(r).toMatchObject({ code: 'INPUT_CORRUPT' });
      else expect(r).toMatchObject({ width: 30 });
    }
  });

  test('probe on garbage → INPUT_CORRUPT', async () => {
    await expect(p.probe(Buffer.from('nope'))).rejects.toMatchObject({ code: 'INPUT_CORRUPT' });
  });

  test('isImageContentType picks the pipeline inputs', () => {
    for (const ct of ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif', 'image/heic', 'image/heif', 'image/tiff', 'IMAGE/SVG+XML; charset=utf-8']) {
      expect(isImageContentType(ct)).toBe(true);
    }
    for (const ct of ['text/html', 'video/mp4', 'application/pdf', 'image/x-icon', '']) expect(isImageContentType(ct)).toBe(false);
  });
});

describe('bounded concurrency', () => {
  test('200 concurrent transforms never run more than `concurrency` sharp pipelines', async () => {
    const input = await sharp(photo).resize(120).jpeg().toBuffer();
    const limited = pipeline({}, { concurrency: 2 });
    // sharp.counters() reports libvips tasks queued and running in its own thread pool.
    let maxProcess = 0;
    let maxPending = 0;
    const timer = setInterval(() => {
      maxProcess = Math.max(maxProcess, sharp.counters().process);
      maxPending = Math.max(maxPending, limited.pending);
    }, 1);
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => limited.transform({ input, chain: chain({ width: num(20 + (i % 50)) }), accept: 'image/webp' })));
    clearInterval(timer);
    expect(results).toHaveLength(200);
    expect(maxProcess).toBeGreaterThan(0);
    expect(maxProcess).toBeLessThanOrEqual(2);
    expect(maxPending).toBeGreaterThan(100);
    expect(limited.pending).toBe(0);
  });

  test('beyond maxQueue waiting → OVERLOADED (503)', async () => {
    const tiny = pipeline({}, { concurrency: 1, maxQueue: 2 });
    const runs = Array.from({ length: 5 }, () => tiny.transform({ input: photo, chain: chain({ width: num(50) }) }).then(() => 'ok', (e: LoupeError) => e.code));
    const codes = await Promise.all(runs);
    expect(codes.filter((c) => c === 'ok')).toHaveLength(3);
    expect(codes.filter((c) => c === 'OVERLOADED')).toHaveLength(2);
  });
});
