// Caller identity and test keys. The emulator accepts any Bearer token (and none); a token only
// matters for naming the caller in 403 messages, as GCS names the key's client_email.

import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Ctx } from './context.ts';
import { sendJson, sendJsonError } from './errors.ts';

const ISSUED = 'gcs-emulator.';

/**
 * The SDK sends no Authorization to a custom endpoint, so the fallback is the usual case. With
 * `useAuthWithCustomEndpoint` and a self-signed JWT client the token is a JWT whose `iss` is the
 * client_email; tokens minted by our /token endpoint carry the email too.
 */
export function callerEmail(req: IncomingMessage, fallback: string): string {
  const auth = req.headers.authorization;
  const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : '';
  if (token.startsWith(ISSUED)) return Buffer.from(token.slice(ISSUED.length), 'base64url').toString('utf8') || fallback;
  return jwtEmail(token) ?? fallback;
}

function jwtEmail(jwt: string): string | undefined {
  const parts = jwt.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const email = claims.email ?? claims.iss ?? claims.sub;
    return typeof email === 'string' && email.includes('@') ? email : undefined;
  } catch {
    return undefined;
  }
}

/**
 * OAuth 2.0 JWT-bearer exchange for clients that honour a key's `token_uri` (SDK v7 doesn't: gtoken 7
 * posts to www.googleapis.com regardless). The assertion's signature is not checked: any key works.
 */
export function issueToken(ctx: Ctx): void {
  const form = new URLSearchParams(ctx.body.toString('utf8'));
  const email = jwtEmail(form.get('assertion') ?? '');
  if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' || !email) {
    return sendJsonError(ctx.res, 400, 'invalid_grant');
  }
  sendJson(ctx.res, 200, { access_token: ISSUED + Buffer.from(email).toString('base64url'), expires_in: 3599, token_type: 'Bearer' });
}

/** A service-account JSON key in Google's format (see gcs-json-api.md §7.1). */
export interface ServiceAccountKey {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  token_uri: string;
  auth_provider_x509_cert_url: string;
  client_x509_cert_url: string;
  universe_domain: string;
}

/**
 * A realistic key with a freshly generated RSA-2048 private key (PKCS#8 PEM, real newlines), so code
 * that validates keys locally (createPrivateKey, an RS256 round trip) sees what a real download holds.
 */
export function makeTestServiceAccountKey(opts: { clientEmail?: string; tokenUri?: string; projectId?: string } = {}): ServiceAccountKey {
  const clientEmail = opts.clientEmail ?? 'loupe-test@loupe-test.iam.gserviceaccount.com';
  const projectId = opts.projectId ?? (/@([^.]+)\./.exec(clientEmail)?.[1] ?? 'loupe-test');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    type: 'service_account',
    project_id: projectId,
    private_key_id: randomBytes(20).toString('hex'),
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: clientEmail,
    client_id: `1${Array.from({ length: 20 }, () => randomInt(10)).join('')}`,
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: opts.tokenUri ?? 'https://oauth2.googleapis.com/token',
    auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
    client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(clientEmail)}`,
    universe_domain: 'googleapis.com',
  };
}
