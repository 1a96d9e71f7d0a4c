// Base64 text in values (`ie-`, `prompte-`) and the SDKs' rule for when plain text is safe (spec §1.5).
// Uses the atob/btoa/TextEncoder globals that Node 20 and browsers share, so shared/ needs no node:*.

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes base64 UTF-8 text; undefined when it is not valid. The value may still be percent-encoded
 * (`%3D%3D`): the SDKs run encodeURIComponent over the base64, and `%` is never a base64 character,
 * so decoding it here is unambiguous whether or not the caller already decoded the URL.
 */
export function decodeBase64Utf8(value: string): string | undefined {
  let b64 = value;
  if (b64.includes('%')) {
    try {
      b64 = decodeURIComponent(b64);
    } catch {
      return undefined;
    }
  }
  if (b64 === '' || !BASE64.test(b64) || b64.length % 4 === 1) return undefined;
  try {
    const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Base64 of the UTF-8 bytes, percent-encoded as the SDKs emit it so `/` `+` `=` survive a URL. */
export function encodeBase64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return encodeURIComponent(btoa(binary));
}

/** The v5 SDK's "auto" rule for text: anything else goes to base64. */
export function isPlainText(text: string): boolean {
  return /^[a-zA-Z0-9\-._ ]*$/.test(text);
}

/** The v5 SDK's "auto" rule for input paths. */
export function isPlainPath(path: string): boolean {
  return /^[a-zA-Z0-9\-._/ ]*$/.test(path);
}
