// One cache entry = one file: magic, meta length, meta JSON (with the body's size and SHA-256), body.
// A single file renamed into place means an entry is either whole or absent; never half-written.

import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';

const MAGIC = Buffer.from('LOUPE1\n');
const HEADER_READ = 64 * 1024;

export interface EntryMeta {
  kind: 'original' | 'result';
  origin: string;
  key: string;
  version: string;
  /** Canonical chain and negotiation class, for results. */
  chain?: string;
  variant?: string;
  contentType: string;
  size: number;
  sha256: string;
  width?: number;
  height?: number;
  format?: string;
  lastModified?: string;
  cacheControl?: string;
  createdAt: number;
}

export function encodeEntry(meta: EntryMeta, body: Buffer): Buffer {
  const json = Buffer.from(JSON.stringify(meta), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, len, json, body]);
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Reads only the header: meta and where the body starts. undefined = not an entry file. */
export async function readEntryHeader(file: string): Promise<{ meta: EntryMeta; bodyOffset: number; fileSize: number } | undefined> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    const buf = Buffer.alloc(Math.min(HEADER_READ, size));
    await fh.read(buf, 0, buf.length, 0);
    return parseHeader(buf, size);
  } finally {
    await fh.close();
  }
}

function parseHeader(buf: Buffer, fileSize: number): { meta: EntryMeta; bodyOffset: number; fileSize: number } | undefined {
  if (buf.length < MAGIC.length + 4 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const len = buf.readUInt32BE(MAGIC.length);
  const start = MAGIC.length + 4;
  if (start + len > buf.length) return undefined;
  try {
    const meta = JSON.parse(buf.subarray(start, start + len).toString('utf8')) as EntryMeta;
    if (typeof meta.size !== 'number' || typeof meta.sha256 !== 'string') return undefined;
    return { meta, bodyOffset: start + len, fileSize };
  } catch {
    return undefined;
  }
}

/** Reads and verifies a whole entry; undefined when the file is damaged (size or hash mismatch). */
export async function readEntry(file: string): Promise<{ meta: EntryMeta; body: Buffer } | undefined> {
  const buf = await readFile(file);
  const header = parseHeader(buf, buf.length);
  if (!header) return undefined;
  const body = buf.subarray(header.bodyOffset);
  if (body.length !== header.meta.size || sha256(body) !== header.meta.sha256) return undefined;
  return { meta: header.meta, body };
}
