// THE option table: one entry per URL parameter (key, aliases, SDK name, value codec, media, image status,
// default, doc). The parser, formatter, canonical key, support check and README table all derive from it.

import * as c from './codecs.ts';
import * as fx from './effect-codecs.ts';
import { decodeBase64Utf8 } from './base64.ts';
import { asText, bool, color, expr, fail, flag, flagOr, num, oneOf, orKeyword, path, text, type Codec } from './validators.ts';
import type { TransformStep } from './types.ts';

export type Media = 'image' | 'video' | 'layer';
/** render: Loupe's image pipeline implements it; pending: parsed, answered with 400 "not supported yet". */
export type ImageStatus = 'render' | 'pending' | 'n/a';
export type StepField = Exclude<keyof TransformStep, 'layers' | 'ai'>;

interface OptionBase {
  aliases?: readonly string[];
  media: readonly Media[];
  image: ImageStatus;
  /** URL values of a 'render' option the pipeline cannot honour yet (`fo-face`, `w-auto`). */
  pendingValue?: (value: string | null) => boolean;
  /** URL value equal to absence whatever the config; dropped from the canonical form. */
  default?: string;
  doc: string;
}
/** A TransformStep field. */
export interface StepOption<F extends StepField> extends OptionBase {
  kind: 'step';
  field: F;
  codec: Codec<NonNullable<TransformStep[F]>>;
}
/** An AI effect, collected into `TransformStep.ai` as `{ key, value }`. */
export interface AiOption extends OptionBase {
  kind: 'ai';
  sdk: string;
  codec: Codec<string | true>;
}
/** Only inside `l-…,l-end`; kept in `Layer.params` as normalised text (`i`/`ie` become `Layer.input`). */
export interface LayerOption extends OptionBase {
  kind: 'layer' | 'input';
  sdk: string;
  codec: Codec<string>;
}
export type AnyStepOption = { [F in StepField]: StepOption<F> }[StepField];
export type OptionSpec = AnyStepOption | AiOption | LayerOption;

const IMG: readonly Media[] = ['image', 'layer'];
const ALL: readonly Media[] = ['image', 'video', 'layer'];
const VIDEO: readonly Media[] = ['video', 'layer'];
const LAYER: readonly Media[] = ['layer'];

function step<F extends StepField>(field: F, o: Omit<StepOption<F>, 'kind' | 'field'>): StepOption<F> {
  return { kind: 'step', field, ...o };
}
function ai(sdk: string, codec: Codec<string | true>, doc: string): AiOption {
  return { kind: 'ai', sdk, codec, media: IMG, image: 'pending', doc };
}
function layer(sdk: string, codec: Codec<string>, doc: string, extra: Partial<LayerOption> = {}): LayerOption {
  return { kind: 'layer', sdk, codec, media: LAYER, image: 'pending', doc, ...extra };
}

const SIZE = 'a positive number, a fraction below 1, or an expression';
const size = expr({ min: 0, exclusive: true, expected: SIZE });
const coord = expr({ min: 0, expected: 'a non-negative number or an expression' });
const offset = expr({ min: -Infinity, negative: true, expected: 'a number (N for negative) or an expression' });
const seconds = expr({ min: 0, expected: 'seconds (a non-negative number) or an expression' });
const isRelative = (v: string | null) => v !== null && !(c.RELATIVE_FOCUS as readonly string[]).includes(v) && v !== 'auto';
const bare = (keys: string[]) => (v: string | null) => v !== null && keys.some((k) => v === k || v.startsWith(`${k}_`) || v.startsWith(`${k}-`));

