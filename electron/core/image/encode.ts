// Output encoding: one place for per-format options, metadata policy and the final size check.

import type { OutputInfo } from 'sharp';
import type { ImageContext } from './context.ts';
import type { OutputOptions } from './chain.ts';
import { guard } from './sharp-errors.ts';
import { checkDimension } from './steps/size.ts';
import type { ResultFormat } from './types.ts';

/**
 * libaom effort (0–9; sharp's default 4). Measured with test/bench/image-latency.ts (4000×3000
 * photo-like JPEG → w-800 q80, 2 cores, p50): effort 1 137 ms, 2 206 ms, 3 375 ms, 4 4465 ms, against
 * WebP 88 ms; sizes 92 / 90 / 90 / 95 KiB. Effort 2 is ~2.3× WebP with no size penalty over 3–4.
 */
export const AVIF_EFFORT = 2;
/** libwebp method 4 (sharp's default): 5–6 cost ~1.5–2× for ~2 % smaller files. */
export const WEBP_EFFORT = 4;

export async function encode(ctx: ImageContext, format: ResultFormat, out: OutputOptions, defaultQuality: number): Promise<{ data: Buffer; info: OutputInfo }> {
  checkDimension(ctx, 'width', ctx.width);
  checkDimension(ctx, 'height', ctx.height);
  // An explicit q is used as given, also above the default (ImageKit lowers it; a local CDN should not second-guess).
  const quality = clampQuality(out.quality ?? defaultQuality);
  const img = ctx.img;
  // sharp strips metadata unless told; orientation is already applied to the pixels.
  if (out.metadata) img.keepMetadata();
  else if (out.colorProfile) img.keepIccProfile();
  const animation = ctx.pages > 1 ? { ...(ctx.delay ? { delay: ctx.delay } : {}), ...(ctx.loop !== undefined ? { loop: ctx.loop } : {}) } : {};
  switch (format) {
    case 'jpeg':
      // libvips flattens any alpha onto black on save, ImageKit's default background.
      img.jpeg({ quality, progressive: out.progressive === true, mozjpeg: false });
      break;
    case 'png':
      img.png({ progressive: out.progressive === true, compressionLevel: 6 });
      break;
    case 'webp':
      img.webp({ quality, lossless: out.lossless === true, effort: WEBP_EFFORT, ...animation });
      break;
    case 'avif':
      img.avif({ quality, lossless: out.lossless === true, effort: AVIF_EFFORT });
      break;
    case 'gif':
      img.gif({ ...animation });
      break;
    case 'tiff':
      img.tiff({ quality });
      break;
    case 'heif':
    case 'svg':
      throw new Error(`encode: ${format} is never an encoder output (planFormat maps it away)`);
  }
  return guard(img.toBuffer({ resolveWithObject: true }));
}

function clampQuality(q: number): number {
  return Math.min(100, Math.max(1, Math.round(q)));
}
