// The GUI's Content-Security-Policy (desktop app and browser studio), a pure function of the delivery
// server's address: images and media may come from the GUI ('self') and the local delivery server only.

/**
 * The CSP source for the delivery server (`http://127.0.0.1:3210`), or undefined when the core has no
 * usable address. Only the origin is kept, so a path or a stray `;` can never widen the policy.
 */
export function deliverySource(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return u.origin;
  } catch {
    return undefined;
  }
}

/** The policy sent with every bundle response (and with http(s) responses via webRequest). */
export function buildCsp(deliveryUrl: string | undefined): string {
  const delivery = deliverySource(deliveryUrl);
  const withDelivery = (base: string) => (delivery ? `${base} ${delivery}` : base);
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React sets style properties through the CSSOM; 'unsafe-inline' covers style attributes in markup.
    "style-src 'self' 'unsafe-inline'",
    withDelivery("img-src 'self'"),
    withDelivery("media-src 'self'"),
    // The studio reads delivery responses (size, x-loupe-cache, Server-Timing) with fetch.
    withDelivery("connect-src 'self'"),
    "font-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Parses a policy into `{ directive: sources[] }` (for tests and diagnostics). */
export function parseCsp(policy: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out[name] = sources;
  }
  return out;
}
