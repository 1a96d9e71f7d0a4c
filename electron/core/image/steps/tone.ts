// `e-grayscale` and `e-contrast` (contrast stretch = libvips normalise, 1st–99th percentile of luminance).

import type { TransformStep } from '../../../../shared/transform/types.ts';
import { use, type ImageContext } from '../context.ts';

export async function grayscale(ctx: ImageContext, step: TransformStep): Promise<void> {
  if (step.grayscale !== true) return;
  (await use(ctx, 'grayscale')).greyscale();
}

export async function contrast(ctx: ImageContext, step: TransformStep): Promise<void> {
  if (step.contrast !== true) return;
  (await use(ctx, 'normalise')).normalise();
}
