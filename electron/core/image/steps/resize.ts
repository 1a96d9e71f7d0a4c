// `c-*` strategies (spec §3): maintain_ratio (cover + crop by fo), force, at_max, at_max_enlarge,
// at_least, maintain_ratio_no_enlarge. Sizes are computed here so the context always knows them.

import type { TransformStep } from '../../../../shared/transform/types.ts';
import { use, type ImageContext } from '../context.ts';
import { resolveFocus } from './focus.ts';
import { checkDimension, type Size } from './size.ts';

export async function resize(ctx: ImageContext, step: TransformStep, size: Size): Promise<void> {
  const { width: cw, height: ch } = ctx;
  const strategy = step.crop ?? 'maintain_ratio';
  const noEnlarge = strategy === 'at_max' || strategy === 'maintain_ratio_no_enlarge';
  if (size.width === undefined || size.height === undefined) {
    // One side given: the other follows the ratio; no crop mode applies (at_max still never enlarges).
    const scale = size.width !== undefined ? size.width / cw : size.height! / ch;
    if (noEnlarge && scale >= 1) return;
    const w = size.width ?? Math.max(1, Math.round(cw * scale));
    const h = size.height ?? Math.max(1, Math.round(ch * scale));
    return fill(ctx, w, h);
  }
  const { width: W, height: H } = size;
  switch (strategy) {
    case 'force':
      return fill(ctx, W, H);
    case 'at_max':
    case 'at_max_enlarge': {
      const scale = Math.min(W / cw, H / ch);
      if (strategy === 'at_max' && scale >= 1) return; // never enlarges: the original size comes back
      return fill(ctx, ...fitted(cw, ch, scale, W, H));
    }
    case 'at_least':
      return fill(ctx, ...fitted(cw, ch, Math.max(W / cw, H / ch), W, H));
    case 'maintain_ratio_no_enlarge':
      // [inferred] like maintain_ratio but never scaled up: crop what fits of the request instead.
      return cover(ctx, step, Math.min(W, cw), Math.min(H, ch));
    default:
      return cover(ctx, step, W, H);
  }
}

/** Scaled size where the side that decided the scale lands exactly on the request (no off-by-one). */
export function fitted(cw: number, ch: number, scale: number, W: number, H: number): [number, number] {
  const byWidth = scale === W / cw;
  const w = byWidth ? W : Math.max(1, Math.round(cw * scale));
  const h = byWidth ? Math.max(1, Math.round(ch * scale)) : H;
  return [w, h];
}

async function fill(ctx: ImageContext, w: number, h: number): Promise<void> {
  checkDimension(ctx, 'width', w);
  checkDimension(ctx, 'height', h);
  if (w === ctx.width && h === ctx.height) return;
  const img = await use(ctx, 'resize');
  img.resize(w, h, { fit: 'fill' });
  ctx.width = w;
  ctx.height = h;
}

async function cover(ctx: ImageContext, step: TransformStep, w: number, h: number): Promise<void> {
  if (w === ctx.width && h === ctx.height) return;
  const focus = resolveFocus(step.focus);
  // libvips smartcrop is single-page only: animations fall back to the centre.
  const position = focus === 'auto' ? (ctx.pages > 1 ? 'centre' : 'attention') : focus.gravity;
  const img = await use(ctx, 'resize');
  img.resize(w, h, { fit: 'cover', position });
  ctx.width = w;
  ctx.height = h;
}
