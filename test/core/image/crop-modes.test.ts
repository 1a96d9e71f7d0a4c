// Every crop strategy and mode, every focus position, on landscape and portrait inputs (spec §3).

import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';
import type { CropMode, CropStrategy, RelativeFocus, TransformStep } from '../../../shared/transform/types.ts';
import { chain, gradientPng, halvesPng, meta, num, pipeline, pixels } from './helpers.ts';

const p = pipeline();
const inputs: Record<'landscape' | 'portrait', { buf: Buffer; w: number; h: number }> = {
  landscape: { buf: Buffer.alloc(0), w: 400, h: 300 },
  portrait: { buf: Buffer.alloc(0), w: 300, h: 400 },
};
beforeAll(async () => {
  inputs.landscape.buf = await gradientPng(400, 300);
  inputs.portrait.buf = await gradientPng(300, 400);
});

async function run(orientation: keyof typeof inputs, s: TransformStep) {
  // PNG output keeps the position-encoding gradient exact enough to read back.
  return p.transform({ input: inputs[orientation].buf, chain: chain({ ...s, format: 'png' }) });
}

type Mode = { c?: CropStrategy; cm?: CropMode };
const modes: [string, Mode, Record<string, [number, number]>][] = [
  // name, params, expected size for: landscape 200², portrait 200², landscape 600×500, portrait 600×500
  ['maintain_ratio (default)', {}, { l2: [200, 200], p2: [200, 200], lx: [600, 500], px: [600, 500] }],
  ['c-maintain_ratio', { c: 'maintain_ratio' }, { l2: [200, 200], p2: [200, 200], lx: [600, 500], px: [600, 500] }],
  ['c-force', { c: 'force' }, { l2: [200, 200], p2: [200, 200], lx: [600, 500], px: [600, 500] }],
  ['c-at_max', { c: 'at_max' }, { l2: [200, 150], p2: [150, 200], lx: [400, 300], px: [300, 400] }],
  ['c-at_max_enlarge', { c: 'at_max_enlarge' }, { l2: [200, 150], p2: [150, 200], lx: [600, 450], px: [375, 500] }],
  ['c-at_least', { c: 'at_least' }, { l2: [267, 200], p2: [200, 267], lx: [667, 500], px: [600, 800] }],
  ['c-maintain_ratio_no_enlarge', { c: 'maintain_ratio_no_enlarge' }, { l2: [200, 200], p2: [200, 200], lx: [400, 300], px: [300, 400] }],
  ['cm-pad_resize', { cm: 'pad_resize' }, { l2: [200, 200], p2: [200, 200], lx: [600, 500], px: [600, 500] }],
  ['cm-pad_resize_no_enlarge', { cm: 'pad_resize_no_enlarge' }, { l2: [200, 200], p2: [200, 200], lx: [600, 500], px: [600, 500] }],
  ['cm-extract', { cm: 'extract' }, { l2: [200, 200], p2: [200, 200], lx: [400, 300], px: [300, 400] }],
  ['cm-pad_extract', { cm: 'pad_extract' }, { l2: [200, 200], p2: [200, 200], lx: [600, 500], px: [600, 500] }],
];

describe('output size per crop mode', () => {
  for (const [name, m, want] of modes) {
    test.each([
      ['landscape', 200, 200, 'l2'],
      ['portrait', 200, 200, 'p2'],
      ['landscape', 600, 500, 'lx'],
      ['portrait', 600, 500, 'px'],
    ] as const)(`${name}: %s w-%i,h-%i`, async (o, w, h, key) => {
      const r = await run(o, { width: num(w), height: num(h), crop: m.c, cropMode: m.cm });
      expect([r.width, r.height]).toEqual(want[key]);
      const md = await meta(r.data);
      expect([md.width, md.height, md.format]).toEqual([...want[key]!, 'png']);
    });
  }

  test.each(['landscape', 'portrait'] as const)('only w keeps the ratio in every mode (%s)', async (o) => {
    for (const [, m] of modes) {
      const r = await run(o, { width: num(150), crop: m.c, cropMode: m.cm });
      const isExtract = m.cm === 'extract' || m.cm === 'pad_extract';
      expect(r.width).toBe(150);
      expect(r.height).toBe(isExtract ? inputs[o].h : Math.round((150 * inputs[o].h) / inputs[o].w));
    }
  });

  test('c-at_max with only w never enlarges (responsive srcset candidates)', async () => {
    const r = await run('landscape', { width: num(3840), crop: 'at_max' });
    expect([r.width, r.height]).toEqual([400, 300]);
  });
});

