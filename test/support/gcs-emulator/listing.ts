// objects.list semantics as GCS documents them: UTF-8 byte order, prefix/delimiter collapsing, and
// maxResults counting items and prefixes together, with an opaque token that resumes after the last entry.

import type { StoredObject } from './store.ts';

export interface ListQuery {
  prefix: string;
  delimiter: string;
  startOffset?: Buffer;
  endOffset?: Buffer;
  includeTrailingDelimiter: boolean;
  maxResults: number;
  after?: PageCursor;
}

/** The last entry a page returned; prefixes resume after everything they collapsed. */
interface PageCursor {
  kind: 'item' | 'prefix';
  value: string;
}

export interface ListPage {
  items: StoredObject[];
  prefixes: string[];
  nextPageToken?: string;
}

/** GCS: "this parameter or 1,000 items, whichever is smaller". */
const MAX_RESULTS = 1000;

export function parseListQuery(q: URLSearchParams): ListQuery | { error: string } {
  const raw = q.get('maxResults');
  let maxResults = MAX_RESULTS;
  if (raw !== null) {
    if (!/^\d+$/.test(raw)) return { error: `Invalid value for maxResults: ${raw}` };
    maxResults = Math.min(Number(raw) || MAX_RESULTS, MAX_RESULTS);
  }
  // Silently ignoring a glob would return a superset and make a test pass for the wrong reason.
  if (q.has('matchGlob')) return { error: 'matchGlob is not supported by the Loupe GCS emulator' };
  const out: ListQuery = {
    prefix: q.get('prefix') ?? '',
    delimiter: q.get('delimiter') ?? '',
    includeTrailingDelimiter: q.get('includeTrailingDelimiter') === 'true',
    maxResults,
  };
  const start = q.get('startOffset');
  const end = q.get('endOffset');
  if (start) out.startOffset = Buffer.from(start, 'utf8');
  if (end) out.endOffset = Buffer.from(end, 'utf8');
  const token = q.get('pageToken');
  if (token) {
    const cursor = decodeToken(token);
    if (!cursor) return { error: 'Invalid page token' };
    out.after = cursor;
  }
  return out;
}

export function listObjects(sorted: readonly StoredObject[], q: ListQuery): ListPage {
  const page: ListPage = { items: [], prefixes: [] };
  const after = q.after ? Buffer.from(q.after.value, 'utf8') : undefined;
  let count = 0;
  let last: PageCursor | undefined;

  for (const o of sorted) {
    if (!o.name.startsWith(q.prefix)) continue;
    if (q.startOffset && Buffer.compare(o.nameBytes, q.startOffset) < 0) continue;
    if (q.endOffset && Buffer.compare(o.nameBytes, q.endOffset) >= 0) continue;
    if (q.after && after) {
      if (Buffer.compare(o.nameBytes, after) <= 0) continue;
      if (q.after.kind === 'prefix' && o.name.startsWith(q.after.value)) continue;
    }

    const idx = q.delimiter ? o.name.indexOf(q.delimiter, q.prefix.length) : -1;
    if (idx < 0) {
      if (count === q.maxResults) return withToken(page, last);
      page.items.push(o);
      last = { kind: 'item', value: o.name };
      count++;
      continue;
    }
    // Names sharing a collapsed prefix are contiguous in byte order, so comparing with the last one dedupes.
    const prefix = o.name.slice(0, idx + q.delimiter.length);
    if (last?.kind === 'prefix' && last.value === prefix) continue;
    if (count === q.maxResults) return withToken(page, last);
    page.prefixes.push(prefix);
    last = { kind: 'prefix', value: prefix };
    count++;
    // includeTrailingDelimiter: an object named exactly like its prefix ("a/") is also an item.
    if (q.includeTrailingDelimiter && o.name === prefix) page.items.push(o);
  }
  return page;
}

function withToken(page: ListPage, last: PageCursor | undefined): ListPage {
  if (last) page.nextPageToken = Buffer.from(JSON.stringify([last.kind, last.value]), 'utf8').toString('base64url');
  return page;
}

function decodeToken(token: string): PageCursor | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(v) && (v[0] === 'item' || v[0] === 'prefix') && typeof v[1] === 'string') return { kind: v[0], value: v[1] };
  } catch {
    // fall through: any malformed token is the same 400
  }
  return undefined;
}
