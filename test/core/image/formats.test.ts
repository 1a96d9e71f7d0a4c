// Format planning (spec §4): explicit f, Accept negotiation, alpha, animation, SVG, AVIF rules.

import { beforeAll, describe, expect, test } from 'vitest';
import type { ImageInfo } from '../../../electron/core/image/index.ts';
import { alphaPng, animatedGif, chain, meta, num, photoJpeg, pipeline, SVG } from './helpers.ts';

const JPEG: ImageInfo = { format: 'jpeg', width: 400, height: 300, hasAlpha: false, pages: 1 };
const PNG_ALPHA: ImageInfo = { format: 'png', width: 400, height: 300, hasAlpha: true, pages: 1 };
const GIF_ANIM: ImageInfo = { format: 'gif', width: 60, height: 40, hasAlpha: false, pages: 3 };
const SVG_INFO: ImageInfo = { format: 'svg', width: 100, height: 50, hasAlpha: true, pages: 1 };
const AVIF_ACCEPT = 'image/avif,image/webp,image/apng,image/*,*/*;q=0.8';
const WEBP_ACCEPT = 'image/webp,*/*';
const OLD_ACCEPT = 'image/png,image/*;q=0.8';

describe('planFormat matrix', () => {
  const plain = pipeline();
  const avifOn = pipeline({ avif: true });
  test.each([
    // pipeline, info, chain, accept, expected format, negotiated
    ['default', JPEG, {}, AVIF_ACCEPT, 'webp', true], // AVIF is opt-in
    ['avif on', JPEG, {}, AVIF_ACCEPT, 'avif', true],
    ['avif on', JPEG, { colorProfile: true }, AVIF_ACCEPT, 'webp', true],
    ['avif on', JPEG, { unsharpMask: { radius: 2, sigma: 1, amount: 0.8, threshold: 0.02 } }, AVIF_ACCEPT, 'webp', true],
    ['default', JPEG, {}, OLD_ACCEPT, 'jpeg', true],
    ['default', JPEG, {}, undefined, 'jpeg', true],
    ['default', PNG_ALPHA, {}, OLD_ACCEPT, 'png', true],
    ['default', JPEG, { radius: 10 }, OLD_ACCEPT, 'png', true], // rounded corners bring alpha
    ['default', PNG_ALPHA, { background: { kind: 'color', color: { r: 255, g: 255, b: 255, alpha: 1 } } }, OLD_ACCEPT, 'jpeg', true],
    ['default', JPEG, { rotation: 45 }, OLD_ACCEPT, 'png', true],
    ['default', JPEG, { format: 'auto' }, WEBP_ACCEPT, 'webp', true],
    ['default', JPEG, { format: 'png' }, WEBP_ACCEPT, 'png', false],
    ['default', JPEG, { format: 'jpg' }, WEBP_ACCEPT, 'jpeg', false],
    ['default', PNG_ALPHA, { format: 'orig' }, WEBP_ACCEPT, 'png', false],
    ['default', JPEG, { format: 'avif' }, WEBP_ACCEPT, 'avif', false], // explicit AVIF needs no opt-in
    ['default', JPEG, { format: 'avif', colorProfile: true }, WEBP_ACCEPT, 'webp', false],
    ['default', GIF_ANIM, {}, WEBP_ACCEPT, 'webp', true],
    ['avif on', GIF_ANIM, {}, AVIF_ACCEPT, 'webp', true], // no animated AVIF
    ['default', GIF_ANIM, {}, OLD_ACCEPT, 'gif', true],
    ['default', GIF_ANIM, { format: 'gif' }, WEBP_ACCEPT, 'gif', false],
    ['default', SVG_INFO, {}, AVIF_ACCEPT, 'svg', false], // passes through under f-auto
    ['default', SVG_INFO, { format: 'png' }, AVIF_ACCEPT, 'png', false],
    ['default', { ...JPEG, format: 'heif' }, { format: 'orig' }, WEBP_ACCEPT, 'jpeg', false], // never HEIC output
  ] as const)('%s %j %j Accept %s → %s', (which, info, s, accept, format, negotiated) => {
    const pl = which === 'avif on' ? avifOn : plain;
    expect(pl.planFormat(info, chain(s), accept)).toEqual({ format, negotiated });
  });

  test('autoFormat off keeps the original format, not negotiated', () => {
    expect(pipeline({ autoFormat: false }).planFormat(JPEG, [], WEBP_ACCEPT)).toEqual({ format: 'jpeg', negotiated: false });
  });

  test('the last top-level f wins', () => {
    expect(plain.planFormat(JPEG, chain({ format: 'png' }, { width: num(10) }, { format: 'webp' }), undefined)).toEqual({ format: 'webp', negotiated: false });
  });

  test('q=0 in Accept means not acceptable', () => {
    expect(plain.planFormat(JPEG, [], 'image/webp;q=0,*/*')).toEqual({ format: 'jpeg', negotiated: true });
  });

  test.each([
    [JPEG, 'gif'],
    [JPEG, 'svg'],
    [JPEG, 'mp4'],
  ] as const)('f-%s on a %s original is a 400', (info, f) => {
    expect(() => plain.planFormat(info, chain({ format: f }), undefined)).toThrow(expect.objectContaining({ code: 'TRANSFORM_INVALID_ARG' }));
  });
});

