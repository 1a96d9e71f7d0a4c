// Reusable value codecs for the option table: each parses one URL value (validating it) and formats it back.
// Every failure goes through invalidArg so messages share one shape: `Invalid w: "abc" (expected ...)`.

import { invalidArg } from '../errors.ts';
import { COLOR_EXPECTED, formatColor, parseColor } from './color.ts';
import { formatExpr, numberText, parseExpr } from './expression.ts';
import type { Color, Expr } from './types.ts';

/**
 * `raw` is the text after `key-`, or undefined for a bare key (`e-grayscale`). `parse` returns undefined
 * to mean "unset" (`e-sharpen-false`); `format` returns null for a bare key.
 */
export interface Codec<T> {
  expected: string;
  parse(raw: string | undefined, key: string): T | undefined;
  format(value: T): string | null;
}

export function fail(key: string, raw: string | undefined, expected: string): never {
  throw invalidArg(key, raw ?? '', expected);
}

function need(key: string, raw: string | undefined, expected: string): string {
  if (raw === undefined || raw === '') fail(key, raw, expected);
  return raw;
}

/** `N` marks a negative number (spec §1.2.5); plain JS number text is written back with the same prefix. */
export function formatNumber(n: number): string {
  return n < 0 ? `N${numberText(-n)}` : numberText(n);
}

const DECIMAL = /^\d+(\.\d+)?$|^\.\d+$/;

/** Parses `12`, `0.5`, `N3` (when negatives are allowed) without ranges; undefined if not a number. */
export function parseNumber(text: string, negative = false): number | undefined {
  const neg = negative && text.startsWith('N');
  const digits = neg ? text.slice(1) : text;
  if (!DECIMAL.test(digits)) return undefined;
  const n = Number(digits);
  return neg && n !== 0 ? -n : n;
}

export interface RangeOptions {
  min: number;
  max: number;
  integer?: boolean;
  /** Allows the `N` prefix. */
  negative?: boolean;
}

export function rangeExpected({ min, max, integer }: RangeOptions): string {
  return `${integer ? 'an integer' : 'a number'} from ${formatNumber(min)} to ${formatNumber(max)}`;
}

export function checkRange(n: number | undefined, o: RangeOptions): n is number {
  return n !== undefined && n >= o.min && n <= o.max && (!o.integer || Number.isInteger(n));
}

export function num(o: RangeOptions): Codec<number> {
  const expected = rangeExpected(o);
  return {
    expected,
    parse(raw, key) {
      const n = parseNumber(need(key, raw, expected), o.negative || o.min < 0);
      if (!checkRange(n, o)) fail(key, raw, expected);
      return n;
    },
    format: formatNumber,
  };
}

/** An enum; `aliases` maps extra spellings onto a canonical value (`v_h` → `h_v`). */
export function oneOf<const T extends string>(values: readonly T[], aliases: Record<string, T> = {}): Codec<T> {
  const expected = `one of ${values.join(', ')}`;
  return {
    expected,
    parse(raw, key) {
      const v = need(key, raw, expected);
      if ((values as readonly string[]).includes(v)) return v as T;
      const alias = aliases[v];
      if (alias === undefined) fail(key, raw, expected);
      return alias;
    },
    format: (v) => v,
  };
}

/** `pr-true` / `pr-false`: a value is required. */
export function bool(): Codec<boolean> {
  const expected = 'true or false';
  return {
    expected,
    parse(raw, key) {
      if (raw === 'true') return true;
      if (raw === 'false') return false;
      fail(key, raw, expected);
    },
    format: (v) => String(v),
  };
}

/** `e-grayscale`, or `e-grayscale-true` from the legacy Node SDK (`effectGray: true`); `-false` is false. */
export function flag(): Codec<boolean> {
  const expected = 'no value, true or false';
  return {
    expected,
    parse(raw, key) {
      if (raw === undefined || raw === 'true') return true;
      if (raw === 'false') return false;
      fail(key, raw, expected);
    },
    format: (v) => (v ? null : 'false'),
  };
}

