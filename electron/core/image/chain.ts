// Runs a chain: every `kind:'step'` through STEPS in order, conditionals evaluated against the
// current (w h ar) and original (iw ih iar) size, and the output options collected as they apply.

import type { ChainStep, Comparison, Condition, TransformStep } from '../../../shared/transform/types.ts';
import type { ImageContext } from './context.ts';
import { STEPS } from './steps/index.ts';

/** Request-level output options; the last step that sets one wins. */
export interface OutputOptions {
  quality?: number;
  progressive?: boolean;
  lossless?: boolean;
  metadata?: boolean;
  colorProfile?: boolean;
}

export async function runChain(ctx: ImageContext, chain: readonly ChainStep[], out: OutputOptions): Promise<void> {
  for (const s of chain) {
    if (s.kind === 'if') {
      await runChain(ctx, holds(ctx, s.condition) ? s.then : s.else, out);
      continue;
    }
    collectOutput(s, out);
    for (const fn of STEPS) await fn(ctx, s);
  }
}

function collectOutput(s: TransformStep, out: OutputOptions): void {
  if (s.quality !== undefined) out.quality = s.quality;
  if (s.progressive !== undefined) out.progressive = s.progressive;
  if (s.lossless !== undefined) out.lossless = s.lossless;
  if (s.metadata !== undefined) out.metadata = s.metadata;
  if (s.colorProfile !== undefined) out.colorProfile = s.colorProfile;
}

/** Disjunctive normal form: any group whose comparisons all hold. */
function holds(ctx: ImageContext, condition: Condition): boolean {
  return condition.some((group) => group.every((c) => compare(value(ctx, c), c)));
}

function value(ctx: ImageContext, c: Comparison): number {
  const { width: iw, height: ih } = ctx.original;
  switch (c.property) {
    case 'w': return ctx.width;
    case 'h': return ctx.height;
    case 'ar': return ctx.width / ctx.height;
    case 'iw': return iw;
    case 'ih': return ih;
    case 'iar': return iw / ih;
  }
}

function compare(v: number, c: Comparison): boolean {
  // Aspect ratios are fractions: compare with a tolerance so `ar_eq_1.33` matches 4:3.
  const eq = Math.abs(v - c.value) < (c.property.endsWith('ar') ? 0.01 : 1e-9);
  switch (c.operator) {
    case 'eq': return eq;
    case 'ne': return !eq;
    case 'gt': return v > c.value && !eq;
    case 'gte': return v > c.value || eq;
    case 'lt': return v < c.value && !eq;
    case 'lte': return v < c.value || eq;
  }
}