describe('transform output matches the plan', () => {
  const p = pipeline({ avif: true });
  let jpeg: Buffer;
  let png: Buffer;
  let gif: Buffer;
  beforeAll(async () => {
    [jpeg, png, gif] = await Promise.all([photoJpeg(400, 300), alphaPng(200, 120), animatedGif(3)]);
  });

  test.each([
    ['jpeg', AVIF_ACCEPT, 'avif', 'heif'],
    ['jpeg', WEBP_ACCEPT, 'webp', 'webp'],
    ['jpeg', OLD_ACCEPT, 'jpeg', 'jpeg'],
    ['png', OLD_ACCEPT, 'png', 'png'],
    ['gif', WEBP_ACCEPT, 'webp', 'webp'],
    ['gif', OLD_ACCEPT, 'gif', 'gif'],
  ] as const)('%s with Accept %s → %s', async (kind, accept, format, sharpFormat) => {
    const input = { jpeg, png, gif }[kind];
    const r = await p.transform({ input, chain: chain({ width: num(50) }), accept });
    expect(r.format).toBe(format);
    expect(r.contentType).toBe(`image/${format}`);
    expect(r.negotiated).toBe(true);
    const md = await meta(r.data);
    expect(md.format).toBe(sharpFormat);
    expect(md.width).toBe(50);
    if (kind === 'png') expect(md.hasAlpha).toBe(true);
    if (kind === 'gif') expect(md.pages).toBe(3); // still animated
  });

  test('SVG passes through byte for byte under f-auto, even with w', async () => {
    const r = await p.transform({ input: SVG, chain: chain({ width: num(300) }), accept: AVIF_ACCEPT });
    expect(r).toMatchObject({ format: 'svg', contentType: 'image/svg+xml', negotiated: false, width: 100, height: 50 });
    expect(r.data.equals(SVG)).toBe(true);
  });

  test('SVG rasterises at viewBox size, and crisply (density) when enlarged', async () => {
    const a = await p.transform({ input: SVG, chain: chain({ format: 'png' }) });
    expect([a.width, a.height, a.format]).toEqual([100, 50, 'png']);
    expect((await meta(a.data)).hasAlpha).toBe(true);
    const b = await p.transform({ input: SVG, chain: chain({ width: num(800), format: 'png' }) });
    expect([b.width, b.height]).toEqual([800, 400]);
    // A vector render has a sharp circle edge; a pixel upscale of 100 px would smear it over ~8 px.
    const { data } = await (await import('sharp')).default(b.data).extract({ left: 0, top: 196, width: 400, height: 1 }).raw().toBuffer({ resolveWithObject: true });
    let ramp = 0;
    for (let x = 0; x < 400; x++) if (data[x * 4 + 1]! > 110 && data[x * 4 + 1]! < 230) ramp++;
    expect(ramp).toBeLessThanOrEqual(6);
  });

  test('q, pr and lo reach the encoder', async () => {
    const lo = await p.transform({ input: jpeg, chain: chain({ width: num(100), quality: 20, format: 'jpg' }) });
    const hi = await p.transform({ input: jpeg, chain: chain({ width: num(100), quality: 95, format: 'jpg' }) });
    expect(lo.data.length).toBeLessThan(hi.data.length * 0.6);
    const prog = await p.transform({ input: jpeg, chain: chain({ width: num(100), progressive: true, format: 'jpg' }) });
    expect((await meta(prog.data)).isProgressive).toBe(true);
    const interlaced = await p.transform({ input: png, chain: chain({ progressive: true, format: 'png' }) });
    expect((await meta(interlaced.data)).isProgressive).toBe(true);
    const lossless = await p.transform({ input: png, chain: chain({ lossless: true, format: 'webp' }) });
    const { data } = await (await import('sharp')).default(lossless.data).raw().toBuffer({ resolveWithObject: true });
    const { data: orig } = await (await import('sharp')).default(png).raw().toBuffer({ resolveWithObject: true });
    expect(data.equals(orig)).toBe(true);
  });

  test('metadata is stripped unless md-true; cp-true keeps the ICC profile', async () => {
    const withExif = await (await import('sharp')).default(jpeg).withMetadata({ exif: { IFD0: { Copyright: 'Loupe test' } } }).jpeg().toBuffer();
    const stripped = await p.transform({ input: withExif, chain: chain({ format: 'jpg' }) });
    expect((await meta(stripped.data)).exif).toBeUndefined();
    const kept = await p.transform({ input: withExif, chain: chain({ format: 'jpg', metadata: true }) });
    expect((await meta(kept.data)).exif?.toString('latin1')).toContain('Loupe test');
    const p3 = await (await import('sharp')).default(jpeg).withIccProfile('p3').jpeg().toBuffer();
    expect((await meta((await p.transform({ input: p3, chain: chain({ format: 'jpg' }) })).data)).icc).toBeUndefined();
    expect((await meta((await p.transform({ input: p3, chain: chain({ format: 'jpg', colorProfile: true }) })).data)).icc).toBeDefined();
  });
});
