// `e-sharpen[-n]` and `e-usm-radius-sigma-amount-threshold` both map to libvips' sharpen (an unsharp
// mask in LAB). One sharpen per sharp pipeline: usm after sharpen in the same step materialises.

import { invalidArg } from '../../../../shared/errors.ts';
import type { TransformStep } from '../../../../shared/transform/types.ts';
import { use, type ImageContext } from '../context.ts';

/** `e-sharpen-n` (ImageKit gives no scale): sigma 0.5 + n/20, so n=10 → 1 (sharp's mild default), n=100 → 5.5. */
export function sharpenSigma(n: number): number {
  return Math.min(10, 0.5 + n / 20);
}

export async function sharpen(ctx: ImageContext, step: TransformStep): Promise<void> {
  if (step.sharpen !== undefined) {
    if (step.sharpen === true) (await use(ctx, 'sharpen')).sharpen();
    else if (step.sharpen > 0) (await use(ctx, 'sharpen')).sharpen({ sigma: sharpenSigma(step.sharpen) });
    else if (step.sharpen < 0) throw invalidArg('e-sharpen', String(step.sharpen), 'a positive number');
  }
  const usm = step.unsharpMask;
  if (usm === undefined) return;
  if (usm === true) {
    (await use(ctx, 'sharpen')).sharpen({ sigma: 1, m1: 0, m2: 1, x1: 2 });
    return;
  }
  for (const [k, v] of Object.entries(usm)) if (!(v >= 0) || !Number.isFinite(v)) throw invalidArg('e-usm', `${k}=${v}`, 'positive numbers radius-sigma-amount-threshold');
  // ImageMagick-style USM: radius is implied by sigma in libvips; below the threshold nothing is
  // sharpened (m1 = 0), above it the amount is the slope (m2); the 0–1 threshold becomes L* units.
  (await use(ctx, 'sharpen')).sharpen({
    sigma: Math.max(0.000001, usm.sigma || usm.radius / 2 || 1),
    m1: 0,
    m2: usm.amount,
    x1: Math.min(100, usm.threshold * 100),
  });
}
