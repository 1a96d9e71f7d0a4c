// Broken key files get their specific message next to the drop zone, and cannot be used.

import { expect, nav, openStudio, shot, test } from './fixtures.ts';
import { dropKeyFile, startWizard } from './wizard-helpers.ts';

test.use({ stackOptions: { buckets: { 'brand-assets': {} } } });

const OAUTH_CLIENT = {
  installed: {
    client_id: '123456789-abc.apps.googleusercontent.com', project_id: 'brand', auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: 'https://oauth2.googleapis.com/token', client_secret: 'GOCSPX-not-a-real-secret', redirect_uris: ['http://localhost'],
  },
};

test('empty pages lead to the first bucket', async ({ page, stack, cspErrors }) => {
  void cspErrors;
  await openStudio(page, stack);
  await expect(page.getByRole('heading', { name: 'Connect your first bucket' })).toBeVisible();
  await shot(page, 'origins-empty');
  await nav(page, 'Endpoints').click();
  await expect(page.getByRole('heading', { name: 'No endpoints yet' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Connect your first bucket' })).toBeVisible();
  await shot(page, 'endpoints-empty');
  await nav(page, 'Activity').click();
  await expect(page.getByRole('heading', { name: 'No requests yet' })).toBeVisible();
  await shot(page, 'activity-empty');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Endpoints' }).click();
  await page.getByRole('button', { name: 'Connect your first bucket' }).click();
  await expect(page.getByRole('heading', { name: 'Connect a Google Cloud Storage bucket' })).toBeVisible();
});

test('an OAuth client file and a key with literal \\n each get their own message', async ({ page, stack, cspErrors }) => {
  void cspErrors;
  await openStudio(page, stack);
  await startWizard(page, stack, 'brand-assets');
  const continueBtn = page.getByRole('button', { name: 'Continue' });
  const problem = page.getByRole('alert');

  await dropKeyFile(page, JSON.stringify(OAUTH_CLIENT, null, 2), 'client_secret_123.json');
  await expect(problem).toContainText('This is an OAuth client file, not a service-account key');
  await expect(problem).toContainText('Keys → Add key');
  await expect(page.getByTestId('key-drop-zone')).toHaveClass(/is-error/);
  await expect(continueBtn).toBeDisabled();
  await shot(page, 'wizard-4-key-oauth-client');

  // The private key's line breaks became the two characters "\n" (pasted through an env var).
  const mangled = JSON.stringify({ ...stack.key, private_key: stack.key.private_key.replace(/\n/g, '\\n') });
  await dropKeyFile(page, mangled, 'pasted-key.json');
  await expect(problem).toContainText('line breaks became the two characters "\\n"');
  await expect(continueBtn).toBeDisabled();
  await shot(page, 'wizard-4-key-literal-newlines');

  await dropKeyFile(page, 'not json at all', 'notes.json');
  await expect(problem).toContainText('This is not a JSON key file');

  // The right file clears the message.
  await dropKeyFile(page, JSON.stringify(stack.key));
  await expect(page.getByTestId('key-summary')).toContainText(stack.key.client_email);
  await expect(problem).toHaveCount(0);
});
