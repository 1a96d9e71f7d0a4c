// The one context every step works on: the current sharp pipeline, its size, and the bookkeeping
// that decides when the pipeline must be materialised before another operation can be added.

import sharp, { type Sharp } from 'sharp';
import type { ImagesConfig } from '../../../shared/config.ts';
import type { ExprVariables } from '../../../shared/transform/expression.ts';
import type { TransformStep } from '../../../shared/transform/types.ts';
import { guard } from './sharp-errors.ts';
import type { ResultFormat } from './types.ts';

/**
 * sharp runs the operations of one pipeline in a fixed internal order (src/pipeline.cc), not in call
 * order, and keeps only one of each. A step asks for a stage; if an equal or later stage is already
 * queued, the pipeline is materialised first so that chained steps apply in the order written.
 * `resize` spans sharp's resize + crop/embed, which run after its flip/rotate: hence rotate < resize;
 * flatten and greyscale run before resize inside sharp, whatever the call order.
 */
export const STAGES = {
  trim: 10,
  extract: 20,
  flatten: 30,
  grayscale: 40,
  flip: 59,
  rotate: 60,
  resize: 65,
  extend: 80,
  blur: 90,
  sharpen: 100,
  composite: 110,
  linear: 120,
  normalise: 130,
} as const;
export type Stage = keyof typeof STAGES;

export interface ImageContext {
  img: Sharp;
  /** Current size; for an animation, of one frame. */
  width: number;
  height: number;
  pages: number;
  hasAlpha: boolean;
  /** The original (displayed) size: iw / ih. */
  readonly original: { width: number; height: number };
  /** Planned output format: its dimension limit applies to every step. */
  readonly format: ResultFormat;
  readonly images: ImagesConfig;
  /** Highest stage queued on `img` since it was last materialised; 0 = a fresh pipeline. */
  rank: number;
  /** EXIF orientation is still pending in `img` (sharp applies it late for some operations). */
  orientPending: boolean;
  delay?: number[];
  loop?: number;
}

export type StepFn = (ctx: ImageContext, step: TransformStep) => Promise<void> | void;

/** Returns the pipeline ready for an operation of `stage`, materialising first when sharp would reorder it. */
export async function use(ctx: ImageContext, stage: Stage): Promise<Sharp> {
  const rank = STAGES[stage];
  if (ctx.rank >= rank) await materialise(ctx);
  ctx.rank = Math.max(ctx.rank, rank);
  return ctx.img;
}

/** Runs what is queued and restarts from raw pixels, so the next operation sees the current result. */
export async function materialise(ctx: ImageContext): Promise<void> {
  const { data, info } = await guard(ctx.img.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true }));
  const pageHeight = ctx.pages > 1 ? Math.round(info.height / ctx.pages) : info.height;
  ctx.img = sharp(data, {
    raw: { width: info.width, height: info.height, channels: info.channels, ...(ctx.pages > 1 ? { pageHeight } : {}) },
    // The input was checked against the limit; intermediates may legitimately be larger (e.g. upscales).
    limitInputPixels: false,
  });
  ctx.width = info.width;
  ctx.height = pageHeight;
  ctx.hasAlpha = info.channels === 2 || info.channels === 4;
  ctx.rank = 0;
  ctx.orientPending = false;
}

/** Splits a materialised animation into per-frame pipelines (for operations sharp refuses on multi-page). */
export async function frames(ctx: ImageContext): Promise<{ data: Buffer; channels: 1 | 2 | 3 | 4 }[]> {
  const { data, info } = await guard(ctx.img.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true }));
  const frameBytes = info.width * Math.round(info.height / ctx.pages) * info.channels;
  const out = [];
  for (let i = 0; i < ctx.pages; i++) out.push({ data: data.subarray(i * frameBytes, (i + 1) * frameBytes), channels: info.channels });
  return out;
}

/** Expression variables at this point of the chain (spec §2.6). */
export function exprVars(ctx: ImageContext): ExprVariables {
  const { width: iw, height: ih } = ctx.original;
  return { iw, ih, iar: iw / ih, cw: ctx.width, ch: ctx.height, car: ctx.width / ctx.height };
}
