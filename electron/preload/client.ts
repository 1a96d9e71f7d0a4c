// Builds `window.loupe` from the contract's lists: one method per channel (→ invoke('loupe:<channel>'))
// plus `on(event, listener)` for the contract's events. No electron import, so it is tested directly.

import { CHANNELS, EVENTS, type EventName, type LoupeClient } from '../../shared/contract.ts';
import { ipcChannel, ipcEvent } from './names.ts';

/** The slice of `ipcRenderer` the client uses; the listener never sees the IpcRendererEvent. */
export interface IpcLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createLoupeClient(ipc: IpcLike): LoupeClient {
  const client: Record<string, unknown> = {};
  for (const channel of CHANNELS) {
    // Exactly one argument crosses: whatever else a caller passes stays in the page.
    client[channel] = (input: unknown) => ipc.invoke(ipcChannel(channel), input);
  }
  client.on = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
    if (!(EVENTS as readonly string[]).includes(event)) throw new TypeError(`loupe.on: unknown event "${String(event)}" (known: ${EVENTS.join(', ')})`);
    if (typeof listener !== 'function') throw new TypeError('loupe.on: listener must be a function');
    // The IpcRendererEvent carries `sender` (the ipcRenderer itself): never hand it to the page.
    const wrapped = (_event: unknown, payload: unknown) => listener(payload);
    ipc.on(ipcEvent(event), wrapped);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipc.removeListener(ipcEvent(event), wrapped);
    };
  };
  return Object.freeze(client) as LoupeClient;
}
