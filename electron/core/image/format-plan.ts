// Chooses the output format before any pixel work (it is part of the cache key): explicit `f`,
// else Accept negotiation (spec §4), with the alpha the chain will produce predicted from its params.

import { invalidArg } from '../../../shared/errors.ts';
import type { ImagesConfig } from '../../../shared/config.ts';
import type { Chain, ChainStep, TransformStep } from '../../../shared/transform/types.ts';
import type { FormatPlan, ImageInfo, ResultFormat } from './types.ts';

type Step = { kind: 'step' } & TransformStep;

/** Every `kind:'step'` in the chain, both branches of conditionals included. */
export function allSteps(chain: readonly ChainStep[]): Step[] {
  return chain.flatMap((s) => (s.kind === 'if' ? [...allSteps(s.then), ...allSteps(s.else)] : [s]));
}

export function planFormat(info: ImageInfo, chain: Chain, accept: string | undefined, images: ImagesConfig): FormatPlan {
  // `f` is a request-level choice: the last top-level one wins; one inside an if-block is ignored,
  // because the branch is only known after resizing and the format must be known before.
  let requested: string | undefined;
  for (const s of chain) if (s.kind === 'step' && s.format !== undefined) requested = s.format;
  const steps = allSteps(chain);
  const noAvif = steps.some((s) => s.colorProfile === true || s.unsharpMask !== undefined);
  const animated = info.pages > 1;

  if (requested === undefined && !images.autoFormat) requested = 'orig';
  if (requested === undefined || requested === 'auto') {
    if (info.format === 'svg') return { format: 'svg', negotiated: false };
    return { format: negotiate(info, chain, accept, images, noAvif), negotiated: true };
  }
  switch (requested) {
    case 'orig':
      return { format: keepFormat(info.format, noAvif), negotiated: false };
    case 'jpg':
    case 'jpeg':
      return { format: 'jpeg', negotiated: false };
    case 'png':
    case 'webp':
      return { format: requested, negotiated: false };
    case 'avif':
      // AVIF cannot carry what cp-true / e-usm ask for (spec §4); ImageKit falls back to WebP.
      return { format: noAvif || animated ? 'webp' : 'avif', negotiated: false };
    case 'gif':
      if (info.format !== 'gif') throw invalidArg('f', 'gif', 'gif only when the original is a GIF');
      return { format: 'gif', negotiated: false };
    case 'svg':
      if (info.format !== 'svg') throw invalidArg('f', 'svg', 'svg only when the original is an SVG');
      return { format: 'svg', negotiated: false };
    default:
      throw invalidArg('f', requested, 'auto, jpg, jpeg, png, webp, avif, gif, svg or orig for an image');
  }
}

function keepFormat(format: ResultFormat, noAvif: boolean): ResultFormat {
  // HEIC output needs an HEVC encoder (absent, and ImageKit never outputs HEIC either).
  if (format === 'heif') return 'jpeg';
  if (format === 'avif' && noAvif) return 'webp';
  return format;
}

function negotiate(info: ImageInfo, chain: Chain, accept: string | undefined, images: ImagesConfig, noAvif: boolean): ResultFormat {
  const types = parseAccept(accept);
  const animated = info.pages > 1;
  // libheif has no animation: an animated original never becomes AVIF.
  if (!animated && images.avif && !noAvif && types.has('image/avif')) return 'avif';
  if (types.has('image/webp')) return 'webp';
  if (animated) return 'gif';
  return predictAlpha(info.hasAlpha, chain) ? 'png' : 'jpeg';
}

/** The media types an Accept header accepts (lower-cased, q=0 dropped): the one parser negotiation and cache keys share. */
export function parseAccept(accept: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const part of (accept ?? '').split(',')) {
    const [type, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    if (!type) continue;
    if (params.some((p) => /^q=0(\.0*)?$/.test(p))) continue; // q=0 means "not acceptable"
    out.add(type);
  }
  return out;
}

/** Whether the output will have transparency: the same rules the steps follow, walked in chain order. */
export function predictAlpha(inputAlpha: boolean, chain: readonly ChainStep[]): boolean {
  let alpha = inputAlpha;
  for (const s of chain) {
    if (s.kind === 'if') {
      alpha = predictAlpha(alpha, s.then) || predictAlpha(alpha, s.else);
      continue;
    }
    const bg = s.background?.kind === 'color' ? s.background.color : undefined;
    const clearBg = bg === undefined || bg.alpha < 1;
    const padded = s.cropMode === 'pad_resize' || s.cropMode === 'pad_resize_no_enlarge' || s.cropMode?.startsWith('pad_extract');
    if (s.radius !== undefined) alpha = true;
    if (typeof s.rotation === 'number' && s.rotation % 90 !== 0 && clearBg) alpha = true;
    if (s.opacity !== undefined && s.opacity < 100) alpha = true;
    if (padded && bg !== undefined && bg.alpha < 1) alpha = true;
    // An opaque bg colour is flattened in last (steps/background.ts).
    if (bg !== undefined && bg.alpha >= 1) alpha = false;
  }
  return alpha;
}
