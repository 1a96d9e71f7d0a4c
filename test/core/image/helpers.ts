// Test images for the pipeline tests, made with sharp at run time, and small chain/pixel helpers.

import sharp from 'sharp';
import { DEFAULT_IMAGES, type ImagesConfig } from '../../../shared/config.ts';
import type { Chain, TransformStep } from '../../../shared/transform/types.ts';
import { createImagePipeline } from '../../../electron/core/image/index.ts';

export const num = (value: number) => ({ kind: 'num', value }) as const;
export const v = (name: 'iw' | 'ih' | 'cw' | 'ch' | 'iar' | 'car') => ({ kind: 'var', name }) as const;
/** One chain step from TransformStep fields. */
export const step = (s: TransformStep): Chain[number] => ({ kind: 'step', ...s });
export const chain = (...steps: TransformStep[]): Chain => steps.map(step);

export function pipeline(images: Partial<ImagesConfig> = {}, opts: { concurrency?: number; maxQueue?: number } = {}) {
  return createImagePipeline({ images: { ...DEFAULT_IMAGES, ...images }, ...opts });
}

/** Noise over a colour: compresses and resizes like a photograph. */
export async function photoJpeg(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/**
 * A position-encoding PNG: R = 255·x/(w-1), G = 255·y/(h-1), B = 255. Any output pixel tells where it
 * came from in the original; padding (black by default) has B = 0.
 */
export async function gradientPng(width: number, height: number): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = Math.round((255 * x) / (width - 1));
      data[i + 1] = Math.round((255 * y) / (height - 1));
      data[i + 2] = 255;
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

/** Left half red, right half blue. */
export async function halvesPng(width: number, height: number): Promise<Buffer> {
  const blue = await sharp({ create: { width: width / 2, height, channels: 3, background: '#0000ff' } }).png().toBuffer();
  return sharp({ create: { width, height, channels: 3, background: '#ff0000' } }).composite([{ input: blue, left: width / 2, top: 0 }]).png().toBuffer();
}

export function alphaPng(width = 200, height = 120): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 20, g: 120, b: 220, alpha: 0.5 } } }).png().toBuffer();
}

export async function animatedGif(frames = 3, width = 60, height = 40): Promise<Buffer> {
  const pages = await Promise.all(
    Array.from({ length: frames }, (_, i) => sharp({ create: { width, height, channels: 3, background: { r: i * 100, g: 100, b: 255 - i * 100 } } }).png().toBuffer()),
  );
  return sharp(pages, { join: { animated: true } }).gif({ delay: 100, loop: 0 }).toBuffer();
}

export const SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" width="100" height="50"><rect width="100" height="50" fill="#e4572e"/><circle cx="25" cy="25" r="20" fill="#fff"/></svg>',
);

/** A 300×200 gradient stored with EXIF orientation 6 (display = rotate 90° clockwise → 200×300). */
export async function orientedJpeg(): Promise<Buffer> {
  return sharp(await gradientPng(300, 200)).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer();
}

export interface Pixels {
  width: number;
  height: number;
  channels: number;
  at(x: number, y: number): number[];
}

export async function pixels(buf: Buffer, page = 0): Promise<Pixels> {
  const { data, info } = await sharp(buf, { page }).raw().toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    channels: info.channels,
    at: (x, y) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x + 1) * info.channels)],
  };
}

export async function meta(buf: Buffer) {
  return sharp(buf).metadata();
}
