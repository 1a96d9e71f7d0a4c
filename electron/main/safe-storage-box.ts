// The desktop app's SecretBox on Electron's safeStorage, through the ASYNC API (the sync one is deprecated
// in Electron 45). Ciphertext lives in `<userData>/secrets` (one JSON file, atomic 0600 writes);
// session-only secrets stay in memory (core's sessionLayer). With Linux's `basic_text` backend the
// "encryption" uses a hard-coded password, so the box reports protectedAtRest: false and warns.

import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createFileSecretBox, sessionLayer, type SecretBox } from '../core/settings/secret-box.ts';

/** The part of Electron's `safeStorage` this module uses (the fake in tests implements the same). */
export interface AsyncSafeStorage {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  getSelectedStorageBackend(): string;
}

export interface SafeStorageBoxOptions {
  safeStorage: AsyncSafeStorage;
  /** `app.getPath('userData')`; the ciphertext goes to `<dir>/secrets`. */
  dir: string;
  /** @default process.platform */
  platform?: NodeJS.Platform;
  log?: Pick<Console, 'warn'>;
}

interface SecretsFile {
  version: 1;
  /** The backend that sealed the entries (informational: a changed keyring shows up here). */
  backend: string;
  /** name → base64 ciphertext */
  entries: Record<string, string>;
}

/** Linux names its backend; macOS (Keychain) and Windows (DPAPI) always protect at rest. */
export function storageBackend(safeStorage: AsyncSafeStorage, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'keychain';
  if (platform === 'win32') return 'dpapi';
  return safeStorage.getSelectedStorageBackend();
}

export const UNPROTECTED_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown']);

export const SECRETS_FILE = 'secrets';

/** Call after `app` is ready: before it, the backend is `unknown` and the async encryptor cannot start. */
export async function createSafeStorageSecretBox(options: SafeStorageBoxOptions): Promise<SecretBox> {
  const { safeStorage, dir } = options;
  const log = options.log ?? console;
  const platform = options.platform ?? process.platform;
  const available = await safeStorage.isAsyncEncryptionAvailable().catch(() => false);
  if (!available) {
    log.warn('loupe: safeStorage encryption is not available; secrets you choose to keep are stored unencrypted (0600 file). Prefer "this session only".');
    return createFileSecretBox(dir);
  }
  const backend = storageBackend(safeStorage, platform);
  const protectedAtRest = !UNPROTECTED_BACKENDS.has(backend);
  if (!protectedAtRest) {
    log.warn(`loupe: the secret store backend is "${backend}" (no keyring found): secrets kept across restarts are only obfuscated, not protected at rest.`);
  }

  const file = path.join(dir, SECRETS_FILE);
  let data: SecretsFile | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const load = async (): Promise<SecretsFile> => {
    if (data) return data;
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<SecretsFile>;
      data = { version: 1, backend: String(parsed.backend ?? backend), entries: { ...(parsed.entries ?? {}) } };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') log.warn(`loupe: ${file} is unreadable (${(e as Error).message}); starting with no stored secrets.`);
      data = { version: 1, backend, entries: {} };
    }
    return data;
  };
  const save = async (next: SecretsFile) => {
    await mkdir(dir, { recursive: true });
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, JSON.stringify(next), { mode: 0o600 });
      await chmod(tmp, 0o600); // the umask may have narrowed the mode, never widened it; make it exact
      await rename(tmp, file);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    data = next;
  };
  /** Writes run one after another, so two quick saves never race on the rename. */
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  };
  const write = (name: string, ciphertext: string | undefined) => serial(async () => {
    const current = await load();
    const entries = { ...current.entries };
    if (ciphertext === undefined) {
      if (!(name in entries)) return;
      delete entries[name];
    } else entries[name] = ciphertext;
    await save({ version: 1, backend, entries });
  });
  const seal = async (value: string) => (await safeStorage.encryptStringAsync(value)).toString('base64');

  const persisted = {
    async get(name: string): Promise<string | undefined> {
      await queue;
      const sealed = (await load()).entries[name];
      if (sealed === undefined) return undefined;
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'));
        // The key was rotated or a stronger one became available: re-seal so the next read uses it.
        if (shouldReEncrypt) await write(name, await seal(result)).catch((e: unknown) => log.warn(`loupe: could not re-seal secret "${name}": ${(e as Error).message}`));
        return result;
      } catch (e) {
        // A changed keyring cannot open old entries; keep the file (the keyring may come back) and ask again.
        log.warn(`loupe: secret "${name}" cannot be decrypted (${(e as Error).message}); it must be entered again.`);
        return undefined;
      }
    },
    async set(name: string, value: string) {
      await write(name, await seal(value));
    },
    async delete(name: string) {
      await write(name, undefined);
    },
  };
  return sessionLayer(persisted, { protectedAtRest, backend });
}
