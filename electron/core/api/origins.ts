// origins.* channels: list, get, save (with a service-account key into the secret box), remove, check
// (saved or draft) and validateKey (local, instant).

import { readFile } from 'node:fs/promises';
import type { KeyInput, KeyValidationDto, OriginCheckDto, OriginConfigJson, OriginSaveInput, OriginView } from '../../../shared/contract.ts';
import { LoupeError } from '../../../shared/errors.ts';
import type { Core } from '../index.ts';
import { validateServiceAccountKey } from '../origins/gcs-key.ts';
import { gcsKeySecret } from '../settings/secret-box.ts';
import { bad, idInput, isObject, record, text } from './validate.ts';

const MAX_KEY = 64 * 1024;

function originList(raw: Record<string, unknown>): OriginConfigJson[] {
  return Array.isArray(raw.origins) ? (raw.origins as OriginConfigJson[]) : [];
}

function endpointList(raw: Record<string, unknown>): { id: string; origins: string[] }[] {
  return Array.isArray(raw.endpoints) ? (raw.endpoints as { id: string; origins: string[] }[]) : [];
}

export function validateKeyDto(json: string): KeyValidationDto {
  const v = validateServiceAccountKey(json);
  return v.ok ? { ok: true, summary: v.summary, warnings: v.warnings } : { ok: false, problem: v.problem, message: v.message };
}

async function view(core: Core, o: OriginConfigJson): Promise<OriginView> {
  const usedBy = endpointList(core.raw).filter((e) => e.origins.includes(o.id)).map((e) => e.id);
  const result: OriginView = { config: o, usedBy };
  if (o.type !== 'gcs') return result;
  const where = await core.secrets.where(gcsKeySecret(o.id));
  let keyText = where ? await core.secrets.get(gcsKeySecret(o.id)) : undefined;
  const parsed = core.config.origins.find((x) => x.id === o.id);
  if (!keyText && parsed?.type === 'gcs' && parsed.keyFile) keyText = await readFile(parsed.keyFile, 'utf8').catch(() => undefined);
  const v = keyText ? validateServiceAccountKey(keyText) : undefined;
  if (v?.ok) result.key = { ...v.summary, storage: where ?? 'keyFile' };
  return result;
}

function parseKey(v: unknown, channel: string): KeyInput | undefined {
  if (v === undefined) return undefined;
  const k = record(v, channel, ['json', 'storage'], '{ json, storage }');
  const json = text(k.json, channel, 'key.json', MAX_KEY);
  if (k.storage !== 'persisted' && k.storage !== 'session') bad(`${channel}: "key.storage" must be "persisted" or "session"`, { field: 'key.storage' });
  const check = validateServiceAccountKey(json);
  if (!check.ok) bad(check.message, { field: 'key', problem: check.problem });
  return { json, storage: k.storage };
}

function parseOriginJson(v: unknown, channel: string): OriginConfigJson {
  if (!isObject(v)) bad(`${channel}: "origin" must be an object like { "id": "photos", "type": "folder", "root": "/path" }`);
  text(v.id, channel, 'origin.id', 64);
  if (v.type !== 'folder' && v.type !== 'web' && v.type !== 'gcs') bad(`${channel}: "origin.type" must be "folder", "web" or "gcs"`, { field: 'origin.type' });
  return v as OriginConfigJson;
}

export function originHandlers(core: Core) {
  const find = (id: string) => {
    const o = originList(core.raw).find((x) => x.id === id);
    if (!o) bad(`No origin "${id}" (known: ${originList(core.raw).map((x) => x.id).join(', ') || 'none'})`, { field: 'id' });
    return o;
  };
  return {
    'origins.list': async () => Promise.all(originList(core.raw).map((o) => view(core, o))),
    'origins.get': async (input: unknown) => view(core, find(idInput(input, 'origins.get'))),
    'origins.save': async (input: unknown) => {
      const i = record(input, 'origins.save', ['origin', 'previousId', 'key']);
      const origin = parseOriginJson(i.origin, 'origins.save');
      const previousId = i.previousId === undefined ? undefined : text(i.previousId, 'origins.save', 'previousId', 64);
      const key = parseKey(i.key, 'origins.save');
      if (key && origin.type !== 'gcs') bad('origins.save: only GCS origins take a service-account key', { field: 'key' });
      const target = previousId ?? origin.id;
      await core.update((raw) => {
        const list = originList(raw);
        const at = list.findIndex((o) => o.id === target);
        if (previousId !== undefined && at < 0) bad(`origins.save: no origin "${previousId}" to change`, { field: 'previousId' });
        if (previousId === undefined && at >= 0) bad(`origins.save: an origin "${origin.id}" exists already; choose another id`, { field: 'origin.id' });
        if (at >= 0) list[at] = origin;
        else list.push(origin);
        const endpoints = endpointList(raw).map((e) => ({ ...e, origins: e.origins.map((id) => (id === target ? origin.id : id)) }));
        return { ...raw, origins: list, endpoints };
      });
      if (key) await core.secrets.set(gcsKeySecret(origin.id), key.json, key.storage === 'persisted');
      if (previousId && previousId !== origin.id) {
        const old = await core.secrets.get(gcsKeySecret(previousId));
        const where = await core.secrets.where(gcsKeySecret(previousId));
        if (old && !key) await core.secrets.set(gcsKeySecret(origin.id), old, where === 'persisted');
        await core.secrets.delete(gcsKeySecret(previousId));
      }
      // The origin instance reads its key lazily: rebuild it so a new key takes effect now.
      if (key) await core.update((raw) => raw);
      return view(core, find(origin.id));
    },
    'origins.remove': async (input: unknown) => {
      const id = idInput(input, 'origins.remove');
      find(id);
      const users = endpointList(core.raw).filter((e) => e.origins.includes(id)).map((e) => e.id);
      if (users.length) bad(`Origin "${id}" is used by endpoint${users.length > 1 ? 's' : ''} ${users.map((u) => `"/${u}"`).join(', ')}: remove it there first`, { field: 'id', usedBy: users });
      await core.update((raw) => ({ ...raw, origins: originList(raw).filter((o) => o.id !== id) }));
      await core.secrets.delete(gcsKeySecret(id));
      return { removed: id };
    },
    'origins.check': async (input: unknown): Promise<OriginCheckDto> => {
      const i = record(input, 'origins.check', ['id', 'draft', 'key'], '{ id } or { draft, key? }');
      if (i.id !== undefined) {
        const id = text(i.id, 'origins.check', 'id', 64);
        find(id);
        return core.origins.get(id)!.check();
      }
      const draft = parseOriginJson(i.draft, 'origins.check');
      const key = parseKey(i.key, 'origins.check');
      let parsed;
      try {
        parsed = (await core.parse({ origins: [draft] })).origins[0]!;
      } catch (e) {
        if (e instanceof LoupeError) bad(e.message.replace(/^origins\[0\]/, 'origin'), e.details);
        throw e;
      }
      return core.makeOrigin(parsed, key?.json ?? (await core.secrets.get(gcsKeySecret(draft.id)))).check();
    },
    'origins.validateKey': async (input: unknown) => validateKeyDto(text(record(input, 'origins.validateKey', ['json']).json, 'origins.validateKey', 'json', MAX_KEY)),
  };
}

