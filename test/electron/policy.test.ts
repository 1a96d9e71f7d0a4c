// The pure policy functions behind the shell, by attack: look-alike origins, schemes that must never
// reach the system browser, and CSP sources that must not widen the policy.

import { describe, expect, it } from 'vitest';
import { buildCsp, deliverySource, parseCsp } from '../../shared/csp.ts';
import { resolveBundleFile } from '../../electron/main/bundle-protocol.ts';
import { isPermissionAllowed, isSafeExternalUrl, isTrustedSender, isTrustedUrl } from '../../electron/main/policy.ts';

describe('isTrustedUrl / isTrustedSender', () => {
  it('accepts the bundle and nothing that merely looks like it', () => {
    expect(isTrustedUrl('app://bundle/index.html')).toBe(true);
    expect(isTrustedUrl('app://bundle/index.html#/studio?x=1')).toBe(true);
    for (const url of ['app://bundle.evil.example/index.html', 'app://evil@bundle/', 'app://bundle:1@evil/', 'app://evil/', 'https://bundle/index.html', 'file:///app/dist/renderer/index.html', 'null', '', 'app:bundle/index.html', 'app://BUNDLE.evil/']) {
      expect(isTrustedUrl(url), url).toBe(false);
    }
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
    expect(isTrustedSender({ url: '' })).toBe(false); // a frame before its first navigation
    expect(isTrustedSender({ url: 'app://bundle/index.html' })).toBe(true);
  });

  it('app: has an opaque origin ("null"), which is why protocol + host are compared', () => {
    expect(new URL('app://bundle/index.html').origin).toBe('null');
    expect(new URL('app://evil/index.html').origin).toBe('null');
  });
});

describe('isSafeExternalUrl', () => {
  it('lets only http(s) links leave the app', () => {
    expect(isSafeExternalUrl('https://cloud.google.com/iam')).toBe(true);
    expect(isSafeExternalUrl('http://127.0.0.1:3210/sample/photo.jpg')).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<script>1</script>', 'smb://host/share', 'ms-msdt:/id', 'app://bundle/', 'not a url', 'http://']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});

describe('permissions', () => {
  it('only clipboard writes, only from the bundle', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://bundle/index.html')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(isPermissionAllowed('clipboard-read', 'app://bundle/index.html')).toBe(false);
    expect(isPermissionAllowed('media', 'app://bundle/index.html')).toBe(false);
  });
});

describe('CSP', () => {
  it('names only the delivery origin, never a path or an injected directive', () => {
    expect(deliverySource('http://127.0.0.1:3210')).toBe('http://127.0.0.1:3210');
    expect(deliverySource('http://127.0.0.1:3210/sample/x; script-src *')).toBe('http://127.0.0.1:3210');
    expect(deliverySource('javascript:alert(1)')).toBeUndefined();
    expect(deliverySource(undefined)).toBeUndefined();
    const csp = parseCsp(buildCsp('http://127.0.0.1:3210/x;script-src *'));
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['img-src']).toEqual(["'self'", 'http://127.0.0.1:3210']);
  });

  it('without a running server images come from the bundle only', () => {
    const csp = parseCsp(buildCsp(undefined));
    expect(csp['img-src']).toEqual(["'self'"]);
    expect(csp['media-src']).toEqual(["'self'"]);
  });
});

describe('resolveBundleFile', () => {
  it('decodes, resolves and contains', () => {
    expect(resolveBundleFile('/app/dist/renderer', 'app://bundle/assets/a%20b.js')).toBe('/app/dist/renderer/assets/a b.js');
    expect(resolveBundleFile('/app/dist/renderer', 'app://bundle/')).toBe('/app/dist/renderer/index.html');
    expect(resolveBundleFile('/app/dist/renderer', 'app://bundle/..%2f..%2fetc/passwd')).toBeUndefined();
    expect(resolveBundleFile('/app/dist/renderer', 'app://bundle/..%2frenderer-evil/x.js')).toBeUndefined(); // sibling with the same prefix
    expect(resolveBundleFile('/app/dist/renderer', 'app://bundle/%2e%2e%2f%2e%2e%2fmain/index.js')).toBeUndefined();
  });
});
