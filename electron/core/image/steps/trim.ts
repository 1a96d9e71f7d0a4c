// `t-true` / `t-<1–99>`: trims a uniform border. The box is measured first and applied as an extract,
// because sharp refuses trim on animations and trims before EXIF orientation.

import sharp from 'sharp';
import type { TransformStep } from '../../../../shared/transform/types.ts';
import { frames, materialise, use, type ImageContext } from '../context.ts';
import { guard } from '../sharp-errors.ts';

/** sharp's own default threshold; ImageKit's `t-true` is documented only as "trim". */
const DEFAULT_THRESHOLD = 10;

export async function trim(ctx: ImageContext, step: TransformStep): Promise<void> {
  if (step.trim === undefined || step.trim === false) return;
  const threshold = step.trim === true ? DEFAULT_THRESHOLD : step.trim;
  if (ctx.rank > 0 || ctx.orientPending || ctx.pages > 1) await materialise(ctx);
  // Animations: measure on the first frame, cut every frame the same.
  const sample = ctx.pages > 1 ? await firstFrame(ctx) : ctx.img.clone();
  let info;
  try {
    ({ info } = await guard(sample.trim({ threshold }).raw().toBuffer({ resolveWithObject: true })));
  } catch {
    return; // libvips finds nothing to keep on a uniform image: leave it as it is
  }
  const left = -(info.trimOffsetLeft ?? 0);
  const top = -(info.trimOffsetTop ?? 0);
  if (info.width === ctx.width && info.height === ctx.height) return;
  const img = await use(ctx, 'extract');
  img.extract({ left, top, width: info.width, height: info.height });
  ctx.width = info.width;
  ctx.height = info.height;
}

async function firstFrame(ctx: ImageContext) {
  const [first] = await frames(ctx);
  return sharp(first!.data, { raw: { width: ctx.width, height: ctx.height, channels: first!.channels } });
}
