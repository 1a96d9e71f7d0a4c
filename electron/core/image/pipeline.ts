// createImagePipeline: probe, plan the format, then run the chain on one sharp context inside a
// bounded queue. SVG under f-auto/orig passes through untouched (ImageKit's behaviour).

import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import type { ImagesConfig } from '../../../shared/config.ts';
import { LoupeError } from '../../../shared/errors.ts';
import type { Chain } from '../../../shared/transform/types.ts';
import { runChain, type OutputOptions } from './chain.ts';
import type { ImageContext } from './context.ts';
import { encode } from './encode.ts';
import { planFormat } from './format-plan.ts';
import { inspectImage, probeImage } from './probe.ts';
import { createLimiter } from './queue.ts';
import { resolveSize } from './steps/size.ts';
import { CONTENT_TYPES, type ImagePipeline, type ImageRequest, type ImageResult } from './types.ts';

export interface ImagePipelineOptions {
  images: ImagesConfig;
  /**
   * sharp pipelines at once. @default 2 × cores (at most 8): one per core keeps libvips busy only while
   * no JS runs between decode and encode; two per core measured 1.98 of 2 cores busy vs 1.86 (npm run bench).
   */
  concurrency?: number;
  /** Waiting transforms beyond which transform() throws OVERLOADED. @default 1000 */
  maxQueue?: number;
}

export function createImagePipeline(options: ImagePipelineOptions): ImagePipeline {
  const { images } = options;
  const limiter = createLimiter(options.concurrency ?? Math.min(8, 2 * availableParallelism()), options.maxQueue ?? 1000);
  return {
    probe: probeImage,
    planFormat: (info, chain, accept) => planFormat(info, chain, accept, images),
    transform: (req) => limiter.run(() => transformImage(req, images)),
    get pending() {
      return limiter.pending;
    },
  };
}

async function transformImage(req: ImageRequest, images: ImagesConfig): Promise<ImageResult> {
  if (req.input.length > images.maxInputBytes) {
    throw new LoupeError('INPUT_TOO_LARGE', `Input file is ${req.input.length} bytes; the limit is ${images.maxInputBytes}`, { size: req.input.length, max: images.maxInputBytes });
  }
  const { info, delay, loop } = await inspectImage(req.input);
  if (info.width * info.height > images.maxInputPixels) {
    throw new LoupeError('INPUT_TOO_MANY_PIXELS', `Input image is ${info.width}×${info.height}; the limit is ${images.maxInputPixels} pixels`, {
      width: info.width, height: info.height, max: images.maxInputPixels,
    });
  }
  const plan = planFormat(info, req.chain, req.accept, images);
  if (plan.format === 'svg') {
    return { data: req.input, format: 'svg', contentType: CONTENT_TYPES.svg, width: info.width, height: info.height, negotiated: plan.negotiated };
  }
  const animated = info.pages > 1 && (plan.format === 'gif' || plan.format === 'webp');
  const ctx: ImageContext = {
    img: sharp(),
    width: info.width,
    height: info.height,
    pages: animated ? info.pages : 1,
    hasAlpha: info.hasAlpha,
    original: { width: info.width, height: info.height },
    format: plan.format,
    images,
    rank: 0,
    orientPending: (info.orientation ?? 1) > 1,
  };
  if (delay) ctx.delay = delay;
  if (loop !== undefined) ctx.loop = loop;
  const density = info.format === 'svg' ? svgDensity(ctx, req.chain, images) : undefined;
  ctx.img = sharp(req.input, {
    // 'error' rejects truncated and broken files (422) yet tolerates the harmless warnings of real cameras.
    failOn: 'error',
    limitInputPixels: images.maxInputPixels * (animated ? info.pages : 1),
    autoOrient: true,
    animated,
    ...(density ? { density } : {}),
  });
  if (density) {
    // Rasterised larger than the viewBox: the current size is the rendered one.
    ctx.width = Math.round((info.width * density) / 72);
    ctx.height = Math.round((info.height * density) / 72);
  }
  const out: OutputOptions = {};
  await runChain(ctx, req.chain, out);
  const { data, info: outInfo } = await encode(ctx, plan.format, out, images.defaultQuality);
  const height = ctx.pages > 1 ? (outInfo.pageHeight ?? ctx.height) : outInfo.height;
  return { data, format: plan.format, contentType: CONTENT_TYPES[plan.format], width: outInfo.width, height, negotiated: plan.negotiated };
}

/**
 * SVG renders at its viewBox size (72 dpi). When the first step asks for more, render at a density
 * that reaches the request, so the upscale is crisp vectors rather than blurred pixels.
 */
function svgDensity(ctx: ImageContext, chain: Chain, images: ImagesConfig): number | undefined {
  const first = chain.find((s) => s.kind === 'step');
  if (!first || first.kind !== 'step') return undefined;
  const size = resolveSize(ctx, first);
  const scale = Math.max((size.width ?? 0) / ctx.width, (size.height ?? 0) / ctx.height);
  if (scale <= 1) return undefined;
  // Never render more pixels than an input may have.
  const maxScale = Math.sqrt(images.maxInputPixels / (ctx.width * ctx.height));
  return Math.round(72 * Math.min(scale, maxScale) * 100) / 100;
}

