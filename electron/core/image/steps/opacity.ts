// `o-<0–100>`: scales the alpha channel (adding one if needed); an opaque `bg` is then flattened in
// by steps/background.ts, which is ImageKit's "bg colour is blended in".

import { invalidArg } from '../../../../shared/errors.ts';
import type { TransformStep } from '../../../../shared/transform/types.ts';
import { materialise, use, type ImageContext } from '../context.ts';
import { guard } from '../sharp-errors.ts';

export async function opacity(ctx: ImageContext, step: TransformStep): Promise<void> {
  if (step.opacity === undefined) return;
  if (!(step.opacity >= 0 && step.opacity <= 100)) throw invalidArg('o', String(step.opacity), 'a number from 0 to 100');
  if (step.opacity === 100) return;
  const a = step.opacity / 100;
  // linear() needs one factor per band, so the band count must be current: materialise if anything is queued.
  if (ctx.rank > 0) await materialise(ctx);
  if (!ctx.hasAlpha) {
    // ensureAlpha runs after linear inside sharp; a fresh pipeline can take it alone.
    (await use(ctx, 'linear')).ensureAlpha(a);
    ctx.rank = 200; // ensureAlpha is sharp's last stage
    ctx.hasAlpha = true;
    return;
  }
  const { channels } = await guard(ctx.img.metadata());
  const bands = channels ?? 4;
  const mul = Array.from({ length: bands }, (_, i) => (i === bands - 1 ? a : 1));
  (await use(ctx, 'linear')).linear(mul, new Array<number>(bands).fill(0));
}
