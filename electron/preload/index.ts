// The sandboxed preload (bundled to ONE CommonJS file, dist/preload/index.cjs: sandboxed preloads cannot
// be ESM and may only require `electron`). It exposes exactly `window.loupe`, nothing else.

import { contextBridge, ipcRenderer } from 'electron';
import { createLoupeClient } from './client.ts';

contextBridge.exposeInMainWorld('loupe', createLoupeClient(ipcRenderer));
