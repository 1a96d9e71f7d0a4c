// Where secrets live (service-account keys, the signing key): the desktop app injects one on Electron's
// safeStorage; headless runs use a 0600 file that is honestly reported as not protected at rest.

import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface SecretBox {
  /** false for `basic_text`, no keyring, or the headless file store: the GUI says so and asks first. */
  readonly protectedAtRest: boolean;
  /** e.g. 'gnome_libsecret', 'basic_text', 'file', 'memory' */
  readonly backend: string;
  get(name: string): Promise<string | undefined>;
  /** persist=false keeps the secret in memory until the process ends. */
  set(name: string, value: string, persist: boolean): Promise<void>;
  delete(name: string): Promise<void>;
  /** Where a secret lives, for the GUI: persisted, session-only, or absent. */
  where(name: string): Promise<'persisted' | 'session' | undefined>;
}

/** Session secrets shared by every implementation: a Map that dies with the process. */
export function sessionLayer(persisted: { get(n: string): Promise<string | undefined>; set(n: string, v: string): Promise<void>; delete(n: string): Promise<void> }, info: { protectedAtRest: boolean; backend: string }): SecretBox {
  const session = new Map<string, string>();
  return {
    ...info,
    async get(name) {
      return session.get(name) ?? (await persisted.get(name));
    },
    async set(name, value, persist) {
      if (persist) {
        session.delete(name);
        await persisted.set(name, value);
      } else {
        session.set(name, value);
        await persisted.delete(name);
      }
    },
    async delete(name) {
      session.delete(name);
      await persisted.delete(name);
    },
    async where(name) {
      if (session.has(name)) return 'session';
      return (await persisted.get(name)) !== undefined ? 'persisted' : undefined;
    },
  };
}

/** Plain JSON in `<dataDir>/secrets.json`, mode 0600, written atomically. Not encrypted. */
export function createFileSecretBox(dataDir: string): SecretBox {
  const file = path.join(dataDir, 'secrets.json');
  let cache: Record<string, string> | undefined;
  const load = async (): Promise<Record<string, string>> => (cache ??= await readFile(file, 'utf8').then((t) => JSON.parse(t) as Record<string, string>, () => ({} as Record<string, string>)));
  const save = async (data: Record<string, string>) => {
    await mkdir(dataDir, { recursive: true });
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, JSON.stringify(data), { mode: 0o600 });
    await chmod(tmp, 0o600);
    await rename(tmp, file);
    cache = data;
  };
  return sessionLayer({
    get: async (n) => (await load())[n],
    set: async (n, v) => save({ ...(await load()), [n]: v }),
    async delete(n) {
      const data = await load();
      if (!(n in data)) return;
      const { [n]: _gone, ...rest } = data;
      await save(rest);
    },
  }, { protectedAtRest: false, backend: 'file' });
}

export function createMemorySecretBox(): SecretBox {
  const data = new Map<string, string>();
  return sessionLayer({
    get: async (n) => data.get(n),
    set: async (n, v) => void data.set(n, v),
    delete: async (n) => void data.delete(n),
  }, { protectedAtRest: false, backend: 'memory' });
}

export const gcsKeySecret = (originId: string) => `gcs-key:${originId}`;
export const SIGNING_SECRET = 'signing-private-key';
