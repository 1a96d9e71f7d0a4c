// Transform latency of the image pipeline: a photo-like 4000×3000 JPEG to w-800 (perf-baselines §1).
// Sequential, after a warmup; prints p50/p90 per output, with raw sharp alone as the in-run baseline.
// Run: npx esbuild test/bench/image-latency.ts --bundle --platform=node --format=esm --packages=external --outfile=node_modules/.cache/loupe-bench/image-latency.mjs && node node_modules/.cache/loupe-bench/image-latency.mjs
// (bundled under node_modules/ so the external `sharp` import resolves; node_modules is git-ignored)

import sharp from 'sharp';
import { DEFAULT_IMAGES } from '../../shared/config.ts';
import type { Chain } from '../../shared/transform/types.ts';
import { createImagePipeline } from '../../electron/core/image/index.ts';

const RUNS = Number(process.env.RUNS ?? 20);
const WARMUP = 3;

async function photo(): Promise<Buffer> {
  return sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .blur(1.2) // softens pure noise into something that compresses like a photograph
    .jpeg({ quality: 85 })
    .toBuffer();
}

async function time(label: string, fn: () => Promise<number>): Promise<void> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    bytes = await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const q = (f: number) => ms[Math.min(ms.length - 1, Math.floor(f * ms.length))]!.toFixed(1);
  console.log(`${label.padEnd(34)} p50 ${q(0.5).padStart(6)} ms  p90 ${q(0.9).padStart(6)} ms  ${(bytes / 1024).toFixed(1)} KiB`);
}

const input = await photo();
console.log(`input ${(input.length / 1024 / 1024).toFixed(2)} MiB, sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, ${RUNS} runs`);
const pipeline = createImagePipeline({ images: { ...DEFAULT_IMAGES, avif: true } });
const w800: Chain = [{ kind: 'step', width: { kind: 'num', value: 800 }, quality: 80 }];
const withFormat = (format: 'webp' | 'jpg' | 'avif'): Chain => [{ ...w800[0]!, kind: 'step', format }];

await time('raw sharp  w-800 WebP q80', async () => (await sharp(input).resize(800).webp({ quality: 80 }).toBuffer()).length);
await time('pipeline   w-800 WebP q80', async () => (await pipeline.transform({ input, chain: withFormat('webp') })).data.length);
await time('pipeline   w-800 f-auto (Accept webp)', async () => (await pipeline.transform({ input, chain: w800, accept: 'image/webp' })).data.length);
await time('pipeline   w-800 JPEG q80', async () => (await pipeline.transform({ input, chain: withFormat('jpg') })).data.length);
await time('pipeline   w-800 AVIF q80 (chosen effort)', async () => (await pipeline.transform({ input, chain: withFormat('avif') })).data.length);
if (process.env.AVIF_EFFORTS) {
  for (const effort of process.env.AVIF_EFFORTS.split(',').map(Number)) {
    await time(`raw sharp  w-800 AVIF q80 effort ${effort}`, async () => (await sharp(input).resize(800).avif({ quality: 80, effort }).toBuffer()).length);
  }
}
