// Which ffmpeg the desktop app hands to the core, in the documented order (environment.md §9.2):
// APP_FFMPEG_PATH; @ffmpeg-installer's binary (out of app.asar); ffmpeg-static where its download ran;
// `ffmpeg` on PATH. APP_FFMPEG_PREFER=system tries PATH before the bundled binaries. Pure: every
// file-system and module lookup is passed in, so the order is unit-tested.

import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

export type FfmpegSource = 'APP_FFMPEG_PATH' | '@ffmpeg-installer/ffmpeg' | 'ffmpeg-static' | 'PATH';

export interface FfmpegCandidate {
  source: FfmpegSource;
  path: string;
}

export interface FfmpegResolution {
  /** undefined: no usable ffmpeg (video features report it; images still work). */
  path: string | undefined;
  source: FfmpegSource | undefined;
  /** Every candidate considered, with why it was skipped: for the log and a "why no video?" answer. */
  tried: { source: FfmpegSource; path: string; skipped?: string }[];
}

export interface FfmpegLookup {
  env: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
  /** `require('@ffmpeg-installer/ffmpeg').path`, or undefined when the package is missing or throws. */
  installerPath: () => string | undefined;
  /** `require('ffmpeg-static')`, or undefined. Its path exists only where its install download ran. */
  staticPath: () => string | undefined;
  /** @default a regular file that passes an X_OK access check */
  isExecutable?: (file: string) => boolean;
}

/** A binary inside app.asar cannot be executed; asarUnpack puts the real file next to the archive. */
export function unpackedPath(file: string): string {
  return file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

export function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `ffmpeg` (or `ffmpeg.exe`) in each PATH folder, in order. */
export function pathCandidates(env: FfmpegLookup['env'], platform: NodeJS.Platform): string[] {
  const raw = env.PATH ?? env.Path ?? '';
  const sep = platform === 'win32' ? ';' : ':';
  const exe = platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg';
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  return raw.split(sep).filter((d) => d !== '').map((d) => join(d, exe));
}

function safe(get: () => string | undefined): string | undefined {
  try {
    const p = get();
    return typeof p === 'string' && p !== '' ? p : undefined;
  } catch {
    return undefined;
  }
}

export function resolveFfmpegPath(lookup: FfmpegLookup): FfmpegResolution {
  const platform = lookup.platform ?? process.platform;
  const isExecutable = lookup.isExecutable ?? isExecutableFile;
  const explicit: FfmpegCandidate[] = lookup.env.APP_FFMPEG_PATH ? [{ source: 'APP_FFMPEG_PATH', path: lookup.env.APP_FFMPEG_PATH }] : [];
  const bundled: FfmpegCandidate[] = [];
  const installer = safe(lookup.installerPath);
  if (installer) bundled.push({ source: '@ffmpeg-installer/ffmpeg', path: unpackedPath(installer) });
  const ffStatic = safe(lookup.staticPath);
  if (ffStatic) bundled.push({ source: 'ffmpeg-static', path: unpackedPath(ffStatic) });
  const system: FfmpegCandidate[] = pathCandidates(lookup.env, platform).map((p) => ({ source: 'PATH', path: p }));
  const preferSystem = lookup.env.APP_FFMPEG_PREFER === 'system';
  const order = [...explicit, ...(preferSystem ? [...system, ...bundled] : [...bundled, ...system])];

  const tried: FfmpegResolution['tried'] = [];
  for (const c of order) {
    if (isExecutable(c.path)) {
      tried.push({ source: c.source, path: c.path });
      return { path: c.path, source: c.source, tried };
    }
    // Quietly skip PATH folders without ffmpeg; name the others (an override that does not work is a mistake).
    if (c.source !== 'PATH') tried.push({ source: c.source, path: c.path, skipped: 'missing or not executable' });
  }
  return { path: undefined, source: undefined, tried };
}
