// Reordering an endpoint's origins with the keyboard changes which origin serves a URL.

import { expect, nav, openStudio, sampleFile, shot, test } from './fixtures.ts';

test.use({
  stackOptions: {
    folders: { local: {}, archive: {} },
    config: ({ dir }) => ({
      origins: [{ id: 'local', type: 'folder', root: `${dir}/local` }, { id: 'archive', type: 'folder', root: `${dir}/archive` }],
      endpoints: [{ id: 'img', origins: ['local', 'archive'] }],
    }),
  },
});

test('Alt+↑ on a focused origin row, then Save, makes that origin serve the URL', async ({ page, stack, cspErrors }) => {
  void cspErrors;
  const { writeFile } = await import('node:fs/promises');
  await writeFile(`${stack.dir}/local/photo.jpg`, await sampleFile('photo.jpg'));
  await writeFile(`${stack.dir}/archive/photo.jpg`, await sampleFile('portrait.jpg'));
  const url = `${stack.deliveryUrl}/img/tr:w-120/photo.jpg`;
  const servedBy = async () => {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    return res.headers.get('x-loupe-origin');
  };
  expect(await servedBy()).toBe('local');

  await openStudio(page, stack);
  await nav(page, 'Endpoints').click();
  const editor = page.getByRole('form', { name: 'Endpoint /img' });
  await expect(editor).toBeVisible();
  await expect(page.getByTestId('endpoint-base-url')).toHaveText(`${stack.deliveryUrl}/img`);
  const rows = editor.getByRole('list', { name: 'Origins, in the order they are tried' }).getByRole('listitem');
  await expect(rows).toHaveText([/local/, /archive/]);

  await editor.locator('[data-origin="archive"]').focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(rows).toHaveText([/archive/, /local/]);
  await expect(page.getByTestId('order-announcement')).toHaveText('archive moved to position 1 of 2. Order: archive, local.');
  await expect(editor.locator('[data-origin="archive"]')).toBeFocused(); // focus follows the row
  await expect(editor.getByText('Unsaved changes')).toBeVisible();
  await shot(page, 'endpoints-reordered-unsaved');
  await editor.getByRole('button', { name: 'Save endpoint' }).click();
  await expect(editor.getByText(/✓ Saved at/)).toBeVisible();
  await expect(page.getByRole('button', { name: /\/img archive → local/ })).toBeVisible();

  expect(await servedBy()).toBe('archive');

  // Move it back with the buttons, then explain the URL.
  await editor.getByRole('button', { name: 'Move archive down' }).click();
  await expect(rows).toHaveText([/local/, /archive/]);
  await editor.getByRole('button', { name: 'Save endpoint' }).click();
  await expect(editor.getByText(/✓ Saved at/)).toBeVisible();
  expect(await servedBy()).toBe('local');

  // Dragging works too (not saved here).
  await editor.locator('[data-origin="archive"]').dragTo(editor.locator('[data-origin="local"]'));
  await expect(rows).toHaveText([/archive/, /local/]);
  await expect(editor.getByText('Unsaved changes')).toBeVisible();

  await page.getByLabel('URL to explain').fill(`${stack.deliveryUrl}/img/tr:w-300/missing.jpg`);
  await page.getByRole('button', { name: 'Explain', exact: true }).click();
  const explanation = page.getByTestId('explanation');
  await expect(explanation).toContainText('/img');
  await expect(explanation).toContainText('w-300');
  await expect(explanation.getByRole('row')).toHaveCount(3); // header + two origins
  await expect(explanation).toContainText(`${stack.dir}/local/missing.jpg`);
  await expect(explanation).toContainText(`${stack.dir}/archive/missing.jpg`);
  await expect(explanation.locator('.status-chip')).toHaveText('404');
  await shot(page, 'endpoints-explain-404');

  await page.getByLabel('URL to explain').fill(url);
  await page.getByRole('button', { name: 'Explain', exact: true }).click();
  await expect(explanation.locator('.status-chip')).toHaveText('200');
  await expect(explanation).toContainText('Served by');
  await shot(page, 'endpoints-explain-200');
});
