// `b-<width>_<color>`: a solid border added around the image (the canvas grows by 2×width); the
// width may be an expression of the current size (`ih_div_20`).

import { invalidArg } from '../../../../shared/errors.ts';
import { evaluateExpr } from '../../../../shared/transform/expression.ts';
import type { TransformStep } from '../../../../shared/transform/types.ts';
import { exprVars, use, type ImageContext } from '../context.ts';
import { checkDimension } from './size.ts';

export async function border(ctx: ImageContext, step: TransformStep): Promise<void> {
  if (step.border === undefined) return;
  const width = Math.round(evaluateExpr(step.border.width, exprVars(ctx), 'b'));
  if (!(width >= 0) || width > 10000) throw invalidArg('b', String(width), 'a border width from 0 to 10000 px');
  if (width === 0) return;
  checkDimension(ctx, 'width', ctx.width + 2 * width);
  checkDimension(ctx, 'height', ctx.height + 2 * width);
  const color = step.border.color;
  (await use(ctx, 'extend')).extend({ top: width, bottom: width, left: width, right: width, background: color });
  ctx.width += 2 * width;
  ctx.height += 2 * width;
  if (color.alpha < 1) ctx.hasAlpha = true;
}
