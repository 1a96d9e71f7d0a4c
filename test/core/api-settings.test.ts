// The desktop-app channels over a real core with conf settings and a file secret box: what the GUI
// does (add a GCS origin with a key, attach it, reorder, change settings) and that bad input is data.

import { readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../electron/core/api.ts';
import { createCore, type Core } from '../../electron/core/index.ts';
import { createConfStore } from '../../electron/core/settings/store.ts';
import { request } from '../support/http.ts';
import { photoJpeg } from '../support/images.ts';
import { makeTestServiceAccountKey, startGcsEmulator, type GcsEmulator } from '../support/gcs-emulator/index.ts';

let emu: GcsEmulator;
let dataDir: string;
let core: Core;
let api: Api;
const key = JSON.stringify(makeTestServiceAccountKey({ clientEmail: 'reader@p.iam.gserviceaccount.com', projectId: 'p' }));

async function ok<T = any>(channel: string, input?: unknown): Promise<T> {
  const r = await api.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value as T;
}
async function err(channel: string, input?: unknown): Promise<string> {
  const r = await api.dispatch(channel, input);
  if (r.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return r.error.message;
}

beforeAll(async () => {
  emu = await startGcsEmulator({ buckets: { shots: {} } });
  emu.seed('shots', 'img/a.jpg', await photoJpeg(400, 300), { contentType: 'image/jpeg' });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'loupe-api-'));
  core = await createCore({ dataDir, settings: createConfStore(dataDir), seed: { origins: [], endpoints: [] } });
  await core.start({ host: '127.0.0.1', port: 0 });
  api = createApi(core);
});
afterAll(async () => {
  await core.stop();
  await emu.close();
});