const FOCI: [RelativeFocus, number, number][] = [
  ['center', 0.5, 0.5], ['top', 0.5, 0], ['bottom', 0.5, 1], ['left', 0, 0.5], ['right', 1, 0.5],
  ['top_left', 0, 0], ['top_right', 1, 0], ['bottom_left', 0, 1], ['bottom_right', 1, 1],
];
const cases = (['landscape', 'portrait'] as const).flatMap((o) => FOCI.map(([f, fx, fy]) => [o, f, fx, fy] as const));

/** Original coordinates the output pixel came from, read back from the gradient. */
function origin(px: number[], o: keyof typeof inputs): [number, number] {
  return [(px[0]! / 255) * (inputs[o].w - 1), (px[1]! / 255) * (inputs[o].h - 1)];
}

describe('focus positions select the right region', () => {
  test.each(cases)('maintain_ratio %s fo-%s', async (o, focus, fx, fy) => {
    const r = await run(o, { width: num(200), height: num(200), focus });
    const { w, h } = inputs[o];
    const s = 200 / Math.min(w, h); // cover scale
    const [x0, y0] = origin((await pixels(r.data)).at(0, 0), o);
    expect(x0).toBeCloseTo(((w * s - 200) * fx) / s, -1.3); // ±10 px of the original
    expect(y0).toBeCloseTo(((h * s - 200) * fy) / s, -1.3);
  });

  test.each(cases)('cm-extract %s fo-%s cuts unscaled', async (o, focus, fx, fy) => {
    const r = await run(o, { width: num(200), height: num(100), cropMode: 'extract', focus });
    const px = await pixels(r.data);
    const { w, h } = inputs[o];
    const [x0, y0] = origin(px.at(0, 0), o);
    const [x1] = origin(px.at(199, 0), o);
    expect(x0).toBeCloseTo((w - 200) * fx, -0.5);
    expect(y0).toBeCloseTo((h - 100) * fy, -0.5);
    expect(x1 - x0).toBeCloseTo(199, -0.5); // not scaled
  });

  test.each(cases)('cm-pad_resize %s fo-%s puts the padding opposite', async (o, focus, fx, fy) => {
    const r = await run(o, { width: num(200), height: num(200), cropMode: 'pad_resize', focus });
    const px = await pixels(r.data);
    const isImage = (x: number, y: number) => px.at(x, y)[2]! > 128;
    const { w, h } = inputs[o];
    const [fw, fh] = w > h ? [200, 150] : [150, 200];
    const left = Math.round((200 - fw) * fx);
    const top = Math.round((200 - fh) * fy);
    expect(isImage(left, top)).toBe(true);
    expect(isImage(left + fw - 1, top + fh - 1)).toBe(true);
    if (left > 0) expect(isImage(left - 1, top)).toBe(false);
    if (top > 0) expect(isImage(left, top - 1)).toBe(false);
    if (left + fw < 200) expect(isImage(left + fw, top)).toBe(false);
    if (top + fh < 200) expect(isImage(left, top + fh)).toBe(false);
    expect(px.at(100, 100)[2]).toBeGreaterThan(128); // the middle is always image
  });

  test.each(cases)('cm-pad_extract %s fo-%s pads where the region leaves the image', async (o, focus, fx, fy) => {
    const r = await run(o, { width: num(500), height: num(500), cropMode: 'pad_extract', focus });
    const px = await pixels(r.data);
    const { w, h } = inputs[o];
    const left = Math.round((500 - w) * fx);
    const top = Math.round((500 - h) * fy);
    expect(origin(px.at(left, top), o).map(Math.round)).toEqual([0, 0]); // the original's corner, unscaled
    if (left > 0) expect(px.at(left - 1, top)[2]).toBe(0);
    if (top > 0) expect(px.at(left, top - 1)[2]).toBe(0);
  });

  test('left half red, right half blue: fo-left keeps red, fo-right blue (cover and extract)', async () => {
    const input = await halvesPng(400, 200);
    const colourAt = async (s: TransformStep) => (await pixels((await p.transform({ input, chain: chain({ ...s, format: 'png' }) })).data)).at(100, 100).slice(0, 3);
    expect(await colourAt({ width: num(200), height: num(200), focus: 'left' })).toEqual([255, 0, 0]);
    expect(await colourAt({ width: num(200), height: num(200), focus: 'right' })).toEqual([0, 0, 255]);
    expect(await colourAt({ width: num(200), height: num(200), cropMode: 'extract', focus: 'left' })).toEqual([255, 0, 0]);
    expect(await colourAt({ width: num(200), height: num(200), cropMode: 'extract', focus: 'right' })).toEqual([0, 0, 255]);
  });

  test('fo-auto (saliency) finds a detailed patch on a flat image, for cover and extract', async () => {
    const patch = await sharp({ create: { width: 80, height: 80, channels: 3, background: '#888', noise: { type: 'gaussian', mean: 128, sigma: 90 } } }).png().toBuffer();
    const input = await sharp({ create: { width: 600, height: 300, channels: 3, background: '#3060a0' } }).composite([{ input: patch, left: 480, top: 110 }]).png().toBuffer();
    for (const cropMode of [undefined, 'extract'] as const) {
      const r = await p.transform({ input, chain: chain({ width: num(200), height: num(300), focus: 'auto', cropMode, format: 'png' }) });
      expect([r.width, r.height]).toEqual([200, 300]);
      const px = await pixels(r.data);
      // The patch (x 480–560 of 600) must be inside the crop: its noise shows at the crop's right part.
      const column = Array.from({ length: 300 }, (_, y) => px.at(150, y));
      expect(column.some((c) => Math.abs(c[0]! - 0x30) > 40)).toBe(true);
    }
  });
});

