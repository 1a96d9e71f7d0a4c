// Reads a stream into memory with a byte cap, so an origin that lies about its size cannot exhaust memory.

import type { Readable } from 'node:stream';
import { LoupeError } from '../../../shared/errors.ts';

export async function readLimited(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    total += buf.length;
    if (total > maxBytes) {
      stream.destroy();
      throw new LoupeError('INPUT_TOO_LARGE', `The original is larger than ${maxBytes} bytes (images.maxInputBytes)`);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks, total);
}
