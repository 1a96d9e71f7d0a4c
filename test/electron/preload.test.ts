// The preload exposes exactly `window.loupe`: one method per contract channel plus `on` for contract
// events, over ipcRenderer; no ipcRenderer, no generic invoke. The bundle is one CommonJS file that
// requires only `electron` (a sandboxed preload can load nothing else).

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, EVENTS, type LoupeClient } from '../../shared/contract.ts';
import * as fake from './fake-electron.ts';

vi.mock('electron', () => import('./fake-electron.ts'));

let loupe: LoupeClient;
beforeAll(async () => {
  fake.reset();
  await import('../../electron/preload/index.ts');
  loupe = fake.contextBridge.exposed.get('loupe') as LoupeClient;
});

describe('preload', () => {
  it('exposes only window.loupe, with exactly the channel methods and on', () => {
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['loupe']);
    expect(Object.keys(loupe).sort()).toEqual([...CHANNELS, 'on'].sort());
    for (const key of Object.keys(loupe)) expect(typeof (loupe as unknown as Record<string, unknown>)[key]).toBe('function');
    for (const leak of ['invoke', 'send', 'ipcRenderer', 'require', 'sendSync']) expect(leak in loupe, leak).toBe(false);
    expect(Object.isFrozen(loupe)).toBe(true);
  });

  it('each method invokes loupe:<channel> with the one input argument', async () => {
    const r = await loupe['cache.purge']({ all: true });
    expect(r).toEqual({ ok: true, value: { channel: 'loupe:cache.purge' } });
    await (loupe['server.status'] as unknown as (...a: unknown[]) => Promise<unknown>)(undefined, 'extra', { smuggled: true });
    expect(fake.ipcRenderer.invocations.slice(-2)).toEqual([
      { channel: 'loupe:cache.purge', args: [{ all: true }] },
      { channel: 'loupe:server.status', args: [undefined] },
    ]);
  });

  it('on() subscribes to contract events only, hands over the payload (never the IPC event) and unsubscribes', () => {
    const seen: unknown[] = [];
    const off = loupe.on('activity.request', (p) => seen.push(p));
    fake.ipcRenderer.emit('loupe:event:activity.request', { sender: fake.ipcRenderer }, { id: 7 });
    expect(seen).toEqual([{ id: 7 }]);
    off();
    off();
    fake.ipcRenderer.emit('loupe:event:activity.request', {}, { id: 8 });
    expect(seen).toEqual([{ id: 7 }]);
    expect(fake.ipcRenderer.listenerCount('loupe:event:activity.request')).toBe(0);
    expect(() => loupe.on('loupe:cache.purge' as never, () => undefined)).toThrow(/unknown event/);
    expect(() => loupe.on('server.changed', 'not a function' as never)).toThrow(/function/);
    expect(EVENTS).toContain('server.changed');
  });
});

describe('preload bundle (build/build-electron.mjs)', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'loupe-build-'));
    const { buildElectron } = await import('../../build/build-electron.mjs');
    await buildElectron({ outDir: out, logLevel: 'silent' });
  }, 60_000);
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('is one CommonJS file that requires only electron', async () => {
    const code = await readFile(path.join(out, 'preload', 'index.cjs'), 'utf8');
    expect([...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).toContain('exposeInMainWorld("loupe"');
  });

  it('main is ESM with the core bundled in and the native/heavy packages external', async () => {
    const code = await readFile(path.join(out, 'main', 'index.js'), 'utf8');
    const imports = new Set([...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]!).filter((s) => !s.startsWith('node:')));
    expect([...imports].sort()).toEqual(['@google-cloud/storage', 'conf', 'electron', 'sharp'].sort());
    expect(code).not.toMatch(/from "\.\.?\//); // the core is inside the bundle
    expect(code).toContain('loupe:event:');
  });
});
