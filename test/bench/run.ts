// `npm run bench`: builds, then measures Loupe side by side with its baselines in one run and prints the
// ratios (medians of interleaved rounds) with the raw figures; the same Markdown goes to reports/bench.md.
// Everything it needs is started here, on 127.0.0.1 only, over a temporary folder removed at the end.
// Knobs (env): BENCH_MISS_ROUNDS (3), BENCH_MISS_REQUESTS (120), BENCH_HIT_ROUNDS (2), BENCH_HIT_SECONDS (5).

import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { runChild } from './children.ts';
import { writeFixtures } from './fixtures.ts';
import { herdInProcess, herdServer, loupeConfig, memoryRun } from './herd-memory.ts';
import { hitRound, loupeVariant, type HitKind, type HitRun } from './hits.ts';
import { MISS_KINDS, missRound, warmMisses, type MissKind, type MissRun, type MissSetup } from './misses.ts';
import { details, summary, type BenchData } from './report.ts';
import { killAllChildren, startServer, type ChildServer } from './servers.ts';
import { ensureWrk } from './wrk.ts';

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};
const MISS_ROUNDS = num('BENCH_MISS_ROUNDS', 3);
const MISS_REQUESTS = num('BENCH_MISS_REQUESTS', 120);
const HIT_ROUNDS = num('BENCH_HIT_ROUNDS', 2);
const HIT_SECONDS = num('BENCH_HIT_SECONDS', 5);
const MEMORY_CONNECTIONS = 16;
const MEMORY_REQUESTS = 60;
/** Hard bound on the whole run; each load is also bounded in count and time. */
const WATCHDOG_MS = 8 * 60_000;

const BUNDLE = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(BUNDLE), '..');
const LOUPE_BIN = path.join(ROOT, 'bin', 'loupe.js');

const log = (msg: string) => process.stderr.write(`[bench ${(performance.now() / 1000).toFixed(0).padStart(3)}s] ${msg}\n`);

function startLoupe(configFile: string, dataDir: string): Promise<ChildServer> {
  return startServer('loupe serve', process.execPath, [LOUPE_BIN, 'serve', '--config', configFile, '--port', '0', '--data-dir', dataDir], { cwd: ROOT });
}

