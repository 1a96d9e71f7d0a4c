// Bad input is a 400 with a stable code and a message naming the key, the value and what was expected.

import { describe, expect, it } from 'vitest';
import { LoupeError } from '../../../shared/errors.ts';
import { parseChainString } from '../../../shared/transform/index.ts';

function errorOf(text: string): LoupeError {
  try {
    parseChainString(text);
  } catch (e) {
    if (e instanceof LoupeError) return e;
    throw e;
  }
  throw new Error(`"${text}" parsed without error`);
}

describe('invalid values', () => {
  it('uses the one message shape for w', () => {
    const e = errorOf('w-abc');
    expect(e.code).toBe('TRANSFORM_INVALID_ARG');
    expect(e.status).toBe(400);
    expect(e.message).toBe('Invalid w: "abc" (expected a positive number, a fraction below 1, an expression, or auto)');
    expect(e.details).toMatchObject({ key: 'w', value: 'abc' });
  });

  it('matches the conventions example for h', () => {
    expect(errorOf('h-abc').message).toBe('Invalid h: "abc" (expected a positive number, a fraction below 1, or an expression)');
  });

  it.each([
    ['h-0', 'h', '0', 'a positive number'],
    ['h-N5', 'h', 'N5', 'a positive number'],
    ['w', 'w', '', 'a positive number'],
    ['q-0', 'q', '0', 'an integer from 1 to 100'],
    ['q-101', 'q', '101', 'an integer from 1 to 100'],
    ['q-50.5', 'q', '50.5', 'an integer from 1 to 100'],
    ['o-101', 'o', '101', 'from 0 to 100'],
    ['bl-0', 'bl', '0', 'from 1 to 100'],
    ['bl-101', 'bl', '101', 'from 1 to 100'],
    ['dpr-6', 'dpr', '6', '0.1 to 5'],
    ['dpr-0.05', 'dpr', '0.05', '0.1 to 5'],
    ['t-100', 't', '100', 'threshold from 1 to 99'],
    ['t-0', 't', '0', 'threshold from 1 to 99'],
    ['c-fill', 'c', 'fill', 'one of maintain_ratio'],
    ['cm-crop', 'cm', 'crop', 'one of pad_resize'],
    ['fo-cneter', 'fo', 'cneter', 'COCO object'],
    ['f-bmp', 'f', 'bmp', 'one of auto'],
    ['fl-x', 'fl', 'x', 'one of h, v, h_v'],
    ['rt-400', 'rt', '400', 'N360 to 360'],
    ['r-10_20', 'r', '10_20', 'tl_tr_br_bl'],
    ['ar-4x3', 'ar', '4x3', 'a ratio W-H'],
    ['ar-0-3', 'ar', '0-3', 'a ratio W-H'],
    ['pr-yes', 'pr', 'yes', 'true or false'],
    ['orig', 'orig', '', 'true or false'],
    ['e-grayscale-1', 'e-grayscale', '1', 'no value, true or false'],
    ['e-bgremove-x', 'e-bgremove', 'x', 'no value, true or false'],
    ['e-sharpen-abc', 'e-sharpen', 'abc', 'a number from 0 to 100'],
    ['e-usm-2-2-0.8', 'e-usm', '2-2-0.8', '<radius>-<sigma>-<amount>-<threshold>'],
    ['e-shadow-bl-20', 'e-shadow', 'bl-20', 'bl-<0-15>'],
    ['e-shadow-zz-1', 'e-shadow', 'zz-1', 'bl-<0-15>'],
    ['e-shadow-bl-1_bl-2', 'e-shadow', 'bl-1_bl-2', 'bl-<0-15>'],
    ['e-gradient-from-notacolour', 'e-gradient', 'from-notacolour', 'from-<colour>'],
    ['e-distort-p-1_2_3', 'e-distort', 'p-1_2_3', 'p-x1_y1'],
    ['e-changebg-snow', 'e-changebg', 'snow', 'prompt-<text>'],
    ['cr-nocolour', 'cr', 'nocolour', '<toColour>'],
    ['b-5', 'b', '5', '<width>_<colour>'],
    ['b-5_FF00', 'b', '5_FF00', '<width>_<colour>'],
    ['b-0_red', 'b', '0_red', '<width>_<colour>'],
    ['bg-FFF', 'bg', 'FFF', 'RRGGBB, RRGGBBAA'],
    ['bg-FF0000AB', 'bg', 'FF0000AB', 'AA = opacity 00–99'],
    ['bg-Red', 'bg', 'Red', 'lower-case CSS colour name'],
    ['bg-blurred_101', 'bg', 'blurred_101', 'blurred'],
    ['bg-blurred_10_300', 'bg', 'blurred_10_300', 'blurred'],
    ['bg-gradient_dominant_3', 'bg', 'gradient_dominant_3', 'gradient_dominant'],
    ['di-@@..@@secret.jpg', 'di', '@@..@@secret.jpg', 'no . or .. segments'],
    ['sr-240_999', 'sr', '240_999', '240, 360'],
    ['vc-h265', 'vc', 'h265', 'h264, vp9, av1, none'],
    ['so-N1', 'so', 'N1', 'seconds'],
    ['z-0', 'z', '0', 'from 0.01 to 100'],
    ['pg-0', 'pg', '0', 'a page number'],
    ['n-a b', 'n', 'a b', 'a named transformation name'],
  ])('%s → Invalid %s: "%s" (expected …%s…)', (text, key, value, expected) => {
    const e = errorOf(text);
    expect(e.code).toBe('TRANSFORM_INVALID_ARG');
    expect(e.message).toContain(`Invalid ${key}: "${value}" (expected `);
    expect(e.message).toContain(expected);
  });

  it('names the alias as written in a layer', () => {
    expect(errorOf('l-text,i-x,color-notacolour,l-end').message).toContain('Invalid color: "notacolour"');
  });

  it('refuses layer-only params outside a layer', () => {
    const e = errorOf('lx-10');
    expect(e.code).toBe('TRANSFORM_INVALID_ARG');
    expect(e.message).toBe('Invalid lx: "10" (expected it inside a layer, l-<type>,…,l-end)');
  });
});

