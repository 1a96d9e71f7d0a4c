// `cm-extract` / `cm-pad_extract`: cut W×H from the current image without scaling, placed by
// x/y (top-left), xc/yc (centre) or fo; pad_extract pads with `bg` where the region leaves the image.

import { invalidArg } from '../../../../shared/errors.ts';
import { evaluateExpr } from '../../../../shared/transform/expression.ts';
import type { Expr, TransformStep } from '../../../../shared/transform/types.ts';
import { exprVars, materialise, use, type ImageContext } from '../context.ts';
import { guard } from '../sharp-errors.ts';
import { BLACK, backgroundColor } from './background.ts';
import { resolveFocus } from './focus.ts';
import type { Size } from './size.ts';

interface Span {
  start: number; // may be negative or run past the image with pad_extract
  length: number;
}

export async function extract(ctx: ImageContext, step: TransformStep, size: Size): Promise<void> {
  const pad = step.cropMode !== 'extract';
  const W = size.width ?? ctx.width; // a missing side keeps the full current side
  const H = size.height ?? ctx.height;
  const focus = resolveFocus(step.focus);
  let fx = 0.5;
  let fy = 0.5;
  let attention: { x: number; y: number } | undefined;
  if (focus === 'auto') attention = await saliency(ctx, W, H);
  else ({ fx, fy } = focus);
  const vars = exprVars(ctx);
  const sx = span(ctx.width, W, step.x, step.xCenter, 'x', fx, attention?.x, pad, vars);
  const sy = span(ctx.height, H, step.y, step.yCenter, 'y', fy, attention?.y, pad, vars);

  // Intersection with the image, and the padding outside it.
  const x0 = Math.max(0, sx.start);
  const y0 = Math.max(0, sy.start);
  const x1 = Math.min(ctx.width, sx.start + sx.length);
  const y1 = Math.min(ctx.height, sy.start + sy.length);
  const img = await use(ctx, 'extract');
  if (x0 !== 0 || y0 !== 0 || x1 !== ctx.width || y1 !== ctx.height) img.extract({ left: x0, top: y0, width: x1 - x0, height: y1 - y0 });
  const padding = { left: x0 - sx.start, top: y0 - sy.start, right: sx.start + sx.length - x1, bottom: sy.start + sy.length - y1 };
  if (padding.left || padding.top || padding.right || padding.bottom) {
    const color = backgroundColor(step, BLACK);
    await use(ctx, 'extend');
    ctx.img.extend({ ...padding, background: color });
    if (color.alpha < 1) ctx.hasAlpha = true;
  }
  ctx.width = sx.length;
  ctx.height = sy.length;
}

function span(
  size: number, want: number, start: Expr | undefined, center: Expr | undefined, key: 'x' | 'y',
  anchor: number, attention: number | undefined, pad: boolean, vars: ReturnType<typeof exprVars>,
): Span {
  if (center !== undefined) {
    const c = evaluateExpr(center, vars, `${key}c`);
    const s = Math.round(c - want / 2);
    // ImageKit: "a crop falling outside the image fails" (spec §2.2 xc/yc).
    if (!pad && (s < 0 || s + want > size)) {
      throw invalidArg(`${key}c`, String(c), `a centre that keeps the ${want} px region inside the ${size} px image`);
    }
    return { start: s, length: want };
  }
  if (start !== undefined) {
    const s = Math.round(evaluateExpr(start, vars, key));
    if (s < 0 || s >= size) throw invalidArg(key, String(s), `an offset inside the image (0–${size - 1})`);
    return { start: s, length: pad ? want : Math.min(want, size - s) };
  }
  if (!pad && want > size) return { start: 0, length: size }; // extract cannot invent pixels: clamp
  if (attention !== undefined) return { start: clamp(Math.round(attention - want / 2), Math.min(0, size - want), Math.max(0, size - want)), length: want };
  return { start: Math.round((size - want) * anchor), length: want };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** libvips' attention centre, in current-image coordinates (sharp reports it unscaled). */
async function saliency(ctx: ImageContext, w: number, h: number): Promise<{ x: number; y: number } | undefined> {
  if (ctx.pages > 1 || (w >= ctx.width && h >= ctx.height)) return undefined;
  if (ctx.rank > 0) await materialise(ctx); // a clone would carry the queued operations along
  // A small cover-crop of the same ratio finds the same centre far faster than a full-size one.
  const k = Math.min(1, 256 / Math.max(w, h));
  const probe = ctx.img.clone().resize(Math.max(1, Math.round(w * k)), Math.max(1, Math.round(h * k)), { fit: 'cover', position: 'attention' });
  const { info } = await guard(probe.raw().toBuffer({ resolveWithObject: true }));
  const withAttention = info as typeof info & { attentionX?: number; attentionY?: number };
  if (withAttention.attentionX === undefined || withAttention.attentionY === undefined) return undefined;
  return { x: withAttention.attentionX, y: withAttention.attentionY };
}