function environment(wrkSkipped: string | undefined, ipxSharp: string): string[] {
  let wrk = 'wrk: not used';
  if (!wrkSkipped) {
    try {
      execFileSync('wrk', ['--version'], { encoding: 'utf8' });
    } catch (e) {
      wrk = String((e as { stdout?: string }).stdout ?? '').split('\n')[0]?.trim() ?? 'wrk';
    }
  }
  return [
    `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}, UV_THREADPOOL_SIZE ${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}`,
    `Loupe and the raw floor: sharp ${sharp.versions.sharp} / libvips ${sharp.versions.vips}, sharp.concurrency() ${sharp.concurrency()} in the bench process; ipx: ${ipxSharp}`,
    `${wrk}; wrk, the bench client and every server share the same ${os.cpus().length} cores (loopback)`,
    'raw floor = the exact sharp calls of Loupe\'s pipeline for tr:w-W → WebP: metadata(); sharp(input, {failOn:error, limitInputPixels:1e8, autoOrient:true, animated:false}).resize(W, H, {fit:fill}).webp({quality:80, lossless:false, effort:4}).toBuffer()',
    'misses: widths 700–899 cycling, Loupe and ipx on a byte-identical per-round copy of the photo (fresh cache keys); order alternates per round',
  ];
}

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    log(`over ${WATCHDOG_MS / 60_000} min: aborting`);
    killAllChildren();
    process.exit(2);
  }, WATCHDOG_MS);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'loupe-bench-'));
  const images = path.join(tmp, 'images');
  await mkdir(images);
  const servers: ChildServer[] = [];
  try {
    log(`fixtures in ${tmp}`);
    const fx = await writeFixtures(images, MISS_ROUNDS);
    log(`photo ${(fx.photo.length / 1048576).toFixed(2)} MiB, 24 MP ${(fx.photo24.length / 1048576).toFixed(2)} MiB, bomb ${(fx.bomb.length / 1024).toFixed(0)} KiB`);
    const wrkSkipped = ensureWrk();
    const configFile = path.join(tmp, 'loupe.json');
    await writeFile(configFile, JSON.stringify(loupeConfig(images), null, 2));

    const loupe = await startLoupe(configFile, path.join(tmp, 'data-main'));
    servers.push(loupe);
    const ipx = await startServer('ipx 3', process.execPath, [BUNDLE, '--child', 'ipx', images], { cwd: ROOT });
    servers.push(ipx);
    log(`loupe ${loupe.url} (pid ${loupe.pid}), ipx ${ipx.url} (pid ${ipx.pid})`);

    // 1 + 3a: misses, interleaved.
    const setup: MissSetup = { photo: fx.photo, photoPath: path.join(images, 'photo.jpg'), loupe, ipx, childCommand: [process.execPath, BUNDLE], total: MISS_REQUESTS, deadlineMs: 30_000 };
    await warmMisses(setup);
    const order = MISS_KINDS;
    const missRounds: Record<MissKind, MissRun>[] = [];
    for (let r = 0; r < MISS_ROUNDS; r++) {
      const o = r % 2 === 0 ? order : [...order].reverse();
      log(`miss round ${r + 1}/${MISS_ROUNDS}: ${o.join(' → ')}`);
      const round = await missRound(r, o, setup);
      missRounds.push(round);
      log(`  ${o.map((k) => `${k} ${round[k].rps.toFixed(1)} req/s p99 ${round[k].p99.toFixed(0)} ms`).join(', ')}`);
    }

    // 2 + 3b: the same URL repeated, wrk.
    const hitRounds: Record<HitKind, HitRun>[] = [];
    if (!wrkSkipped) {
      const loupeUrl = `${loupe.url}/img/tr:w-800/photo.jpg`;
      const bytes = await loupeVariant(loupeUrl);
      const webp = path.join(tmp, 'photo.webp');
      await writeFile(webp, bytes);
      const stat = await startServer('node:http from memory', process.execPath, [BUNDLE, '--child', 'static', webp, 'image/webp'], { cwd: ROOT });
      servers.push(stat);
      log(`hit variant ${(bytes.length / 1024).toFixed(1)} KiB; static ${stat.url}`);
      const hitSetup = { loupe, static: stat, ipx, loupeUrl, ipxUrl: `${ipx.url}/w_800,f_webp/photo.jpg`, seconds: HIT_SECONDS, connections: 64 };
      const hitOrder: HitKind[] = ['static', 'loupe', 'ipx'];
      for (let r = 0; r < HIT_ROUNDS; r++) {
        const o = r % 2 === 0 ? hitOrder : [...hitOrder].reverse();
        log(`hit round ${r + 1}/${HIT_ROUNDS}: ${o.join(' → ')}`);
        const round = await hitRound(o, hitSetup);
        hitRounds.push(round);
        log(`  ${o.map((k) => `${k} ${round[k].rps.toFixed(0)} req/s`).join(', ')}`);
      }
    } else log(`cache-hit rows skipped: ${wrkSkipped}`);

    // 4: herd, against the server process (wall time) and in-process (exact transform count).
    log('thundering herd (loupe serve, then in-process core)');
    const herd = await herdServer(loupe, 3);
    for (const s of servers.splice(0)) await s.stop();
    const herdCore = await herdInProcess(images, path.join(tmp, 'data-herd'), 3);

    // 5: memory, on a fresh server.
    log('memory (fresh loupe serve)');
    const memServer = await startLoupe(configFile, path.join(tmp, 'data-mem'));
    servers.push(memServer);
    const memory = await memoryRun(memServer, MEMORY_CONNECTIONS, MEMORY_REQUESTS, 60_000);
    for (const s of servers.splice(0)) await s.stop();

    const ipxSharpName = missRounds[0]?.raw034.name.replace(/^raw sharp /, 'sharp ').replace(/ \(ipx's; /, ' / ').replace(/\)$/, '') ?? '?';
    const data: BenchData = {
      env: environment(wrkSkipped, ipxSharpName), missRounds, missRequests: MISS_REQUESTS, hitRounds, herd, herdCore, memory,
      memoryConnections: MEMORY_CONNECTIONS, seconds: HIT_SECONDS, ...(wrkSkipped ? { hitSkipped: wrkSkipped } : {}),
    };
    const s = summary(data);
    const markdown = [`## Loupe benchmark (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${(performance.now() / 1000).toFixed(0)} s)`, '', s.markdown, '', details(data), ''].join('\n');
    await mkdir(path.join(ROOT, 'reports'), { recursive: true });
    await writeFile(path.join(ROOT, 'reports', 'bench.md'), markdown);
    process.stdout.write(`\n${markdown}\n`);
    log(`written reports/bench.md; ${s.met ? 'all targets met' : 'some targets NOT met'}`);
  } finally {
    clearTimeout(watchdog);
    for (const s of servers) await s.stop().catch(() => undefined);
    killAllChildren();
    await rm(tmp, { recursive: true, force: true });
  }
}

if (!(await runChild(process.argv.slice(2)))) {
  process.on('exit', killAllChildren);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      killAllChildren();
      process.exit(130);
    });
  }
  await main();
  process.exit(0);
}
