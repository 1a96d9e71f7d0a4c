// The full "Connect a GCS bucket" wizard, from the empty state to a working URL whose delivered image
// is fetched and decoded on the test side.

import path from 'node:path';
import sharp from 'sharp';
import { expect, nav, openStudio, SAMPLE, sampleFile, shot, test } from './fixtures.ts';

test.use({
  stackOptions: {
    buckets: { 'shop-images': {} },
    // The bundled sample folder is already there, as on a first start: no GCS origin yet.
    config: () => ({
      origins: [{ id: 'sample', type: 'folder', root: SAMPLE }],
      endpoints: [{ id: 'sample', origins: ['sample'] }],
    }),
  },
});

test('connects a bucket in six steps and serves its first image through a new endpoint', async ({ page, stack, cspErrors }) => {
  stack.emu.seed('shop-images', 'assets/photo.jpg', await sampleFile('photo.jpg'));
  stack.emu.seed('shop-images', 'assets/portrait.jpg', await sampleFile('portrait.jpg'));
  void cspErrors;
  await openStudio(page, stack);
  await expect(page).not.toHaveURL(/token=/); // the token left the address bar

  // Empty state: the sample folder exists, but no bucket yet.
  await expect(page.getByRole('heading', { name: 'Connect your first bucket' })).toBeVisible();
  await expect(page.locator('[data-origin="sample"]')).toBeVisible();
  await shot(page, 'origins-empty-state');
  await page.getByRole('button', { name: 'Connect a GCS bucket' }).click();

  // 1. Bucket: gs:// and trailing slashes are stripped, the folder becomes the prefix.
  const continueBtn = page.getByRole('button', { name: 'Continue' });
  await expect(continueBtn).toBeDisabled();
  await page.getByLabel('Bucket name').fill('gs://shop-images/assets/');
  await expect(page.getByText('Loupe will read gs://shop-images/assets/')).toBeVisible();
  await expect(page.getByLabel('Folder inside the bucket (optional)')).toHaveValue('assets/');
  await expect(page.getByText("Why isn't there a list of my buckets?")).toBeVisible();
  await page.getByText('Advanced').click();
  await page.getByLabel('Storage API endpoint').fill(stack.emu.url);
  await shot(page, 'wizard-1-bucket');
  await continueBtn.click();

  // 2. Service account: console link and copyable gcloud commands.
  await expect(page.getByRole('heading', { name: /Create a read-only service account/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Open Service accounts/ })).toHaveAttribute('href', /^https:\/\/console\.cloud\.google\.com\/iam-admin\/serviceaccounts/);
  await page.getByLabel('Project ID (fills in the commands)').fill('shop-prod');
  await expect(page.getByText('gcloud iam service-accounts create loupe-reader --display-name="Loupe (read-only)" --project=shop-prod')).toBeVisible();
  await shot(page, 'wizard-2-service-account');
  await continueBtn.click();

  // 3. Grant: the bucket is filled into the link and the command.
  await expect(page.getByRole('link', { name: /Permissions tab/ })).toHaveAttribute('href', 'https://console.cloud.google.com/storage/browser/shop-images;tab=permissions?project=shop-prod');
  await expect(page.getByText('gcloud storage buckets add-iam-policy-binding gs://shop-images --member=serviceAccount:loupe-reader@shop-prod.iam.gserviceaccount.com --role=roles/storage.objectViewer')).toBeVisible();
  await shot(page, 'wizard-3-grant');
  await continueBtn.click();

  // 4. Key: picked through the file input; only the three public fields are shown afterwards.
  await expect(continueBtn).toBeDisabled();
  await page.getByLabel('Service-account key file (.json)').setInputFiles({ name: 'loupe-reader-key.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(stack.key, null, 2)) });
  const summary = page.getByTestId('key-summary');
  await expect(summary).toContainText(stack.key.client_email);
  await expect(summary).toContainText(stack.key.project_id);
  await expect(summary).toContainText(stack.key.private_key_id);
  await expect(page.getByText('BEGIN PRIVATE KEY')).toHaveCount(0);
  // The headless studio has no keychain: it says so and asks.
  await expect(page.getByText('This computer cannot protect the key at rest.')).toBeVisible();
  await expect(continueBtn).toBeDisabled();
  await page.getByLabel(/Keep it for this session only/).check();
  await shot(page, 'wizard-4-key');
  await continueBtn.click();

  // 5. Test: one row per check, all passing, first object found.
  const rows = page.getByRole('list', { name: 'Connection checks' });
  await expect(page.getByText('✓ All checks passed')).toBeVisible();
  for (const name of ['Service-account key', 'Permissions', 'Listing', 'Reading']) {
    await expect(rows.locator(`[data-check="${name}"]`)).toHaveClass(/is-ok/);
  }
  await expect(page.getByText(/Loupe read photo\.jpg from your bucket/)).toBeVisible();
  await shot(page, 'wizard-5-test');
  await continueBtn.click();

  // 6. Attach to a new endpoint, pre-filled from the bucket name.
  await expect(page.getByLabel('Endpoint identifier')).toHaveValue('shop-images');
  await shot(page, 'wizard-6-attach');
  await page.getByRole('button', { name: 'Save and attach' }).click();
  const done = page.getByTestId('wizard-done');
  await expect(done.getByText('Your bucket is live.')).toBeVisible();
  const base = `${stack.deliveryUrl}/shop-images`;
  await expect(page.getByTestId('endpoint-url')).toHaveText(base);
  await expect(done.getByText(`curl -sS -o /dev/null -D - "${base}/tr:w-240/photo.jpg"`)).toBeVisible();
  const proof = page.getByTestId('proof-thumbnail');
  await expect(proof).toHaveAttribute('src', `${base}/tr:w-240/photo.jpg`);
  await expect.poll(() => proof.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(240);
  await shot(page, 'wizard-6-done');

  // The URL works for any client: fetched and decoded here.
  const res = await fetch(`${base}/tr:w-240/photo.jpg`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^image\//);
  expect(res.headers.get('x-loupe-origin')).toBe('shop-images');
  const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
  const original = await sharp(path.join(SAMPLE, 'photo.jpg')).metadata();
  expect(meta.width).toBe(240);
  expect(meta.height).toBe(Math.round((240 * original.height!) / original.width!));

  // The origin list now has the bucket, with its key shown by account only; the hero is gone.
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('heading', { name: 'Connect your first bucket' })).toHaveCount(0);
  const card = page.locator('[data-origin="shop-images"]');
  await expect(card).toContainText('gs://shop-images/assets/');
  await expect(card).toContainText(stack.key.client_email);
  await expect(card).toContainText('this session only');
  await shot(page, 'origins-list');
  await nav(page, 'Endpoints').click();
  await expect(page.getByRole('button', { name: /\/shop-images/ })).toBeVisible();
});
