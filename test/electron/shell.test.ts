// The Electron shell against a fake `electron`: what main registers, and how its security policy answers
// attacks (foreign IPC senders, traversal through app://, navigation, new windows, permissions).

import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, type Events, type EventName } from '../../shared/contract.ts';
import { createMemorySecretBox } from '../../electron/core/settings/secret-box.ts';
import * as fake from './fake-electron.ts';

vi.mock('electron', () => import('./fake-electron.ts'));

const { startShell, WEB_PREFERENCES } = await import('../../electron/main/shell.ts');
const { UNTRUSTED_SENDER } = await import('../../electron/main/ipc.ts');
const { parseCsp } = await import('../../shared/csp.ts');
type ShellDeps = import('../../electron/main/shell.ts').ShellDeps;
type StartCoreOptions = import('../../electron/main/shell.ts').StartCoreOptions;

const DELIVERY = 'http://127.0.0.1:43210';
let tmp: string;
let rendererDir: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'loupe-shell-'));
  rendererDir = path.join(tmp, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Loupe</title><script type="module" src="./assets/app.js"></script>');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  await writeFile(path.join(tmp, 'secret.txt'), 'outside the bundle');
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function fakeCore() {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const core = {
    url: DELIVERY as string | undefined,
    dispatch: vi.fn(async (channel: unknown, input?: unknown) => ({ ok: true as const, value: { channel, input } })),
    stop: vi.fn(async () => undefined),
    emit<E extends EventName>(event: E, payload: Events[E]) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    api: {
      dispatch: (channel: unknown, input?: unknown) => core.dispatch(channel, input),
      subscribe<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
        const set = listeners.get(event) ?? new Set();
        listeners.set(event, set);
        set.add(listener as (p: unknown) => void);
        return () => void set.delete(listener as (p: unknown) => void);
      },
    },
  };
  return core;
}

type Started = { core: ReturnType<typeof fakeCore>; options: StartCoreOptions; shell: ReturnType<typeof startShell>; log: { info: ReturnType<typeof vi.fn>; warn: ReturnType<typeof vi.fn>; error: ReturnType<typeof vi.fn> } };

async function start(overrides: Partial<ShellDeps> = {}): Promise<Started> {
  const core = fakeCore();
  let options: StartCoreOptions | undefined;
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const shell = startShell({
    rendererDir,
    preloadPath: '/app/dist/preload/index.cjs',
    createSecretBox: async () => createMemorySecretBox(),
    resolveFfmpeg: () => ({ path: '/usr/bin/ffmpeg', source: 'PATH', tried: [] }),
    async startCore(o) {
      options = o;
      return core;
    },
    log,
    ...overrides,
  });
  fake.ready();
  await shell.started;
  return { core, options: options!, shell, log };
}

const frame = (url: string | null) => ({ senderFrame: url === null ? null : { url } });
const invoke = (channel: string, event: object, input?: unknown) => {
  const handler = fake.calls.ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event, input) as Promise<unknown>;
};
const bundle = (url: string, method = 'GET') => fake.calls.protocolHandlers.get('app')!(new Request(url, { method }));
const win = () => fake.BrowserWindow.instances[0]!;

beforeEach(() => {
  fake.reset();
});

describe('before ready', () => {
  it('enables the sandbox, takes the single-instance lock and registers app:// as a privileged standard, secure scheme', () => {
    startShell({ rendererDir, preloadPath: 'x', startCore: async () => fakeCore() });
    expect(fake.calls.enableSandbox).toBe(1);
    expect(fake.calls.privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) }]);
    expect(fake.BrowserWindow.instances).toHaveLength(0); // nothing before ready
    expect(fake.calls.ipcHandlers.size).toBe(0);
  });

  it('a second instance quits at once and the first one focuses its window', async () => {
    const { shell } = await start();
    fake.app.emit('second-instance', fake.fakeEvent(), [], '/');
    expect(shell.primary).toBe(true);
    expect(win().focused).toBe(1);

    fake.reset();
    fake.state.singleInstanceLock = false;
    const second = startShell({ rendererDir, preloadPath: 'x', startCore: async () => fakeCore() });
    expect(second.primary).toBe(false);
    expect(fake.calls.quit).toBe(1);
    expect(fake.calls.privilegedSchemes).toHaveLength(0);
  });
});

