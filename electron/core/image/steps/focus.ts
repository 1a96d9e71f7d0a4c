// `fo`: where a crop or pad is anchored. Relative positions become fractions of the slack (0, ½, 1)
// and sharp gravities; `auto` is libvips' attention (saliency) strategy.

import { LoupeError } from '../../../../shared/errors.ts';
import type { Focus, RelativeFocus } from '../../../../shared/transform/types.ts';

export interface Anchor {
  /** Share of the slack placed before the kept region (0 = left/top, 1 = right/bottom). */
  fx: number;
  fy: number;
  gravity: string;
}

const ANCHORS: Record<RelativeFocus, Anchor> = {
  center: { fx: 0.5, fy: 0.5, gravity: 'centre' },
  top: { fx: 0.5, fy: 0, gravity: 'north' },
  bottom: { fx: 0.5, fy: 1, gravity: 'south' },
  left: { fx: 0, fy: 0.5, gravity: 'west' },
  right: { fx: 1, fy: 0.5, gravity: 'east' },
  top_left: { fx: 0, fy: 0, gravity: 'northwest' },
  top_right: { fx: 1, fy: 0, gravity: 'northeast' },
  bottom_left: { fx: 0, fy: 1, gravity: 'southwest' },
  bottom_right: { fx: 1, fy: 1, gravity: 'southeast' },
};

/** `auto` for saliency, else the anchor; face/custom/object focus needs detection Loupe does not have. */
export function resolveFocus(focus: Focus | undefined): Anchor | 'auto' {
  if (focus === undefined) return ANCHORS.center;
  if (focus === 'auto') return 'auto';
  if (typeof focus === 'string' && focus in ANCHORS) return ANCHORS[focus as RelativeFocus];
  const name = typeof focus === 'string' ? focus : focus.object;
  throw new LoupeError('TRANSFORM_UNSUPPORTED', `fo-${name} is not supported yet (needs face/object detection)`, { key: 'fo', value: name });
}

/** Anchor used when saliency cannot run (padding, animations). */
export function anchorOrCenter(a: Anchor | 'auto'): Anchor {
  return a === 'auto' ? ANCHORS.center : a;
}
