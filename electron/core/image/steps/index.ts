// THE pipeline: the ordered steps one chain step runs through. The order is ImageKit's visible one
// (trim, size, orientation, effects, corners, border, opacity, fill) nudged where sharp runs an
// operation earlier anyway (grayscale before resize avoids a materialise and looks the same).

import type { StepFn } from '../context.ts';
import { background } from './background.ts';
import { blur } from './blur.ts';
import { border } from './border.ts';
import { crop } from './crop.ts';
import { flip } from './flip.ts';
import { opacity } from './opacity.ts';
import { radius } from './radius.ts';
import { rotate } from './rotate.ts';
import { sharpen } from './sharpen.ts';
import { contrast, grayscale } from './tone.ts';
import { trim } from './trim.ts';

export const STEPS: readonly StepFn[] = [
  trim, //        t
  grayscale, //   e-grayscale
  crop, //        w h ar dpr c cm fo x y xc yc (+ bg for padding)
  rotate, //      rt
  flip, //        fl
  blur, //        bl
  sharpen, //     e-sharpen e-usm
  contrast, //    e-contrast
  radius, //      r
  border, //      b
  opacity, //     o
  background, //  bg (flatten onto an opaque colour)
];