describe('extract positions', () => {
  test('x/y give the top-left, xc/yc the centre', async () => {
    const a = await run('landscape', { width: num(100), height: num(50), cropMode: 'extract', x: num(30), y: num(40) });
    expect(origin((await pixels(a.data)).at(0, 0), 'landscape').map(Math.round)).toEqual([30, 40]);
    const b = await run('landscape', { width: num(100), height: num(50), cropMode: 'extract', xCenter: num(200), yCenter: num(150) });
    expect(origin((await pixels(b.data)).at(0, 0), 'landscape').map(Math.round)).toEqual([150, 125]);
  });

  test('xc/yc outside the image is a 400 naming the parameter', async () => {
    await expect(run('landscape', { width: num(100), height: num(100), cropMode: 'extract', xCenter: num(380) })).rejects.toMatchObject({
      code: 'TRANSFORM_INVALID_ARG',
      details: { key: 'xc' },
    });
  });

  test('pad_extract example from the spec: 600×600 image, w-700,h-700 → 700×700', async () => {
    const input = await gradientPng(600, 600);
    const r = await p.transform({ input, chain: chain({ width: num(700), height: num(700), cropMode: 'pad_extract', format: 'png' }) });
    expect([r.width, r.height]).toEqual([700, 700]);
  });
});