const shadow = fx.subParams(
  { bl: fx.inRange({ min: 0, max: 15 }), st: fx.inRange({ min: 0, max: 100 }), x: fx.inRange({ min: -100, max: 100 }), y: fx.inRange({ min: -100, max: 100 }) },
  'bl-<0-15>_st-<0-100>_x-<N100-100>_y-<N100-100> in any order',
);
const gradient = fx.subParams(
  {
    ld: fx.anyOf(fx.among(['top', 'top_right', 'right', 'bottom_right', 'bottom', 'bottom_left', 'left', 'top_left', 'topleft']), fx.inRange({ min: 0, max: 359, integer: true })),
    from: fx.isColor,
    to: fx.isColor,
    sp: fx.anyOf(fx.inRange({ min: 0.01, max: 100_000 }), fx.isExpr),
  },
  'ld-<direction or 0-359>_from-<colour>_to-<colour>_sp-<stop point> in any order',
);
const colorize = fx.subParams({ co: fx.isColor, in: fx.inRange({ min: 0, max: 100 }) }, 'co-<colour>_in-<0-100>');
const distort = fx.subParams(
  {
    p: (v) => v.split('_').length === 8 && v.split('_').every(fx.inRange({ min: -100_000, max: 100_000, integer: true })),
    a: fx.inRange({ min: -360, max: 360 }),
  },
  'p-x1_y1_x2_y2_x3_y3_x4_y4 (perspective) or a-<degrees> (arc)',
  { exactlyOne: true },
);
const dropShadow = fx.subParams(
  { az: fx.inRange({ min: 0, max: 360 }), el: fx.inRange({ min: 0, max: 90 }), st: fx.inRange({ min: 0, max: 100 }) },
  'az-<0-360>_el-<0-90>_st-<0-100> in any order',
);

/** `ie-`: base64 UTF-8 text; the layer builder then treats it like `i-` (path or text by layer type). */
const base64Input: Codec<string> = {
  expected: 'base64 UTF-8 text',
  parse: (raw, key) => decodeBase64Utf8(raw ?? '') ?? fail(key, raw, 'base64 UTF-8 text'),
  format: (v) => v,
};

