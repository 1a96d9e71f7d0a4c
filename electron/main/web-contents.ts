// Hardening applied to every webContents the app creates: navigation stays inside the bundle, new
// windows are denied (http(s) links go to the system browser), <webview> is refused.

import type { Shell, WebContents } from 'electron';
import { isSafeExternalUrl, isTrustedUrl } from './policy.ts';

type Logger = Pick<Console, 'warn'>;

export function openExternally(shell: Pick<Shell, 'openExternal'>, url: string, log: Logger): void {
  if (!isSafeExternalUrl(url)) {
    log.warn(`loupe: refused to open ${JSON.stringify(url.slice(0, 200))}`);
    return;
  }
  shell.openExternal(url).catch((e: unknown) => log.warn(`loupe: could not open ${url}: ${(e as Error).message}`));
}

export function hardenWebContents(contents: WebContents, shell: Pick<Shell, 'openExternal'>, log: Logger = console): void {
  contents.on('will-navigate', (event) => {
    if (isTrustedUrl(event.url)) return;
    event.preventDefault();
    openExternally(shell, event.url, log);
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(shell, url, log);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
