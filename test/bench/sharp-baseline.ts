// The raw-sharp floor: EXACTLY the sharp calls Loupe's pipeline makes for `tr:w-<W>` on an opaque
// single-page JPEG negotiated to WebP (Accept: image/webp), with the default config (q80):
//   probe.ts    inspectImage  sharp(input, { limitInputPixels: false }).metadata()
//   pipeline.ts               sharp()   (placeholder context), then
//                             sharp(input, { failOn: 'error', limitInputPixels: maxInputPixels, autoOrient: true, animated: false })
//   steps/resize.ts fill()    .resize(W, round(H0 * W / W0), { fit: 'fill' })   (one side given: no crop)
//   encode.ts                 .webp({ quality: 80, lossless: false, effort: WEBP_EFFORT = 4 })
//                             .toBuffer({ resolveWithObject: true })
// No metadata is kept (keepMetadata/keepIccProfile are not called), no materialise (one stage only).
// The sharp module is passed in so the same calls can run on ipx's own sharp 0.34 in a child process.

import type sharpDefault from 'sharp';

export type SharpModule = typeof sharpDefault;

export const MAX_INPUT_PIXELS = 100_000_000; // DEFAULT_IMAGES.maxInputPixels
export const WEBP = { quality: 80, lossless: false, effort: 4 } as const; // defaultQuality, WEBP_EFFORT

export async function loupeLikeWebp(sharp: SharpModule, input: Buffer, width: number): Promise<Buffer> {
  const meta = await sharp(input, { limitInputPixels: false }).metadata();
  const w0 = meta.width ?? 1;
  const h0 = meta.height ?? 1;
  sharp(); // the pipeline's placeholder `img: sharp()` before the real one
  const img = sharp(input, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS, autoOrient: true, animated: false });
  img.resize(width, Math.max(1, Math.round(h0 * (width / w0))), { fit: 'fill' });
  img.webp({ ...WEBP });
  const { data } = await img.toBuffer({ resolveWithObject: true });
  return data;
}
