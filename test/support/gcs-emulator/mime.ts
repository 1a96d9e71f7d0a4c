// Content types for folder seeding, by extension. Deliberately not Loupe's own table: the emulator is
// the test double for Loupe's GCS origin, and sharing code with it would hide a wrong type in both.

const TYPES: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif',
  heic: 'image/heic', tif: 'image/tiff', tiff: 'image/tiff', svg: 'image/svg+xml', ico: 'image/vnd.microsoft.icon', bmp: 'image/bmp',
  mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm', mkv: 'video/x-matroska', ogv: 'video/ogg',
  m3u8: 'application/vnd.apple.mpegurl', mpd: 'application/dash+xml', ts: 'video/mp2t',
  mp3: 'audio/mpeg', m4a: 'audio/mp4', wav: 'audio/wav', ogg: 'audio/ogg',
  css: 'text/css', js: 'text/javascript', json: 'application/json', html: 'text/html', txt: 'text/plain',
  xml: 'application/xml', pdf: 'application/pdf', woff2: 'font/woff2',
};

/** @default application/octet-stream, which is what GCS stores when no type is given */
export function contentTypeFor(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return (dot > 0 && TYPES[base.slice(dot + 1).toLowerCase()]) || 'application/octet-stream';
}