describe('unknown keys', () => {
  it('names the key and suggests a close one', () => {
    const e = errorOf('w-100,wd-100');
    expect(e.code).toBe('TRANSFORM_UNKNOWN_PARAM');
    expect(e.message).toContain('"wd"');
    expect(e.message).toContain('"wd-100"');
    expect(e.message).toContain('did you mean "w"?');
    expect(errorOf('W-100').message).toContain('did you mean "w"?');
    expect(errorOf('unknownParam-x').message).not.toContain('did you mean');
  });

  it('explains that the old overlay keys were removed in favour of layers', () => {
    for (const text of ['ot-Hi', 'ots-20', 'oi-logo.png', 'ox-10']) {
      const e = errorOf(`w-300,${text}`);
      expect(e.code).toBe('TRANSFORM_UNKNOWN_PARAM');
      expect(e.message).toContain('removed by ImageKit in favour of layers');
    }
  });

  it('rejects an unknown layer type', () => {
    const e = errorOf('l-sticker,i-a.png,l-end');
    expect(e.code).toBe('TRANSFORM_UNKNOWN_PARAM');
    expect(e.message).toContain('l-sticker');
  });
});

describe('structure errors', () => {
  it.each([
    ['l-image,i-a.png,w-10', 'no l-end'],
    ['w-10,l-end', 'Unexpected "l-end"'],
    ['if-w_gt_1,w-10', 'no if-end'],
    ['w-1,if-end', 'Unexpected "if-end"'],
    ['w-1,if-w_gt_1,h-1,if-end', 'must be alone in its step'],
    ['if-w_gt_1,h-1,if-end,q-50', 'must be alone in its step'],
    ['l-image,i-a,l-image,i-b,l-image,i-c,l-image,i-d,l-end,l-end,l-end,l-end', 'deeper than 3'],
  ])('%s → %s', (text, message) => {
    const e = errorOf(text);
    expect(e.code).toBe('TRANSFORM_INVALID_ARG');
    expect(e.message).toContain(message);
  });

  it('validates conditions', () => {
    for (const cond of ['x_gt_1', 'w_bigger_1', 'w_gt', 'w_gt_abc', 'w_gt_1_xor_h_lt_2']) {
      const e = errorOf(`if-${cond},w-1,if-end`);
      expect(e.message).toContain(`Invalid if: "${cond}" (expected <property>_<operator>_<number>`);
    }
  });

  it('requires a layer input', () => {
    expect(errorOf('l-image,w-10,l-end').message).toBe('Invalid l-image: "" (expected an input, i-<path or text> or ie-<base64>)');
    expect(errorOf('l-image,ie-!!!,l-end').message).toContain('Invalid ie: "!!!" (expected base64 UTF-8 text)');
    expect(errorOf(`l-image,ie-${btoa('a/../../b.png')},l-end`).message).toContain('no . or .. segments');
  });

  it('caps text layers at 2000 characters', () => {
    expect(errorOf(`l-text,i-${'a'.repeat(2001)},l-end`).message).toContain('at most 2000 characters');
  });

  it('keeps long inputs out of messages', () => {
    const e = errorOf(`l-text,i-${'a'.repeat(3000)},oops-1,l-end`);
    expect(e.message.length).toBeLessThan(400);
  });
});
