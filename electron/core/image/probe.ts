// Reads an image header with sharp and reports the facts planning needs (format, displayed size, alpha, frames).

import sharp from 'sharp';
import { LoupeError } from '../../../shared/errors.ts';
import { guard } from './sharp-errors.ts';
import type { ImageInfo, ResultFormat } from './types.ts';

const INPUT_FORMATS: Record<string, ResultFormat> = { jpeg: 'jpeg', png: 'png', webp: 'webp', gif: 'gif', svg: 'svg', tiff: 'tiff', heif: 'heif' };

export interface Inspection {
  info: ImageInfo;
  /** Animation timing, re-applied on output when a materialise dropped it. */
  delay?: number[];
  loop?: number;
}

export async function probeImage(input: Buffer): Promise<ImageInfo> {
  return (await inspectImage(input)).info;
}

export async function inspectImage(input: Buffer): Promise<Inspection> {
  // sharp throws synchronously on an empty buffer, outside the promise guard() maps.
  if (input.length === 0) throw new LoupeError('INPUT_CORRUPT', 'Input image is empty');
  // The pixel limit is enforced by transform(); probing a huge image must still tell its size.
  const meta = await guard(sharp(input, { limitInputPixels: false }).metadata());
  let format = INPUT_FORMATS[meta.format ?? ''];
  if (!format) {
    throw new LoupeError('INPUT_CORRUPT', `Input format "${meta.format ?? 'unknown'}" is not supported for images`, { format: meta.format });
  }
  // sharp reports AVIF and HEIC both as `heif`; the coding tells them apart.
  if (format === 'heif' && meta.compression === 'av1') format = 'avif';
  const pages = meta.pages ?? 1;
  const rawWidth = meta.width ?? 0;
  const rawHeight = pages > 1 ? (meta.pageHeight ?? meta.height ?? 0) : (meta.height ?? 0);
  if (rawWidth < 1 || rawHeight < 1) throw new LoupeError('INPUT_CORRUPT', 'Input image has no dimensions');
  // Orientations 5–8 swap the axes; everything downstream works in displayed coordinates.
  const swap = (meta.orientation ?? 1) >= 5;
  const info: ImageInfo = {
    format,
    width: swap ? rawHeight : rawWidth,
    height: swap ? rawWidth : rawHeight,
    hasAlpha: meta.hasAlpha ?? false,
    pages,
  };
  if (meta.orientation !== undefined) info.orientation = meta.orientation;
  const out: Inspection = { info };
  if (meta.delay) out.delay = meta.delay;
  if (meta.loop !== undefined) out.loop = meta.loop;
  return out;
}

const PIPELINE_TYPES = new Set([
  'image/jpeg', 'image/jpg', 'image/pjpeg', 'image/png', 'image/apng', 'image/webp', 'image/gif', 'image/avif',
  'image/heic', 'image/heif', 'image/heic-sequence', 'image/heif-sequence', 'image/tiff', 'image/svg+xml',
]);

/** Which originals go through the pipeline; anything else is delivered as is. */
export function isImageContentType(ct: string): boolean {
  const base = ct.split(';')[0]?.trim().toLowerCase() ?? '';
  return PIPELINE_TYPES.has(base);
}
