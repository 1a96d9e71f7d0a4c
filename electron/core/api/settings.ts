// settings.get|update, config.export|import, system.pickFolder. Secrets never leave the core: the
// signing key goes to the secret box, and an export carries neither it nor any key contents.

import type { SettingsPatch, SettingsView } from '../../../shared/contract.ts';
import type { Core } from '../index.ts';
import { SIGNING_SECRET } from '../settings/secret-box.ts';
import { bad, isObject, record } from './validate.ts';

const GROUPS = { server: ['host', 'port', 'cacheControl'], cache: ['maxBytes'], images: ['autoFormat', 'avif', 'defaultQuality', 'maxInputPixels', 'maxInputBytes', 'maxOutputDimension', 'maxChainSteps'] } as const;

async function view(core: Core): Promise<SettingsView> {
  const c = core.config;
  return {
    server: c.server, cache: c.cache, images: c.images, namedTransformations: c.namedTransformations,
    signing: { hasPrivateKey: !!c.signing.privateKey },
    dataDir: core.dataDir,
    secrets: { protectedAtRest: core.secrets.protectedAtRest, backend: core.secrets.backend },
  };
}

function withoutSecrets(raw: Record<string, unknown>): Record<string, unknown> {
  const { signing, ...rest } = raw;
  const { privateKey: _dropped, ...keptSigning } = (isObject(signing) ? signing : {}) as Record<string, unknown>;
  return Object.keys(keptSigning).length ? { ...rest, signing: keptSigning } : rest;
}

export function settingsHandlers(core: Core) {
  return {
    'settings.get': async () => view(core),
    'settings.update': async (input: unknown) => {
      const patch = record(input, 'settings.update', ['server', 'cache', 'images', 'namedTransformations', 'signing']) as SettingsPatch;
      for (const [group, keys] of Object.entries(GROUPS)) {
        const value = (patch as Record<string, unknown>)[group];
        if (value !== undefined) record(value, `settings.update: ${group}`, keys);
      }
      if (patch.namedTransformations !== undefined && !isObject(patch.namedTransformations)) bad('settings.update: "namedTransformations" must be an object of name → transformation');
      let signingKey: string | null | undefined;
      if (patch.signing !== undefined) {
        const s = record(patch.signing, 'settings.update: signing', ['privateKey']);
        if (s.privateKey !== null && s.privateKey !== undefined && (typeof s.privateKey !== 'string' || s.privateKey.length < 8)) {
          bad('settings.update: "signing.privateKey" must be a string of at least 8 characters, or null to remove it', { field: 'signing.privateKey' });
        }
        signingKey = s.privateKey as string | null | undefined;
      }
      // Store the secret first so the update below sees it; roll back if the config turns out invalid.
      const previousKey = await core.secrets.get(SIGNING_SECRET);
      if (signingKey === null) await core.secrets.delete(SIGNING_SECRET);
      else if (signingKey !== undefined) await core.secrets.set(SIGNING_SECRET, signingKey, true);
      try {
        await core.update((raw) => {
          const next: Record<string, unknown> = { ...raw };
          for (const group of Object.keys(GROUPS)) {
            const value = (patch as Record<string, unknown>)[group];
            if (value !== undefined) next[group] = { ...(isObject(raw[group]) ? raw[group] : {}), ...value };
          }
          if (patch.namedTransformations !== undefined) next.namedTransformations = patch.namedTransformations;
          if (signingKey !== undefined && isObject(raw.signing)) next.signing = {};
          return next;
        });
      } catch (e) {
        if (signingKey !== undefined) {
          if (previousKey === undefined) await core.secrets.delete(SIGNING_SECRET);
          else await core.secrets.set(SIGNING_SECRET, previousKey, true);
        }
        throw e;
      }
      return view(core);
    },
    'config.export': async () => ({ config: withoutSecrets(core.raw) }),
    'config.import': async (input: unknown) => {
      const i = record(input, 'config.import', ['config']);
      if (!isObject(i.config)) bad('config.import: "config" must be the content of a config file (a JSON object)');
      // A signing key in the imported file moves to the secret box instead of the settings.
      const importedKey = isObject(i.config.signing) ? i.config.signing.privateKey : undefined;
      const previousKey = await core.secrets.get(SIGNING_SECRET);
      const replacesKey = typeof importedKey === 'string' && importedKey.length >= 8;
      if (replacesKey) await core.secrets.set(SIGNING_SECRET, importedKey, true);
      const incoming = withoutSecrets(i.config);
      let next;
      try {
        next = await core.update(() => incoming);
      } catch (e) {
        if (replacesKey) {
          if (previousKey === undefined) await core.secrets.delete(SIGNING_SECRET);
          else await core.secrets.set(SIGNING_SECRET, previousKey, true);
        }
        throw e;
      }
      return { origins: next.origins.length, endpoints: next.endpoints.length };
    },
    'system.pickFolder': async () => {
      const pick = core.options.channelOverrides?.['system.pickFolder'];
      if (!pick) bad('Only the desktop app has a folder picker: type the folder\'s path instead');
      return pick();
    },
  };
}
