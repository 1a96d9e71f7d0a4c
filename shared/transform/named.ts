// Named transformations (`n-<name>`, spec §2.2): each is replaced by its configured chain. Other params in
// the same step run as one more step right after the named chain, so `n-thumb,q-50` = `<thumb>:q-50`.

import { LoupeError, isLoupeError } from '../errors.ts';
import { parseChainString } from './parse.ts';
import type { Chain, ChainStep, Layer } from './types.ts';

/** Named chains may name others; this bounds the depth and, with the cycle check, the work. */
const MAX_NAMED_DEPTH = 4;

/**
 * Replaces every `n-` step, also inside conditions and layers. Unknown name → TRANSFORM_NAMED_UNKNOWN.
 * A named chain that uses `n-` itself is expanded too, up to 4 levels; a cycle is a 400.
 */
export function expandNamed(chain: Chain, named: Readonly<Record<string, string>>): Chain {
  return expand(chain, named, []);
}

function expand(chain: readonly ChainStep[], named: Readonly<Record<string, string>>, trail: readonly string[]): ChainStep[] {
  return chain.flatMap((step): ChainStep[] => {
    if (step.kind === 'if') {
      return [{ ...step, then: expand(step.then, named, trail), else: expand(step.else, named, trail) }];
    }
    const layers = step.layers?.map((l): Layer => ({ ...l, chain: expand(l.chain, named, trail) }));
    const { named: name, ...rest } = step;
    const own: ChainStep = layers ? { ...rest, layers } : rest;
    if (name === undefined) return [own];
    return [...resolve(name, named, trail), ...(Object.keys(own).length > 1 ? [own] : [])];
  });
}

function resolve(name: string, named: Readonly<Record<string, string>>, trail: readonly string[]): ChainStep[] {
  if (!Object.hasOwn(named, name)) {
    throw new LoupeError('TRANSFORM_NAMED_UNKNOWN', `Unknown named transformation "${name}" (n-${name}); define it in namedTransformations`, { name });
  }
  if (trail.includes(name) || trail.length >= MAX_NAMED_DEPTH) {
    const path = [...trail, name].join(' → ');
    throw new LoupeError('TRANSFORM_INVALID_ARG', `Invalid n: "${name}" (expected named transformations that do not refer to each other in a cycle or more than ${MAX_NAMED_DEPTH} deep: ${path})`, { key: 'n', value: name });
  }
  let parsed: Chain;
  try {
    parsed = parseChainString(named[name]!);
  } catch (e) {
    if (!isLoupeError(e)) throw e;
    throw new LoupeError(e.code, `In named transformation "${name}": ${e.message}`, { ...e.details, name });
  }
  return expand(parsed, named, [...trail, name]);
}
