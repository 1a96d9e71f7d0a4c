// The Content-Security-Policy for the GUI (studio and desktop app): scripts only from the app itself,
// images and media only from the app and the local delivery server.

export function studioCsp(deliveryOrigin: string | undefined): string {
  const delivery = deliveryOrigin ? ` ${deliveryOrigin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${delivery}`,
    `media-src 'self' blob:${delivery}`,
    `connect-src 'self'${delivery}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
