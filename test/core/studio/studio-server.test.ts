// The studio's HTTP transport, attack by attack: token, Host (DNS rebinding), Origin (CSRF), content
// type, no CORS, static-file traversal; and that events stream.

import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../electron/core/api.ts';
import { createStudioServer, type StudioServer } from '../../../electron/core/studio/server.ts';
import { request } from '../../support/http.ts';
import { startServer, type TestServer } from '../../support/loupe-server.ts';

let s: TestServer;
let studio: StudioServer;
let base: string;
let port: number;

beforeAll(async () => {
  s = await startServer({ origins: [{ id: 'o', type: 'folder' }], endpoints: [{ id: 'e', origins: ['o'] }] });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'loupe-studio-'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>Loupe</title>');
  await writeFile(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  studio = createStudioServer({ api: createApi(s.core), rendererDir: dir, deliveryOrigin: () => s.url });
  ({ port } = await studio.listen());
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await studio.close();
  await s.close();
});

function call(body: unknown, headers: Record<string, string> = {}) {
  const u = new URL(base);
  const data = typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; json: any }>((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: '/api/call', method: 'POST', headers: {
      'content-type': 'application/json', authorization: `Bearer ${studio.token}`, ...headers } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, json: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

describe('studio transport', () => {
  it('answers a call with a valid token, as data', async () => {
    const r = await call({ channel: 'server.status' });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ ok: true, value: { running: true, url: s.url } });
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('attack: missing or wrong token → 401', async () => {
    expect((await call({ channel: 'server.status' }, { authorization: '' })).status).toBe(401);
    const last = studio.token.at(-1) === 'x' ? 'y' : 'x';
    expect((await call({ channel: 'server.status' }, { authorization: `Bearer ${studio.token.slice(0, -1)}${last}` })).status).toBe(401);
    expect((await call({ channel: 'server.status' }, { authorization: studio.token })).status).toBe(401); // not a Bearer header
  });

  it('attack: DNS rebinding (foreign Host header) → 403', async () => {
    expect((await call({ channel: 'server.status' }, { host: `evil.example:${port}` })).status).toBe(403);
    const page = await request(base, '/', { headers: { host: 'evil.example' } });
    expect(page.status).toBe(403);
  });

  it('attack: CSRF (foreign Origin, or a form-style content type) → 403 / 415', async () => {
    expect((await call({ channel: 'cache.purge', input: { all: true } }, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await call({ channel: 'cache.purge', input: { all: true } }, { origin: 'null' })).status).toBe(403);
    expect((await call('channel=cache.purge', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await call({ channel: 'server.status' }, { origin: `http://127.0.0.1:${port}` })).status).toBe(200);
  });

  it('bad JSON and unknown channels are error data, not crashes', async () => {
    expect((await call('{nope')).json).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect((await call({ channel: '__proto__' })).json).toMatchObject({ ok: false, error: { message: expect.stringContaining('Unknown channel') } });
  });

  it('serves the GUI with a CSP that allows images only from itself and the delivery server', async () => {
    const r = await request(base, '/');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<title>Loupe</title>');
    const csp = r.headers['content-security-policy']!;
    expect(csp).toContain(`img-src 'self' ${s.url}`);
    expect(csp).not.toMatch(/img-src[^;]*(\*|https:)/);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect((await request(base, '/assets/app.js')).headers['content-type']).toContain('javascript');
  });

  it('attack: path traversal out of the GUI folder → 404', async () => {
    for (const t of ['/..%2f..%2f..%2fetc%2fpasswd', '/../../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/%00.js']) {
      const r = await request(base, t);
      expect(r.status, t).toBe(404);
      expect(r.text).not.toContain('root:');
    }
  });

  it('streams events to a client with the token, and refuses one without', async () => {
    expect((await request(base, '/api/events')).status).toBe(401);
    const u = new URL(base);
    const got = await new Promise<string>((resolve, reject) => {
      const req = http.get({ host: u.hostname, port: u.port, path: `/api/events?token=${studio.token}` }, (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
          if (text.includes('event: activity.request')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
      setTimeout(() => void request(s.url, '/e/missing.jpg'), 100);
    });
    expect(got).toMatch(/event: activity\.request\ndata: \{.*"status":404/);
  });

  it('refuses to listen beyond loopback', () => {
    expect(() => createStudioServer({ api: createApi(s.core), rendererDir: '/x', deliveryOrigin: () => undefined, host: '0.0.0.0' })).toThrow(/loopback only/);
  });
});
