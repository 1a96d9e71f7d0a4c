// Parameter families and the grammar quirks of imagekit-url-spec.md §1.2–§2.

import { describe, expect, it } from 'vitest';
import { parseChainString, parseTransformation } from '../../../shared/transform/index.ts';
import type { ChainStep, Layer, TransformStep } from '../../../shared/transform/index.ts';

type Step = Extract<ChainStep, { kind: 'step' }>;

function one(text: string): Step {
  const chain = parseChainString(text);
  expect(chain).toHaveLength(1);
  const s = chain[0]!;
  if (s.kind !== 'step') throw new Error('expected a step');
  return s;
}
const num = (value: number) => ({ kind: 'num', value });
function layerOf(text: string): Layer {
  const layer = one(text).layers?.[0];
  if (!layer) throw new Error('expected a layer');
  return layer;
}

describe('chain structure', () => {
  it('splits steps on ":" and params on ","', () => {
    expect(parseChainString('w-300,h-200:rt-90')).toEqual([
      { kind: 'step', width: num(300), height: num(200) },
      { kind: 'step', rotation: 90 },
    ]);
  });

  it('ignores empty steps (legacy Node SDK `tr::w-100`, trailing ":")', () => {
    expect(parseChainString(':w-100::')).toEqual([{ kind: 'step', width: num(100) }]);
    expect(parseChainString('')).toEqual([]);
    expect(parseChainString('w-1,,h-2')).toEqual([{ kind: 'step', width: num(1), height: num(2) }]);
  });

  it('chains the path chain first, then each tr query value in order', () => {
    expect(parseTransformation({ path: 'w-100', query: ['h-50', 'rt-90'] })).toEqual([
      { kind: 'step', width: num(100) },
      { kind: 'step', height: num(50) },
      { kind: 'step', rotation: 90 },
    ]);
    expect(parseTransformation({ query: [] })).toEqual([]);
  });

  it('lets the last of a duplicated key win within one step', () => {
    expect(one('w-100,w-200').width).toEqual(num(200));
    expect(one('w-1,e-sharpen-10,e-sharpen-false').sharpen).toBeUndefined();
    expect(parseChainString('e-sharpen-10,e-sharpen-false')).toEqual([]);
  });
});

describe('size, crop and layout', () => {
  it('reads w/h as px, fraction, expression and w-auto', () => {
    expect(one('w-0.4').width).toEqual(num(0.4));
    expect(one('w-auto').width).toBe('auto');
    expect(one('h-ih_div_2').height).toEqual({ kind: 'op', op: 'div', left: { kind: 'var', name: 'ih' }, right: num(2) });
    expect(one('w-cw_mul_0.8_add_10').width).toMatchObject({ op: 'add' });
  });

  it('reads ar-4-3 and ar-4_3 as 4/3 and keeps expressions', () => {
    expect(one('ar-4-3').aspectRatio).toEqual(num(4 / 3));
    expect(one('ar-4_3').aspectRatio).toEqual(num(4 / 3));
    expect(one('ar-iar_div_2').aspectRatio).toMatchObject({ kind: 'op', op: 'div' });
  });

  it('reads crop, crop mode and every focus form', () => {
    const s = one('c-at_max,cm-pad_resize,fo-top_left');
    expect([s.crop, s.cropMode, s.focus]).toEqual(['at_max', 'pad_resize', 'top_left']);
    expect(one('fo-auto').focus).toBe('auto');
    expect(one('fo-face').focus).toBe('face');
    expect(one('fo-cellPhone').focus).toEqual({ object: 'cellPhone' });
  });

  it('reads extract coordinates, zoom and dpr', () => {
    const s = one('cm-extract,x-10,y-iw_mul_0.4,xc-5,yc-6,z-1.5');
    expect(s.x).toEqual(num(10));
    expect(s.y).toMatchObject({ op: 'mul' });
    expect([s.xCenter, s.yCenter, s.zoom]).toEqual([num(5), num(6), 1.5]);
    expect(one('dpr-2').dpr).toEqual(num(2));
    expect(one('dpr-0.1').dpr).toEqual(num(0.1));
    expect(one('dpr-auto').dpr).toBe('auto');
    expect(one('dpr-iw_div_100').dpr).toMatchObject({ op: 'div' });
  });
});

