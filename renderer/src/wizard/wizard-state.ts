// The GCS wizard's state and the derived values each step needs (origin draft, commands, links).

import type { KeyInput, KeySummary, OriginCheckDto, OriginConfigJson, OriginView } from '../../../shared/contract.ts';

export interface WizardState {
  bucket: string;
  prefix: string;
  /** Empty: derived from the bucket name. */
  originId: string;
  /** Advanced: a GCS-compatible API endpoint (an emulator); empty for Google Cloud. */
  apiEndpoint: string;
  projectId: string;
  accountName: string;
  key?: { json: string; summary: KeySummary; warnings: string[]; fileName?: string };
  storage?: KeyInput['storage'];
  check?: OriginCheckDto;
  /** Set once origins.save succeeded: later saves update it instead of creating a duplicate. */
  savedOrigin?: OriginView;
}

export const INITIAL_STATE: WizardState = { bucket: '', prefix: '', originId: '', apiEndpoint: '', projectId: '', accountName: 'loupe-reader' };

export const BUCKET_RE = /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/;

export function bucketProblem(bucket: string): string | undefined {
  if (bucket === '') return undefined;
  if (/[A-Z]/.test(bucket)) return 'Bucket names are lower-case: check the spelling in the Cloud Console.';
  if (bucket.length < 3) return 'Bucket names have at least 3 characters.';
  if (!BUCKET_RE.test(bucket)) return 'Bucket names use lower-case letters, digits, "-", "_" and "." and start and end with a letter or digit.';
  return undefined;
}

export function originIdOf(s: WizardState, existing: OriginView[]): string {
  if (s.originId.trim()) return s.originId.trim();
  const base = s.bucket.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 56) || 'bucket';
  const taken = new Set(existing.map((o) => o.config.id).filter((id) => id !== s.savedOrigin?.config.id));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

export function draftOf(s: WizardState, existing: OriginView[]): OriginConfigJson {
  return {
    id: originIdOf(s, existing), type: 'gcs', bucket: s.bucket,
    ...(s.prefix ? { prefix: s.prefix } : {}),
    ...(s.apiEndpoint.trim() ? { apiEndpoint: s.apiEndpoint.trim() } : {}),
  };
}

export function keyInputOf(s: WizardState): KeyInput | undefined {
  return s.key ? { json: s.key.json, storage: s.storage ?? 'session' } : undefined;
}

export function accountEmail(s: WizardState): string {
  if (s.key) return s.key.summary.client_email;
  return `${s.accountName || 'loupe-reader'}@${s.projectId.trim() || 'PROJECT_ID'}.iam.gserviceaccount.com`;
}

export function projectQuery(s: WizardState): string {
  const p = s.key?.summary.project_id || s.projectId.trim();
  return p ? `?project=${encodeURIComponent(p)}` : '';
}

export function consoleLinks(s: WizardState) {
  return {
    serviceAccounts: `https://console.cloud.google.com/iam-admin/serviceaccounts${projectQuery(s)}`,
    bucketPermissions: `https://console.cloud.google.com/storage/browser/${encodeURIComponent(s.bucket || 'BUCKET')};tab=permissions${projectQuery(s)}`,
    orgPolicies: `https://console.cloud.google.com/iam-admin/orgpolicies/iam-disableServiceAccountKeyCreation${projectQuery(s)}`,
  };
}

export function commands(s: WizardState) {
  const project = s.projectId.trim() ? ` --project=${s.projectId.trim()}` : '';
  const name = s.accountName || 'loupe-reader';
  const email = accountEmail(s);
  return {
    createAccount: `gcloud iam service-accounts create ${name} --display-name="Loupe (read-only)"${project}`,
    createKey: `gcloud iam service-accounts keys create ${name}-key.json --iam-account=${email}`,
    grant: `gcloud storage buckets add-iam-policy-binding gs://${s.bucket || 'BUCKET'} --member=serviceAccount:${email} --role=roles/storage.objectViewer`,
  };
}

/** A failed check that may pass by itself once an IAM change has propagated. */
export function isPermissionFailure(check: OriginCheckDto | undefined): boolean {
  return !!check?.checks.some((r) => !r.ok && (r.name === 'Permissions' || /\b403\b|permission|access|denied|forbidden/i.test(r.message)));
}
