// `npm start`: with a real Electron binary, build and launch the desktop app; without one (this build
// machine: it cannot be downloaded), say so in one sentence and run the browser studio instead, whose
// output (the studio URL) follows. Extra arguments are passed through.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { planStart } from './start-plan.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const plan = planStart({
  root,
  env: process.env,
  platform: process.platform,
  args: process.argv.slice(2),
  exists: existsSync,
  readText: (f) => (existsSync(f) ? readFileSync(f, 'utf8') : undefined),
  nodePath: process.execPath,
});

function run(args) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const buildRenderer = () => run([path.join('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn']);

let child;
if (plan.kind === 'electron') {
  run(['build/build.mjs']);
  run(['build/build-electron.mjs']);
  buildRenderer();
  // Chromium refuses to start as root with its OS sandbox on (containers, CI); say so rather than fail.
  const asRoot = process.platform === 'linux' && process.getuid?.() === 0;
  if (asRoot) process.stderr.write('Running as root: starting Electron with --no-sandbox (development only).\n');
  child = spawn(plan.executable, asRoot ? [...plan.args, '--no-sandbox'] : plan.args, { cwd: root, stdio: 'inherit' });
} else {
  // Stderr, so stdout keeps the CLI's contract: its first line is `listening http://HOST:PORT`.
  process.stderr.write(`${plan.message}\n`);
  if (!existsSync(path.join(root, 'dist', 'cli.js'))) run(['build/build.mjs']);
  if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) buildRenderer();
  child = spawn(plan.command, plan.args, { cwd: root, stdio: 'inherit' });
}

// Ctrl-C reaches the child through the terminal's process group; forwarding SIGINT as well would be a
// second signal, which `loupe serve` takes as "stop now". Forward only what a terminal does not send.
process.on('SIGINT', () => undefined);
for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('error', (e) => {
  console.error(`loupe: cannot start ${plan.kind === 'electron' ? plan.executable : plan.command}: ${e.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
