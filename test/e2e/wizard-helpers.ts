// Drives the GCS wizard's first steps for specs that are about a later step.

import type { Page } from '@playwright/test';
import { expect, type Stack } from './fixtures.ts';

export async function startWizard(page: Page, stack: Stack, bucket: string): Promise<void> {
  await page.getByRole('button', { name: 'Connect a GCS bucket' }).click();
  await page.getByLabel('Bucket name').fill(bucket);
  await page.getByText('Advanced').click();
  await page.getByLabel('Storage API endpoint').fill(stack.emu.url);
  const next = page.getByRole('button', { name: 'Continue' });
  await next.click(); // → service account
  await next.click(); // → grant
  await next.click(); // → key
  await expect(page.getByRole('heading', { name: /Add the JSON key/ })).toBeVisible();
}

export async function dropKeyFile(page: Page, json: string, name = 'key.json'): Promise<void> {
  await page.getByLabel('Service-account key file (.json)').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(json) });
}
