// Effects and layout params, chained steps, conditionals and expressions, with real sharp.

import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Chain, TransformStep } from '../../../shared/transform/types.ts';
import { alphaPng, chain, gradientPng, meta, num, photoJpeg, pipeline, pixels, v } from './helpers.ts';

const p = pipeline();
let grad: Buffer;
let photo: Buffer;
const WHITE = { r: 255, g: 255, b: 255, alpha: 1 };
beforeAll(async () => {
  [grad, photo] = await Promise.all([gradientPng(400, 300), photoJpeg(400, 300)]);
});
const png = (input: Buffer, ...steps: TransformStep[]) => p.transform({ input, chain: chain(...steps, { format: 'png' }) });

async function stdev(buf: Buffer): Promise<number> {
  return (await sharp(buf).stats()).channels[0]!.stdev;
}

describe('effects', () => {
  test('e-grayscale makes R = G = B', async () => {
    const px = await pixels((await png(grad, { grayscale: true })).data);
    const [r, g, b] = px.at(300, 200);
    expect(r === g || px.channels === 1).toBe(true);
    expect(px.channels === 1 || r === b).toBe(true);
  });

  test('bl blurs (sigma = bl/2), e-sharpen and e-usm sharpen', async () => {
    const base = await stdev((await png(photo, {})).data);
    expect(await stdev((await png(photo, { blur: 10 })).data)).toBeLessThan(base * 0.5);
    expect(await stdev((await png(photo, { sharpen: true })).data)).toBeGreaterThan(base);
    expect(await stdev((await png(photo, { sharpen: 60 })).data)).toBeGreaterThan(base);
    expect(await stdev((await png(photo, { unsharpMask: { radius: 2, sigma: 1, amount: 2, threshold: 0 } })).data)).toBeGreaterThan(base);
  });

  test('bl out of range is a 400', async () => {
    await expect(png(photo, { blur: 101 })).rejects.toMatchObject({ code: 'TRANSFORM_INVALID_ARG' });
  });

  test('e-contrast stretches a dull image to the full range', async () => {
    const dull = await sharp({ create: { width: 100, height: 100, channels: 3, background: '#777', noise: { type: 'gaussian', mean: 120, sigma: 8 } } }).png().toBuffer();
    const s = (await sharp((await png(dull, { contrast: true })).data).stats()).channels[0]!;
    expect(s.max - s.min).toBeGreaterThan(200);
  });

  test.each([
    [90, [300, 400]], [180, [400, 300]], [270, [300, 400]], [-90, [300, 400]], [360, [400, 300]],
  ] as const)('rt-%i on 400×300', async (rotation, size) => {
    const r = await png(grad, { rotation });
    expect([r.width, r.height]).toEqual(size);
  });

  test('rt-90 turns clockwise: the original top-left ends top-right', async () => {
    const px = await pixels((await png(grad, { rotation: 90 })).data);
    expect(px.at(299, 0).slice(0, 2)).toEqual([0, 0]);
  });

  test('rt-45 grows the canvas and fills transparent, or with bg', async () => {
    const r = await png(grad, { rotation: 45 });
    expect(r.width).toBeGreaterThan(480);
    const px = await pixels(r.data);
    expect(px.channels).toBe(4);
    expect(px.at(0, 0)[3]).toBe(0);
    const filled = await pixels((await png(grad, { rotation: 45, background: { kind: 'color', color: WHITE } })).data);
    expect(filled.at(0, 0).slice(0, 3)).toEqual([255, 255, 255]);
  });

  test.each([
    ['h', [399, 0]], ['v', [0, 299]], ['h_v', [399, 299]],
  ] as const)('fl-%s mirrors', async (flip, [x, y]) => {
    const px = await pixels((await png(grad, { flip })).data);
    expect(px.at(x, y).slice(0, 2)).toEqual([0, 0]); // the original's top-left pixel moved there
  });

  test.each([
    ['r-40', 40 as const],
    ['r-max', 'max' as const],
    ['r-tl_tr_br_bl', [60, 0, 60, 0] as [number, number, number, number]],
  ])('%s cuts transparent corners', async (_, radius) => {
    const r = await png(photo, { radius });
    const px = await pixels(r.data);
    expect(px.channels).toBe(4);
    expect(px.at(0, 0)[3]).toBe(0);
    expect(px.at(200, 150)[3]).toBe(255);
    if (Array.isArray(radius)) expect(px.at(399, 0)[3]).toBe(255); // tr = 0 stays square
    if (radius === 'max') expect(px.at(200, 1)[3]).toBeGreaterThan(0); // an oval touches the edges' middles
  });

  test('r gives alpha, so f-auto picks PNG (no WebP) and WebP when accepted', async () => {
    const a = await p.transform({ input: photo, chain: chain({ radius: 20 }), accept: 'image/png' });
    expect([a.format, (await meta(a.data)).hasAlpha]).toEqual(['png', true]);
    const b = await p.transform({ input: photo, chain: chain({ radius: 20 }), accept: 'image/webp' });
    expect([b.format, (await meta(b.data)).hasAlpha]).toEqual(['webp', true]);
  });

  test('b-<expr>_<color> adds a border around the image', async () => {
    const r = await png(grad, { border: { width: { kind: 'op', op: 'div', left: v('ih'), right: num(30) }, color: { r: 255, g: 0, b: 0, alpha: 1 } } });
    expect([r.width, r.height]).toEqual([420, 320]);
    const px = await pixels(r.data);
    expect(px.at(0, 0).slice(0, 3)).toEqual([255, 0, 0]);
    expect(px.at(10, 10).slice(0, 2)).toEqual([0, 0]);
  });

  test('bg flattens transparency onto an opaque colour', async () => {
    const px = await pixels((await png(await alphaPng(), { background: { kind: 'color', color: WHITE } })).data);
    expect(px.channels).toBe(3);
    px.at(5, 5).forEach((c, i) => expect(c).toBeCloseTo([138, 188, 238][i]!, -0.5)); // 50 % of (20,120,220) over white
  });

  test('bg-RRGGBBAA pads with a translucent colour', async () => {
    const r = await png(grad, { width: num(300), height: num(300), cropMode: 'pad_resize', background: { kind: 'color', color: { r: 0, g: 255, b: 0, alpha: 0.5 } } });
    expect((await pixels(r.data)).at(150, 2)).toEqual([0, 255, 0, 128]);
  });

  test('bg-blurred pads with a blurred copy', async () => {
    const r = await png(photo, { width: num(400), height: num(400), cropMode: 'pad_resize', background: { kind: 'blurred', amount: 20, brightness: -50 } });
    expect([r.width, r.height]).toEqual([400, 400]);
    const top = await sharp(r.data).extract({ left: 0, top: 0, width: 400, height: 40 }).toBuffer();
    expect(await stdev(top)).toBeLessThan(10); // blurred, not black and not the sharp photo
    expect((await sharp(top).stats()).channels[0]!.mean).toBeGreaterThan(30);
  });

  test.each(['dominant', 'gradient_dominant', 'genfill'] as const)('bg-%s is TRANSFORM_UNSUPPORTED', async (kind) => {
    const background = kind === 'gradient_dominant' ? { kind, stops: 2 as const } : { kind };
    await expect(png(photo, { width: num(300), height: num(300), cropMode: 'pad_resize', background })).rejects.toMatchObject({ code: 'TRANSFORM_UNSUPPORTED' });
  });

  test.each(['face', 'custom'] as const)('fo-%s is TRANSFORM_UNSUPPORTED', async (focus) => {
    await expect(png(photo, { width: num(100), height: num(100), focus })).rejects.toMatchObject({ code: 'TRANSFORM_UNSUPPORTED' });
  });

  test('t trims a uniform border (true and a threshold)', async () => {
    const framed = await sharp(photo).extend({ top: 30, bottom: 30, left: 50, right: 50, background: '#fff' }).png().toBuffer();
    for (const trim of [true, 20] as const) {
      const r = await png(framed, { trim });
      expect(Math.abs(r.width - 400)).toBeLessThanOrEqual(2);
      expect(Math.abs(r.height - 300)).toBeLessThanOrEqual(2);
    }
    const flat = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#fff' } }).png().toBuffer();
    expect((await png(flat, { trim: true })).width).toBe(50); // nothing to keep: left alone
  });

  test('o sets opacity; with an opaque bg it is blended in', async () => {
    const px = await pixels((await png(grad, { opacity: 40 })).data);
    expect(px.at(10, 10)[3]).toBe(102);
    const blended = await pixels((await png(grad, { opacity: 50, background: { kind: 'color', color: WHITE } })).data);
    expect(blended.channels).toBe(3);
    expect(blended.at(0, 0)[2]).toBe(255);
    expect(blended.at(0, 0)[0]).toBeGreaterThan(120); // R 0 at 50 % over white
  });
});

