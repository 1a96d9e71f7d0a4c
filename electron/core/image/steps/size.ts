// Resolves w, h, ar and dpr of one step to integer pixels (spec §2.2, §3), and enforces the
// output dimension limit before any pixels are allocated.

import { LoupeError, invalidArg } from '../../../../shared/errors.ts';
import { evaluateExpr } from '../../../../shared/transform/expression.ts';
import type { Expr, TransformStep } from '../../../../shared/transform/types.ts';
import { exprVars, type ImageContext } from '../context.ts';
import type { ResultFormat } from '../types.ts';

export interface Size {
  width?: number;
  height?: number;
}

/** ImageKit ignores a dpr that would make a side smaller than 1 px or larger than 5000 px. */
const DPR_MAX_PX = 5000;

export function resolveSize(ctx: ImageContext, step: TransformStep): Size {
  const vars = exprVars(ctx);
  let w = step.width === undefined || step.width === 'auto' ? undefined : dimension(step.width, vars, 'w', ctx.width);
  let h = step.height === undefined ? undefined : dimension(step.height, vars, 'h', ctx.height);
  if (step.aspectRatio !== undefined && (w === undefined) !== (h === undefined)) {
    const ar = evaluateExpr(step.aspectRatio, vars, 'ar');
    if (!(ar > 0) || !Number.isFinite(ar)) throw invalidArg('ar', String(ar), 'a positive ratio such as 4-3');
    if (w !== undefined) h = w / ar;
    else if (h !== undefined) w = h * ar;
  }
  if (step.dpr !== undefined && step.dpr !== 'auto' && (w !== undefined || h !== undefined)) {
    const dpr = evaluateExpr(step.dpr, vars, 'dpr');
    if (!(dpr > 0) || !Number.isFinite(dpr)) throw invalidArg('dpr', String(dpr), 'a number between 0.1 and 5');
    const sides = [w, h].filter((v): v is number => v !== undefined).map((v) => v * dpr);
    if (sides.every((v) => v >= 1 && v <= DPR_MAX_PX)) {
      if (w !== undefined) w *= dpr;
      if (h !== undefined) h *= dpr;
    }
  }
  const size: Size = {};
  if (w !== undefined) size.width = checkDimension(ctx, 'width', Math.max(1, Math.round(w)));
  if (h !== undefined) size.height = checkDimension(ctx, 'height', Math.max(1, Math.round(h)));
  return size;
}

/** 0 < v < 1 is a fraction of the current image (the brief's choice; at the first step that is the original). */
function dimension(expr: Expr, vars: ReturnType<typeof exprVars>, key: 'w' | 'h', current: number): number {
  const v = evaluateExpr(expr, vars, key);
  if (!(v > 0) || !Number.isFinite(v)) throw invalidArg(key, String(v), 'a positive number, a fraction below 1, or an expression');
  return v < 1 ? v * current : v;
}

/** WebP stores 14-bit sizes; the other encoders stop at 65535. maxOutputDimension may lower both. */
export function dimensionLimit(format: ResultFormat, maxOutputDimension: number): number {
  return Math.min(maxOutputDimension, format === 'webp' ? 16383 : 65535);
}

export function checkDimension(ctx: ImageContext, name: 'width' | 'height', value: number): number {
  const max = dimensionLimit(ctx.format, ctx.images.maxOutputDimension);
  if (value > max) {
    throw new LoupeError('OUTPUT_TOO_LARGE', `Output ${name} ${value} px exceeds the maximum of ${max} px${ctx.format === 'webp' ? ' for WebP' : ''}`, {
      dimension: name,
      value,
      max,
    });
  }
  return value;
}