describe('desktop-app channels', () => {
  it('validates a key locally and names the mistake', async () => {
    expect(await ok('origins.validateKey', { json: key })).toMatchObject({ ok: true, summary: { client_email: 'reader@p.iam.gserviceaccount.com' } });
    expect(await ok('origins.validateKey', { json: '{"installed":{}}' })).toMatchObject({ ok: false, problem: 'oauth-client' });
  });

  it('tests a draft GCS origin with its key before saving', async () => {
    const draft = { id: 'shots', type: 'gcs', bucket: 'shots', prefix: 'img/', apiEndpoint: emu.url };
    const check = await ok('origins.check', { draft, key: { json: key, storage: 'persisted' } });
    expect(check.ok).toBe(true);
    expect(check.checks.at(-1).sample).toBe('a.jpg');
  });

  it('saves the origin with its key in the secret box, attaches it, and serves from it', async () => {
    const view = await ok('origins.save', { origin: { id: 'shots', type: 'gcs', bucket: 'shots', prefix: 'img/', apiEndpoint: emu.url }, key: { json: key, storage: 'persisted' } });
    expect(view.key).toEqual({ client_email: 'reader@p.iam.gserviceaccount.com', project_id: 'p', private_key_id: expect.any(String), storage: 'persisted' });
    expect(JSON.stringify(view)).not.toContain('PRIVATE KEY');
    const settingsFile = await readFile(path.join(dataDir, 'config.json'), 'utf8');
    expect(settingsFile).not.toContain('PRIVATE KEY');
    const ep = await ok('endpoints.save', { endpoint: { id: 'shots', origins: ['shots'] } });
    expect(ep.url).toBe(`${core.url}/shots`);
    const r = await request(core.url!, '/shots/tr:w-100/a.jpg');
    expect(r.status).toBe(200);
    expect(r.headers['x-loupe-origin']).toBe('shots');
  });

  it('reordering origins changes which origin serves a URL', async () => {
    const { mkdir, writeFile } = await import('node:fs/promises');
    const folder = path.join(dataDir, 'local');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'a.jpg'), await photoJpeg(50, 50));
    await ok('origins.save', { origin: { id: 'local', type: 'folder', root: folder } });
    await ok('endpoints.save', { endpoint: { id: 'shots', origins: ['local', 'shots'] }, previousId: 'shots' });
    expect((await request(core.url!, '/shots/a.jpg')).headers['x-loupe-origin']).toBe('local');
    await ok('endpoints.save', { endpoint: { id: 'shots', origins: ['shots', 'local'] }, previousId: 'shots' });
    expect((await request(core.url!, '/shots/a.jpg')).headers['x-loupe-origin']).toBe('shots');
  });

  it('explains a URL: endpoint, transformation, and what each origin answered', async () => {
    const x = await ok('endpoints.explain', { url: `${core.url}/shots/tr:h-20,w-10/nope.jpg` });
    expect(x).toMatchObject({ endpoint: 'shots', key: 'nope.jpg', transformation: 'h-20,w-10', status: 404 });
    expect(x.attempts.map((a: any) => [a.origin, a.location, a.outcome])).toEqual([['shots', 'gs://shots/img/nope.jpg', 'not-found'], ['local', path.join(dataDir, 'local', 'nope.jpg'), 'not-found']]);
    expect(x.summary).toBe(`Not found: "nope.jpg" was looked up in shots (gs://shots/img/nope.jpg) and local (${path.join(dataDir, 'local', 'nope.jpg')}); neither has it.`);
  });

  it('settings persist across a restart; a bad value names its field', async () => {
    const v = await ok('settings.update', { images: { avif: true, defaultQuality: 70 }, signing: { privateKey: 'a-long-signing-key' } });
    expect(v).toMatchObject({ images: { avif: true, defaultQuality: 70 }, signing: { hasPrivateKey: true }, secrets: { protectedAtRest: false, backend: 'file' } });
    expect(await err('settings.update', { images: { defaultQuality: 500 } })).toContain('images.defaultQuality: expected an integer from 1 to 100');
    const again = await createCore({ dataDir, settings: createConfStore(dataDir) });
    expect(again.config.images).toMatchObject({ avif: true, defaultQuality: 70 });
    expect(again.config.signing.privateKey).toBe('a-long-signing-key');
    expect(again.config.origins.map((o) => o.id)).toEqual(['shots', 'local']);
    await again.stop();
  });

  it('exports without secrets and imports with validation', async () => {
    const { config } = await ok('config.export');
    expect(JSON.stringify(config)).not.toMatch(/PRIVATE KEY|a-long-signing-key/);
    expect(config.origins).toHaveLength(2);
    expect(await err('config.import', { config: { ...config, endpoints: [{ id: 'x', origins: ['ghost'] }] } })).toContain('endpoints[0].origins[0]: no origin with id "ghost"');
    expect(await ok('config.import', { config })).toEqual({ origins: 2, endpoints: 1 });
  });

  it('refuses to remove an origin an endpoint uses, and removes it afterwards', async () => {
    expect(await err('origins.remove', { id: 'local' })).toContain('used by endpoint "/shots"');
    await ok('endpoints.save', { endpoint: { id: 'shots', origins: ['shots'] }, previousId: 'shots' });
    expect(await ok('origins.remove', { id: 'local' })).toEqual({ removed: 'local' });
  });

  it('every channel turns bad input into error data naming what was wrong', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['origins.get', { id: 'ghost' }, /No origin "ghost"/],
      ['origins.get', 'x', /expected \{ id \}/],
      ['origins.save', { origin: { id: 'a', type: 'ftp' } }, /"origin.type" must be/],
      ['origins.save', { origin: { id: 'w', type: 'web', baseUrl: 'file:///etc' } }, /origins\[\d\]\.baseUrl: expected an http/],
      ['origins.save', { origin: { id: 'g', type: 'gcs', bucket: 'b' }, key: { json: '{"type":"authorized_user"}', storage: 'persisted' } }, /gcloud user-credentials/],
      ['origins.save', { origin: { id: 'f', type: 'folder', root: '/x' }, key: { json: key, storage: 'persisted' } }, /only GCS origins/],
      ['origins.save', { origin: { id: 'shots', type: 'folder', root: '/x' } }, /exists already/],
      ['origins.check', {}, /must be an object/],
      ['origins.validateKey', { json: 5 }, /"json" must be a non-empty string/],
      ['endpoints.save', { endpoint: { id: 'z', origins: 'shots' } }, /list of origin ids/],
      ['endpoints.save', { endpoint: { id: 'bad id!', origins: ['shots'] } }, /endpoints\[\d\]\.id: expected path segments/],
      ['endpoints.remove', { id: 'ghost' }, /No endpoint "ghost"/],
      ['endpoints.explain', { url: '' }, /"url" must be a non-empty string/],
      ['settings.update', { images: { colour: 1 } }, /unknown field "colour"/],
      ['settings.update', { server: { port: 70000 } }, /server.port: expected an integer/],
      ['config.import', { config: [] }, /must be the content of a config file/],
      ['system.pickFolder', undefined, /Only the desktop app/],
      ['server.status', { x: 1 }, /takes no input/],
    ];
    for (const [channel, input, message] of cases) expect(await err(channel, input), channel).toMatch(message);
  });

  it('server.changed fires when the config changes', async () => {
    const seen: unknown[] = [];
    const off = api.subscribe('server.changed', (s) => seen.push(s));
    await ok('settings.update', { images: { defaultQuality: 75 } });
    off();
    expect(seen).toHaveLength(1);
  });
});
