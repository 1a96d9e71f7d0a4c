// Settings migrations, one per version bump, each small and idempotent (conf's migration support has
// known bugs, so every step must be safe to run twice). Keyed by the version that introduced the change.

type Store = { get(key: string): unknown; set(key: string, value: unknown): void; has(key: string): boolean };

export const SETTINGS_VERSION = '1.0.0';

export const MIGRATIONS: Record<string, (store: Store) => void> = {
  // 1.0.0: the first schema. Settings written by pre-release builds kept the signing key in the
  // settings file; it belongs in the secret store, so it is dropped here (and re-entered in the GUI).
  '1.0.0': (store) => {
    const signing = store.get('signing') as { privateKey?: unknown } | undefined;
    if (signing && 'privateKey' in signing) store.set('signing', {});
    for (const key of ['origins', 'endpoints']) if (!Array.isArray(store.get(key))) store.set(key, []);
  },
};