describe('output and optimisation', () => {
  it('reads q, f and the boolean options', () => {
    const s = one('q-1,f-webp,pr-true,lo-false,md-true,cp-true,orig-true');
    expect(s).toMatchObject({ quality: 1, format: 'webp', progressive: true, lossless: false, metadata: true, colorProfile: true, original: true });
    expect(one('q-100').quality).toBe(100);
  });

  it('turns @@ back into / in di, with or without the leading @@', () => {
    expect(one('di-@@path@@x.jpg').defaultImage).toBe('path/x.jpg');
    expect(one('di-path@@x.jpg').defaultImage).toBe('path/x.jpg');
  });

  it('reads n, dn and pg', () => {
    expect(one('n-my-thumb').named).toBe('my-thumb');
    expect(one('dn-idn_mul_2').density).toMatchObject({ op: 'mul' });
    for (const pg of ['2', '3-4', '4-', '1_3_5', 'name-"L1"_"L2"']) expect(one(`pg-${pg}`).page).toBe(pg);
  });
});

describe('effects', () => {
  it('accepts flags bare, with -true (legacy Node SDK) and -false', () => {
    expect(one('e-grayscale').grayscale).toBe(true);
    expect(one('e-grayscale-true').grayscale).toBe(true);
    expect(one('e-grayscale-false').grayscale).toBe(false);
    expect(one('e-contrast').contrast).toBe(true);
  });

  it('splits e- keys after two dash parts', () => {
    expect(one('e-sharpen-10').sharpen).toBe(10);
    expect(one('e-sharpen').sharpen).toBe(true);
    expect(one('e-sharpen-0').sharpen).toBe(0);
    expect(one('e-usm-2-2-0.8-0.024').unsharpMask).toEqual({ radius: 2, sigma: 2, amount: 0.8, threshold: 0.024 });
    expect(one('e-usm').unsharpMask).toBe(true);
    expect(one('e-changebg-prompt-snow road').ai).toEqual([{ key: 'e-changebg', value: 'prompt-snow road' }]);
  });

  it('keeps sub-parameter effects raw after validating them', () => {
    expect(one('e-shadow-bl-15_st-40_x-10_y-N5').shadow).toEqual({ raw: 'bl-15_st-40_x-10_y-N5' });
    expect(one('e-shadow').shadow).toBe(true);
    expect(one('w-1,e-shadow-false').shadow).toBeUndefined();
    expect(one('e-gradient-ld-top_right_from-red_to-white_sp-0.5').gradient).toEqual({ raw: 'ld-top_right_from-red_to-white_sp-0.5' });
    expect(one('e-gradient-ld-180_sp-iw_div_2').gradient).toEqual({ raw: 'ld-180_sp-iw_div_2' });
    expect(one('cr-FF0000_30_blue').colorReplace).toEqual({ raw: 'FF0000_30_blue' });
    expect(one('e-colorize-co-red_in-50').colorize).toEqual({ raw: 'co-red_in-50' });
    expect(one('e-distort-p-0_0_100_0_100_100_0_N100').distort).toEqual({ raw: 'p-0_0_100_0_100_100_0_N100' });
    expect(one('e-distort-a-N45').distort).toEqual({ raw: 'a-N45' });
  });

  it('reads blur, rotation, flip and radius', () => {
    expect(one('bl-100').blur).toBe(100);
    expect(one('rt-N40').rotation).toBe(-40);
    expect(one('rt-auto').rotation).toBe('auto');
    expect(one('fl-h_v').flip).toBe('h_v');
    expect(one('fl-v_h').flip).toBe('h_v');
    expect(one('r-10_20_30_40').radius).toEqual([10, 20, 30, 40]);
    expect(one('r-max').radius).toBe('max');
    expect(one('r-12').radius).toBe(12);
  });

  it('reads a border as width (maybe an expression) and colour', () => {
    expect(one('b-5_FF0000').border).toEqual({ width: num(5), color: { r: 255, g: 0, b: 0, alpha: 1 } });
    expect(one('b-ih_div_20_red').border).toEqual({
      width: { kind: 'op', op: 'div', left: { kind: 'var', name: 'ih' }, right: num(20) },
      color: { r: 255, g: 0, b: 0, alpha: 1 },
    });
  });

  it('reads trim and opacity', () => {
    expect([one('t-true').trim, one('t-false').trim, one('t-1').trim, one('t-99').trim]).toEqual([true, false, 1, 99]);
    expect([one('o-0').opacity, one('o-100').opacity]).toEqual([0, 100]);
  });

  it('collects AI effects, flags and prompts', () => {
    expect(one('e-bgremove,e-upscale-true').ai).toEqual([{ key: 'e-bgremove' }, { key: 'e-upscale' }]);
    expect(one('e-dropshadow-az-45_el-30').ai).toEqual([{ key: 'e-dropshadow', value: 'az-45_el-30' }]);
    expect(one('e-edit-prompte-c25vdw%3D%3D').ai).toEqual([{ key: 'e-edit', value: 'prompte-c25vdw%3D%3D' }]);
    expect(one('w-10,e-retouch-false').ai).toBeUndefined();
  });
});

