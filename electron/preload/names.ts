// The IPC wire names the preload and the main process agree on, derived from the contract's channel and
// event names. No electron import: main, preload and the tests share it.

import type { Channel, EventName } from '../../shared/contract.ts';

/** `server.status` → `loupe:server.status` (an `ipcMain.handle` / `ipcRenderer.invoke` channel). */
export function ipcChannel(channel: Channel): `loupe:${Channel}` {
  return `loupe:${channel}`;
}

/** `activity.request` → `loupe:event:activity.request` (`webContents.send` / `ipcRenderer.on`). */
export function ipcEvent(event: EventName): `loupe:event:${EventName}` {
  return `loupe:event:${event}`;
}
