// `bl-<1–100>`: Gaussian blur. ImageKit calls the value a radius; a Gaussian's visible radius is about
// two sigmas, so sigma = value / 2 (bl-10 → sigma 5), floored at libvips' minimum useful 0.3.

import { invalidArg } from '../../../../shared/errors.ts';
import type { TransformStep } from '../../../../shared/transform/types.ts';
import { use, type ImageContext } from '../context.ts';

export function blurSigma(value: number): number {
  return Math.max(0.3, value / 2);
}

export async function blur(ctx: ImageContext, step: TransformStep): Promise<void> {
  if (step.blur === undefined) return;
  if (!(step.blur >= 0 && step.blur <= 100)) throw invalidArg('bl', String(step.blur), 'a number from 1 to 100');
  if (step.blur === 0) return;
  (await use(ctx, 'blur')).blur(blurSigma(step.blur));
}
