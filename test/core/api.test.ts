// The control API as the GUI uses it: results are data, every input is validated, events arrive.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../electron/core/api.ts';
import type { ActivityRecordDto } from '../../shared/contract.ts';
import { request } from '../support/http.ts';
import { photoJpeg } from '../support/images.ts';
import { startServer, type TestServer } from '../support/loupe-server.ts';

let s: TestServer;
let api: Api;
beforeAll(async () => {
  s = await startServer({ origins: [{ id: 'a', type: 'folder' }, { id: 'b', type: 'folder' }], endpoints: [{ id: 'e1', origins: ['a', 'b'] }, { id: 'e2', origins: ['b'] }] });
  api = createApi(s.core);
  await s.put('a', 'x/p.jpg', await photoJpeg(300, 200));
  await s.put('b', 'y/q.jpg', await photoJpeg(300, 200));
});
afterAll(() => s.close());

describe('control API', () => {
  it('server.status lists endpoints with their URLs', async () => {
    const r = await api.dispatch('server.status');
    expect(r).toMatchObject({ ok: true, value: { running: true, endpoints: [{ id: 'e1', url: `${s.url}/e1`, origins: ['a', 'b'] }, { id: 'e2' }] } });
  });

  it('activity.list explains a 404 with every origin and exact path; the event fires per request', async () => {
    const seen: ActivityRecordDto[] = [];
    const off = api.subscribe('activity.request', (r) => seen.push(r));
    await request(s.url, '/e1/tr:w-10/nope.jpg');
    off();
    const r = await api.dispatch('activity.list', { status: 404, limit: 1 });
    expect(r.ok).toBe(true);
    const rec = (r as { value: ActivityRecordDto[] }).value[0]!;
    expect(rec).toMatchObject({ endpoint: 'e1', path: 'nope.jpg', chain: 'w-10', status: 404, error: { code: 'ORIGIN_NOT_FOUND' } });
    expect(rec.attempts.map((a) => [a.origin, a.location, a.outcome])).toEqual([
      ['a', `${s.dirs.a}/nope.jpg`, 'not-found'], ['b', `${s.dirs.b}/nope.jpg`, 'not-found']]);
    expect(seen.at(-1)?.id).toBe(rec.id);
  });

  it('activity records carry cache state, format, bytes and dimensions', async () => {
    await request(s.url, '/e1/tr:w-100/x/p.jpg', { headers: { accept: 'image/webp' } });
    const rec = ((await api.dispatch('activity.list', { limit: 1 })) as { value: ActivityRecordDto[] }).value[0]!;
    expect(rec).toMatchObject({ status: 200, origin: 'a', cache: 'miss', format: 'webp', width: 100, height: 67 });
    expect(rec.bytes).toBeGreaterThan(100);
  });

  it('cache.stats and cache.purge by URL, prefix, endpoint and all', async () => {
    await request(s.url, '/e1/tr:w-50/x/p.jpg');
    await request(s.url, '/e2/tr:w-50/y/q.jpg');
    const stats = await api.dispatch('cache.stats');
    expect(stats).toMatchObject({ ok: true, value: { entries: expect.any(Number), maxBytes: expect.any(Number) } });
    const byUrl = await api.dispatch('cache.purge', { url: `${s.url}/e1/tr:w-50/x/p.jpg` });
    expect(byUrl).toEqual({ ok: true, value: { removed: 1 } });
    expect((await request(s.url, '/e1/tr:w-50/x/p.jpg')).headers['x-loupe-cache']).toBe('miss');
    expect((await api.dispatch('cache.purge', { endpoint: 'e2', prefix: 'y/' })) as { value: { removed: number } }).toMatchObject({ ok: true });
    expect((await request(s.url, '/e2/tr:w-50/y/q.jpg')).headers['x-loupe-cache']).toBe('miss');
    await api.dispatch('cache.purge', { all: true });
    expect(((await api.dispatch('cache.stats')) as { value: { entries: number } }).value.entries).toBe(0);
  });

  it('bad input is error data naming what was wrong, never a throw', async () => {
    const cases: [unknown, unknown, RegExp][] = [
      ['nope.channel', undefined, /Unknown channel "nope.channel"/],
      ['constructor', undefined, /Unknown channel/],
      ['__proto__', undefined, /Unknown channel/],
      [42, undefined, /Unknown channel/],
      ['cache.purge', undefined, /expected \{ url \}/],
      ['cache.purge', { all: false }, /"all" must be true/],
      ['cache.purge', { endpoint: 'zzz' }, /no endpoint "zzz"/],
      ['cache.purge', { url: 'http://x/unknown/a.jpg' }, /No endpoint matches/],
      ['cache.purge', { url: '/e1/tr:w-abc/a.jpg' }, /"abc"/],
      ['cache.purge', { prefix: 5 }, /"prefix" must be a string/],
      ['cache.purge', { evil: 1 }, /unknown field "evil"/],
      ['activity.list', { limit: -1 }, /"limit" must be an integer/],
      ['activity.list', 'x', /expected \{ status/],
    ];
    for (const [channel, input, message] of cases) {
      const r = await api.dispatch(channel, input);
      expect(r.ok, `${String(channel)} ${JSON.stringify(input)}`).toBe(false);
      expect((r as { error: { message: string } }).error.message).toMatch(message);
    }
  });
});
