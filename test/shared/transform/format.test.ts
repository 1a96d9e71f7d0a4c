// formatChain is the inverse of the parser, and canonicalChain is a cache key that ignores spelling.

import { describe, expect, it } from 'vitest';
import { OPTIONS, canonicalChain, formatChain, parseChainString } from '../../../shared/transform/index.ts';

/** URL values per key; every table key must have one, so a new option cannot skip the round trip. */
const SAMPLES: Record<string, string[]> = {
  w: ['w-300', 'w-0.4', 'w-auto', 'w-iw_div_2', 'w-cw_mul_0.8_add_10', 'w-0.0000001'],
  h: ['h-200', 'h-ih_sub_10_mul_2'],
  ar: ['ar-4-3', 'ar-16_9', 'ar-1.5', 'ar-iar_div_2', 'ar-2'],
  c: ['c-force', 'c-maintain_ratio'],
  cm: ['cm-extract', 'cm-pad_resize'],
  fo: ['fo-center', 'fo-bottom_right', 'fo-auto', 'fo-face', 'fo-custom', 'fo-dog'],
  x: ['x-10'], y: ['y-iw_mul_0.4'], xc: ['xc-0'], yc: ['yc-ih_div_2'],
  z: ['z-0.5'],
  dpr: ['dpr-2', 'dpr-auto', 'dpr-0.1'],
  q: ['q-80'],
  f: ['f-avif', 'f-orig', 'f-mp4'],
  pr: ['pr-true', 'pr-false'], lo: ['lo-true'], md: ['md-true'], cp: ['cp-false'], orig: ['orig-true'],
  n: ['n-thumb_v2'],
  di: ['di-@@folder@@def.jpg', 'di-a b.png'],
  dn: ['dn-300', 'dn-idn_mul_2'],
  pg: ['pg-2', 'pg-3-4', 'pg-name-"L1"_"L2"'],
  bl: ['bl-10'],
  'e-grayscale': ['e-grayscale', 'e-grayscale-false'],
  'e-contrast': ['e-contrast-true'],
  'e-sharpen': ['e-sharpen', 'e-sharpen-0', 'e-sharpen-7.5'],
  'e-usm': ['e-usm', 'e-usm-2-2-0.8-0.024'],
  'e-shadow': ['e-shadow', 'e-shadow-bl-15_st-40_x-10_y-N5'],
  'e-gradient': ['e-gradient', 'e-gradient-ld-top_right_from-red_to-00000000_sp-0.5'],
  cr: ['cr-red', 'cr-FF0000_30_00FF00'],
  'e-colorize': ['e-colorize', 'e-colorize-co-red_in-40'],
  'e-distort': ['e-distort-a-N30', 'e-distort-p-0_0_10_0_10_10_0_10'],
  rt: ['rt-90', 'rt-N40', 'rt-auto', 'rt-N0', 'rt-22.5'],
  fl: ['fl-h', 'fl-v_h'],
  r: ['r-max', 'r-0', 'r-10_20_30_40'],
  b: ['b-5_FF0000', 'b-ih_div_20_red', 'b-2_00FF0050'],
  bg: ['bg-red', 'bg-FF000050', 'bg-blurred', 'bg-blurred_25_N15', 'bg-blurred_auto_10', 'bg-dominant', 'bg-gradient_dominant', 'bg-gradient_dominant_4', 'bg-genfill', 'bg-genfill-prompt-sunny beach', `bg-genfill-prompte-${btoa('a, b: c')}`],
  t: ['t-true', 't-false', 't-10'],
  o: ['o-0', 'o-50'],
  'e-bgremove': ['e-bgremove'], 'e-removedotbg': ['e-removedotbg-true'], 'e-retouch': ['e-retouch'], 'e-upscale': ['e-upscale'], 'e-genvar': ['e-genvar'],
  'e-dropshadow': ['e-dropshadow', 'e-dropshadow-az-10_el-40_st-50'],
  'e-changebg': ['e-changebg-prompt-snow road'], 'e-edit': ['e-edit-prompte-c25vdw%3D%3D'],
  vc: ['vc-av1'], ac: ['ac-opus'], so: ['so-1.25'], eo: ['eo-bdu_mul_0.9'], du: ['du-5'], sr: ['sr-240_360_2160'],
  i: ['l-image,i-path@@to@@a.png,l-end', 'l-text,i-Hello World,l-end'],
  ie: [`l-image,ie-${encodeURIComponent(btoa('brand (1).png'))},l-end`, `l-text,ie-${btoa('100% off!')},l-end`],
  lm: ['l-image,i-a.png,lm-displace,lx-10,l-end'],
  lx: ['l-image,i-a.png,lx-N35,ly-bh_sub_ch,l-end'], ly: ['l-image,i-a.png,ly-0,l-end'],
  lxc: ['l-image,i-a.png,lxc-bw_div_2,l-end'], lyc: ['l-image,i-a.png,lyc-10,l-end'],
  lap: ['l-image,i-a.png,lap-bottom_right,lx-0,l-end'], lfo: ['l-image,i-a.png,lfo-top,l-end'],
  lso: ['l-video,i-a.mp4,lso-1,leo-bdu,ldu-2.5,l-end'], leo: ['l-video,i-a.mp4,leo-3,l-end'], ldu: ['l-video,i-a.mp4,ldu-3,l-end'],
  fs: ['l-text,i-Hi,fs-45,l-end'], ff: ['l-text,i-Hi,ff-fonts@@my font.ttf,l-end', 'l-text,i-Hi,ff-Open Sans,l-end'],
  co: ['l-text,i-Hi,co-red,l-end', 'l-subtitles,i-a.srt,color-FFFFFF,l-end'],
  ia: ['l-text,i-Hi,ia-right,l-end'], pa: ['l-text,i-Hi,pa-10_20_30_40,l-end', 'l-text,i-Hi,pa-bh_div_10,l-end'],
  al: ['l-image,i-ik_canvas,bg-red,al-5,l-end'], tg: ['l-text,i-Hi,tg-b_i_strikethrough,l-end'], lh: ['l-text,i-Hi,lh-20,l-end'],
  fol: ['l-subtitles,i-a.srt,fol-2_black,l-end'], fsh: ['l-subtitles,i-a.srt,fsh-blue_N3,l-end'],
};

