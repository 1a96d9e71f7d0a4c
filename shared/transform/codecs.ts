// Codecs for the parameters whose values have their own small grammar: ar, fo, bg, b, r, rt, t, e-usm, pg, sr.
// Built from validators.ts; the option table (options.ts) wires each to its key.

import { parseColor, formatColor, COLOR_EXPECTED } from './color.ts';
import { formatExpr, parseExpr } from './expression.ts';
import { decodeBase64Utf8, encodeBase64Utf8, isPlainText } from './base64.ts';
import { checkRange, expr, fail, formatNumber, parseNumber, type Codec } from './validators.ts';
import type { Background, Color, Expr, Focus, RelativeFocus, UnsharpMask } from './types.ts';

export const RELATIVE_FOCUS: readonly RelativeFocus[] = [
  'center', 'top', 'left', 'bottom', 'right', 'top_left', 'top_right', 'bottom_left', 'bottom_right',
];

/** The 80 COCO classes in ImageKit's camelCase (`fo-cellPhone`); a typo must be a 400, not a silent object. */
export const FOCUS_OBJECTS: ReadonlySet<string> = new Set(
  ('person bicycle car motorcycle airplane bus train truck boat trafficLight fireHydrant stopSign parkingMeter ' +
    'bench bird cat dog horse sheep cow elephant bear zebra giraffe backpack umbrella handbag tie suitcase frisbee ' +
    'skis snowboard sportsBall kite baseballBat baseballGlove skateboard surfboard tennisRacket bottle wineGlass cup ' +
    'fork knife spoon bowl banana apple sandwich orange broccoli carrot hotDog pizza donut cake chair couch ' +
    'pottedPlant bed diningTable toilet tv laptop mouse remote keyboard cellPhone microwave oven toaster sink ' +
    'refrigerator book clock vase scissors teddyBear hairDrier toothbrush').split(' '),
);

/** Writes a ratio as `W-H` when it is exactly a small fraction (4/3 → `4-3`), else as a decimal. */
export function formatRatio(v: number): string {
  for (let q = 1; q <= 100; q++) {
    const p = Math.round(v * q);
    if (p > 0 && p / q === v) return `${p}-${q}`;
  }
  return formatNumber(v);
}

const RATIO = /^(\d+(?:\.\d+)?)[-_](\d+(?:\.\d+)?)$/;

/** Parses `4-3` / `4_3` to 4/3; undefined if not a ratio. */
export function parseRatio(text: string): number | undefined {
  const m = RATIO.exec(text);
  if (!m) return undefined;
  const w = Number(m[1]);
  const h = Number(m[2]);
  return w > 0 && h > 0 ? w / h : undefined;
}

export function aspectRatio(): Codec<Expr> {
  const expected = 'a ratio W-H or W_H (4-3), a positive number, or an expression';
  return {
    expected,
    parse(raw, key) {
      if (raw === undefined) fail(key, raw, expected);
      const ratio = parseRatio(raw);
      if (ratio !== undefined) return { kind: 'num', value: ratio };
      const e = parseExpr(raw);
      if (!e || (e.kind === 'num' && e.value <= 0)) fail(key, raw, expected);
      return e;
    },
    format: (e) => (e.kind === 'num' ? formatRatio(e.value) : formatExpr(e)),
  };
}

export function focus(): Codec<Focus> {
  const expected = `one of ${RELATIVE_FOCUS.join(', ')}, auto, face, custom, or a COCO object name (person, cellPhone, …)`;
  return {
    expected,
    parse(raw, key) {
      if (raw === undefined) fail(key, raw, expected);
      if ((RELATIVE_FOCUS as readonly string[]).includes(raw) || raw === 'auto' || raw === 'face' || raw === 'custom') {
        return raw as Focus;
      }
      if (FOCUS_OBJECTS.has(raw)) return { object: raw };
      fail(key, raw, expected);
    },
    format: (f) => (typeof f === 'string' ? f : f.object),
  };
}

function colorOf(key: string, raw: string, text: string, expected: string): Color {
  const c = parseColor(text);
  if (!c) fail(key, raw, expected);
  return c;
}

function intIn(text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = parseNumber(text, min < 0);
  return checkRange(n, { min, max, integer: true }) ? n : undefined;
}

