// The Host header of the delivery request being served, for web origins with `forwardHost: true`.
// Origins are shared by every request, so the server sets it per request in an AsyncLocalStorage.

import { AsyncLocalStorage } from 'node:async_hooks';

const store = new AsyncLocalStorage<string | undefined>();

export function withRequestHost<T>(host: string | undefined, fn: () => T): T {
  return store.run(host, fn);
}

export function currentRequestHost(): string | undefined {
  return store.getStore();
}
