// `r-<n>`, `r-max` (circle/oval) and `r-tl_tr_br_bl`: rounded corners cut with an SVG mask (dest-in).
// The output gains alpha, so auto-format picks PNG/WebP (format-plan.ts predictAlpha).

import type { TransformStep } from '../../../../shared/transform/types.ts';
import { use, type ImageContext } from '../context.ts';

export async function radius(ctx: ImageContext, step: TransformStep): Promise<void> {
  if (step.radius === undefined) return;
  const { width: w, height: h } = ctx;
  const mask = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${shape(step.radius, w, h)}</svg>`);
  const img = await use(ctx, 'composite');
  // On an animation the frames are stacked vertically: a frame-sized mask tiled from the top covers each.
  img.composite([{ input: mask, blend: 'dest-in', ...(ctx.pages > 1 ? { tile: true, top: 0, left: 0 } : {}) }]);
  ctx.hasAlpha = true;
}

function shape(r: NonNullable<TransformStep['radius']>, w: number, h: number): string {
  if (r === 'max') return `<ellipse cx="${w / 2}" cy="${h / 2}" rx="${w / 2}" ry="${h / 2}"/>`;
  // CSS-like: each corner at most half the shorter side so opposite corners never overlap.
  const limit = Math.min(w, h) / 2;
  const [tl, tr, br, bl] = (typeof r === 'number' ? [r, r, r, r] : r).map((v) => Math.max(0, Math.min(v, limit))) as [number, number, number, number];
  return (
    `<path d="M${tl},0 H${w - tr} A${tr},${tr} 0 0 1 ${w},${tr} V${h - br} A${br},${br} 0 0 1 ${w - br},${h} ` +
    `H${bl} A${bl},${bl} 0 0 1 0,${h - bl} V${tl} A${tl},${tl} 0 0 1 ${tl},0 Z"/>`
  );
}
