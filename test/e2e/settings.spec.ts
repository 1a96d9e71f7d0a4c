// Settings: values load and save, cache usage and purge, config export (a JSON download) and import.

import { readFile } from 'node:fs/promises';
import { expect, nav, openStudio, SAMPLE, shot, test } from './fixtures.ts';

test.use({
  stackOptions: {
    config: () => ({ origins: [{ id: 'sample', type: 'folder', root: SAMPLE }], endpoints: [{ id: 'sample', origins: ['sample'] }] }),
  },
});

test('saves image settings, purges the cache, exports and imports the config', async ({ page, stack, cspErrors }) => {
  void cspErrors;
  expect((await fetch(`${stack.deliveryUrl}/sample/tr:w-64/photo.jpg`)).status).toBe(200);
  await openStudio(page, stack);
  await nav(page, 'Settings').click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();

  const avif = page.getByRole('switch', { name: 'Serve AVIF' });
  await expect(avif).not.toBeChecked();
  await avif.check();
  await page.getByLabel('Default quality (1–100)').fill('72');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText(/✓ Saved at/)).toBeVisible();
  await page.reload();
  await nav(page, 'Settings').click();
  await expect(page.getByRole('switch', { name: 'Serve AVIF' })).toBeChecked();
  await expect(page.getByLabel('Default quality (1–100)')).toHaveValue('72');

  const meter = page.getByRole('meter', { name: 'Cache usage' });
  await expect(meter).toBeVisible();
  await expect(page.getByText(/· [1-9]\d* files?/)).toBeVisible();
  await shot(page, 'settings');

  await page.getByLabel('Purge one endpoint').selectOption('sample');
  await page.getByRole('button', { name: 'Purge', exact: true }).click();
  await expect(page.getByText(/✓ Removed \d+ cached files? of \/sample\./)).toBeVisible();
  await page.getByRole('button', { name: 'Purge all…' }).click();
  await page.getByRole('button', { name: 'Purge everything' }).click();
  await expect(page.getByText(/✓ Removed \d+ cached file/)).toBeVisible();
  await expect(page.getByText(/· 0 files/)).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export config…' }).click();
  const file = await (await download).path();
  const exported = JSON.parse(await readFile(file, 'utf8')) as { origins: { id: string }[]; images?: { avif?: boolean } };
  expect(exported.origins.map((o) => o.id)).toEqual(['sample']);
  expect(exported.images?.avif).toBe(true);

  // Import: an invalid file changes nothing and says why; a valid one replaces the config.
  await page.getByLabel('Config file to import').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"origins": [{"id": "x"}]}') });
  await expect(page.getByRole('alert')).toContainText(/origins\[0\]/);
  const next = { ...exported, endpoints: [{ id: 'sample', origins: ['sample'] }, { id: 'second', origins: ['sample'] }] };
  await page.getByLabel('Config file to import').setInputFiles({ name: 'team.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(next)) });
  await expect(page.getByText('✓ Imported team.json: 1 origin, 2 endpoints.')).toBeVisible();
  await shot(page, 'settings-after-import');
  expect((await fetch(`${stack.deliveryUrl}/second/photo.jpg`)).status).toBe(200);
});