const STRUCTURES = [
  'w-300,h-200:rt-90::q-50',
  'l-image,i-logo.png,lm-multiply,w-100,h-100,cm-pad_resize,bg-yellow:rt-90,b-2_red,l-end',
  'w-400,l-image,i-a.png,l-image,i-b.png,l-image,i-c.png,w-10,l-end,l-end,l-end,h-10',
  'l-text,ie-R3LDvMOfZSwg5LiW55WMIQ%3D%3D,fs-20,co-FF0000,l-end:l-image,i-ik_canvas,bg-FF0000,w-100,l-end',
  'if-w_gt_300,w-300:rt-90,if-else,h-100,if-end:q-80',
  'if-iar_gte_1.5_and_ih_lt_400_or_w_eq_10_or_ar_eq_4-3,w-1,if-end',
  'if-h_lt_N5,if-end',
  'l-image,i-a.png,if-w_gt_1,w-1,if-end,l-end',
  'l-image,i-a.png:if-w_gt_1,w-1,if-end:h-2,l-end',
];

describe('round trip: parse(format(x)) deep-equals x', () => {
  it('has a sample for every option in the table', () => {
    expect(Object.keys(OPTIONS).filter((k) => !SAMPLES[k])).toEqual([]);
  });

  it.each([...Object.values(SAMPLES).flat(), ...STRUCTURES])('%s', (text) => {
    const chain = parseChainString(text);
    const formatted = formatChain(chain);
    expect(parseChainString(formatted)).toStrictEqual(chain);
    expect(formatChain(parseChainString(formatted))).toBe(formatted);
    expect(parseChainString(canonicalChain(chain))).toBeDefined();
  });

  it('writes SDK-shaped output', () => {
    expect(formatChain(parseChainString('h-200,w-300:rt-N40'))).toBe('w-300,h-200:rt-N40');
    expect(formatChain(parseChainString('e-grayscale-true,ar-4_3,fl-v_h'))).toBe('ar-4-3,e-grayscale,fl-h_v');
    expect(formatChain(parseChainString('bg-red'))).toBe('bg-FF0000');
    expect(formatChain(parseChainString('l-image,ie-bG9nb3MvYnJhbmQgKDEpLnBuZw==,lx-10,w-5,l-end'))).toBe('l-image,ie-bG9nb3MvYnJhbmQgKDEpLnBuZw%3D%3D,lx-10,w-5,l-end');
    expect(formatChain(parseChainString('l-subtitle,i-a@@b.srt,color-white,l-end'))).toBe('l-subtitles,i-a@@b.srt,co-FFFFFF,l-end');
    expect(formatChain(parseChainString('l-text,i-Hi,l-end'))).toBe('l-text,i-Hi,l-end');
    expect(formatChain(parseChainString('l-text,i-a%,l-end'))).toBe(`l-text,ie-${encodeURIComponent(btoa('a%'))},l-end`);
  });
});

