// Turns sharp/libvips failures on bad input into LoupeErrors (never a 500 for a user's file).
// libvips reports errors as free text, so this matches on the loader names and phrases it uses.

import { LoupeError, isLoupeError } from '../../../shared/errors.ts';

const PIXEL_LIMIT = /exceeds pixel limit/i;
const TOO_LARGE_FOR_FORMAT = /too large for the (\w+) format|image too large|exceeds the maximum/i;
// Prebuilt sharp ships libheif with AV1 only: a real HEIC (HEVC) file fails with one of these.
const HEVC_MISSING = /heif.*(unsupported codec|unsupported feature|no decoding plugin|not been built|decoder plugin)/is;
const BAD_INPUT = new RegExp(
  [
    'unsupported image format', 'corrupt', 'premature end', 'truncat', 'unexpected end', 'invalid',
    'bad seek', 'not a known', 'out of order', 'VipsJpeg', 'jpegload', 'pngload', 'spng', 'libpng',
    'gifload', 'webpload', 'heif', 'tiff', 'svgload', 'rsvg', 'XML', 'read error', 'decode', 'load_buffer',
  ].join('|'),
  'i',
);

/** Maps an error thrown while sharp decoded or processed user input; programmer errors pass through. */
export function toLoupeError(err: unknown): unknown {
  if (isLoupeError(err) || !(err instanceof Error)) return err;
  const msg = err.message;
  const first = msg.split('\n').find((l) => l.trim() !== '') ?? msg;
  if (PIXEL_LIMIT.test(msg)) {
    return new LoupeError('INPUT_TOO_MANY_PIXELS', 'Input image has more pixels than allowed', { cause: first });
  }
  if (HEVC_MISSING.test(msg)) {
    return new LoupeError('TRANSFORM_UNSUPPORTED', 'HEIC (HEVC) images cannot be decoded by this build of libvips; only AVIF-coded HEIF is supported', { cause: first });
  }
  if (TOO_LARGE_FOR_FORMAT.test(msg)) {
    return new LoupeError('OUTPUT_TOO_LARGE', `Output image too large: ${first}`, { cause: first });
  }
  // Argument validation in sharp's JS layer ("Expected ... for x but received ...") is our bug, not the user's.
  if (/^Expected /.test(msg)) return err;
  if (BAD_INPUT.test(msg)) {
    return new LoupeError('INPUT_CORRUPT', `Input image is corrupt or unsupported: ${lastLine(msg)}`, { cause: first });
  }
  return err;
}

/** Awaits a sharp promise, mapping its failure. */
export async function guard<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    throw toLoupeError(err);
  }
}

// libvips stacks retries ("bad seek to 1024 / 512 / ...") before the real reason on the last line.
function lastLine(msg: string): string {
  const lines = msg.split('\n').map((l) => l.trim()).filter(Boolean);
  return (lines[lines.length - 1] ?? msg).slice(0, 200);
}