export const OPTIONS = {
  // size, crop, layout
  w: step('width', { codec: orKeyword(size, 'auto'), media: ALL, image: 'render', pendingValue: (v) => v === 'auto', doc: 'Output width: px, fraction of the original, expression, or auto (client hint)' }),
  h: step('height', { codec: size, media: ALL, image: 'render', doc: 'Output height: px, fraction of the original, or expression' }),
  ar: step('aspectRatio', { codec: c.aspectRatio(), media: ALL, image: 'render', doc: 'Aspect ratio W-H used with one of w/h' }),
  c: step('crop', { codec: oneOf(['maintain_ratio', 'force', 'at_max', 'at_max_enlarge', 'at_least', 'maintain_ratio_no_enlarge']), media: ALL, image: 'render', default: 'maintain_ratio', doc: 'Resize strategy' }),
  cm: step('cropMode', { codec: oneOf(['pad_resize', 'extract', 'pad_extract', 'pad_resize_no_enlarge', 'pad_extract_no_shrink']), media: ALL, image: 'render', doc: 'Pad or extract mode' }),
  fo: step('focus', { codec: c.focus(), media: ALL, image: 'render', pendingValue: isRelative, default: 'center', doc: 'Crop/pad anchor: a relative position, auto (saliency), face, custom, or an object' }),
  x: step('x', { codec: coord, media: ALL, image: 'render', doc: 'Left of the extract region' }),
  y: step('y', { codec: coord, media: ALL, image: 'render', doc: 'Top of the extract region' }),
  xc: step('xCenter', { codec: coord, media: ALL, image: 'render', doc: 'Horizontal centre of the extract region' }),
  yc: step('yCenter', { codec: coord, media: ALL, image: 'render', doc: 'Vertical centre of the extract region' }),
  z: step('zoom', { codec: num({ min: 0.01, max: 100 }), media: IMG, image: 'pending', default: '1', doc: 'Zoom around a face or object focus' }),
  dpr: step('dpr', { codec: orKeyword(expr({ min: 0.1, max: 5, expected: 'a number from 0.1 to 5 or an expression' }), 'auto'), media: ALL, image: 'render', pendingValue: (v) => v === 'auto', default: '1', doc: 'Device pixel ratio multiplier for w/h' }),
  // output and optimisation
  q: step('quality', { codec: num({ min: 1, max: 100, integer: true }), media: ALL, image: 'render', doc: 'Lossy quality (the default comes from config)' }),
  f: step('format', { codec: oneOf(['auto', 'orig', 'jpg', 'jpeg', 'png', 'webp', 'avif', 'gif', 'svg', 'mp4', 'webm']), media: ALL, image: 'render', pendingValue: (v) => v === 'mp4' || v === 'webm', doc: 'Output format' }),
  pr: step('progressive', { codec: bool(), media: IMG, image: 'render', default: 'false', doc: 'Progressive JPEG' }),
  lo: step('lossless', { codec: bool(), media: IMG, image: 'render', default: 'false', doc: 'Lossless WebP/PNG' }),
  md: step('metadata', { codec: bool(), media: IMG, image: 'render', default: 'false', doc: 'Keep all metadata' }),
  cp: step('colorProfile', { codec: bool(), media: IMG, image: 'render', default: 'false', doc: 'Keep the ICC profile' }),
  orig: step('original', { codec: bool(), media: ALL, image: 'render', default: 'false', doc: 'Serve the original bytes; other params are ignored' }),
  n: step('named', { codec: text(/^[A-Za-z0-9_.-]+$/, 'a named transformation name (letters, digits, _ - .)'), media: ALL, image: 'render', doc: 'Named transformation, expanded from config' }),
  di: step('defaultImage', { codec: path(), media: ALL, image: 'render', doc: 'Fallback file when the source is missing (/ written as @@)' }),
  dn: step('density', { codec: expr({ min: 1, max: 1200, expected: 'a DPI from 1 to 1200 or an expression' }), media: ['image'], image: 'pending', doc: 'Output density (DPI) for vector inputs' }),
  pg: step('page', { codec: fx.checked(fx.isPage, 'a page number, a range 3-4 or 4-, a list 1_3_5, or name-"Layer"'), media: IMG, image: 'pending', doc: 'Page, frame or layer of a multi-page input' }),
  // effects
  bl: step('blur', { codec: num({ min: 1, max: 100 }), media: ALL, image: 'render', doc: 'Gaussian blur radius' }),
  'e-grayscale': step('grayscale', { codec: flag(), media: ALL, image: 'render', default: 'false', doc: 'Greyscale' }),
  'e-contrast': step('contrast', { codec: flag(), media: ALL, image: 'render', default: 'false', doc: 'Contrast stretch' }),
  'e-sharpen': step('sharpen', { codec: flagOr(num({ min: 0, max: 100 })), media: ALL, image: 'render', doc: 'Sharpen, default strength when bare' }),
  'e-usm': step('unsharpMask', { codec: flagOr(c.unsharpMask()), media: ALL, image: 'render', doc: 'Unsharp mask radius-sigma-amount-threshold' }),
  'e-shadow': step('shadow', { codec: flagOr(fx.effect(shadow)), media: IMG, image: 'pending', doc: 'Drop shadow' }),
  'e-gradient': step('gradient', { codec: flagOr(fx.effect(gradient)), media: ALL, image: 'pending', doc: 'Gradient overlay' }),
  cr: step('colorReplace', { codec: fx.effect(fx.colorReplace()), media: IMG, image: 'pending', doc: 'Replace a colour' }),
  'e-colorize': step('colorize', { codec: flagOr(fx.effect(colorize)), media: IMG, image: 'pending', doc: 'Tint with a colour' }),
  'e-distort': step('distort', { codec: fx.effect(distort), media: IMG, image: 'pending', doc: 'Perspective or arc distortion' }),
  rt: step('rotation', { codec: c.rotation(), media: ALL, image: 'render', doc: 'Rotate clockwise (N = counter-clockwise), auto = EXIF' }),
  fl: step('flip', { codec: oneOf(['h', 'v', 'h_v'], { v_h: 'h_v' }), media: ALL, image: 'render', doc: 'Mirror horizontally, vertically or both' }),
  r: step('radius', { codec: c.radius(), media: ALL, image: 'render', doc: 'Rounded corners: px, max, or tl_tr_br_bl' }),
  b: step('border', { codec: c.border(), media: ALL, image: 'render', doc: 'Border <width>_<colour>' }),
  bg: step('background', { codec: c.background(), media: ALL, image: 'render', pendingValue: bare(['dominant', 'gradient_dominant', 'genfill']), doc: 'Background: colour, blurred, dominant, gradient_dominant, genfill' }),
  t: step('trim', { codec: c.trim(), media: IMG, image: 'render', doc: 'Trim a uniform border: true, false or threshold 1-99' }),
  o: step('opacity', { codec: num({ min: 0, max: 100 }), media: IMG, image: 'render', default: '100', doc: 'Opacity 0-100' }),
  // AI
  'e-bgremove': ai('aiRemoveBackground', fx.aiFlag(), 'Remove the background (ImageKit model)'),
  'e-removedotbg': ai('aiRemoveBackgroundExternal', fx.aiFlag(), 'Remove the background (remove.bg)'),
  'e-dropshadow': ai('aiDropShadow', flagOr(dropShadow), 'AI drop shadow'),
  'e-changebg': ai('aiChangeBackground', fx.prompt(), 'Replace the background from a prompt'),
  'e-edit': ai('aiEdit', fx.prompt(), 'Edit the image from a prompt'),
  'e-retouch': ai('aiRetouch', fx.aiFlag(), 'AI retouch'),
  'e-upscale': ai('aiUpscale', fx.aiFlag(), 'AI upscale'),
  'e-genvar': ai('aiVariation', fx.aiFlag(), 'Generate a variation'),
  // video
  vc: step('videoCodec', { codec: oneOf(['h264', 'vp9', 'av1', 'none']), media: VIDEO, image: 'n/a', doc: 'Video codec' }),
  ac: step('audioCodec', { codec: oneOf(['aac', 'opus', 'none']), media: VIDEO, image: 'n/a', doc: 'Audio codec' }),
  so: step('startOffset', { codec: seconds, media: VIDEO, image: 'n/a', doc: 'Start offset in seconds' }),
  eo: step('endOffset', { codec: seconds, media: VIDEO, image: 'n/a', doc: 'End offset in seconds' }),
  du: step('duration', { codec: seconds, media: VIDEO, image: 'n/a', doc: 'Duration in seconds' }),
  sr: step('streamingResolutions', { codec: c.resolutions(), media: ['video'], image: 'n/a', doc: 'Adaptive-streaming heights' }),
  // layers only (the `l-<type>` / `l-end` markers themselves are grammar, see tokenize.ts)
  i: layer('input', text(/./, 'a layer input'), 'Layer input: path (/ as @@) or text', { kind: 'input' }),
  ie: layer('input', base64Input, 'Layer input as base64 UTF-8; overrides i', { kind: 'input' }),
  lm: layer('layerMode', oneOf(['multiply', 'cutter', 'cutout', 'displace']), 'Layer blend mode'),
  lx: layer('position.x', asText(offset), 'Layer left offset'),
  ly: layer('position.y', asText(offset), 'Layer top offset'),
  lxc: layer('position.xCenter', asText(offset), 'Layer horizontal centre'),
  lyc: layer('position.yCenter', asText(offset), 'Layer vertical centre'),
  lap: layer('position.anchorPoint', oneOf(c.RELATIVE_FOCUS), 'Anchor for lx/ly', { default: 'top_left' }),
  lfo: layer('position.focus', oneOf(c.RELATIVE_FOCUS), 'Layer placement when no lx/ly', { default: 'center' }),
  lso: layer('timing.start', asText(seconds), 'Layer start time'),
  leo: layer('timing.end', asText(seconds), 'Layer end time'),
  ldu: layer('timing.duration', asText(seconds), 'Layer duration'),
  fs: layer('fontSize', asText(expr({ min: 0, exclusive: true, expected: 'a positive number or an expression' })), 'Font size'),
  ff: layer('fontFamily', path(), 'Built-in font or font file path (/ as @@)'),
  co: layer('fontColor', asText(color()), 'Text colour', { aliases: ['color'] }),
  ia: layer('innerAlignment', oneOf(['left', 'right', 'center']), 'Text alignment', { default: 'center' }),
  pa: layer('padding', fx.checked(fx.isPadding, '1 to 4 _-joined integers or an expression'), 'Text padding'),
  al: layer('alpha', asText(num({ min: 1, max: 9, integer: true })), 'Layer alpha 1-9'),
  tg: layer('typography', fx.checked(fx.isTypography, 'b, i, strikethrough joined with _'), 'Text style'),
  lh: layer('lineHeight', asText(expr({ min: 0, expected: 'a number or an expression' })), 'Line height'),
  fol: layer('fontOutline', fx.checked(fx.isOutline, '<width>_<colour>'), 'Subtitle outline'),
  fsh: layer('fontShadow', fx.checked(fx.isTextShadow, '<colour>_<indent>'), 'Subtitle shadow'),
} satisfies Record<string, OptionSpec>;

