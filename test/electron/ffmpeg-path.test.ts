// The desktop app's ffmpeg resolution order (environment.md §9.2): APP_FFMPEG_PATH, @ffmpeg-installer
// (out of app.asar), ffmpeg-static only where its file exists, PATH; APP_FFMPEG_PREFER=system.

import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isExecutableFile, resolveFfmpegPath, unpackedPath } from '../../electron/main/ffmpeg-path.ts';

const INSTALLER = '/opt/Loupe/resources/app.asar/node_modules/@ffmpeg-installer/linux-x64/ffmpeg';
const UNPACKED = '/opt/Loupe/resources/app.asar.unpacked/node_modules/@ffmpeg-installer/linux-x64/ffmpeg';

function lookup(executables: string[], env: Record<string, string | undefined> = {}, more: { installer?: string; ffStatic?: string } = {}) {
  return resolveFfmpegPath({
    env: { PATH: '/usr/local/bin:/usr/bin', ...env },
    platform: 'linux',
    installerPath: () => more.installer ?? INSTALLER,
    staticPath: () => more.ffStatic,
    isExecutable: (p) => executables.includes(p),
  });
}

describe('resolveFfmpegPath', () => {
  it('rewrites the bundled binary out of app.asar and prefers it to PATH', () => {
    expect(unpackedPath(INSTALLER)).toBe(UNPACKED);
    expect(unpackedPath('C:\\Loupe\\resources\\app.asar\\node_modules\\x\\ffmpeg.exe')).toBe('C:\\Loupe\\resources\\app.asar.unpacked\\node_modules\\x\\ffmpeg.exe');
    const r = lookup([UNPACKED, '/usr/bin/ffmpeg']);
    expect(r).toMatchObject({ path: UNPACKED, source: '@ffmpeg-installer/ffmpeg' });
  });

  it('never returns the path inside app.asar (it cannot be executed)', () => {
    const r = lookup([INSTALLER, '/usr/bin/ffmpeg']);
    expect(r).toMatchObject({ path: '/usr/bin/ffmpeg', source: 'PATH' });
    expect(r.tried[0]).toMatchObject({ path: UNPACKED, skipped: expect.any(String) });
  });

  it('APP_FFMPEG_PATH wins; a broken override is skipped and named', () => {
    expect(lookup(['/custom/ffmpeg', UNPACKED], { APP_FFMPEG_PATH: '/custom/ffmpeg' })).toMatchObject({ path: '/custom/ffmpeg', source: 'APP_FFMPEG_PATH' });
    const broken = lookup([UNPACKED], { APP_FFMPEG_PATH: '/nope/ffmpeg' });
    expect(broken).toMatchObject({ path: UNPACKED });
    expect(broken.tried[0]).toEqual({ source: 'APP_FFMPEG_PATH', path: '/nope/ffmpeg', skipped: 'missing or not executable' });
  });

  it('ffmpeg-static counts only where its binary exists', () => {
    const ffStatic = '/dev/node_modules/ffmpeg-static/ffmpeg';
    expect(lookup(['/usr/bin/ffmpeg'], {}, { installer: '', ffStatic })).toMatchObject({ path: '/usr/bin/ffmpeg', source: 'PATH' });
    expect(lookup([ffStatic, '/usr/bin/ffmpeg'], {}, { installer: '', ffStatic })).toMatchObject({ path: ffStatic, source: 'ffmpeg-static' });
  });

  it('APP_FFMPEG_PREFER=system puts PATH before the bundled binary (but after APP_FFMPEG_PATH)', () => {
    expect(lookup([UNPACKED, '/usr/bin/ffmpeg'], { APP_FFMPEG_PREFER: 'system' })).toMatchObject({ path: '/usr/bin/ffmpeg', source: 'PATH' });
    expect(lookup([UNPACKED, '/usr/bin/ffmpeg', '/x/ffmpeg'], { APP_FFMPEG_PREFER: 'system', APP_FFMPEG_PATH: '/x/ffmpeg' })).toMatchObject({ path: '/x/ffmpeg' });
    expect(lookup([UNPACKED], { APP_FFMPEG_PREFER: 'system' })).toMatchObject({ path: UNPACKED });
  });

  it('a throwing package lookup and an empty PATH give no ffmpeg, not a crash', () => {
    const r = resolveFfmpegPath({ env: {}, platform: 'linux', installerPath: () => { throw new Error('Unsupported platform'); }, staticPath: () => undefined, isExecutable: () => true });
    expect(r).toEqual({ path: undefined, source: undefined, tried: [] });
  });
});

describe('isExecutableFile (real file system)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'loupe-ffmpeg-'));
    await writeFile(path.join(dir, 'plain'), '');
    await writeFile(path.join(dir, 'tool'), '#!/bin/sh\n');
    await chmod(path.join(dir, 'tool'), 0o755);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('needs a regular file with X_OK', () => {
    expect(isExecutableFile(path.join(dir, 'tool'))).toBe(true);
    expect(isExecutableFile(path.join(dir, 'plain'))).toBe(false); // no x bit: refused even for root
    expect(isExecutableFile(dir)).toBe(false);
    expect(isExecutableFile(path.join(dir, 'missing'))).toBe(false);
  });

  it('finds the real @ffmpeg-installer binary in this checkout', () => {
    const installer = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
    const r = resolveFfmpegPath({ env: { PATH: '' }, installerPath: () => installer, staticPath: () => undefined });
    expect(r).toMatchObject({ path: installer, source: '@ffmpeg-installer/ffmpeg' });
  });
});
