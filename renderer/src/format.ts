// Formatting for people: bytes, durations, times, and joining URLs.

export function formatBytes(n: number | undefined): string {
  if (n === undefined) return '—';
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** Joins a base URL and a path with exactly one slash between them. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** `gs://bucket/` → `bucket`, with trailing slashes and spaces removed. */
export function cleanBucketName(raw: string): { bucket: string; prefix?: string } {
  const v = raw.trim().replace(/^gs:\/\//i, '').replace(/\/+$/, '');
  const slash = v.indexOf('/');
  if (slash < 0) return { bucket: v };
  return { bucket: v.slice(0, slash), prefix: v.slice(slash + 1) };
}

export function cleanPrefix(raw: string): string {
  const v = raw.trim().replace(/^\/+/, '').replace(/\/+$/, '');
  return v ? `${v}/` : '';
}

/** A slug usable as an origin or endpoint id. */
export function slugify(raw: string): string {
  return raw.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64) || 'origin';
}