export type OptionKey = keyof typeof OPTIONS;

// Compile-time completeness: a TransformStep field with no entry makes this line an error.
type CoveredField = Extract<(typeof OPTIONS)[OptionKey], { kind: 'step' }>['field'];
type MissingField = Exclude<StepField, CoveredField>;
const everyFieldHasAnEntry: [MissingField] extends [never] ? true : MissingField = true;
void everyFieldHasAnEntry;

/** Overlay keys of imagekit-javascript 1.x/2.x and Node < 5 (spec §2.4), removed in favour of layers. */
export const REMOVED_OVERLAY_KEYS: ReadonlySet<string> = new Set(
  'oi oiar oibg oib oidpr oiq oic oit ox oy ofo oh ow ot ots otf otc oa ott obg ote otw otbg otp otia or'.split(' '),
);

/** `l-<type>`: the URL spelling to the Layer type; solid colour is `l-image,i-ik_canvas` (see parse.ts). */
export const LAYER_TYPES = { image: 'image', text: 'text', video: 'video', subtitles: 'subtitles', subtitle: 'subtitles' } as const;
export const SOLID_INPUT = 'ik_canvas';

export interface OptionEntry {
  key: string;
  spec: OptionSpec;
}

const BY_KEY = new Map<string, OptionEntry>();
const BY_FIELD = new Map<string, OptionEntry>();
for (const [key, spec] of Object.entries(OPTIONS) as [string, OptionSpec][]) {
  const entry = { key, spec };
  for (const k of [key, ...(spec.aliases ?? [])]) BY_KEY.set(k, entry);
  if (spec.kind === 'step') BY_FIELD.set(spec.field, entry);
}

