// The activity view shows a 404 as a sentence a user can act on, and expands into what each origin said.

import { expect, nav, openStudio, sampleFile, shot, test } from './fixtures.ts';

test.use({
  stackOptions: {
    buckets: { 'shop-b': {} },
    folders: { local: {} },
    config: ({ emu, dir }) => ({
      origins: [
        { id: 'bucket', type: 'gcs', bucket: 'shop-b', prefix: 'assets/', apiEndpoint: emu.url },
        { id: 'local', type: 'folder', root: `${dir}/local` },
      ],
      endpoints: [{ id: 'img', origins: ['bucket', 'local'] }, { id: 'other', origins: ['local'] }],
    }),
  },
});

test('a 404 reads as a sentence and expands into the origins tried', async ({ page, stack, cspErrors }) => {
  void cspErrors;
  stack.emu.seed('shop-b', 'assets/photo.jpg', await sampleFile('photo.jpg'));
  expect((await fetch(`${stack.deliveryUrl}/img/tr:w-100/photo.jpg`)).status).toBe(200);
  expect((await fetch(`${stack.deliveryUrl}/img/photos/x.jpg`)).status).toBe(404);

  await openStudio(page, stack);
  await nav(page, 'Activity').click();
  const list = page.getByRole('list', { name: 'Requests' });
  await expect(list.locator('[data-status="404"]')).toHaveCount(1);
  const notFound = list.locator('[data-status="404"]', { hasText: '/img/photos/x.jpg' });
  const sentence = `Not found: photos/x.jpg was looked up in bucket (gs://shop-b/assets/photos/x.jpg) and local (${stack.dir}/local/photos/x.jpg); neither has it.`;
  await expect(notFound).toContainText(sentence);
  await expect(list.getByRole('listitem').first()).toHaveAttribute('data-status', '404'); // newest first

  // Live: a request made while the page is open appears on top.
  expect((await fetch(`${stack.deliveryUrl}/other/tr:w-50/nothing.png`)).status).toBe(404);
  await expect(list.getByRole('listitem')).toHaveCount(3);
  await expect(list.getByRole('listitem').first()).toContainText('/other/tr:w-50/nothing.png');
  await shot(page, 'activity-log');

  await notFound.getByRole('button').click();
  const details = notFound.locator('.activity-details');
  await expect(details.getByRole('row')).toHaveCount(3);
  await expect(details).toContainText('gs://shop-b/assets/photos/x.jpg');
  await expect(details).toContainText('not found');
  await expect(details).toContainText('Cache');
  await shot(page, 'activity-404-expanded');

  // The 200 row explains cache state and the output.
  const ok = list.locator('[data-status="200"]');
  await ok.getByRole('button').click();
  await expect(ok.locator('.activity-details')).toContainText('JPEG');
  await expect(ok.locator('.activity-details')).toContainText('w-100');

  // Filters: errors only, then one endpoint.
  await page.getByLabel('Status').selectOption('error');
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await page.getByLabel('Endpoint').selectOption('img');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await page.getByLabel('Status').selectOption('200');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('listitem')).toHaveAttribute('data-status', '200');
  await shot(page, 'activity-filtered');
});
