// `fl-h` mirrors left–right (sharp's flop), `fl-v` top–bottom (sharp's flip), `fl-h_v` both.

import type { TransformStep } from '../../../../shared/transform/types.ts';
import { use, type ImageContext } from '../context.ts';

export async function flip(ctx: ImageContext, step: TransformStep): Promise<void> {
  if (step.flip === undefined) return;
  const img = await use(ctx, 'flip');
  if (step.flip === 'h' || step.flip === 'h_v') img.flop();
  if (step.flip === 'v' || step.flip === 'h_v') img.flip();
}