describe('colours and backgrounds', () => {
  it('reads RRGGBB, RRGGBBAA (AA = opacity/100) and CSS names', () => {
    expect(one('bg-FF000050').background).toEqual({ kind: 'color', color: { r: 255, g: 0, b: 0, alpha: 0.5 } });
    expect(one('bg-00ff0099').background).toEqual({ kind: 'color', color: { r: 0, g: 255, b: 0, alpha: 0.99 } });
    expect(one('bg-00000000').background).toMatchObject({ color: { alpha: 0 } });
    expect(one('bg-rebeccapurple').background).toEqual({ kind: 'color', color: { r: 0x66, g: 0x33, b: 0x99, alpha: 1 } });
  });

  it('reads blurred, dominant, gradient_dominant and genfill', () => {
    expect(one('bg-blurred').background).toEqual({ kind: 'blurred', amount: 'auto', brightness: 0 });
    expect(one('bg-blurred_25_N15').background).toEqual({ kind: 'blurred', amount: 25, brightness: -15 });
    expect(one('bg-blurred_auto_20').background).toEqual({ kind: 'blurred', amount: 'auto', brightness: 20 });
    expect(one('bg-dominant').background).toEqual({ kind: 'dominant' });
    expect(one('bg-gradient_dominant_4').background).toEqual({ kind: 'gradient_dominant', stops: 4 });
    expect(one('bg-genfill').background).toEqual({ kind: 'genfill' });
    expect(one('bg-genfill-prompt-a sunny beach').background).toEqual({ kind: 'genfill', prompt: 'a sunny beach' });
    expect(one(`bg-genfill-prompte-${btoa('sea, sky')}`).background).toEqual({ kind: 'genfill', prompt: 'sea, sky' });
  });
});

describe('video', () => {
  it('reads codecs, offsets and streaming resolutions', () => {
    const s = one('vc-h264,ac-none,so-2.5,eo-bdu_mul_0.5,du-10,sr-240_720_1080');
    expect(s).toMatchObject({ videoCodec: 'h264', audioCodec: 'none', startOffset: num(2.5), duration: num(10), streamingResolutions: [240, 720, 1080] });
    expect(s.endOffset).toMatchObject({ op: 'mul' });
  });
});

