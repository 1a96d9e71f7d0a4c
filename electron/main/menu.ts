// The application menu: "Open Loupe", "Copy base URL", "Quit" (plus the standard Edit menu, without
// which copy and paste shortcuts do not work on macOS).

import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  open(): void;
  copyBaseUrl(): void;
  quit(): void;
}

export function buildMenuTemplate(actions: MenuActions, options: { isPackaged: boolean }): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'Loupe',
      submenu: [
        { label: 'Open Loupe', click: () => actions.open() },
        { label: 'Copy base URL', click: () => actions.copyBaseUrl() },
        { type: 'separator' },
        { label: 'Quit', accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() },
      ],
    },
    { role: 'editMenu' },
  ];
  // Reload and DevTools only while developing.
  if (!options.isPackaged) template.push({ role: 'viewMenu' });
  return template;
}
