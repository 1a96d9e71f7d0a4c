// The GCS emulator's public surface: start it, make test keys, and the types tests use.

export { startGcsEmulator } from './server.ts';
export { makeTestServiceAccountKey, type ServiceAccountKey } from './auth.ts';
export { crc32cBase64, md5Base64 } from './hashes.ts';
export type * from './types.ts';
export { createTestStorage, guardLoopbackOnly } from './sdk.ts';