describe('window', () => {
  it('sets contextIsolation, sandbox and webSecurity on and nodeIntegration off, explicitly', async () => {
    await start();
    expect(fake.BrowserWindow.instances).toHaveLength(1);
    const prefs = win().options.webPreferences!;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, webSecurity: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, webviewTag: false, allowRunningInsecureContent: false, preload: '/app/dist/preload/index.cjs' });
    for (const key of ['contextIsolation', 'sandbox', 'webSecurity', 'nodeIntegration'] as const) expect(Object.hasOwn(prefs, key)).toBe(true);
    expect(WEB_PREFERENCES.sandbox).toBe(true);
  });

  it('loads the renderer from app://bundle/, never file://', async () => {
    await start();
    expect(win().loadedUrl).toBe('app://bundle/index.html');
  });

  it('starts the core with userData, the resolved ffmpeg and the secret box', async () => {
    const { options } = await start();
    expect(options.dataDir).toBe(fake.state.userData);
    expect(options.ffmpegPath).toBe('/usr/bin/ffmpeg');
    expect(options.secrets.backend).toBe('memory');
  });

  it('by default the secret box is safeStorage, created after ready; basic_text is reported and warned about', async () => {
    const { options, log } = await start({ createSecretBox: undefined });
    expect(options.secrets).toMatchObject({ backend: 'basic_text', protectedAtRest: false });
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('"basic_text"'));
  });

  it('startup failure shows an error box and exits 1', async () => {
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const shell = startShell({ rendererDir, preloadPath: 'x', log, startCore: async () => { throw new Error('port 3210 is in use'); }, createSecretBox: async () => createMemorySecretBox() });
    fake.ready();
    await shell.started;
    expect(fake.calls.errorBoxes).toEqual(['Loupe could not start: port 3210 is in use']);
    expect(fake.calls.exit).toEqual([1]);
    expect(fake.BrowserWindow.instances).toHaveLength(0);
  });
});

describe('IPC', () => {
  it('registers exactly one handler per contract channel, named loupe:<channel>', async () => {
    await start();
    expect([...fake.calls.ipcHandlers.keys()].sort()).toEqual(CHANNELS.map((c) => `loupe:${c}`).sort());
  });

  it('passes a call from app://bundle/index.html to the dispatcher and returns its result as data', async () => {
    const { core } = await start();
    const r = await invoke('loupe:cache.purge', frame('app://bundle/index.html'), { all: true });
    expect(r).toEqual({ ok: true, value: { channel: 'cache.purge', input: { all: true } } });
    expect(core.dispatch).toHaveBeenCalledWith('cache.purge', { all: true });
  });

  it('IPC from a foreign frame (https://evil.example) is refused without reaching the core', async () => {
    const { core, log } = await start();
    expect(await invoke('loupe:settings.get', frame('https://evil.example/'))).toEqual(UNTRUSTED_SENDER);
    expect(await invoke('loupe:settings.get', frame('file:///home/me/evil.html'))).toEqual(UNTRUSTED_SENDER);
    expect(await invoke('loupe:settings.get', frame('app://evil/index.html'))).toEqual(UNTRUSTED_SENDER);
    expect(core.dispatch).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalled();
  });

  it('IPC from a destroyed (null) frame is refused', async () => {
    const { core } = await start();
    expect(await invoke('loupe:origins.list', frame(null))).toEqual(UNTRUSTED_SENDER);
    expect(await invoke('loupe:origins.list', {})).toEqual(UNTRUSTED_SENDER);
    expect(core.dispatch).not.toHaveBeenCalled();
  });

  it('forwards core events to the window as loupe:event:<name>', async () => {
    const { core } = await start();
    const record = { id: 1, time: 't', method: 'GET', url: '/sample/photo.jpg', attempts: [], status: 200, ms: 3 };
    core.emit('activity.request', record);
    expect(win().webContents.sent).toEqual([{ channel: 'loupe:event:activity.request', payload: record }]);
  });

  it('reloads the window once when the delivery server moved, so the CSP names the new port', async () => {
    const { core } = await start();
    core.url = 'http://127.0.0.1:5555';
    core.emit('server.changed', { running: true, url: core.url, version: '0.1.0', startedAt: 't', endpoints: [] });
    core.emit('server.changed', { running: true, url: core.url, version: '0.1.0', startedAt: 't', endpoints: [] });
    await new Promise((r) => setTimeout(r, 400));
    expect(win().webContents.reloads).toBe(1);
    const res = await bundle('app://bundle/index.html');
    expect(parseCsp(res.headers.get('content-security-policy')!)['img-src']).toEqual(["'self'", 'http://127.0.0.1:5555']);
  });

  it('system.pickFolder opens a native directory picker', async () => {
    const { options } = await start();
    expect(await options.pickFolder()).toEqual({ path: '/picked/folder' });
    expect(fake.calls.dialogOptions[0]).toEqual({ properties: expect.arrayContaining(['openDirectory']) });
    fake.state.dialogResult = { canceled: true, filePaths: [] };
    expect(await options.pickFolder()).toEqual({});
  });
});

