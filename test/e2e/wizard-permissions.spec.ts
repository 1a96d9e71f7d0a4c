// A key whose account lacks storage.objects.list: the Permissions row names the missing permission
// and its fix, a countdown offers to retry, and "Retry now" passes once the role is granted.

import { expect, openStudio, sampleFile, shot, test } from './fixtures.ts';
import { dropKeyFile, startWizard } from './wizard-helpers.ts';

test.use({ stackOptions: { buckets: { 'team-photos': {} } } });

test('shows the missing storage.objects.list permission, how to fix it, and retries on a countdown', async ({ page, stack, cspErrors }) => {
  void cspErrors;
  stack.emu.seed('team-photos', 'photo.jpg', await sampleFile('photo.jpg'));
  stack.emu.setIam('team-photos', { list: false });
  await openStudio(page, stack);
  await startWizard(page, stack, 'team-photos');
  await dropKeyFile(page, JSON.stringify(stack.key));
  await page.getByLabel(/Keep it for this session only/).check();
  await page.getByRole('button', { name: 'Continue' }).click();

  const permissions = page.locator('[data-check="Permissions"]');
  await expect(permissions).toHaveClass(/is-fail/);
  await expect(permissions).toContainText('missing storage.objects.list');
  await expect(permissions).toContainText('How to fix');
  await expect(permissions).toContainText('gcloud storage buckets add-iam-policy-binding gs://team-photos');
  await expect(permissions).toContainText('roles/storage.objectViewer');
  await expect(page.locator('[data-check="Listing"]')).toHaveClass(/is-fail/);

  // The countdown runs (visibly), can be cancelled, and "Retry now" re-tests.
  const seconds = page.getByTestId('countdown-seconds');
  await expect(seconds).toBeVisible();
  const first = Number(await seconds.textContent());
  expect(first).toBeGreaterThan(50);
  await expect.poll(async () => Number(await seconds.textContent()), { timeout: 5000 }).toBeLessThan(first);
  await expect(page.getByRole('button', { name: 'Continue anyway' })).toBeEnabled();
  await shot(page, 'wizard-5-missing-permission');

  await page.getByRole('button', { name: 'Cancel automatic retry' }).click();
  await expect(seconds).toHaveCount(0);
  await page.getByRole('button', { name: 'Test again' }).click();
  await expect(seconds).toBeVisible();

  stack.emu.setIam('team-photos', { list: true }); // the role was granted meanwhile
  await page.getByRole('button', { name: 'Retry now' }).click();
  await expect(page.getByText('✓ All checks passed')).toBeVisible();
  await expect(permissions).toHaveClass(/is-ok/);
  await expect(seconds).toHaveCount(0);
});
