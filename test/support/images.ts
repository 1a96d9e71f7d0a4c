// Test images made with sharp at run time: photo-like JPEGs, PNG with alpha, animated GIF, SVG.

import sharp, { type JpegOptions } from 'sharp';

/** Noise over a gradient compresses and resizes like a photograph. */
export async function photoJpeg(width: number, height: number, extra: JpegOptions = {}): Promise<Buffer> {
  const noise = await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).png().toBuffer();
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 60 } } })
    .composite([{ input: noise, blend: 'overlay' }])
    .jpeg({ quality: 85, ...extra })
    .toBuffer();
}

export function alphaPng(width = 200, height = 120): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 20, g: 120, b: 220, alpha: 0.5 } } }).png().toBuffer();
}

export async function animatedGif(frames = 4, size = 64): Promise<Buffer> {
  const pages = await Promise.all(Array.from({ length: frames }, (_, i) =>
    sharp({ create: { width: size, height: size, channels: 3, background: { r: i * 60, g: 100, b: 255 - i * 60 } } }).png().toBuffer()));
  return sharp(pages, { join: { animated: true } }).gif({ delay: 100 }).toBuffer();
}

export const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" width="100" height="50"><rect width="100" height="50" fill="#e4572e"/></svg>');