/** Looks up a URL key or alias. */
export function optionByKey(key: string): OptionEntry | undefined {
  return BY_KEY.get(key);
}

/** Looks up the entry of a TransformStep field. */
export function optionByField(field: string): OptionEntry | undefined {
  return BY_FIELD.get(field);
}

/** A step field as URL text: undefined when unset, null for a bare flag. */
export function formatField(step: TransformStep, spec: AnyStepOption): string | null | undefined {
  const value = step[spec.field];
  // Codec methods are bivariant, so a field's codec widens to Codec<unknown> without a cast of the step.
  return value === undefined ? undefined : (spec.codec as Codec<unknown>).format(value);
}

/** Parses a URL value into its step field; the codec's "unset" (e.g. `e-sharpen-false`) deletes it. */
export function parseField(step: TransformStep, spec: AnyStepOption, raw: string | undefined, key: string): void {
  const value = (spec.codec as Codec<unknown>).parse(raw, key);
  if (value === undefined) delete step[spec.field];
  else Object.assign(step, { [spec.field]: value });
}

/** Every entry in table order (the formatter's parameter order). */
export const OPTION_ENTRIES: readonly OptionEntry[] = Object.entries(OPTIONS).map(([key, spec]) => ({ key, spec: spec as OptionSpec }));
