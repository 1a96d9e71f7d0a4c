// The two object checksums GCS reports: CRC32C (Castagnoli) and MD5, both base64 of the digest bytes.
// CRC32C is implemented here because the emulator must not add a dependency (the SDK's own CRC32C is internal).

import { createHash } from 'node:crypto';

/** Reflected Castagnoli polynomial; GCS and the SDK use init/xorout 0xFFFFFFFF. */
const CASTAGNOLI = 0x82f63b78;

const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ CASTAGNOLI : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC32C of `data` as an unsigned 32-bit number ("123456789" → 0xe3069283). */
export function crc32c(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** CRC32C the way GCS writes it: 4 big-endian bytes, base64 ("123456789" → "4waSgw=="). */
export function crc32cBase64(data: Uint8Array): string {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32c(data));
  return out.toString('base64');
}

export function md5Base64(data: Uint8Array): string {
  return createHash('md5').update(data).digest('base64');
}
