// Bench inputs, generated on every run (nothing binary is checked in):
// - a photo-like JPEG (colour gradients + low-frequency "texture" noise + fine grain, q85): it compresses
//   like a photograph (4000×3000 ≈ 3 MB; its w-800 WebP q80 ≈ 55 KB, near the 48 KB of perf-baselines §3);
// - a 20000×20000 grayscale PNG "bomb" written by hand: header + deflated zero rows streamed in 4 MiB
//   pieces (the 400 MB of pixels are never allocated; the file is ~390 KB).

import { writeFile } from 'node:fs/promises';
import zlib from 'node:zlib';
import sharp from 'sharp';

/** Deterministic xorshift32: the same bytes on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

/** Raw RGB: gradients, bilinear-interpolated noise on a 24 px grid (survives downscaling) and ±8 grain. */
function photoPixels(width: number, height: number, seed: number): Buffer {
  const rnd = rng(seed);
  const cell = 24;
  const gw = Math.ceil(width / cell) + 2;
  const gh = Math.ceil(height / cell) + 2;
  const grid = new Float32Array(gw * gh * 3);
  for (let k = 0; k < grid.length; k++) grid[k] = ((rnd() & 255) - 127.5) * 0.3;
  const out = Buffer.allocUnsafe(width * height * 3);
  let i = 0;
  for (let y = 0; y < height; y++) {
    const gy = y / height;
    const cy = y / cell;
    const y0 = cy | 0;
    const fy = cy - y0;
    for (let x = 0; x < width; x++) {
      const gx = x / width;
      const cx = x / cell;
      const x0 = cx | 0;
      const fx = cx - x0;
      const fine = ((rnd() & 255) - 127.5) * 0.12;
      for (let c = 0; c < 3; c++) {
        const a = grid[(y0 * gw + x0) * 3 + c]!;
        const b = grid[(y0 * gw + x0 + 1) * 3 + c]!;
        const d = grid[((y0 + 1) * gw + x0) * 3 + c]!;
        const e = grid[((y0 + 1) * gw + x0 + 1) * 3 + c]!;
        const mid = (a * (1 - fx) + b * fx) * (1 - fy) + (d * (1 - fx) + e * fx) * fy;
        const base = c === 0 ? 40 + 170 * gx : c === 1 ? 50 + 150 * gy : 210 - 75 * (gx + gy);
        const v = base + mid + fine;
        out[i++] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    }
  }
  return out;
}

export async function photoJpeg(width: number, height: number, seed = 42): Promise<Buffer> {
  return sharp(photoPixels(width, height, seed), { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(data, zlib.crc32(head.subarray(4))) >>> 0);
  return Buffer.concat([head, data, crc]);
}

/** A valid 8-bit grayscale PNG of width×height zero pixels (filter byte 0 + zeros per row). */
export async function pngBomb(width: number, height: number): Promise<Buffer> {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(0, 9); // colour type 0: grayscale
  // compression 0, filter 0, interlace 0 are already zero
  const deflate = zlib.createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (c: Buffer) => parts.push(c));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  const zero = Buffer.alloc(4 * 1024 * 1024); // never written to, so it can be queued repeatedly
  let left = height * (width + 1);
  const pump = (): void => {
    while (left > 0) {
      const n = Math.min(left, zero.length);
      left -= n;
      if (!deflate.write(n === zero.length ? zero : zero.subarray(0, n))) {
        deflate.once('drain', pump);
        return;
      }
    }
    deflate.end();
  };
  pump();
  await done;
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', ihdr), pngChunk('IDAT', Buffer.concat(parts)), pngChunk('IEND', Buffer.alloc(0))]);
}

export interface Fixtures {
  photo: Buffer;
  photo24: Buffer;
  bomb: Buffer;
}

/** Writes photo.jpg, miss-r<N>.jpg (byte-identical copies: a fresh cache key per round), big.jpg, bomb.png. */
export async function writeFixtures(dir: string, rounds: number): Promise<Fixtures> {
  const [photo, photo24, bomb] = await Promise.all([photoJpeg(4000, 3000), photoJpeg(6000, 4000, 7), pngBomb(20000, 20000)]);
  await writeFile(`${dir}/photo.jpg`, photo);
  for (let r = 0; r < rounds; r++) await writeFile(`${dir}/miss-r${r}.jpg`, photo);
  await writeFile(`${dir}/big.jpg`, photo24);
  await writeFile(`${dir}/bomb.png`, bomb);
  return { photo, photo24, bomb };
}
