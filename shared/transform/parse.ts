// Chain strings to the typed Chain: tokens (tokenize.ts) are turned into steps, layers and conditions, and
// every value goes through its option-table codec. A key given twice in one step: the last one wins.

import { LoupeError } from '../errors.ts';
import { parseCondition } from './condition.ts';
import { LAYER_TYPES, OPTION_ENTRIES, REMOVED_OVERLAY_KEYS, SOLID_INPUT, optionByKey, parseField, type OptionEntry } from './options.ts';
import { assertIfAlone, excerpt, tokenizeChain, type LayerToken, type ParamToken, type Token } from './tokenize.ts';
import { fail, path } from './validators.ts';
import type { Chain, ChainStep, Layer, LayerType, TransformStep } from './types.ts';

/** Docs: plain text is cut after 2000 characters, base64 after 2500; Loupe refuses longer instead. */
const MAX_TEXT = 2000;
const MAX_TEXT_BASE64 = 2500;

/** Parses one already percent-decoded chain (the text after `tr:`, or one `tr` query value). */
export function parseChainString(text: string): Chain {
  return buildChain(tokenizeChain(text), text);
}

/**
 * The whole transformation of a request: the path `tr:` chain first, then each `tr` query value in order,
 * as further steps (spec §1.3: an SDK may emit both, and v5 may emit two `tr` params).
 */
export function parseTransformation(input: { path?: string; query: readonly string[] }): Chain {
  const parts = input.path !== undefined ? [input.path, ...input.query] : input.query;
  return parts.flatMap((text) => parseChainString(text));
}

type Step = Extract<ChainStep, { kind: 'step' }>;

function buildChain(steps: Token[][], text: string): ChainStep[] {
  const chain: ChainStep[] = [];
  for (const tokens of steps) {
    assertIfAlone(tokens, text);
    const only = tokens[0];
    if (tokens.length === 1 && only?.kind === 'if') {
      chain.push({ kind: 'if', condition: parseCondition(only.condition), then: buildChain(only.then, text), else: buildChain(only.else, text) });
      continue;
    }
    const step = buildStep(tokens, text);
    // Empty steps (`tr::w-100`, a trailing `:`, or only `e-sharpen-false`) are dropped (spec §1.2.8).
    if (Object.keys(step).length > 1) chain.push(step);
  }
  return chain;
}

function buildStep(tokens: Token[], text: string): Step {
  const step: Step = { kind: 'step' };
  for (const token of tokens) {
    if (token.kind === 'layer') (step.layers ??= []).push(buildLayer(token, text));
    else if (token.kind === 'param') applyParam(step, token, lookup(token));
  }
  return step;
}

function applyParam(step: Step, token: ParamToken, entry: OptionEntry): void {
  const { spec } = entry;
  if (spec.kind === 'step') {
    parseField(step, spec, token.value, token.key);
  } else if (spec.kind === 'ai') {
    const value = spec.codec.parse(token.value, token.key);
    const rest = (step.ai ?? []).filter((a) => a.key !== entry.key);
    const next: NonNullable<TransformStep['ai']> = value === undefined ? rest : [...rest, value === true ? { key: entry.key } : { key: entry.key, value }];
    if (next.length > 0) step.ai = next;
    else delete step.ai;
  } else {
    throw new LoupeError('TRANSFORM_INVALID_ARG', `Invalid ${token.key}: "${token.value ?? ''}" (expected it inside a layer, l-<type>,…,l-end)`, {
      key: token.key,
      value: token.value ?? '',
    });
  }
}

function lookup(token: ParamToken): OptionEntry {
  const entry = optionByKey(token.key);
  if (entry) return entry;
  if (REMOVED_OVERLAY_KEYS.has(token.key)) {
    throw new LoupeError(
      'TRANSFORM_UNKNOWN_PARAM',
      `Unknown transformation parameter "${token.key}" in "${excerpt(token.text)}": the old overlay parameters (oi, ot, ots, …) were removed by ImageKit in favour of layers (l-image,i-…,l-end / l-text,i-…,l-end)`,
      { key: token.key, value: token.value ?? '' },
    );
  }
  const hint = suggest(token.key);
  throw new LoupeError(
    'TRANSFORM_UNKNOWN_PARAM',
    `Unknown transformation parameter "${token.key}" in "${excerpt(token.text)}" (expected a key of imagekit-url-spec.md §2${hint ? `; did you mean "${hint}"?` : ''})`,
    { key: token.key, value: token.value ?? '' },
  );
}

/** The closest table key within two edits, for typos like `wdth` or `W`. */
function suggest(key: string): string | undefined {
  let best: { key: string; d: number } | undefined;
  for (const { key: k } of OPTION_ENTRIES) {
    const d = k === key.toLowerCase() ? 0 : distance(k, key);
    if (d <= 2 && d < key.length && (!best || d < best.d)) best = { key: k, d };
  }
  return best?.key;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * `l-<type>,i-…,<layer params>,<chain>,l-end`. Layer-only params (lx, fs, co, …) are collected into
 * `params` from any step of the layer; everything else forms the layer's own chain.
 */
function buildLayer(token: LayerToken, text: string): Layer {
  const typeName = token.type;
  if (!Object.hasOwn(LAYER_TYPES, typeName)) {
    throw new LoupeError('TRANSFORM_UNKNOWN_PARAM', `Unknown layer type "l-${typeName}" in "${excerpt(text)}" (expected l-image, l-text, l-video or l-subtitles)`, {
      key: `l-${typeName}`,
      value: '',
    });
  }
  let type: LayerType = LAYER_TYPES[typeName as keyof typeof LAYER_TYPES];
  const params: Record<string, string> = {};
  let plain: { raw: string; value: string } | undefined;
  let base64: { raw: string; value: string } | undefined;
  const rest = token.steps.map((tokens) =>
    tokens.filter((t) => {
      if (t.kind !== 'param') return true;
      const entry = lookup(t);
      if (entry.spec.kind !== 'layer' && entry.spec.kind !== 'input') return true;
      const value = entry.spec.codec.parse(t.value, t.key);
      if (entry.key === 'i') plain = { raw: t.value ?? '', value: value! };
      else if (entry.key === 'ie') base64 = { raw: t.value ?? '', value: value! };
      else if (value === undefined) delete params[entry.key];
      else params[entry.key] = value;
      return false;
    }),
  );
  // Docs: "if both i and ie are present, i is ignored".
  const given = base64 ?? plain;
  const inputKey = base64 ? 'ie' : 'i';
  if (!given) fail(`l-${typeName}`, '', 'an input, i-<path or text> or ie-<base64>');
  let input: string | undefined;
  if (type === 'text') {
    // Text is not a path: `@@` stays literal (the SDKs percent-encode or base64 text, never write @@).
    if (given.raw.length > (base64 ? MAX_TEXT_BASE64 : MAX_TEXT)) fail(inputKey, excerpt(given.raw), `text of at most ${MAX_TEXT} characters (${MAX_TEXT_BASE64} in base64)`);
    input = given.value;
  } else if (type === 'image' && given.value === SOLID_INPUT) {
    type = 'solid';
  } else {
    input = path().parse(given.value, inputKey);
  }
  const layer: Layer = { type, params, chain: buildChain(rest, text) };
  if (input !== undefined) layer.input = input;
  return layer;
}