describe('app:// protocol', () => {
  it('serves index.html (for / too) with its type and the CSP', async () => {
    await start();
    for (const url of ['app://bundle/index.html', 'app://bundle/']) {
      const res = await bundle(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await res.text()).toContain('<title>Loupe</title>');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
    const js = await bundle('app://bundle/assets/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('path traversal ..%2f..%2fetc/passwd is a 404', async () => {
    await start();
    for (const attack of ['app://bundle/..%2f..%2fetc/passwd', 'app://bundle/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd', 'app://bundle/%2e%2e/secret.txt', 'app://bundle/..%2fsecret.txt', 'app://bundle/assets/..%5c..%5csecret.txt', 'app://bundle/index.html%00.js', 'app://bundle/%E0%A4%A']) {
      const res = await bundle(attack);
      expect(res.status, attack).toBe(404);
      expect(await res.text()).not.toContain('outside the bundle');
    }
  });

  it('other hosts, missing files, folders and POST are refused', async () => {
    await start();
    expect((await bundle('app://other/index.html')).status).toBe(404);
    expect((await bundle('app://bundle/missing.js')).status).toBe(404);
    expect((await bundle('app://bundle/assets')).status).toBe(404);
    expect((await bundle('app://bundle/index.html', 'POST')).status).toBe(405);
  });
});

describe('CSP', () => {
  it('img-src and media-src allow the bundle and the local delivery server, nothing else remote', async () => {
    await start();
    const csp = parseCsp((await bundle('app://bundle/index.html')).headers.get('content-security-policy')!);
    expect(csp['img-src']).toEqual(["'self'", DELIVERY]);
    expect(csp['media-src']).toEqual(["'self'", DELIVERY]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    const remote = Object.values(csp).flat().filter((s) => /^(https?:|\*|data:|blob:|'unsafe-eval')/.test(s));
    expect([...new Set(remote)]).toEqual([DELIVERY]);
  });

  it('is also set on http(s) responses through webRequest, replacing any other policy', async () => {
    await start();
    const callback = vi.fn();
    fake.calls.headersReceived!({ url: `${DELIVERY}/sample/photo.jpg`, responseHeaders: { 'content-type': ['image/jpeg'], 'content-security-policy': ["default-src *"] } }, callback);
    const headers = callback.mock.calls[0]![0].responseHeaders as Record<string, string[]>;
    expect(Object.keys(headers).filter((k) => k.toLowerCase() === 'content-security-policy')).toEqual(['Content-Security-Policy']);
    expect(headers['Content-Security-Policy']![0]).toContain(`img-src 'self' ${DELIVERY}`);
    expect(headers['content-type']).toEqual(['image/jpeg']);
  });
});

describe('permissions', () => {
  it('denies permission requests and checks (camera, geolocation, notifications, clipboard reads)', async () => {
    await start();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      fake.calls.permissionRequestHandler!({}, permission, callback, { requestingUrl: 'app://bundle/index.html', isMainFrame: true });
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(fake.calls.permissionCheckHandler!({}, permission, 'app://bundle', { requestingUrl: 'app://bundle/index.html', isMainFrame: true }), permission).toBe(false);
    }
  });

  it('allows only clipboard writes (Copy URL), and only for the bundle', async () => {
    await start();
    const check = fake.calls.permissionCheckHandler!;
    expect(check({}, 'clipboard-sanitized-write', 'app://bundle', { requestingUrl: 'app://bundle/index.html', isMainFrame: true })).toBe(true);
    expect(check({}, 'clipboard-sanitized-write', 'https://evil.example', { requestingUrl: 'https://evil.example/', isMainFrame: false })).toBe(false);
    const callback = vi.fn();
    fake.calls.permissionRequestHandler!({}, 'clipboard-sanitized-write', callback, { requestingUrl: 'https://evil.example/', isMainFrame: true });
    expect(callback).toHaveBeenCalledWith(false);
  });
});

describe('navigation and new windows', () => {
  it('will-navigate away from the bundle is prevented; http(s) goes to the system browser, file: nowhere', async () => {
    await start();
    const contents = win().webContents;
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'app://evil/index.html']) {
      const e = fake.fakeEvent({ url });
      contents.emit('will-navigate', e, url);
      expect(e.defaultPrevented, url).toBe(true);
    }
    expect(fake.calls.openExternal).toEqual(['https://evil.example/']);
    const inside = fake.fakeEvent({ url: 'app://bundle/index.html#/settings' });
    contents.emit('will-navigate', inside, inside.url);
    expect(inside.defaultPrevented).toBe(false);
  });

  it('setWindowOpenHandler denies every window and opens only http(s) externally', async () => {
    await start();
    const handler = win().webContents.windowOpenHandler!;
    for (const url of ['https://imagekit.io/docs', `${DELIVERY}/sample/photo.jpg`, 'file:///etc/passwd', 'javascript:alert(1)', 'app://bundle/index.html', 'smb://host/share']) {
      expect(handler({ url }), url).toEqual({ action: 'deny' });
    }
    expect(fake.calls.openExternal).toEqual(['https://imagekit.io/docs', `${DELIVERY}/sample/photo.jpg`]);
  });

  it('will-attach-webview is prevented', async () => {
    await start();
    const e = fake.fakeEvent();
    win().webContents.emit('will-attach-webview', e, {}, {});
    expect(e.defaultPrevented).toBe(true);
  });
});