describe('canonicalChain', () => {
  const same = (a: string, b: string) => expect(canonicalChain(parseChainString(a))).toBe(canonicalChain(parseChainString(b)));
  const differ = (a: string, b: string) => expect(canonicalChain(parseChainString(a))).not.toBe(canonicalChain(parseChainString(b)));

  it('ignores param order and spelling', () => {
    same('w-300,h-200', 'h-200,w-300');
    same('e-grayscale', 'e-grayscale-true');
    same('fl-v_h', 'fl-h_v');
    same('ar-4-3', 'ar-4_3');
    same('bg-red', 'bg-FF0000');
    same('bg-ff0000', 'bg-FF0000');
    same('w-300.0', 'w-300');
    same('tr::w-100:'.slice(3), 'w-100');
    same('l-subtitle,i-a.srt,color-red,l-end', 'l-subtitles,i-a.srt,co-FF0000,l-end');
    same('l-image,i-a.png,lx-10,ly-5,l-end', 'l-image,i-a.png,ly-5,lx-10,l-end');
    same('e-usm,e-sharpen-10', 'e-sharpen-10,e-usm-true');
    same('w-100,w-200', 'w-200');
  });

  it('drops config-independent defaults and empty steps', () => {
    same('w-100,c-maintain_ratio,fo-center,o-100,pr-false,e-grayscale-false', 'w-100');
    same('c-maintain_ratio:w-100', 'w-100');
    same('l-text,i-Hi,ia-center,lfo-center,l-end', 'l-text,i-Hi,l-end');
    expect(canonicalChain(parseChainString('c-maintain_ratio,fo-center'))).toBe('');
    expect(canonicalChain(parseChainString('h-200,w-300,q-80'))).toBe('h-200,q-80,w-300');
  });

  it('keeps what changes the output', () => {
    differ('w-300,h-200', 'w-200,h-300');
    differ('w-100:h-100', 'w-100,h-100');
    differ('w-100:h-100', 'h-100:w-100');
    differ('q-80', '');
    differ('e-grayscale', 'e-grayscale-false');
    differ('t-true', '');
    differ('bg-FF000050', 'bg-FF0000');
    differ('l-image,i-a.png,l-end:l-image,i-b.png,l-end', 'l-image,i-b.png,l-end:l-image,i-a.png,l-end');
    differ('if-w_gt_1,w-1,if-end', 'if-w_gt_1,if-else,w-1,if-end');
  });
});
