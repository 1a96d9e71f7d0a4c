// IPC → the core's one dispatcher: a loop over the contract's CHANNELS (no hand-written handler list),
// each call gated by the sender-frame check; core events forwarded to the window.

import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS, EVENTS, type Result } from '../../shared/contract.ts';
import type { Api } from '../core/api.ts';
import { ipcChannel, ipcEvent } from '../preload/names.ts';
import { isTrustedSender } from './policy.ts';

type Logger = Pick<Console, 'warn' | 'error'>;

export const UNTRUSTED_SENDER: Result<never> = {
  ok: false,
  error: { code: 'BAD_REQUEST', message: 'Refused: this request did not come from the Loupe window.' },
};

/** Registers `loupe:<channel>` for every channel; returns a function that removes them again. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, api: Pick<Api, 'dispatch'>, log: Logger = console): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(ipcChannel(channel), async (event: IpcMainInvokeEvent, input?: unknown) => {
      // senderFrame is null once the frame navigated or was destroyed; its URL must be the bundle's.
      if (!isTrustedSender(event.senderFrame)) {
        log.warn(`loupe: refused ${channel} from ${event.senderFrame ? JSON.stringify(event.senderFrame.url.slice(0, 200)) : 'a destroyed frame'}`);
        return UNTRUSTED_SENDER;
      }
      return api.dispatch(channel, input);
    });
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(ipcChannel(channel));
  };
}

/** Subscribes to every contract event and hands each payload to `send` as `loupe:event:<name>`. */
export function forwardEvents(api: Pick<Api, 'subscribe'>, send: (channel: string, payload: unknown) => void, log: Logger = console): () => void {
  const unsubscribe: (() => void)[] = [];
  for (const event of EVENTS) {
    try {
      unsubscribe.push(api.subscribe(event, (payload) => send(ipcEvent(event), payload)));
    } catch (e) {
      log.error(`loupe: cannot forward ${event} events`, e);
    }
  }
  return () => {
    for (const u of unsubscribe.splice(0)) u();
  };
}
