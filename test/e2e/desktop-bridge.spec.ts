// The renderer inside the desktop app: with `window.loupe` present (as the preload exposes it) the
// client uses it instead of HTTP, and a folder origin gets a "Choose…" button (system.pickFolder).

import { CHANNELS } from '../../shared/contract.ts';
import { expect, sampleFile, shot, test } from './fixtures.ts';

test.use({ stackOptions: { folders: { chosen: {} } } });

test('uses window.loupe when present, and picks a folder with Choose…', async ({ page, stack, cspErrors }) => {
  void cspErrors;
  const { writeFile } = await import('node:fs/promises');
  await writeFile(`${stack.dir}/chosen/photo.jpg`, await sampleFile('photo.jpg'));
  const token = new URL(stack.studioUrl).hash.replace('#token=', '');
  const calls: string[] = [];
  // Stands in for the preload + IPC: every call goes to the same core through the dispatcher.
  await page.exposeBinding('__loupeInvoke', async (_source, channel: string, input: unknown) => {
    calls.push(channel);
    if (channel === 'system.pickFolder') return { ok: true, value: { path: `${stack.dir}/chosen` } };
    const res = await fetch(new URL('/api/call', stack.studioUrl), {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ channel, input }),
    });
    return res.json();
  });
  await page.addInitScript(`(() => {
    const channels = ${JSON.stringify(CHANNELS)};
    const api = Object.fromEntries(channels.map((c) => [c, (input) => window.__loupeInvoke(c, input)]));
    api.on = () => () => undefined;
    Object.defineProperty(window, 'loupe', { value: Object.freeze(api), writable: false, configurable: false });
  })()`);

  await page.goto(stack.studioUrl.replace(/#.*$/, '')); // no token: the desktop app needs none
  await expect(page.getByText('Serving at')).toBeVisible();
  expect(calls).toContain('server.status');
  await page.getByRole('button', { name: 'Add a local folder' }).click();
  await expect(page.getByLabel('Folder path')).toHaveCount(0);
  await page.getByRole('button', { name: 'Choose…' }).click();
  await expect(page.getByText(`${stack.dir}/chosen`, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('list', { name: 'Connection checks' }).getByRole('listitem').first()).toBeVisible();
  await shot(page, 'origin-folder-form-desktop');
  await page.getByRole('button', { name: 'Save origin' }).click();
  await expect(page.getByText('Saved “chosen”.')).toBeVisible();
  expect(calls).toEqual(expect.arrayContaining(['system.pickFolder', 'origins.check', 'origins.save']));
});

test('the browser studio without a token says how to get in', async ({ page, stack, cspErrors }) => {
  void cspErrors;
  await page.goto(stack.studioUrl.replace(/#.*$/, ''));
  await expect(page.getByText(/No studio token/).first()).toBeVisible();
});
