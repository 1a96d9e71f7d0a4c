// The shell's security policy as pure functions (no electron import), so each rule is unit-tested by
// attack name: which URLs are the app, which IPC senders are trusted, which links may leave the app.

/** The renderer is served from this origin (a privileged standard scheme registered before ready). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * True for URLs of the app's own bundle. WHATWG `URL.origin` is the string "null" for non-special
 * schemes such as `app:`, so compare protocol and host instead of origins.
 */
export function isTrustedUrl(url: string | undefined): boolean {
  if (typeof url !== 'string' || url === '') return false;
  const u = parse(url);
  return u !== undefined && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/**
 * The IPC sender check: the frame must still exist (a destroyed frame is `null`) and show the bundle.
 * Electron's `event.senderFrame` is `WebFrameMain | null`; only its `url` matters here.
 */
export function isTrustedSender(frame: { readonly url: string } | null | undefined): boolean {
  return frame !== null && frame !== undefined && isTrustedUrl(frame.url);
}

/** Links that may be handed to the system browser: http(s) only, never file:, javascript:, custom schemes. */
export function isSafeExternalUrl(url: string | undefined): boolean {
  if (typeof url !== 'string') return false;
  const u = parse(url);
  return u !== undefined && (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
}

/**
 * Permissions the trusted bundle may use: only writing to the clipboard, which `navigator.clipboard.writeText`
 * (the studio's "Copy URL" buttons) needs; Chromium asks for it as `clipboard-sanitized-write`. Everything
 * else (camera, geolocation, notifications, clipboard reads, ...) and every other origin is denied.
 */
const BUNDLE_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return BUNDLE_PERMISSIONS.has(permission) && isTrustedUrl(requestingUrl);
}
