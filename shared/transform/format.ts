// Chain back to text: formatChain (URL form; parseChainString(formatChain(c)) deep-equals c) and
// canonicalChain (the cache key: params sorted per step, table defaults and empty steps dropped).

import { encodeBase64Utf8, isPlainPath, isPlainText } from './base64.ts';
import { formatCondition } from './condition.ts';
import { OPTION_ENTRIES, SOLID_INPUT, formatField, optionByKey } from './options.ts';
import type { Chain, ChainStep, Layer } from './types.ts';

interface Param {
  key: string;
  text: string;
}

/**
 * URL form of a chain, in the same decoded form parseChainString takes. Params follow table order, layers
 * close their step; `ie-` values are percent-encoded base64 as the SDKs write them (the parser takes both).
 */
export function formatChain(chain: Chain): string {
  return formatSteps(chain, false);
}

/**
 * The cache key: `w-300,h-200` and `h-200,w-300`, `e-grayscale` and `e-grayscale-true`, `fl-v_h` and
 * `fl-h_v` give one string. Only defaults that hold whatever the config are dropped (`c-maintain_ratio`,
 * `fo-center`, `o-100`); `q` is kept because its default is configurable. Run it after expandNamed.
 */
export function canonicalChain(chain: Chain): string {
  return formatSteps(chain, true);
}

function formatSteps(chain: readonly ChainStep[], canonical: boolean): string {
  return chain
    .map((step) => formatStep(step, canonical))
    .filter((s) => s !== '')
    .join(':');
}

function formatStep(step: ChainStep, canonical: boolean): string {
  if (step.kind === 'if') {
    const then = formatSteps(step.then, canonical);
    const otherwise = formatSteps(step.else, canonical);
    return [`if-${formatCondition(step.condition)}`, then, otherwise && `if-else,${otherwise}`, 'if-end'].filter((s) => s !== '').join(',');
  }
  const params: Param[] = [];
  for (const { key, spec } of OPTION_ENTRIES) {
    if (spec.kind !== 'step') continue;
    const value = formatField(step, spec);
    if (value === undefined) continue;
    if (canonical && value === spec.default) continue;
    params.push({ key, text: value === null ? key : `${key}-${value}` });
  }
  for (const a of step.ai ?? []) params.push({ key: a.key, text: a.value === undefined ? a.key : `${a.key}-${a.value}` });
  if (canonical) params.sort(byKey);
  const layers = (step.layers ?? []).map((l) => formatLayer(l, canonical));
  return [...params.map((p) => p.text), ...layers].join(',');
}

function byKey(a: Param, b: Param): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function formatInput(layer: Layer): string {
  if (layer.type === 'solid') return `i-${SOLID_INPUT}`;
  const input = layer.input ?? '';
  // The SDKs' "auto" encoding: plain when safe, otherwise base64 (spec §1.5).
  if (layer.type === 'text') return input !== '' && isPlainText(input) ? `i-${input}` : `ie-${encodeBase64Utf8(input)}`;
  return isPlainPath(input) ? `i-${input.replaceAll('/', '@@')}` : `ie-${encodeBase64Utf8(input)}`;
}

function formatLayer(layer: Layer, canonical: boolean): string {
  const head = [`l-${layer.type === 'solid' ? 'image' : layer.type}`, formatInput(layer)];
  const params: Param[] = [];
  for (const [key, value] of Object.entries(layer.params)) {
    const spec = optionByKey(key)?.spec;
    const text = spec?.kind === 'layer' ? spec.codec.format(value) : value;
    if (canonical && text === spec?.default) continue;
    params.push({ key, text: text === null ? key : `${key}-${text}` });
  }
  params.sort(canonical ? byKey : byTableOrder);
  head.push(...params.map((p) => p.text));
  const chain = formatSteps(layer.chain, canonical);
  // A condition must be alone in its step, so a chain that opens with one starts after a `:`.
  const sep = layer.chain[0]?.kind === 'if' ? ':' : ',';
  return `${head.join(',')}${chain ? `${sep}${chain}` : ''},l-end`;
}

const ORDER = new Map(OPTION_ENTRIES.map((e, i) => [e.key, i]));

function byTableOrder(a: Param, b: Param): number {
  return (ORDER.get(a.key) ?? 0) - (ORDER.get(b.key) ?? 0);
}