describe('menu', () => {
  it('has Open Loupe, Copy base URL (to the clipboard) and Quit', async () => {
    await start();
    const template = fake.calls.menuTemplates.at(-1) as { label?: string; submenu?: { label?: string; click?: () => void }[] }[];
    const items = template[0]!.submenu!;
    expect(items.map((i) => i.label).filter(Boolean)).toEqual(['Open Loupe', 'Copy base URL', 'Quit']);
    items.find((i) => i.label === 'Copy base URL')!.click!();
    expect(fake.calls.clipboard).toEqual([DELIVERY]);
    items.find((i) => i.label === 'Open Loupe')!.click!();
    expect(win().shown).toBeGreaterThan(0);
  });
});

describe('quit', () => {
  it('before-quit holds the quit, stops the core, then exits', async () => {
    const { core } = await start();
    let finish: () => void = () => undefined;
    core.stop.mockImplementation(() => new Promise<undefined>((r) => (finish = () => r(undefined))));
    const first = fake.fakeEvent();
    fake.app.emit('before-quit', first);
    expect(first.defaultPrevented).toBe(true);
    const again = fake.fakeEvent();
    fake.app.emit('before-quit', again); // a second Quit while stopping: still held, stop not repeated
    expect(again.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(core.stop).toHaveBeenCalledTimes(1));
    expect(fake.calls.exit).toEqual([]); // in-flight requests are still finishing
    finish();
    await vi.waitFor(() => expect(fake.calls.exit).toEqual([0]));
    const after = fake.fakeEvent();
    fake.app.emit('before-quit', after); // app.exit() path: nothing held any more
    expect(after.defaultPrevented).toBe(false);
  });

  it('a core that does not stop in time does not keep the app alive', async () => {
    const { core, log } = await start({ stopTimeoutMs: 50 });
    core.stop.mockImplementation(() => new Promise(() => undefined));
    fake.app.emit('before-quit', fake.fakeEvent());
    await vi.waitFor(() => expect(fake.calls.exit).toEqual([0]));
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('did not finish in time'));
  });

  it('window-all-closed quits except on macOS', async () => {
    await start({ platform: 'linux' });
    fake.app.emit('window-all-closed');
    expect(fake.calls.quit).toBe(1);
  });
});
