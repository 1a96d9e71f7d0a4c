// CRC32C/MD5 as GCS encodes them, checked against published check values and the SDK's own CRC32C.

import { randomBytes } from 'node:crypto';
import { CRC32C } from '@google-cloud/storage';
import { describe, expect, it } from 'vitest';
import { crc32cBase64, md5Base64 } from '../support/gcs-emulator/index.ts';

describe('gcs-emulator hashes', () => {
  it('matches the Castagnoli check value and the empty-object hashes GCS reports', () => {
    expect(crc32cBase64(Buffer.from('123456789'))).toBe('4waSgw==');
    expect(crc32cBase64(Buffer.alloc(0))).toBe('AAAAAA==');
    expect(md5Base64(Buffer.alloc(0))).toBe('1B2M2Y8AsgTpgAmY7PhCfg==');
  });

  it('agrees with the SDK CRC32C on random data of odd lengths', () => {
    for (const n of [1, 7, 255, 4096, 100_003]) {
      const data = randomBytes(n);
      const sdk = new CRC32C();
      sdk.update(data);
      expect(crc32cBase64(data)).toBe(sdk.toString());
    }
  });
});
