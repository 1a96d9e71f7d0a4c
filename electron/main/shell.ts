// The Electron shell: app lifecycle, the one window, the security policy, IPC → the core. Everything that
// differs between the real app and the tests (the core, the secret box, ffmpeg, paths) comes in through
// `startShell(deps)`; `electron` itself is imported here (and replaced by a fake in test/electron/).

import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, protocol, safeStorage, session, shell } from 'electron';
import type { Session } from 'electron';
import type { Api } from '../core/api.ts';
import type { SecretBox } from '../core/settings/secret-box.ts';
import { createBundleHandler } from './bundle-protocol.ts';
import { buildCsp, deliverySource } from '../../shared/csp.ts';
import type { FfmpegResolution } from './ffmpeg-path.ts';
import { forwardEvents, registerIpc } from './ipc.ts';
import { buildMenuTemplate } from './menu.ts';
import { APP_ENTRY_URL, APP_SCHEME, isPermissionAllowed } from './policy.ts';
import { createSafeStorageSecretBox } from './safe-storage-box.ts';
import { hardenWebContents } from './web-contents.ts';

export type Logger = Pick<Console, 'info' | 'warn' | 'error'>;

/** What the shell needs from a started core. */
export interface ShellCore {
  readonly api: Pick<Api, 'dispatch' | 'subscribe'>;
  /** The delivery server's base URL, e.g. http://127.0.0.1:3210 (undefined while stopped). */
  readonly url: string | undefined;
  stop(): Promise<void>;
}

export interface StartCoreOptions {
  /** `app.getPath('userData')` */
  dataDir: string;
  secrets: SecretBox;
  ffmpegPath: string | undefined;
  /** The native folder picker for `system.pickFolder`. */
  pickFolder: () => Promise<{ path?: string }>;
}

export interface ShellDeps {
  /** Creates and starts the core (the entry point wires createCore + createApi). */
  startCore(options: StartCoreOptions): Promise<ShellCore>;
  /** dist/renderer, served as app://bundle/ */
  rendererDir: string;
  /** dist/preload/index.cjs */
  preloadPath: string;
  /** @default the safeStorage box over `<userData>/secrets` */
  createSecretBox?: (userDataDir: string) => Promise<SecretBox>;
  /** @default no ffmpeg */
  resolveFfmpeg?: () => FfmpegResolution;
  log?: Logger;
  /** How long `before-quit` waits for in-flight requests. @default 5000 */
  stopTimeoutMs?: number;
  /** @default process.platform */
  platform?: NodeJS.Platform;
}

export interface ShellHandle {
  /** false when another instance holds the lock (this one quits). */
  readonly primary: boolean;
  /** Resolves once the core runs and the window is created (or startup failed and the app exits). */
  readonly started: Promise<void>;
  window(): BrowserWindow | undefined;
  core(): ShellCore | undefined;
}

export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
} as const;

function installSessionPolicy(ses: Session, csp: () => string): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => callback(isPermissionAllowed(permission, details.requestingUrl)));
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => isPermissionAllowed(permission, details.requestingUrl ?? requestingOrigin));
  // For http(s) responses; the app:// handler sets the same header itself (webRequest's header hooks
  // have not fired for custom protocols).
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(details.responseHeaders ?? {})) if (k.toLowerCase() !== 'content-security-policy') headers[k] = v;
    headers['Content-Security-Policy'] = [csp()];
    callback({ responseHeaders: headers });
  });
}

