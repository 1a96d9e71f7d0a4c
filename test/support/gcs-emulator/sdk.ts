// Test-side helpers: the exact Storage options that keep the real SDK on the emulator, and a guard
// that fails loudly (instead of hanging on DNS) if anything tries to leave loopback.

import net from 'node:net';
import { Storage, type StorageOptions } from '@google-cloud/storage';
import type { GcsEmulator } from './types.ts';

/**
 * `apiEndpoint` (with scheme) marks the client as a custom endpoint, so the SDK skips google-auth-library:
 * no token exchange, no metadata-server probe (`projectId` avoids project discovery).
 * `maxRetryDelay` (seconds) caps the SDK's 2^n s backoff so retry tests don't take ~15 s. It can't go
 * below 1 here: file.save() hands it to async-retry as maxTimeout, which throws "minTimeout is greater
 * than maxTimeout" under its 1000 ms minTimeout. Clients that never save can pass 0.05.
 */
export function createTestStorage(emulator: Pick<GcsEmulator, 'url'>, extra: StorageOptions = {}): Storage {
  return new Storage({
    apiEndpoint: emulator.url,
    projectId: 'loupe-test',
    retryOptions: { maxRetryDelay: 1, totalTimeout: 20 },
    ...extra,
  });
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Patches net.Socket#connect so a non-loopback connect fails at once with ECONNREFUSED and is recorded.
 * Nothing else leaves the process here, so a stray token exchange shows up as an entry, not a hang.
 */
export function guardLoopbackOnly(): { attempts: string[]; restore(): void } {
  const attempts: string[] = [];
  const original = net.Socket.prototype.connect;
  const patched = function (this: net.Socket, ...args: unknown[]): net.Socket {
    // net.connect() passes its already-normalized [options, cb] array as the only argument.
    const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    const opts = (typeof first === 'object' && first !== null ? first : { port: first, host: args[1] }) as { host?: unknown; port?: unknown; path?: unknown };
    const host = typeof opts.host === 'string' ? opts.host : 'localhost';
    // IPC sockets have a path and no port; TCP options may carry an unrelated `path` (even null).
    const isIpc = opts.port === undefined && typeof opts.path === 'string';
    if (!isIpc && !LOOPBACK_HOSTS.has(host)) {
      attempts.push(`${host}:${String(opts.port)}`);
      const err = Object.assign(new Error(`blocked non-loopback connection to ${host}:${String(opts.port)}`), { code: 'ECONNREFUSED' });
      process.nextTick(() => this.destroy(err));
      return this;
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  };
  net.Socket.prototype.connect = patched as typeof original;
  return { attempts, restore: () => void (net.Socket.prototype.connect = original) };
}
