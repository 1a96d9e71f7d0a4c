// Folder origin: files under one root directory. Security: decode first, then resolve and check the
// path stays inside the root, then realpath again so a symlink cannot lead outside (thumbor's order).

import { createReadStream } from 'node:fs';
import { opendir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FolderOriginConfig } from '../../../shared/config.ts';
import { LoupeError } from '../../../shared/errors.ts';
import { contentTypeFor } from './mime.ts';
import type { ByteRange, ListPage, Origin, OriginCheck, SourceMeta, SourceStream } from './types.ts';

const PAGE_SIZE = 1000;

export function createFolderOrigin(config: FolderOriginConfig): Origin {
  const root = path.resolve(config.root);
  let realRoot: Promise<string> | undefined;
  const getRealRoot = () => (realRoot ??= realpath(root).catch(() => root));

  /** The absolute file for a key, or undefined when the key is not a safe name inside the root. */
  async function locate(key: string): Promise<string | undefined> {
    if (key.includes('\0') || key.includes('\\')) return undefined;
    const parts = key.split('/').filter((p) => p !== '');
    if (parts.length === 0 || parts.some((p) => p === '.' || p === '..')) return undefined;
    const file = path.join(root, ...parts);
    if (!isInside(root, file)) return undefined;
    try {
      const real = await realpath(file);
      return isInside(await getRealRoot(), real) ? real : undefined;
    } catch {
      return undefined;
    }
  }

  async function statKey(key: string): Promise<{ file: string; meta: SourceMeta } | undefined> {
    const file = await locate(key);
    if (!file) return undefined;
    const s = await stat(file).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return undefined;
      throw new LoupeError('ORIGIN_ERROR', `Folder origin "${config.id}" cannot read ${file}: ${e.code ?? e.message}`);
    });
    if (!s?.isFile()) return undefined;
    return {
      file,
      meta: { size: s.size, contentType: contentTypeFor(file), version: `${Math.floor(s.mtimeMs)}-${s.size}`, lastModified: s.mtime },
    };
  }

  return {
    id: config.id,
    type: 'folder',
    describe: (key) => path.join(root, ...key.split('/').filter((p) => p !== '')),
    async stat(key) {
      return (await statKey(key))?.meta;
    },
    async read(key, range?: ByteRange): Promise<SourceStream> {
      const found = await statKey(key);
      if (!found) throw new LoupeError('ORIGIN_NOT_FOUND', `No file at ${path.join(root, key)}`);
      const body = createReadStream(found.file, range ? { start: range.start, end: range.end } : {});
      return { meta: found.meta, body };
    },
    async list(prefix: string, cursor?: string): Promise<ListPage> {
      const dirKey = prefix.replace(/\/+$/, '');
      const dir = dirKey === '' ? await getRealRoot() : await locate(dirKey);
      if (!dir) return { folders: [], objects: [] };
      const names: string[] = [];
      try {
        for await (const entry of await opendir(dir)) names.push(entry.name);
      } catch {
        return { folders: [], objects: [] };
      }
      names.sort();
      const start = cursor ? names.findIndex((n) => n > cursor) : 0;
      const page = start < 0 ? [] : names.slice(start, start + PAGE_SIZE);
      const result: ListPage = { folders: [], objects: [] };
      for (const name of page) {
        const key = dirKey ? `${dirKey}/${name}` : name;
        const file = await locate(key);
        if (!file) continue;
        const s = await stat(file).catch(() => undefined);
        if (s?.isDirectory()) result.folders.push(`${key}/`);
        else if (s?.isFile()) result.objects.push({ name: key, size: s.size, contentType: contentTypeFor(name), updated: s.mtime.toISOString(), version: `${Math.floor(s.mtimeMs)}-${s.size}` });
      }
      if (start >= 0 && start + PAGE_SIZE < names.length) result.cursor = page[page.length - 1];
      return result;
    },
    async check(): Promise<OriginCheck> {
      const s = await stat(root).catch(() => undefined);
      const ok = !!s?.isDirectory();
      return {
        ok,
        checks: [{
          name: 'Folder exists', ok,
          message: ok ? `${root} is a readable folder` : `${root} does not exist or is not a folder`,
          ...(ok ? {} : { fix: 'Create the folder or correct the path in the origin settings.' }),
        }],
      };
    },
  };
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