export function startShell(deps: ShellDeps): ShellHandle {
  const log = deps.log ?? console;
  const platform = deps.platform ?? process.platform;
  let win: BrowserWindow | undefined;
  let core: ShellCore | undefined;
  let stopForwarding: (() => void) | undefined;
  /** The delivery origin the window's current document was given in its CSP. */
  let documentDelivery: string | undefined;
  let quit: 'running' | 'stopping' | 'stopped' = 'running';

  // Before ready: sandbox every renderer, one instance only, and the privileged scheme.
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { primary: false, started: Promise.resolve(), window: () => undefined, core: () => undefined };
  }
  // standard + secure: a real origin for 'self', relative URLs and fetch; corsEnabled for module scripts.
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);

  const csp = () => buildCsp(core?.url);

  const showWindow = () => {
    if (!win || win.isDestroyed()) {
      if (core) createWindow();
      return;
    }
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };

  function createWindow(): void {
    win = new BrowserWindow({
      width: 1280, height: 820, minWidth: 880, minHeight: 560, show: false, title: 'Loupe',
      webPreferences: { ...WEB_PREFERENCES, preload: deps.preloadPath },
    });
    const current = win;
    current.once('ready-to-show', () => current.show());
    current.on('closed', () => {
      if (win === current) win = undefined;
    });
    documentDelivery = deliverySource(core?.url);
    current.loadURL(APP_ENTRY_URL).catch((e: unknown) => log.error(`loupe: cannot load ${APP_ENTRY_URL}`, e));
  }

  const send = (channel: string, payload: unknown) => {
    if (win && !win.isDestroyed()) win.webContents.send(channel, payload);
  };

  const pickFolder = async (): Promise<{ path?: string }> => {
    const options = { properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
    const r = win && !win.isDestroyed() ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    const picked = r.canceled ? undefined : r.filePaths[0];
    return picked ? { path: picked } : {};
  };

  app.on('second-instance', () => showWindow());
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shell, log));
  app.on('activate', () => showWindow());
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });

  async function onReady(): Promise<void> {
    const userData = app.getPath('userData');
    installSessionPolicy(session.defaultSession, csp);
    protocol.handle(APP_SCHEME, createBundleHandler({ root: deps.rendererDir, csp }));

    const secrets = await (deps.createSecretBox ?? ((dir) => createSafeStorageSecretBox({ safeStorage, dir, log })))(userData);
    const ffmpeg = deps.resolveFfmpeg?.() ?? { path: undefined, source: undefined, tried: [] };
    if (ffmpeg.path) log.info(`loupe: ffmpeg ${ffmpeg.path} (${ffmpeg.source})`);
    else log.warn(`loupe: no usable ffmpeg found (tried ${ffmpeg.tried.map((t) => t.path).join(', ') || 'nothing'}); video features are off.`);

    core = await deps.startCore({ dataDir: userData, secrets, ffmpegPath: ffmpeg.path, pickFolder });
    if (quit !== 'running') return; // quit was asked for while starting: before-quit stops the core
    registerIpc(ipcMain, core.api, log);
    stopForwarding = forwardEvents(core.api, (channel, payload) => {
      send(channel, payload);
      // The CSP is fixed per document: when the delivery server moved (port change), reload once so
      // previews from the new address are allowed. Deferred so the settings reply reaches the page first.
      const now = deliverySource(core?.url);
      if (channel.endsWith(':server.changed') && win && !win.isDestroyed() && now !== documentDelivery) {
        documentDelivery = now;
        const target = win;
        setTimeout(() => {
          if (!target.isDestroyed()) target.webContents.reload();
        }, 300);
      }
    }, log);

    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({
      open: showWindow,
      copyBaseUrl: () => {
        if (core?.url) clipboard.writeText(core.url);
      },
      quit: () => app.quit(),
    }, { isPackaged: app.isPackaged })));
    createWindow();
  }

  const started = app.whenReady().then(onReady).catch((e: unknown) => {
    log.error('loupe: startup failed', e);
    if (quit === 'running') {
      dialog.showErrorBox('Loupe could not start', e instanceof Error ? e.message : String(e));
      quit = 'stopped';
      app.exit(1);
    }
  });

  async function stopCore(): Promise<void> {
    await started;
    stopForwarding?.();
    if (!core) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log.warn('loupe: in-flight requests did not finish in time; quitting anyway');
        resolve();
      }, deps.stopTimeoutMs ?? 5000);
    });
    try {
      await Promise.race([core.stop(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  // Graceful stop: hold the quit, let in-flight requests finish, then exit for real.
  app.on('before-quit', (event) => {
    if (quit === 'stopped') return;
    event.preventDefault();
    if (quit === 'stopping') return;
    quit = 'stopping';
    stopCore().then(
      () => {
        quit = 'stopped';
        app.exit(0);
      },
      (e: unknown) => {
        log.error('loupe: stopping the core failed', e);
        quit = 'stopped';
        app.exit(1);
      },
    );
  });
  return { primary: true, started, window: () => win, core: () => core };
}
