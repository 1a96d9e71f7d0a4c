// `cm-pad_resize` (+ `_no_enlarge`): fit inside W×H, then pad to exactly W×H with `bg` (default black)
// or a blurred copy of the image. `fo-left` keeps the image on the left, so the padding goes right.

import sharp from 'sharp';
import type { TransformStep } from '../../../../shared/transform/types.ts';
import { materialise, use, type ImageContext } from '../context.ts';
import { guard } from '../sharp-errors.ts';
import { BLACK, backgroundColor } from './background.ts';
import { anchorOrCenter, resolveFocus } from './focus.ts';
import { fitted, resize } from './resize.ts';
import type { Size } from './size.ts';

export async function padResize(ctx: ImageContext, step: TransformStep, size: Size): Promise<void> {
  if (size.width === undefined || size.height === undefined) return resize(ctx, { ...step, crop: 'maintain_ratio' }, size);
  const { width: W, height: H } = size;
  let scale = Math.min(W / ctx.width, H / ctx.height);
  if (step.cropMode === 'pad_resize_no_enlarge') scale = Math.min(scale, 1);
  const [fw, fh] = scale === 1 ? [ctx.width, ctx.height] : fitted(ctx.width, ctx.height, scale, W, H);
  const anchor = anchorOrCenter(resolveFocus(step.focus));
  const left = Math.round((W - fw) * anchor.fx);
  const top = Math.round((H - fh) * anchor.fy);
  const bg = step.background;
  if (bg?.kind === 'blurred' && ctx.pages === 1) return blurredPad(ctx, { W, H, fw, fh, left, top }, bg.amount, bg.brightness);

  const color = backgroundColor(step, BLACK);
  const img = await use(ctx, 'resize');
  if (fw !== ctx.width || fh !== ctx.height) img.resize(fw, fh, { fit: 'fill' });
  if (left || top || W - fw - left || H - fh - top) {
    await use(ctx, 'extend');
    ctx.img.extend({ left, top, right: W - fw - left, bottom: H - fh - top, background: color });
    if (color.alpha < 1) ctx.hasAlpha = true;
  }
  ctx.width = W;
  ctx.height = H;
}

interface Layout {
  W: number;
  H: number;
  fw: number;
  fh: number;
  left: number;
  top: number;
}

/** `bg-blurred[_amount][_brightness]`: the image itself, cover-scaled and blurred, behind the fitted copy. */
async function blurredPad(ctx: ImageContext, l: Layout, amount: number | 'auto', brightness: number): Promise<void> {
  if (ctx.rank > 0 || ctx.orientPending) await materialise(ctx);
  const fg = await guard(ctx.img.clone().resize(l.fw, l.fh, { fit: 'fill' }).png({ compressionLevel: 0 }).toBuffer());
  // amount 0–100 maps to sigma amount/2 like `bl`; auto scales with the canvas so the result looks alike at any size.
  const sigma = amount === 'auto' ? Math.max(2, Math.max(l.W, l.H) / 40) : Math.max(0.3, amount / 2);
  const base = ctx.img.clone().resize(l.W, l.H, { fit: 'cover' }).blur(sigma);
  if (brightness) base.linear(1, brightness);
  const backdrop = await guard(base.png({ compressionLevel: 0 }).toBuffer());
  ctx.img = sharp(backdrop).composite([{ input: fg, left: l.left, top: l.top }]);
  ctx.rank = 110;
  ctx.width = l.W;
  ctx.height = l.H;
}