export function background(): Codec<Background> {
  const expected =
    `${COLOR_EXPECTED}; blurred[_<auto|0-100>[_<N255-255>]]; dominant; gradient_dominant[_2|_4]; ` +
    'or genfill[-prompt-<text>|-prompte-<base64>]';
  return {
    expected,
    parse(raw, key) {
      if (raw === undefined) fail(key, raw, expected);
      const c = parseColor(raw);
      if (c) return { kind: 'color', color: c };
      const parts = raw.split('_');
      if (parts[0] === 'blurred' && parts.length <= 3) {
        const amount = parts[1] === undefined || parts[1] === 'auto' ? 'auto' : intIn(parts[1], 0, 100);
        const brightness = parts[2] === undefined ? 0 : intIn(parts[2], -255, 255);
        if (amount !== undefined && brightness !== undefined) return { kind: 'blurred', amount, brightness };
      }
      if (raw === 'dominant') return { kind: 'dominant' };
      if (raw === 'gradient_dominant' || raw === 'gradient_dominant_2') return { kind: 'gradient_dominant', stops: 2 };
      if (raw === 'gradient_dominant_4') return { kind: 'gradient_dominant', stops: 4 };
      if (raw === 'genfill') return { kind: 'genfill' };
      if (raw.startsWith('genfill-prompt-') && raw.length > 15) return { kind: 'genfill', prompt: raw.slice(15) };
      if (raw.startsWith('genfill-prompte-')) {
        const prompt = decodeBase64Utf8(raw.slice(16));
        if (prompt) return { kind: 'genfill', prompt };
      }
      fail(key, raw, expected);
    },
    format(bg) {
      switch (bg.kind) {
        case 'color':
          return formatColor(bg.color);
        case 'blurred': {
          const amount = bg.amount === 'auto' ? 'auto' : String(bg.amount);
          if (bg.brightness !== 0) return `blurred_${amount}_${formatNumber(bg.brightness)}`;
          return amount === 'auto' ? 'blurred' : `blurred_${amount}`;
        }
        case 'dominant':
          return 'dominant';
        case 'gradient_dominant':
          return bg.stops === 2 ? 'gradient_dominant' : 'gradient_dominant_4';
        case 'genfill':
          if (bg.prompt === undefined) return 'genfill';
          return isPlainText(bg.prompt) ? `genfill-prompt-${bg.prompt}` : `genfill-prompte-${encodeBase64Utf8(bg.prompt)}`;
      }
    },
  };
}

/** `b-5_FF0000`, `b-ih_div_20_red`: the colour is the last `_` part, the width (maybe an expression) the rest. */
export function border(): Codec<{ width: Expr; color: Color }> {
  const expected = '<width>_<colour>, the width a positive number or an expression (5_FF0000, ih_div_20_red)';
  const width = expr({ min: 0, exclusive: true, expected });
  return {
    expected,
    parse(raw, key) {
      const at = raw?.lastIndexOf('_') ?? -1;
      if (raw === undefined || at < 1) fail(key, raw, expected);
      const w = parseExpr(raw.slice(0, at));
      if (!w || (w.kind === 'num' && w.value <= 0)) fail(key, raw, expected);
      return { width: w, color: colorOf(key, raw, raw.slice(at + 1), expected) };
    },
    format: (b) => `${width.format(b.width)}_${formatColor(b.color)}`,
  };
}

type Radius = number | 'max' | [number, number, number, number];

export function radius(): Codec<Radius> {
  const expected = 'a non-negative integer, max, or four integers tl_tr_br_bl (10_20_30_40)';
  return {
    expected,
    parse(raw, key) {
      if (raw === 'max') return 'max';
      const parts = raw?.split('_') ?? [];
      const values = parts.map((p) => intIn(p, 0, 100_000));
      if ((values.length === 1 || values.length === 4) && values.every((v) => v !== undefined)) {
        return values.length === 1 ? values[0]! : (values as [number, number, number, number]);
      }
      fail(key, raw, expected);
    },
    format: (r) => (Array.isArray(r) ? r.join('_') : String(r)),
  };
}

export function rotation(): Codec<number | 'auto'> {
  const expected = 'degrees from N360 to 360 (N = counter-clockwise), or auto';
  return {
    expected,
    parse(raw, key) {
      if (raw === 'auto') return 'auto';
      const n = raw === undefined ? undefined : parseNumber(raw, true);
      if (!checkRange(n, { min: -360, max: 360 })) fail(key, raw, expected);
      return n;
    },
    format: (v) => (v === 'auto' ? 'auto' : formatNumber(v)),
  };
}

/** `t-true`, `t-false` (image layers trim by default) or a threshold 1–99. */
export function trim(): Codec<boolean | number> {
  const expected = 'true, false, or a threshold from 1 to 99';
  return {
    expected,
    parse(raw, key) {
      if (raw === 'true') return true;
      if (raw === 'false') return false;
      const n = intIn(raw, 1, 99);
      if (n === undefined) fail(key, raw, expected);
      return n;
    },
    format: (v) => String(v),
  };
}

/** `e-usm-<radius>-<sigma>-<amount>-<threshold>`; the dashes are ImageKit's, not sub-params. */
export function unsharpMask(): Codec<UnsharpMask> {
  const expected = '<radius>-<sigma>-<amount>-<threshold>, each a number from 0 to 100 (radius and sigma above 0)';
  return {
    expected,
    parse(raw, key) {
      const v = (raw?.split('-') ?? []).map((p) => parseNumber(p));
      const ok = v.length === 4 && v.every((n) => n !== undefined && n <= 100) && v[0]! > 0 && v[1]! > 0;
      if (!ok) fail(key, raw, expected);
      return { radius: v[0]!, sigma: v[1]!, amount: v[2]!, threshold: v[3]! };
    },
    format: (u) => [u.radius, u.sigma, u.amount, u.threshold].map(String).join('-'),
  };
}

export const STREAMING_RESOLUTIONS = [240, 360, 480, 720, 1080, 1440, 2160] as const;

export function resolutions(): Codec<number[]> {
  const expected = `_-joined heights from ${STREAMING_RESOLUTIONS.join(', ')}`;
  return {
    expected,
    parse(raw, key) {
      const v = (raw?.split('_') ?? []).map(Number);
      if (v.length === 0 || !v.every((n) => (STREAMING_RESOLUTIONS as readonly number[]).includes(n))) fail(key, raw, expected);
      return v;
    },
    format: (v) => v.join('_'),
  };
}
