// `rt`: degrees clockwise (negative = counter-clockwise). Right angles are lossless; other angles
// grow the canvas and fill with `bg`, transparent by default. `rt-auto` is EXIF, already applied.

import sharp from 'sharp';
import type { TransformStep } from '../../../../shared/transform/types.ts';
import { frames, materialise, use, type ImageContext } from '../context.ts';
import { guard } from '../sharp-errors.ts';
import { TRANSPARENT, backgroundColor } from './background.ts';
import { checkDimension } from './size.ts';

export async function rotate(ctx: ImageContext, step: TransformStep): Promise<void> {
  if (step.rotation === undefined || step.rotation === 'auto') return;
  const angle = ((step.rotation % 360) + 360) % 360;
  if (angle === 0) return;
  const color = backgroundColor(step, TRANSPARENT);
  const rad = (angle * Math.PI) / 180;
  const right = angle % 90 === 0;
  // The bounding box libvips gives the rotated image.
  const w = right ? (angle === 180 ? ctx.width : ctx.height) : Math.ceil(Math.abs(ctx.width * Math.cos(rad)) + Math.abs(ctx.height * Math.sin(rad)));
  const h = right ? (angle === 180 ? ctx.height : ctx.width) : Math.ceil(Math.abs(ctx.width * Math.sin(rad)) + Math.abs(ctx.height * Math.cos(rad)));
  checkDimension(ctx, 'width', w);
  checkDimension(ctx, 'height', h);
  if (ctx.pages > 1) return rotateFrames(ctx, angle, color);
  (await use(ctx, 'rotate')).rotate(angle, { background: color });
  if (!right) {
    await materialise(ctx); // libvips' exact bounding box can differ by a pixel from the estimate
    if (color.alpha < 1) ctx.hasAlpha = true;
    return;
  }
  ctx.width = w;
  ctx.height = h;
}

/** sharp refuses rotation on multi-page images: rotate each frame and stack them again. */
async function rotateFrames(ctx: ImageContext, angle: number, color: { r: number; g: number; b: number; alpha: number }): Promise<void> {
  const { width, height } = ctx;
  const parts = await frames(ctx);
  const out = await Promise.all(
    parts.map((f) => guard(sharp(f.data, { raw: { width, height, channels: f.channels } }).rotate(angle, { background: color }).ensureAlpha().raw().toBuffer({ resolveWithObject: true }))),
  );
  const info = out[0]!.info;
  ctx.img = sharp(Buffer.concat(out.map((o) => o.data)), {
    raw: { width: info.width, height: info.height * ctx.pages, channels: info.channels, pageHeight: info.height },
    limitInputPixels: false,
  });
  ctx.width = info.width;
  ctx.height = info.height;
  ctx.hasAlpha = true;
  ctx.rank = 0;
}