/**
 * A flag that may instead carry a value (`e-sharpen`, `e-sharpen-10`). Bare and `-true` give true; `-false`
 * (what v5 emits for `shadow: false`) unsets the parameter.
 */
export function flagOr<T>(inner: Codec<T>): Codec<T | true> {
  const expected = `no value, true, or ${inner.expected}`;
  return {
    expected,
    parse(raw, key) {
      if (raw === undefined || raw === '' || raw === 'true') return true;
      if (raw === 'false') return undefined;
      try {
        return inner.parse(raw, key);
      } catch {
        fail(key, raw, expected);
      }
    },
    format: (v) => (v === true ? null : inner.format(v)),
  };
}

export interface ExprOptions {
  /** Smallest plain number accepted (expressions are checked when evaluated). */
  min: number;
  max?: number;
  /** `min` itself is excluded (`w-0` is not a size). */
  exclusive?: boolean;
  negative?: boolean;
  expected: string;
}

/** A number or an arithmetic expression (spec §2.6). */
export function expr(o: ExprOptions): Codec<Expr> {
  return {
    expected: o.expected,
    parse(raw, key) {
      const e = parseExpr(need(key, raw, o.expected), o.negative);
      if (!e) fail(key, raw, o.expected);
      if (e.kind === 'num') {
        const v = e.value;
        if (v < o.min || (o.exclusive && v === o.min) || (o.max !== undefined && v > o.max)) fail(key, raw, o.expected);
      }
      return e;
    },
    format: formatExpr,
  };
}

/** Adds a literal keyword (`auto`) to another codec. */
export function orKeyword<T, const K extends string>(inner: Codec<T>, keyword: K): Codec<T | K> {
  // "a, b, or c" + auto reads "a, b, c, or auto", not "…, or c, or auto".
  const expected = `${inner.expected.replace(/, or (?!.*, or )/, ', ')}, or ${keyword}`;
  return {
    expected,
    parse(raw, key) {
      if (raw === keyword) return keyword;
      try {
        return inner.parse(raw, key);
      } catch {
        fail(key, raw, expected);
      }
    },
    format: (v) => (v === keyword ? keyword : inner.format(v as T)),
  };
}

export function color(): Codec<Color> {
  return {
    expected: COLOR_EXPECTED,
    parse(raw, key) {
      const c = parseColor(need(key, raw, COLOR_EXPECTED));
      if (!c) fail(key, raw, COLOR_EXPECTED);
      return c;
    },
    format: formatColor,
  };
}

/**
 * A path with `/` written as `@@` (spec §1.2.6): `di-@@a@@b.jpg` and `di-a@@b.jpg` both give `a/b.jpg`.
 * `.` and `..` segments are refused here so no consumer can be talked into leaving its root.
 */
export function path(): Codec<string> {
  const expected = 'a file path with / written as @@ and no . or .. segments';
  return {
    expected,
    parse(raw, key) {
      const p = need(key, raw, expected).replaceAll('@@', '/').replace(/^\/+/, '').replace(/\/+$/, '');
      if (p === '' || p.split('/').some((s) => s === '.' || s === '..' || s === '') || p.includes('\\')) fail(key, raw, expected);
      return p;
    },
    format: (p) => p.replaceAll('/', '@@'),
  };
}

/** Free text validated by a pattern; kept verbatim. */
export function text(pattern: RegExp, expected: string): Codec<string> {
  return {
    expected,
    parse(raw, key) {
      const v = need(key, raw, expected);
      if (!pattern.test(v)) fail(key, raw, expected);
      return v;
    },
    format: (v) => v,
  };
}

/** Wraps a typed codec so its value is stored as normalised URL text (layer params are kept as text). */
export function asText<T>(inner: Codec<T>): Codec<string> {
  return {
    expected: inner.expected,
    parse(raw, key) {
      const v = inner.parse(raw, key);
      return v === undefined ? undefined : (inner.format(v) ?? '');
    },
    format: (v) => v,
  };
}
