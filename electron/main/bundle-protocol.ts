// `app://bundle/<path>` → a file under dist/renderer. The guard decodes first, then resolves, then checks
// containment, so `..%2f..%2fetc/passwd` and `%2e%2e/` escapes are 404s, never reads outside the bundle.

import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './policy.ts';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function mimeType(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The absolute file an `app://bundle/...` URL names, or undefined when it is not a bundle URL or would
 * leave the bundle folder. `/` means `/index.html`.
 */
export function resolveBundleFile(root: string, requestUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return undefined;
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    return undefined; // malformed escapes such as %E0%A4%A
  }
  // NUL truncates paths in native code; a decoded backslash is a separator on Windows.
  if (rel.includes('\0') || rel.includes('\\')) return undefined;
  if (rel === '' || rel === '/') rel = '/index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, `.${rel.startsWith('/') ? rel : `/${rel}`}`);
  if (file !== base && !file.startsWith(base + path.sep)) return undefined;
  return file;
}

export interface BundleHandlerOptions {
  /** dist/renderer (inside app.asar when packaged: Electron's fs reads from the archive). */
  root: string;
  /** The policy for the current delivery address; the handler sets it itself because Electron's
   *  webRequest header hooks have not fired for custom-protocol responses (electron/electron#6021). */
  csp: () => string;
}

function notFound(csp: string): Response {
  return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': csp } });
}

/** The `protocol.handle('app', …)` handler. */
export function createBundleHandler(options: BundleHandlerOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    const csp = options.csp();
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: { allow: 'GET, HEAD', 'content-security-policy': csp } });
    }
    const file = resolveBundleFile(options.root, request.url);
    if (!file) return notFound(csp);
    try {
      const info = await stat(file);
      if (!info.isFile()) return notFound(csp);
      const body = request.method === 'HEAD' ? null : await readFile(file);
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': mimeType(file),
          'content-length': String(info.size),
          'content-security-policy': csp,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-cache',
        },
      });
    } catch {
      return notFound(csp);
    }
  };
}