describe('chains, conditionals and expressions', () => {
  test('chained steps apply in order, each on the previous result (cw/ch = current)', async () => {
    const r = await png(grad, { width: num(200) }, { width: { kind: 'op', op: 'div', left: v('cw'), right: num(2) } }, { rotation: 90 });
    expect([r.width, r.height]).toEqual([75, 100]);
  });

  test('fractions are of the current image; ar derives the other side; dpr multiplies', async () => {
    expect([(await png(grad, { width: num(0.5) })).width]).toEqual([200]);
    const ar = await png(grad, { width: num(200), aspectRatio: num(2) });
    expect([ar.width, ar.height]).toEqual([200, 100]);
    const both = await png(grad, { width: num(200), height: num(50), aspectRatio: num(1) }); // ar ignored
    expect([both.width, both.height]).toEqual([200, 50]);
    const dpr = await png(grad, { width: num(100), dpr: num(2) });
    expect(dpr.width).toBe(200);
    const ignored = await png(grad, { width: num(3000), dpr: num(2), crop: 'at_max' }); // 6000 px > 5000: dpr ignored
    expect(ignored.width).toBe(400);
  });

  test('w-iw_div_2 and h-ih_mul_0.5 are evaluated with the original size', async () => {
    const r = await png(grad, { width: { kind: 'op', op: 'div', left: v('iw'), right: num(2) }, height: { kind: 'op', op: 'mul', left: v('ih'), right: num(0.5) } });
    expect([r.width, r.height]).toEqual([200, 150]);
  });

  test('if-blocks see the current (w h ar) and original (iw ih iar) sizes', async () => {
    const c: Chain = [
      { kind: 'step', width: num(100) },
      {
        kind: 'if',
        condition: [[{ property: 'w', operator: 'lt', value: 150 }, { property: 'iw', operator: 'eq', value: 400 }]],
        then: [{ kind: 'step', rotation: 90 }],
        else: [{ kind: 'step', flip: 'h' }],
      },
      {
        kind: 'if',
        condition: [[{ property: 'ar', operator: 'gt', value: 1 }], [{ property: 'ih', operator: 'gt', value: 9999 }]],
        then: [{ kind: 'step', width: num(10) }],
        else: [{ kind: 'step', height: num(40) }],
      },
      { kind: 'step', format: 'png' },
    ];
    const r = await p.transform({ input: grad, chain: c });
    expect([r.width, r.height]).toEqual([30, 40]); // 100×75 → rotated to 75×100 (ar < 1) → h-40
  });

  test('an invalid value gives a 400 naming the parameter', async () => {
    await expect(png(grad, { width: { kind: 'op', op: 'sub', left: num(10), right: v('iw') } })).rejects.toMatchObject({ code: 'TRANSFORM_INVALID_ARG', details: { key: 'w' } });
    await expect(png(grad, { width: { kind: 'op', op: 'div', left: v('iw'), right: num(0) } })).rejects.toMatchObject({ code: 'TRANSFORM_INVALID_ARG' });
  });
});
