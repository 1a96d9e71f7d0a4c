// Service-account key validation, local and instant (gcs-json-api.md §7.2, ux-notes.md §5.2): the
// specific mistakes people make get specific messages, because with a custom endpoint the SDK itself
// never parses the key and a bogus key would only fail later, against real GCS.

import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';

export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  project_id: string;
  private_key_id: string;
  token_uri?: string;
}

/** What the GUI may show of a key: never the private key. */
export interface KeySummary {
  client_email: string;
  project_id: string;
  private_key_id: string;
}

export type KeyProblem =
  | 'not-json' | 'too-large' | 'oauth-client' | 'authorized-user' | 'external-account' | 'wrong-type'
  | 'incomplete' | 'lost-line-breaks' | 'damaged-key' | 'not-rsa';

export type KeyValidation =
  | { ok: true; key: ServiceAccountKey; summary: KeySummary; warnings: string[] }
  | { ok: false; problem: KeyProblem; message: string };

const MAX_KEY_BYTES = 64 * 1024;
const RE_DOWNLOAD = 'In Google Cloud Console → IAM & Admin → Service accounts → your account → Keys → Add key → Create new key → JSON.';

function fail(problem: KeyProblem, message: string): KeyValidation {
  return { ok: false, problem, message };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function validateServiceAccountKey(text: string): KeyValidation {
  if (Buffer.byteLength(text, 'utf8') > MAX_KEY_BYTES) return fail('too-large', 'This file is too large to be a key. Drop the .json file downloaded from Google Cloud.');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail('not-json', 'This is not a JSON key file. Drop the .json file downloaded from Google Cloud.');
  }
  if (!isObject(json)) return fail('not-json', 'This is not a JSON key file. Drop the .json file downloaded from Google Cloud.');
  if (isObject(json.installed) || isObject(json.web)) {
    return fail('oauth-client', `This is an OAuth client file, not a service-account key. ${RE_DOWNLOAD}`);
  }
  if (json.type === 'authorized_user') {
    return fail('authorized-user', 'This is a gcloud user-credentials file (from "gcloud auth application-default login"), not a service-account key. Loupe needs a read-only service-account key: ' + RE_DOWNLOAD);
  }
  if (json.type === 'external_account') {
    return fail('external-account', 'This is a Workload Identity Federation config, which Loupe does not support. Use a service-account key: ' + RE_DOWNLOAD);
  }
  if (json.type !== 'service_account') {
    return fail('wrong-type', `This JSON is not a service-account key (type is ${json.type === undefined ? 'missing' : JSON.stringify(json.type)}; expected "service_account"). ${RE_DOWNLOAD}`);
  }
  const missing = ['client_email', 'private_key', 'project_id', 'private_key_id'].filter((k) => typeof json[k] !== 'string' || (json[k] as string).trim() === '');
  if (missing.includes('client_email') || missing.includes('private_key')) {
    return fail('incomplete', `The key file is incomplete or corrupted (${missing.join(', ')} missing or empty): re-download it. ${RE_DOWNLOAD}`);
  }
  const pem = json.private_key as string;
  if (!pem.includes('\n') && pem.includes('\\n')) {
    return fail('lost-line-breaks', 'The private key looks damaged: its line breaks became the two characters "\\n" (this happens when a key is pasted into an environment variable or an editor). Use the downloaded .json file as it is.');
  }
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(pem) || !/-----END (RSA )?PRIVATE KEY-----/.test(pem) || !pem.includes('\n')) {
    return fail('lost-line-breaks', 'The private key looks damaged (its BEGIN/END lines or line breaks were lost when copying?). Use the downloaded .json file as it is, or re-download it.');
  }
  let keyObject;
  try {
    keyObject = createPrivateKey({ key: pem, format: 'pem' });
  } catch (e) {
    return fail('damaged-key', `The private key is damaged or truncated (${(e as Error).message}): re-download the key file.`);
  }
  if (keyObject.asymmetricKeyType !== 'rsa') return fail('not-rsa', `The private key is ${keyObject.asymmetricKeyType ?? 'unknown'}, not RSA: this is not a Google service-account key.`);
  try {
    const probe = Buffer.from('loupe key check');
    const signature = sign('sha256', probe, keyObject);
    if (!verify('sha256', probe, createPublicKey(keyObject), signature)) throw new Error('signature did not verify');
  } catch (e) {
    return fail('damaged-key', `The private key cannot sign (${(e as Error).message}): re-download the key file.`);
  }
  const warnings: string[] = [];
  const email = json.client_email as string;
  if (!/^[^@\s]+@[^@\s]+\.(iam\.gserviceaccount\.com|gserviceaccount\.com)$/.test(email) && !/@(developer|appspot)\.gserviceaccount\.com$/.test(email)) {
    warnings.push(`client_email "${email}" does not look like a service-account address (…@PROJECT.iam.gserviceaccount.com).`);
  }
  if (typeof json.private_key_id === 'string' && !/^[0-9a-f]{40}$/.test(json.private_key_id)) warnings.push('private_key_id is not 40 hex characters.');
  if (typeof json.token_uri === 'string' && !json.token_uri.startsWith('https://')) warnings.push(`token_uri "${json.token_uri}" is not https.`);
  if (missing.length) warnings.push(`${missing.join(', ')} missing; the key may still work.`);
  const key: ServiceAccountKey = {
    client_email: email, private_key: pem,
    project_id: (json.project_id as string | undefined) ?? '', private_key_id: (json.private_key_id as string | undefined) ?? '',
    ...(typeof json.token_uri === 'string' ? { token_uri: json.token_uri } : {}),
  };
  return { ok: true, key, summary: { client_email: key.client_email, project_id: key.project_id, private_key_id: key.private_key_id }, warnings };
}
