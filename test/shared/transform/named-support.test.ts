// Named transformation expansion, and the "not supported yet" check the server turns into a 400.

import { describe, expect, it } from 'vitest';
import { LoupeError } from '../../../shared/errors.ts';
import { canonicalChain, describeOptions, expandNamed, findUnsupported, formatChain, formatOptionsTable, parseChainString } from '../../../shared/transform/index.ts';

const NAMED = {
  thumb: 'w-100,h-100:rt-90',
  square: 'ar-1-1,w-200',
  outer: 'n-thumb:q-50',
  loopA: 'n-loopB',
  loopB: 'n-loopA',
  broken: 'w-abc',
};
const expanded = (text: string) => formatChain(expandNamed(parseChainString(text), NAMED));

function thrown(fn: () => unknown): LoupeError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LoupeError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('expandNamed', () => {
  it('replaces an n- step by the named chain, which may hold ":"', () => {
    expect(expanded('n-thumb')).toBe('w-100,h-100:rt-90');
    expect(expanded('f-webp:n-square:bl-5')).toBe('f-webp:w-200,ar-1-1:bl-5');
  });

  it('applies the other params of the step as a following step', () => {
    expect(expanded('n-thumb,q-50,e-grayscale')).toBe('w-100,h-100:rt-90:q-50,e-grayscale');
  });

  it('expands inside conditions and layers, and named chains that name others', () => {
    expect(expanded('if-w_gt_1,n-square,if-end')).toBe('if-w_gt_1,w-200,ar-1-1,if-end');
    expect(expanded('l-image,i-a.png,n-square,l-end')).toBe('l-image,i-a.png,w-200,ar-1-1,l-end');
    expect(expanded('n-outer')).toBe('w-100,h-100:rt-90:q-50');
  });

  it('leaves chains without n- alone', () => {
    const chain = parseChainString('w-1:h-2');
    expect(expandNamed(chain, {})).toEqual(chain);
  });

  it('names an unknown name in a TRANSFORM_NAMED_UNKNOWN error', () => {
    const e = thrown(() => expanded('w-1:n-nope'));
    expect(e.code).toBe('TRANSFORM_NAMED_UNKNOWN');
    expect(e.status).toBe(400);
    expect(e.message).toContain('"nope"');
    // Inherited Object properties are not names.
    expect(thrown(() => expanded('n-toString')).code).toBe('TRANSFORM_NAMED_UNKNOWN');
  });

  it('refuses cycles and says which named chain is broken', () => {
    const cycle = thrown(() => expanded('n-loopA'));
    expect(cycle.code).toBe('TRANSFORM_INVALID_ARG');
    expect(cycle.message).toContain('loopA → loopB → loopA');
    const broken = thrown(() => expanded('n-broken'));
    expect(broken.message).toBe('In named transformation "broken": Invalid w: "abc" (expected a positive number, a fraction below 1, an expression, or auto)');
  });

  it('gives the same cache key for a named chain and its expansion', () => {
    expect(canonicalChain(expandNamed(parseChainString('n-thumb'), NAMED))).toBe(canonicalChain(parseChainString('h-100,w-100:rt-90')));
  });
});

describe('findUnsupported(image)', () => {
  const check = (text: string) => findUnsupported(parseChainString(text), 'image');

  it('accepts everything the image pipeline renders', () => {
    const rendered =
      'w-300,h-200,ar-4-3,c-at_max,cm-pad_resize,fo-auto,x-1,y-2,xc-3,yc-4,dpr-2,q-80,f-webp,pr-true,lo-true,md-true,' +
      'cp-true,orig-false,bl-5,e-grayscale,e-sharpen-3,e-usm-2-2-0.8-0.024,e-contrast,rt-90,fl-h,r-max,b-2_red,' +
      'bg-blurred_10_N5,t-10,o-50,di-a@@b.jpg:n-x:fo-top_left:bg-red';
    expect(check(rendered)).toBeUndefined();
  });

  it.each([
    ['z-2', 'z', '2'],
    ['dn-300', 'dn', '300'],
    ['pg-2', 'pg', '2'],
    ['e-shadow', 'e-shadow', ''],
    ['e-gradient-ld-top', 'e-gradient', 'ld-top'],
    ['cr-red', 'cr', 'red'],
    ['e-colorize', 'e-colorize', ''],
    ['e-distort-a-10', 'e-distort', 'a-10'],
    ['fo-face', 'fo', 'face'],
    ['fo-custom', 'fo', 'custom'],
    ['fo-dog', 'fo', 'dog'],
    ['bg-dominant', 'bg', 'dominant'],
    ['bg-gradient_dominant_4', 'bg', 'gradient_dominant_4'],
    ['bg-genfill-prompt-sea', 'bg', 'genfill-prompt-sea'],
    ['e-bgremove', 'e-bgremove', ''],
    ['e-changebg-prompt-snow', 'e-changebg', 'prompt-snow'],
    ['w-auto', 'w', 'auto'],
    ['dpr-auto', 'dpr', 'auto'],
    ['f-mp4', 'f', 'mp4'],
  ])('reports %s', (text, key, value) => {
    expect(check(`w-10:${text}`)).toMatchObject({ key, value, message: `${value ? `${key}-${value}` : key} is not supported yet` });
  });

  it('reports any layer instead of ignoring it, also inside a condition (conditions themselves render)', () => {
    expect(check('w-10,l-image,i-a.png,l-end')).toEqual({ key: 'l-image', value: '', message: 'Layers (l-image) are not supported yet' });
    expect(check('l-text,i-Hi,l-end')?.message).toBe('Layers (l-text) are not supported yet');
    expect(check('l-image,i-ik_canvas,bg-red,l-end')?.message).toBe('Solid colour layers (l-image) are not supported yet');
    expect(check('if-w_gt_300,w-10,if-end')).toBeUndefined();
    expect(check('if-w_gt_300,w-10,if-else,e-shadow,if-end')).toMatchObject({ key: 'e-shadow' });
    expect(check('if-w_gt_300,l-text,i-Hi,l-end,if-end')?.message).toBe('Layers (l-text) are not supported yet');
  });

  it('ignores video-only params on images, as not applicable', () => {
    expect(check('w-10,vc-h264,ac-none,so-1,eo-2,du-1,sr-240')).toBeUndefined();
  });
});

describe('describeOptions', () => {
  it('describes every option with its SDK name, media and image status', () => {
    const rows = describeOptions();
    expect(rows.find((r) => r.key === 'w')).toMatchObject({ sdk: 'width', image: 'render', media: ['image', 'video', 'layer'] });
    expect(rows.find((r) => r.key === 'co')).toMatchObject({ sdk: 'fontColor', aliases: ['color'], media: ['layer'] });
    expect(rows.find((r) => r.key === 'e-bgremove')).toMatchObject({ sdk: 'aiRemoveBackground', image: 'pending' });
    expect(rows.find((r) => r.key === 'vc')).toMatchObject({ image: 'n/a' });
    expect(rows.find((r) => r.key === 'c')).toMatchObject({ default: 'maintain_ratio' });
    expect(rows.every((r) => r.doc.length > 0 && r.expected.length > 0)).toBe(true);
  });

  it('renders a Markdown table with one row per option', () => {
    const table = formatOptionsTable().split('\n');
    expect(table[0]).toBe('| Key | SDK name | Media | Image | Default | Doc |');
    expect(table).toHaveLength(describeOptions().length + 2);
    expect(table).toContain('| `co` / `color` | fontColor | layer | pending |  | Text colour |');
  });
});
