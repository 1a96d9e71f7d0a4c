// The size family (w h ar dpr c cm fo x y xc yc): resolves the size, then dispatches on the crop mode.

import type { TransformStep } from '../../../../shared/transform/types.ts';
import type { ImageContext } from '../context.ts';
import { extract } from './extract.ts';
import { padResize } from './pad-resize.ts';
import { resize } from './resize.ts';
import { resolveSize } from './size.ts';

export async function crop(ctx: ImageContext, step: TransformStep): Promise<void> {
  const size = resolveSize(ctx, step);
  if (size.width === undefined && size.height === undefined) return;
  switch (step.cropMode) {
    case 'extract':
    case 'pad_extract':
    case 'pad_extract_no_shrink':
      return extract(ctx, step, size);
    case 'pad_resize':
    case 'pad_resize_no_enlarge':
      return padResize(ctx, step, size);
    default:
      return resize(ctx, step, size);
  }
}
