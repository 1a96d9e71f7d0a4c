// Packaging-layout check without a real Electron (environment.md §10): builds the app, packages it with
// electron-builder's `dir` target against a STUB Electron (.stub-electron/: an executable `electron`
// script and a `version` file), then checks release/linux-unpacked/resources/: app.asar and its
// contents, libvips unpacked next to sharp, sharp's .node loading with dlopen, and the unpacked ffmpeg
// running. Prints one line `package layout: N passed, M failed` and exits non-zero on any failure.
//
// Fuses cannot be flipped on a stub (@electron/fuses looks for a sentinel in the real binary), so the
// check packages without `electronFuses` and only validates that block against electron-builder's schema.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const results = [];
const check = (name, fn) => {
  try {
    const detail = fn();
    if (detail === false) throw new Error('no');
    results.push({ name, ok: true });
    console.log(`  ok    ${name}${typeof detail === 'string' ? ` (${detail})` : ''}`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`  FAIL  ${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
};
const finish = () => {
  const failed = results.filter((r) => !r.ok).length;
  console.log(`package layout: ${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
};
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });

// 1. The config: package.json's "build" block.
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const config = structuredClone(pkg.build);
const output = path.resolve(root, config.directories?.output ?? 'dist');
const resources = path.join(output, 'linux-unpacked', 'resources');

check('output directory is not dist/ (dist/renderer, dist/cli.js stay)', () => {
  if (output === path.join(root, 'dist') || output.startsWith(path.join(root, 'dist') + path.sep)) throw new Error(`directories.output is ${output}`);
  return path.relative(root, output);
});
check('electronFuses block is valid for electron-builder 26 (flipping them needs a real binary)', () => {
  const scheme = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
  const allowed = Object.keys(scheme.definitions.FuseOptionsV1.properties);
  const fuses = config.electronFuses ?? {};
  const unknown = Object.keys(fuses).filter((k) => !allowed.includes(k));
  if (unknown.length) throw new Error(`unknown fuses: ${unknown.join(', ')}`);
  const want = { runAsNode: false, enableCookieEncryption: true, enableNodeOptionsEnvironmentVariable: false, enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true, grantFileProtocolExtraPrivileges: false };
  const wrong = Object.entries(want).filter(([k, v]) => fuses[k] !== v).map(([k]) => k);
  if (wrong.length) throw new Error(`not as environment.md §5 recommends: ${wrong.join(', ')}`);
  return `${Object.keys(fuses).length} fuses`;
});

// 2. Build what gets packed.
for (const [name, args] of [['build: cli', ['build/build.mjs']], ['build: electron main + preload', ['build/build-electron.mjs']], ['build: renderer (vite)', [path.join('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn']]]) {
  check(name, () => {
    const r = run(process.execPath, args);
    if (r.status !== 0) throw new Error((r.stderr || r.stdout).trim().split('\n').slice(-5).join(' | '));
  });
}

// 3. The stub Electron and the package.
const stub = path.join(root, '.stub-electron');
mkdirSync(stub, { recursive: true });
writeFileSync(path.join(stub, 'electron'), '#!/bin/sh\necho "stub electron: no real binary in this environment" >&2\nexit 1\n');
chmodSync(path.join(stub, 'electron'), 0o755);
const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
writeFileSync(path.join(stub, 'version'), `v${electronVersion}`);
const { electronFuses: _fuses, ...packConfig } = config;
// Until package.json names it, tell electron-builder where the main entry is.
if (!pkg.main) packConfig.extraMetadata = { ...packConfig.extraMetadata, main: 'dist/main/index.js' };
const packConfigFile = path.join(stub, 'builder-config.json');
writeFileSync(packConfigFile, JSON.stringify(packConfig, null, 2));
rmSync(path.join(output, 'linux-unpacked'), { recursive: true, force: true });

const started = Date.now();
const builder = run(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['electron-builder', '--linux', 'dir', '--config', packConfigFile, `-c.electronDist=${stub}`, '--publish', 'never'], { env: { ...process.env, CI: 'true' } });
check('electron-builder --linux dir with the stub electronDist', () => {
  if (builder.status !== 0) {
    console.log((builder.stdout + builder.stderr).trim().split('\n').slice(-25).join('\n'));
    throw new Error(`exit ${builder.status}`);
  }
  return `${((Date.now() - started) / 1000).toFixed(1)} s`;
});
if (builder.status !== 0) finish();

// 4. The layout.
const unpacked = path.join(resources, 'app.asar.unpacked');
const asarFile = path.join(resources, 'app.asar');
check('resources/app.asar exists', () => `${(statSync(asarFile).size / 1e6).toFixed(1)} MB`);

let asarEntries = [];
check('app.asar holds package.json (main → dist/main/index.js), main, preload and renderer', () => {
  const asar = require('@electron/asar');
  asarEntries = asar.listPackage(asarFile, { isPack: false }).map((p) => p.split(path.sep).join('/'));
  const packed = JSON.parse(asar.extractFile(asarFile, 'package.json').toString());
  if (packed.main !== 'dist/main/index.js') throw new Error(`package.json main is ${packed.main}`);
  const missing = ['/dist/main/index.js', '/dist/preload/index.cjs', '/dist/renderer/index.html', '/dist/cli.js'].filter((f) => !asarEntries.includes(f));
  if (missing.length) throw new Error(`missing ${missing.join(', ')}`);
});
check('app.asar has no dev dependencies (electron, vite, react, vitest, playwright)', () => {
  const dev = ['electron', 'vite', 'react', 'vitest', '@playwright/test', 'electron-builder', 'esbuild'].filter((d) => asarEntries.includes(`/node_modules/${d}/package.json`) || existsSync(path.join(unpacked, 'node_modules', d)));
  if (dev.length) throw new Error(`packed: ${dev.join(', ')}`);
});

const libDir = path.join(unpacked, 'node_modules', '@img', 'sharp-libvips-linux-x64', 'lib');
check('app.asar.unpacked/node_modules/@img/sharp-libvips-linux-x64/lib/libvips-cpp.so.* exists', () => {
  const libs = readdirSync(libDir).filter((f) => /^libvips-cpp\.so\./.test(f));
  if (!libs.length) throw new Error(`none in ${libDir}`);
  return libs.join(', ');
});
check('sharp .node file process.dlopen()s from app.asar.unpacked (child node process)', () => {
  const dir = path.join(unpacked, 'node_modules', '@img', 'sharp-linux-x64', 'lib');
  const node = readdirSync(dir).find((f) => f.endsWith('.node'));
  if (!node) throw new Error(`no .node file in ${dir}`);
  const r = run(process.execPath, ['-e', 'process.dlopen({ exports: {} }, process.argv[1]); console.log("dlopen OK")', path.join(dir, node)]);
  if (r.status !== 0 || !r.stdout.includes('dlopen OK')) throw new Error(r.stderr.split('\n').find((l) => /Error|cannot open/.test(l))?.trim() ?? `exit ${r.status}`);
  return node;
});
check('unpacked @ffmpeg-installer ffmpeg runs (-version exits 0)', () => {
  const ffmpeg = path.join(unpacked, 'node_modules', '@ffmpeg-installer', 'linux-x64', 'ffmpeg');
  const r = run(ffmpeg, ['-hide_banner', '-version'], { timeout: 30_000 });
  if (r.status !== 0) throw new Error(`exit ${r.status} ${r.error?.message ?? r.stderr}`);
  return r.stdout.split('\n')[0];
});
check('the sample folder is unpacked (the folder origin cannot open files inside app.asar)', () => existsSync(path.join(unpacked, 'sample', 'photo.jpg')));
check('the app executable is next to resources/', () => {
  const exe = path.join(output, 'linux-unpacked', pkg.name);
  statSync(exe);
  return path.relative(root, exe);
});
check('dist/renderer and dist/cli.js are still in place after packaging', () => existsSync(path.join(root, 'dist', 'renderer', 'index.html')) && existsSync(path.join(root, 'dist', 'cli.js')));
finish();
