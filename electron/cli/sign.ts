// `loupe sign <url> [--expires SECONDS]`: signs a delivery URL the way the ImageKit SDKs do, with the
// configured signing.privateKey, for endpoints that require signed URLs.

import { parseArgs } from 'node:util';
import { resolveUrl } from '../core/server/resolve-url.ts';
import { signUrl } from '../core/server/signing.ts';
import { loadConfig, UsageError } from './config.ts';

export async function signCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { config: { type: 'string' }, expires: { type: 'string' } }, allowPositionals: true, strict: true });
  const [url] = positionals;
  if (!url || positionals.length > 1) throw new UsageError('sign: give exactly one URL, e.g. loupe sign http://127.0.0.1:3210/demo/tr:w-300/a.jpg');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`sign: "${url}" is not an absolute URL`);
  }
  const { config } = await loadConfig(values.config);
  const key = config.signing.privateKey;
  if (!key) throw new UsageError('sign: the config has no signing.privateKey');
  let expiresAt: number | undefined;
  if (values.expires !== undefined) {
    if (!/^\d+$/.test(values.expires) || Number(values.expires) === 0) throw new UsageError(`sign: --expires: expected a number of seconds, got "${values.expires}"`);
    expiresAt = Math.floor(Date.now() / 1000) + Number(values.expires);
  }
  const target = url.slice(parsed.origin.length) || '/';
  const { endpoint } = resolveUrl(target, parsed.host, config.endpoints);
  // The signer's urlEndpoint: origin plus the endpoint id when the id is in the path.
  const inPath = endpoint.id !== '' && target.startsWith(`/${endpoint.id}/`);
  process.stdout.write(`${signUrl(url, inPath ? `${parsed.origin}/${endpoint.id}` : parsed.origin, key, expiresAt)}\n`);
  return 0;
}
