// Public types of the image pipeline: what the server passes in and gets back.
// Kept apart from the implementation so the server can import them without pulling in sharp.

import type { Chain } from '../../../shared/transform/types.ts';

export type ResultFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif' | 'svg' | 'heif' | 'tiff';

export interface ImageInfo {
  /** One of ResultFormat; AVIF is told apart from HEIC by its compression (sharp calls both `heif`). */
  format: ResultFormat;
  /** Displayed size: after EXIF orientation, and one frame of an animation. */
  width: number;
  height: number;
  hasAlpha: boolean;
  /** Frames (1 for still images). */
  pages: number;
  orientation?: number;
}

export interface ImageRequest {
  input: Buffer;
  chain: Chain;
  accept?: string;
  contentType?: string;
}

export interface ImageResult {
  data: Buffer;
  format: ResultFormat;
  contentType: string;
  /** Output size; for an animation, one frame. */
  width: number;
  height: number;
  /** The format came from Accept: the caller must send `Vary: Accept`. */
  negotiated: boolean;
}

export interface FormatPlan {
  format: ResultFormat;
  negotiated: boolean;
}

export interface ImagePipeline {
  /** Reads the header only. Throws LoupeError INPUT_CORRUPT for anything that is not a supported image. */
  probe(input: Buffer): Promise<ImageInfo>;
  /** The output format the request will get, decided before transforming (it is part of the cache key). */
  planFormat(info: ImageInfo, chain: Chain, accept: string | undefined): FormatPlan;
  transform(req: ImageRequest): Promise<ImageResult>;
  /** Queued + running transforms. */
  readonly pending: number;
}

export const CONTENT_TYPES: Record<ResultFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  heif: 'image/heif',
  tiff: 'image/tiff',
};
