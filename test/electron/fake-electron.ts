// A fake `electron` module for the shell's unit tests (`vi.mock('electron', () => import('./fake-electron.ts'))`):
// each API records what main does with it, and the tests drive the events (ready, before-quit, IPC...).
// vitest never loads the real electron/index.js, so nothing tries to download a binary.

import { EventEmitter } from 'node:events';

type Listener = (...args: any[]) => unknown;

export const calls = {
  enableSandbox: 0,
  quit: 0,
  exit: [] as number[],
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, (req: Request) => Promise<Response>>(),
  ipcHandlers: new Map<string, Listener>(),
  clipboard: [] as string[],
  openExternal: [] as string[],
  menuTemplates: [] as unknown[],
  errorBoxes: [] as string[],
  dialogOptions: [] as unknown[],
  permissionRequestHandler: undefined as Listener | undefined,
  permissionCheckHandler: undefined as Listener | undefined,
  headersReceived: undefined as Listener | undefined,
};

export const state = {
  singleInstanceLock: true,
  userData: '/tmp/loupe-fake-user-data',
  isPackaged: false,
  dialogResult: { canceled: false, filePaths: ['/picked/folder'] } as { canceled: boolean; filePaths: string[] },
};

let readyResolve: () => void = () => undefined;
let readyPromise = new Promise<void>((r) => (readyResolve = r));

class FakeApp extends EventEmitter {
  isPackaged = false;
  enableSandbox() {
    calls.enableSandbox++;
  }
  requestSingleInstanceLock() {
    return state.singleInstanceLock;
  }
  whenReady() {
    return readyPromise;
  }
  getPath(name: string) {
    if (name !== 'userData') throw new Error(`fake app.getPath: ${name}`);
    return state.userData;
  }
  getAppPath() {
    return process.cwd();
  }
  getVersion() {
    return '0.1.0';
  }
  quit() {
    calls.quit++;
    // Like Electron: quit() emits before-quit, whose listeners may preventDefault().
    const event = fakeEvent();
    this.emit('before-quit', event);
  }
  exit(code = 0) {
    calls.exit.push(code);
  }
}

export function fakeEvent<T extends object>(extra?: T): { preventDefault(): void; defaultPrevented: boolean } & T {
  const e = {
    defaultPrevented: false,
    preventDefault() {
      e.defaultPrevented = true;
    },
    ...(extra ?? ({} as T)),
  };
  return e as { preventDefault(): void; defaultPrevented: boolean } & T;
}

export const app = new FakeApp();

export class FakeWebContents extends EventEmitter {
  sent: { channel: string; payload: unknown }[] = [];
  reloads = 0;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  reload() {
    this.reloads++;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  destroyed = false;
  shown = 0;
  focused = 0;
  constructor(options: BrowserWindow['options']) {
    super();
    this.options = options;
    BrowserWindow.instances.push(this);
    // Electron emits web-contents-created for every new webContents.
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  async loadURL(url: string) {
    this.loadedUrl = url;
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  show() {
    this.shown++;
  }
  focus() {
    this.focused++;
  }
}

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]) {
    calls.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (req: Request) => Promise<Response>) {
    calls.protocolHandlers.set(scheme, handler);
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(h: Listener) {
      calls.permissionRequestHandler = h;
    },
    setPermissionCheckHandler(h: Listener) {
      calls.permissionCheckHandler = h;
    },
    webRequest: {
      onHeadersReceived(h: Listener) {
        calls.headersReceived = h;
      },
    },
  },
};

export const ipcMain = {
  handle(channel: string, listener: Listener) {
    if (calls.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    calls.ipcHandlers.set(channel, listener);
  },
  removeHandler(channel: string) {
    calls.ipcHandlers.delete(channel);
  },
};

export const dialog = {
  async showOpenDialog(...args: unknown[]) {
    calls.dialogOptions.push(args[args.length - 1]);
    return state.dialogResult;
  },
  showErrorBox(title: string, content: string) {
    calls.errorBoxes.push(`${title}: ${content}`);
  },
};

export const shell = {
  async openExternal(url: string) {
    calls.openExternal.push(url);
  },
};

export const clipboard = {
  writeText(text: string) {
    calls.clipboard.push(text);
  },
};

export const Menu = {
  buildFromTemplate(template: unknown[]) {
    calls.menuTemplates.push(template);
    return { template };
  },
  setApplicationMenu() {},
};

/** A safeStorage stand-in: "encrypts" by prefixing and base64 so ciphertext differs from plaintext. */
export const safeStorageState = { available: true, backend: 'basic_text', reEncrypt: false, key: 'k1' };
export const safeStorage = {
  async isAsyncEncryptionAvailable() {
    return safeStorageState.available;
  },
  getSelectedStorageBackend() {
    return safeStorageState.backend;
  },
  async encryptStringAsync(plain: string) {
    return Buffer.from(`${safeStorageState.key}:${Buffer.from(plain).toString('base64')}`);
  },
  async decryptStringAsync(buf: Buffer) {
    const [key, body] = buf.toString().split(':');
    if (!body) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return { result: Buffer.from(body, 'base64').toString(), shouldReEncrypt: safeStorageState.reEncrypt || key !== safeStorageState.key };
  },
};

/** For the preload tests. */
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown) {
    contextBridge.exposed.set(key, api);
  },
};
export const ipcRenderer = Object.assign(new EventEmitter(), {
  invocations: [] as { channel: string; args: unknown[] }[],
  async invoke(channel: string, ...args: unknown[]) {
    ipcRenderer.invocations.push({ channel, args });
    return { ok: true, value: { channel } };
  },
});

export function ready(): void {
  readyResolve();
}

export function reset(): void {
  calls.enableSandbox = 0;
  calls.quit = 0;
  calls.exit = [];
  calls.privilegedSchemes = [];
  calls.protocolHandlers.clear();
  calls.ipcHandlers.clear();
  calls.clipboard = [];
  calls.openExternal = [];
  calls.menuTemplates = [];
  calls.errorBoxes = [];
  calls.dialogOptions = [];
  calls.permissionRequestHandler = undefined;
  calls.permissionCheckHandler = undefined;
  calls.headersReceived = undefined;
  state.singleInstanceLock = true;
  state.dialogResult = { canceled: false, filePaths: ['/picked/folder'] };
  Object.assign(safeStorageState, { available: true, backend: 'basic_text', reEncrypt: false, key: 'k1' });
  app.removeAllListeners();
  BrowserWindow.instances = [];
  contextBridge.exposed.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invocations = [];
  readyPromise = new Promise<void>((r) => (readyResolve = r));
}

export default { app, BrowserWindow, protocol, session, ipcMain, dialog, shell, clipboard, Menu, safeStorage, contextBridge, ipcRenderer };
