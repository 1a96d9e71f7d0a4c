// `bg`: the colour used by padding and rotation, and, last in a step, flattened under any transparency
// when it is opaque (ImageKit's "fill colour"). dominant/gradient/genfill need analysis or AI Loupe lacks.

import { LoupeError } from '../../../../shared/errors.ts';
import type { Color, TransformStep } from '../../../../shared/transform/types.ts';
import { use, type ImageContext } from '../context.ts';

export const BLACK: Color = { r: 0, g: 0, b: 0, alpha: 1 };
export const TRANSPARENT: Color = { r: 0, g: 0, b: 0, alpha: 0 };

/** The step's colour background, or `fallback`; throws for kinds the pipeline cannot render. */
export function backgroundColor(step: TransformStep, fallback: Color): Color {
  const bg = step.background;
  if (bg === undefined || bg.kind === 'blurred') return fallback;
  if (bg.kind === 'color') return bg.color;
  throw new LoupeError('TRANSFORM_UNSUPPORTED', `bg-${bg.kind} is not supported yet`, { key: 'bg', value: bg.kind });
}

export async function background(ctx: ImageContext, step: TransformStep): Promise<void> {
  if (step.background === undefined) return;
  const color = backgroundColor(step, BLACK); // validates the kind even when nothing is transparent
  if (step.background.kind !== 'color' || color.alpha < 1 || !ctx.hasAlpha) return;
  const img = await use(ctx, 'flatten');
  img.flatten({ background: { r: color.r, g: color.g, b: color.b } });
  ctx.hasAlpha = false;
}
