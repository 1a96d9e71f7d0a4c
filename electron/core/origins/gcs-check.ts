// "Test connection" for a GCS origin (ux-notes.md §5.3): one row per check, each with how to fix it.
// Order: key → which permissions are held (needs none itself) → listing → reading one object.

import { LoupeError } from '../../../shared/errors.ts';
import type { GcsClient } from './gcs-origin.ts';
import { gcsError, withDeadline } from './gcs-origin.ts';
import type { OriginCheck, OriginCheckRow } from './types.ts';

const PERMISSIONS = ['storage.objects.get', 'storage.objects.list'] as const;
const IAM_DELAY = 'IAM changes can take a few minutes to apply (sometimes 7 or more): if you just granted the role, retry in a minute.';

export async function checkGcsOrigin(client: GcsClient): Promise<OriginCheck> {
  const { config } = client;
  const rows: OriginCheckRow[] = [];
  const bucketUrl = `gs://${config.bucket}/${config.prefix}`;
  let email = 'the service account';
  const grant = () => `Grant "Storage Object Viewer" on bucket ${config.bucket} to ${email}: gcloud storage buckets add-iam-policy-binding gs://${config.bucket} --member=serviceAccount:${email} --role=roles/storage.objectViewer`;

  // 1. The key.
  try {
    const key = await client.key();
    if (key) {
      email = key.client_email;
      rows.push({ name: 'Service-account key', ok: true, message: `${key.client_email} (project ${key.project_id || 'unknown'}, key ${key.private_key_id.slice(0, 8) || 'unknown'}…)` });
    } else if (config.apiEndpoint) {
      rows.push({ name: 'Service-account key', ok: true, message: `No key: talking to ${config.apiEndpoint} without credentials` });
    } else {
      rows.push({ name: 'Service-account key', ok: false, message: 'No key file is configured', fix: 'Create a JSON key for a read-only service account and set keyFile in the origin.' });
      return { ok: false, checks: rows };
    }
  } catch (e) {
    rows.push({ name: 'Service-account key', ok: false, message: (e as Error).message, fix: 'Download a new JSON key: Console → IAM & Admin → Service accounts → Keys → Add key → JSON.' });
    return { ok: false, checks: rows };
  }

  const storage = await client.storage();
  const bucket = storage.bucket(config.bucket);
  const timeout = config.timeoutMs;

  // 2. Which permissions are held: testIamPermissions needs no permission itself.
  try {
    const [held] = await withDeadline(bucket.iam.testPermissions([...PERMISSIONS]), timeout, bucketUrl);
    const missing = PERMISSIONS.filter((p) => !held[p]);
    rows.push(missing.length === 0
      ? { name: 'Permissions', ok: true, message: `${email} holds ${PERMISSIONS.join(' and ')}` }
      : { name: 'Permissions', ok: false, message: `${email} is missing ${missing.join(' and ')} on bucket ${config.bucket}`, fix: `${grant()}. ${IAM_DELAY}` });
  } catch (e) {
    rows.push(failure('Permissions', e, bucketUrl, grant()));
  }

  // 3. Listing, with the prefix.
  let first: string | undefined;
  try {
    const [files] = await withDeadline(bucket.getFiles({ prefix: config.prefix, maxResults: 1, autoPaginate: false }), timeout, bucketUrl);
    first = files[0]?.name;
    rows.push({ name: 'Listing', ok: true, message: first ? `Listed ${bucketUrl}: first object ${first}` : `Listed ${bucketUrl}: no objects there yet` });
  } catch (e) {
    rows.push(failure('Listing', e, bucketUrl, grant(), `The bucket "${config.bucket}" does not exist: check its name (and that it is in the key's project).`));
  }

  // 4. Reading: metadata and the first bytes of one object.
  if (first) {
    const name = first;
    try {
      const file = bucket.file(name);
      const [meta] = await withDeadline(file.getMetadata(), timeout, `gs://${config.bucket}/${name}`);
      const [bytes] = await withDeadline(file.download({ start: 0, end: 15, validation: false }), timeout, `gs://${config.bucket}/${name}`);
      rows.push({ name: 'Reading', ok: true, message: `Read gs://${config.bucket}/${name} (${meta.contentType ?? 'unknown type'}, ${meta.size} bytes; first ${bytes.length} bytes fetched)`, sample: name.slice(config.prefix.length) });
    } catch (e) {
      rows.push(failure('Reading', e, `gs://${config.bucket}/${name}`, grant()));
    }
  } else if (rows.find((r) => r.name === 'Listing')?.ok) {
    rows.push({ name: 'Reading', ok: true, message: 'Skipped: no object to read yet (upload one to prove reading works)' });
  } else {
    rows.push({ name: 'Reading', ok: false, message: 'Not tested: listing failed, so no object could be found to read', fix: 'Fix the listing row first, then retry.' });
  }
  return { ok: rows.every((r) => r.ok), checks: rows };
}

function failure(name: string, e: unknown, where: string, grant: string, notFound?: string): OriginCheckRow {
  const mapped = e instanceof LoupeError ? e : gcsError(e, where);
  if (!mapped) return { name, ok: false, message: notFound ?? `Not found: ${where}`, fix: 'Check the bucket name and prefix.' };
  const status = mapped.details?.status;
  if (status === 403 || status === 401) return { name, ok: false, message: mapped.message, fix: `${grant}. ${IAM_DELAY}` };
  return { name, ok: false, message: mapped.message, fix: 'Check the network (proxy, firewall) and the apiEndpoint, then retry.' };
}
