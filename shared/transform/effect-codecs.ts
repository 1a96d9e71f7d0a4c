// Codecs for `_`-joined sub-parameter values (e-shadow, e-gradient, e-colorize, e-distort, e-dropshadow, cr),
// AI prompts, and the text-valued layer params (pa, tg, fol, fsh). Values are validated, then kept verbatim.

import { COLOR_EXPECTED, parseColor } from './color.ts';
import { decodeBase64Utf8 } from './base64.ts';
import { parseExpr } from './expression.ts';
import { checkRange, fail, parseNumber, type Codec, type RangeOptions } from './validators.ts';
import type { RawEffect } from './types.ts';

/** A check on one sub-parameter value; true when valid. */
export type SubCheck = (value: string) => boolean;

export const isColor: SubCheck = (v) => parseColor(v) !== undefined;
export const inRange = (o: RangeOptions): SubCheck => (v) => checkRange(parseNumber(v, o.negative || o.min < 0), o);
export const isExpr: SubCheck = (v) => parseExpr(v) !== undefined;
export const anyOf = (...checks: SubCheck[]): SubCheck => (v) => checks.some((c) => c(v));
export const among = (values: readonly string[]): SubCheck => (v) => values.includes(v);

/**
 * Splits `ld-top_right_from-red_sp-iw_div_2` into name/value pairs. A `_` part that does not start with a
 * known `name-` belongs to the previous value, because values themselves may hold `_` (`top_right`, expressions).
 */
export function splitSubParams(raw: string, names: readonly string[]): [string, string][] | undefined {
  const pairs: [string, string][] = [];
  for (const part of raw.split('_')) {
    const dash = part.indexOf('-');
    const name = dash > 0 ? part.slice(0, dash) : '';
    if (names.includes(name)) pairs.push([name, part.slice(dash + 1)]);
    else if (pairs.length > 0) pairs.at(-1)![1] += `_${part}`;
    else return undefined;
  }
  return pairs;
}

export interface SubParamsOptions {
  /** Exactly one of the names must be given (`e-distort`: `p-…` or `a-…`). */
  exactlyOne?: boolean;
}

/** Named sub-parameters in any order, each at most once (spec §1.2.5). */
export function subParams(spec: Record<string, SubCheck>, expected: string, o: SubParamsOptions = {}): Codec<string> {
  const names = Object.keys(spec);
  return {
    expected,
    parse(raw, key) {
      const pairs = raw ? splitSubParams(raw, names) : undefined;
      const seen = new Set<string>();
      const ok =
        pairs !== undefined &&
        pairs.every(([name, value]) => !seen.has(name) && seen.add(name) && spec[name]!(value)) &&
        (!o.exactlyOne || pairs.length === 1);
      if (!ok) fail(key, raw, expected);
      return raw;
    },
    format: (v) => v,
  };
}

/** Keeps a validated text value as a RawEffect (effects Loupe does not render yet). */
export function effect(inner: Codec<string>): Codec<RawEffect> {
  return {
    expected: inner.expected,
    parse(raw, key) {
      const v = inner.parse(raw, key);
      return v === undefined ? undefined : { raw: v };
    },
    format: (e) => inner.format(e.raw),
  };
}

/** `cr-<toColor>[_<tolerance 0-100>[_<fromColor>]]`. */
export function colorReplace(): Codec<string> {
  const expected = `<toColour>[_<tolerance 0-100>[_<fromColour>]], colours as ${COLOR_EXPECTED}`;
  const tolerance = inRange({ min: 0, max: 100 });
  return {
    expected,
    parse(raw, key) {
      const [to, tol, from, ...rest] = raw?.split('_') ?? [];
      const ok = to !== undefined && isColor(to) && (tol === undefined || tolerance(tol)) && (from === undefined || isColor(from));
      if (!ok || rest.length > 0) fail(key, raw, expected);
      return raw;
    },
    format: (v) => v,
  };
}

/** `prompt-<text>` or `prompte-<base64>` for e-changebg / e-edit. */
export function prompt(): Codec<string> {
  const expected = 'prompt-<text> or prompte-<base64 text>';
  return {
    expected,
    parse(raw, key) {
      const ok =
        raw !== undefined &&
        ((raw.startsWith('prompt-') && raw.length > 7) || (raw.startsWith('prompte-') && decodeBase64Utf8(raw.slice(8)) !== undefined));
      if (!ok) fail(key, raw, expected);
      return raw;
    },
    format: (v) => v,
  };
}

/** An AI flag: bare or `-true` runs it, `-false` unsets it, anything else is a 400. */
export function aiFlag(): Codec<true> {
  const expected = 'no value, true or false';
  return {
    expected,
    parse(raw, key) {
      if (raw === undefined || raw === '' || raw === 'true') return true;
      if (raw === 'false') return undefined;
      fail(key, raw, expected);
    },
    format: () => null,
  };
}

/** Validated free text: `check` decides, the value is kept as written. */
export function checked(check: SubCheck, expected: string): Codec<string> {
  return {
    expected,
    parse(raw, key) {
      if (raw === undefined || !check(raw)) fail(key, raw, expected);
      return raw;
    },
    format: (v) => v,
  };
}

const int0 = inRange({ min: 0, max: 100_000, integer: true });

/** `pa-10`, `pa-10_20`, … up to four CSS-order values, or one expression. */
export const isPadding: SubCheck = (v) => {
  const parts = v.split('_');
  return (parts.length <= 4 && parts.every(int0)) || isExpr(v);
};

/** `tg-b`, `tg-b_i_strikethrough`: each style at most once. */
export const isTypography: SubCheck = (v) => {
  const parts = v.split('_');
  return parts.every((p) => ['b', 'i', 'strikethrough'].includes(p)) && new Set(parts).size === parts.length;
};

/** `fol-<width>_<colour>`. */
export const isOutline: SubCheck = (v) => {
  const at = v.indexOf('_');
  return at > 0 && int0(v.slice(0, at)) && isColor(v.slice(at + 1));
};

/** `fsh-<colour>_<indent>`, indent may be negative. */
export const isTextShadow: SubCheck = (v) => {
  const at = v.lastIndexOf('_');
  return at > 0 && isColor(v.slice(0, at)) && inRange({ min: -1000, max: 1000, integer: true })(v.slice(at + 1));
};

/** `pg-2`, PSD `pg-3-4`, `pg-4-`, `pg-1_3_5`, `pg-name-"L1"_"L2"`. */
export const isPage: SubCheck = (v) => /^(\d+|\d+-\d*|\d+(_\d+)+|name-"[^"]+"(_"[^"]+")*)$/.test(v) && !/^0+$/.test(v);