describe('layers', () => {
  it('nests a chain with its own ":" and "," inside l-image…l-end', () => {
    const chain = parseChainString('w-400:l-image,i-logo.png,lm-multiply,lx-N35,w-100,h-100,cm-pad_resize,bg-yellow:rt-90,b-2_red,l-end:q-80');
    expect(chain).toHaveLength(3);
    const layer = (chain[1] as Step).layers![0]!;
    expect(layer).toMatchObject({ type: 'image', input: 'logo.png', params: { lm: 'multiply', lx: 'N35' } });
    expect(layer.chain).toHaveLength(2);
    expect(layer.chain[0]).toMatchObject({ width: num(100), height: num(100), cropMode: 'pad_resize' });
    expect(layer.chain[1]).toMatchObject({ rotation: 90 });
    expect(chain[2]).toEqual({ kind: 'step', quality: 80 });
  });

  it('keeps params around a layer in the same step', () => {
    const s = one('w-100,l-text,i-Hi,l-end,h-50');
    expect(s).toMatchObject({ width: num(100), height: num(50) });
    expect(s.layers).toHaveLength(1);
  });

  it('nests layers up to three levels', () => {
    const s = one('l-image,i-a.png,l-image,i-b.png,l-image,i-c.png,w-10,l-end,l-end,l-end');
    const c = (s.layers![0]!.chain[0] as Step).layers![0]!.chain[0] as Step;
    expect(c.layers![0]).toMatchObject({ input: 'c.png', chain: [{ width: num(10) }] });
  });

  it('decodes i- paths (@@ → /) and ie- base64, ie overriding i', () => {
    expect(layerOf('l-image,i-path@@to@@logo.png,l-end').input).toBe('path/to/logo.png');
    expect(layerOf(`l-image,i-ignored.png,ie-${btoa('logos/brand (1).png')},l-end`).input).toBe('logos/brand (1).png');
    expect(layerOf('l-image,ie-bG9nb3MvYnJhbmQgKDEpLnBuZw%3D%3D,l-end').input).toBe('logos/brand (1).png');
    const utf8 = btoa(String.fromCharCode(...new TextEncoder().encode('Grüße, 世界!')));
    expect(layerOf(`l-text,ie-${utf8},l-end`).input).toBe('Grüße, 世界!');
  });

  it('reads text layer params, with color- as an alias of co-', () => {
    const l = layerOf('l-text,i-Hello World,fs-bh_div_20,ff-fonts@@x.ttf,color-FFFFFF,tg-b_i,pa-10_20,ia-left,al-5,lh-20,l-end');
    expect(l).toMatchObject({ type: 'text', input: 'Hello World' });
    expect(l.params).toEqual({ fs: 'bh_div_20', ff: 'fonts/x.ttf', co: 'FFFFFF', tg: 'b_i', pa: '10_20', ia: 'left', al: '5', lh: '20' });
  });

  it('reads l-subtitle (singular) as subtitles, and ik_canvas as a solid colour', () => {
    expect(layerOf('l-subtitle,i-sub.srt,fol-2_black,fsh-blue_3,l-end')).toMatchObject({ type: 'subtitles', input: 'sub.srt', params: { fol: '2_black', fsh: 'blue_3' } });
    const solid = layerOf('l-image,i-ik_canvas,bg-FF0000,w-100,h-50,l-end');
    expect(solid.type).toBe('solid');
    expect(solid.input).toBeUndefined();
    expect(solid.chain[0]).toMatchObject({ background: { kind: 'color' }, width: num(100) });
  });

  it('reads video layer timing params', () => {
    expect(layerOf('l-video,i-clip.mp4,lso-2,leo-bdu_sub_1,ldu-3,lap-center,lfo-top,lxc-10,lyc-N10,l-end').params).toEqual({
      lso: '2', leo: 'bdu_sub_1', ldu: '3', lap: 'center', lfo: 'top', lxc: '10', lyc: 'N10',
    });
  });
});

describe('conditions', () => {
  it('parses a simple condition with then and else chains', () => {
    expect(parseChainString('if-w_gt_300,w-300:rt-90,if-else,h-100,if-end')).toEqual([
      {
        kind: 'if',
        condition: [[{ property: 'w', operator: 'gt', value: 300 }]],
        then: [{ kind: 'step', width: num(300) }, { kind: 'step', rotation: 90 }],
        else: [{ kind: 'step', height: num(100) }],
      },
    ]);
  });

  it('builds DNF with and tighter than or', () => {
    const [c] = parseChainString('if-iar_gte_1_and_ih_lt_400_or_w_eq_10,w-1,if-end');
    expect(c).toMatchObject({
      condition: [
        [{ property: 'iar', operator: 'gte', value: 1 }, { property: 'ih', operator: 'lt', value: 400 }],
        [{ property: 'w', operator: 'eq', value: 10 }],
      ],
      else: [],
    });
  });

  it('reads an ar value written as 4-3', () => {
    expect(parseChainString('if-ar_ne_4-3,w-1,if-end')[0]).toMatchObject({ condition: [[{ property: 'ar', operator: 'ne', value: 4 / 3 }]] });
  });

  it('takes an if-block as its own step between others', () => {
    const chain = parseChainString('w-10:if-h_lte_5,h-5,if-end:q-50');
    expect(chain.map((s) => s.kind)).toEqual(['step', 'if', 'step']);
  });
});

it('keeps TransformStep field names as the SDK names', () => {
  const s: TransformStep = one('w-1');
  expect(Object.keys(s)).toEqual(['kind', 'width']);
});
