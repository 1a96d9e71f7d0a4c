// Web-server and folder origins: short forms with the same "Test connection" rows, then save.

import { expect, openStudio, sampleFile, shot, test } from './fixtures.ts';

test.use({
  stackOptions: {
    folders: { pictures: {} },
    config: ({ dir }) => ({ origins: [{ id: 'pictures', type: 'folder', root: `${dir}/pictures` }], endpoints: [{ id: 'pics', origins: ['pictures'] }] }),
  },
});

test('adds a folder origin by path and a web-server origin, each tested first', async ({ page, stack, cspErrors }) => {
  void cspErrors;
  const { mkdir, writeFile } = await import('node:fs/promises');
  await mkdir(`${stack.dir}/more`, { recursive: true });
  await writeFile(`${stack.dir}/more/photo.jpg`, await sampleFile('photo.jpg'));
  await writeFile(`${stack.dir}/pictures/photo.jpg`, await sampleFile('photo.jpg'));
  await openStudio(page, stack);

  // Folder: the browser studio has a path field (the desktop app a "Choose…" button).
  await page.getByRole('button', { name: 'Add a local folder' }).click();
  await expect(page.getByRole('button', { name: 'Choose…' })).toHaveCount(0);
  await page.getByLabel('Folder path').fill(`${stack.dir}/more`);
  await expect(page.getByLabel('Name')).toHaveAttribute('placeholder', 'more');
  await page.getByRole('button', { name: 'Test connection' }).click();
  const rows = page.getByRole('list', { name: 'Connection checks' });
  await expect(rows.getByRole('listitem').first()).toBeVisible();
  await expect(rows.locator('.is-fail')).toHaveCount(0);
  await shot(page, 'origin-folder-form');
  await page.getByRole('button', { name: 'Save origin' }).click();
  await expect(page.getByText('Saved “more”.')).toBeVisible();
  await page.getByRole('button', { name: 'Back to Origins' }).click();
  await expect(page.locator('[data-origin="more"]')).toContainText(`${stack.dir}/more`);

  // A folder that does not exist fails its check, with the reason in the row.
  await page.getByRole('button', { name: /^Add (a local )?folder$/ }).click();
  await page.getByLabel('Folder path').fill(`${stack.dir}/nope`);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(rows.locator('.is-fail').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save anyway' })).toBeVisible();
  await shot(page, 'origin-folder-form-failing');
  await page.getByRole('button', { name: '← Origins' }).click();

  // Web server: Loupe's own delivery URL stands in for a web server here.
  await page.getByRole('button', { name: /^Add (a )?web server$/ }).click();
  await page.getByLabel('Base URL').fill(`${stack.deliveryUrl}/pics/`);
  await page.getByLabel('Name').fill('cdn');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(rows.getByRole('listitem').first()).toBeVisible();
  await shot(page, 'origin-web-form');
  await page.getByRole('button', { name: /Save origin|Save anyway/ }).click();
  await expect(page.getByText('Saved “cdn”.')).toBeVisible();
  await page.getByRole('button', { name: 'Back to Origins' }).click();
  await expect(page.locator('[data-origin="cdn"]')).toContainText(`${stack.deliveryUrl}/pics/`);
  await shot(page, 'origins-with-folder-and-web');

  // Test an existing origin from its card.
  await page.locator('[data-origin="pictures"]').getByRole('button', { name: 'Test connection' }).click();
  await expect(page.locator('[data-origin="pictures"]').getByRole('list', { name: 'Connection checks' })).toBeVisible();
});
