// Row 1 and the miss half of row 3: transform misses at 4 connections / 4 in flight, every request a
// distinct variant (w-700…899), for Loupe (HTTP, separate process), ipx (HTTP, separate process) and the
// raw-sharp floor in-process. Diagnostics beside them: Loupe's image pipeline alone in-process (no HTTP,
// no cache) and the raw floor on ipx's sharp 0.34 (child process).

import { spawn } from 'node:child_process';
import sharp from 'sharp';
import { DEFAULT_IMAGES } from '../../shared/config.ts';
import { parseTransformation } from '../../shared/transform/index.ts';
import { createImagePipeline } from '../../electron/core/image/index.ts';
import { closedLoop, httpGet, keepAliveAgent, mean, serverTiming, summarize, type LoadResult, type Summary } from './load.ts';
import { cpuMsOf, waitIdle, type ChildServer } from './servers.ts';
import { loupeLikeWebp } from './sharp-baseline.ts';

export const MISS_CONNECTIONS = 4;

export interface MissRun extends Summary {
  name: string;
  /** CPU per completed request in the process doing the transform (server or bench). */
  cpuMsPerReq: number;
  bytes?: number;
  /** Loupe only: mean Server-Timing phases and responses that were not misses. */
  timing?: { origin: number; transform: number; total: number };
  notMiss?: number;
  note?: string;
}

export interface MissSetup {
  photo: Buffer;
  photoPath: string;
  loupe: ChildServer;
  ipx: ChildServer;
  /** argv to start the raw034 child: [node, bundle]. */
  childCommand: [string, string];
  total: number;
  deadlineMs: number;
}

export function missWidths(round: number, total: number): number[] {
  return Array.from({ length: total }, (_, i) => 700 + ((round * total + i) % 200));
}

function run(name: string, r: LoadResult, cpuMs: number, extra: Partial<MissRun> = {}): MissRun {
  const s = summarize(r);
  const out: MissRun = { name, ...s, cpuMsPerReq: cpuMs / Math.max(1, r.count), ...extra };
  if (r.firstError) out.note = `${r.errors} errors, first: ${r.firstError}`;
  return out;
}

async function httpMisses(name: string, server: ChildServer, url: (w: number) => string, widths: number[], s: MissSetup, loupe: boolean): Promise<MissRun> {
  const agent = keepAliveAgent(MISS_CONNECTIONS);
  const timings: { origin: number; transform: number; total: number }[] = [];
  let notMiss = 0;
  let bytes = 0;
  const cpu0 = await cpuMsOf(server.pid);
  const r = await closedLoop({
    concurrency: MISS_CONNECTIONS, total: widths.length, deadlineMs: s.deadlineMs,
    task: async (i) => {
      const res = await httpGet(agent, url(widths[i]!), { Accept: 'image/webp,*/*' });
      if (res.status !== 200 || res.headers['content-type'] !== 'image/webp') {
        throw new Error(`${name}: ${res.status} ${String(res.headers['content-type'])} ${res.body.subarray(0, 120).toString()}`);
      }
      bytes += res.body.length;
      if (loupe) {
        if (res.headers['x-loupe-cache'] !== 'miss') notMiss++;
        const t = serverTiming(res.headers['server-timing']);
        timings.push({ origin: t.origin ?? 0, transform: t.transform ?? 0, total: t.total ?? 0 });
      }
    },
  });
  const cpu = (await cpuMsOf(server.pid)) - cpu0;
  agent.destroy();
  await waitIdle(server.pid, 5_000);
  const extra: Partial<MissRun> = { bytes: bytes / Math.max(1, r.latencies.length) };
  if (loupe) {
    extra.notMiss = notMiss;
    extra.timing = { origin: mean(timings.map((t) => t.origin)), transform: mean(timings.map((t) => t.transform)), total: mean(timings.map((t) => t.total)) };
  }
  return run(name, r, cpu, extra);
}

async function inProcess(name: string, widths: number[], s: MissSetup, fn: (w: number) => Promise<Buffer>, inFlight = MISS_CONNECTIONS): Promise<MissRun> {
  let bytes = 0;
  const cpu0 = process.cpuUsage();
  const r = await closedLoop({
    concurrency: inFlight, total: widths.length, deadlineMs: s.deadlineMs,
    task: async (i) => {
      const out = await fn(widths[i]!); // not `bytes += await ...`: that reads `bytes` before the await
      bytes += out.length;
    },
  });
  const used = process.cpuUsage(cpu0);
  return run(name, r, (used.user + used.system) / 1000, { bytes: bytes / Math.max(1, r.latencies.length) });
}

function raw034(widths: number[], s: MissSetup): Promise<MissRun> {
  return new Promise((resolve) => {
    const [node, bundle] = s.childCommand;
    const p = spawn(node, [bundle, '--child', 'raw034', s.photoPath, widths.join(','), String(MISS_CONNECTIONS), String(s.deadlineMs)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    p.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const timer = setTimeout(() => p.kill('SIGKILL'), s.deadlineMs + 15_000);
    p.on('exit', () => {
      clearTimeout(timer);
      try {
        const j = JSON.parse(out.trim().split('\n').pop() ?? '') as { result: LoadResult; cpuMs: number; version: string; vips: string };
        resolve(run(`raw sharp ${j.version} (ipx's; libvips ${j.vips})`, j.result, j.cpuMs));
      } catch {
        resolve({ name: 'raw sharp 0.34 (ipx\'s)', rps: Number.NaN, p50: Number.NaN, p99: Number.NaN, n: 0, errors: 1, cut: false, cpuMsPerReq: Number.NaN, note: `child failed: ${err.slice(0, 300)}` });
      }
    });
  });
}

export type MissKind = 'raw' | 'loupe' | 'ipx' | 'pipeline' | 'pipeline4' | 'raw2' | 'raw034';
export const MISS_KINDS: MissKind[] = ['raw', 'loupe', 'ipx', 'pipeline', 'raw2', 'pipeline4', 'raw034'];

export async function warmMisses(s: MissSetup): Promise<void> {
  await loupeLikeWebp(sharp, s.photo, 640);
  const agent = keepAliveAgent(1);
  for (const u of [`${s.loupe.url}/img/tr:w-640/photo.jpg`, `${s.ipx.url}/w_640,f_webp/photo.jpg`]) {
    const res = await httpGet(agent, u, { Accept: 'image/webp' });
    if (res.status !== 200) throw new Error(`warm-up ${u}: ${res.status} ${res.body.subarray(0, 200).toString()}`);
  }
  agent.destroy();
}

/** One round: every contender once, in `order`, on the same widths; Loupe and ipx on a per-round copy of the photo. */
export async function missRound(round: number, order: MissKind[], s: MissSetup): Promise<Record<MissKind, MissRun>> {
  const widths = missWidths(round, s.total);
  const file = `miss-r${round}.jpg`;
  // The per-round copy's original is read and cached once before timing (w-600 is outside 700–899).
  const warm = await httpGet(false, `${s.loupe.url}/img/tr:w-600/${file}`, { Accept: 'image/webp' });
  if (warm.status !== 200) throw new Error(`loupe warm-up: ${warm.status} ${warm.body.subarray(0, 200).toString()}`);
  const pipeline = createImagePipeline({ images: DEFAULT_IMAGES });
  // What-if: the same pipeline with its limiter at 4 (the public `concurrency` option; the server uses 2).
  const pipeline4 = createImagePipeline({ images: DEFAULT_IMAGES, concurrency: 4 });
  const viaPipeline = (p: typeof pipeline) => async (w: number) =>
    (await p.transform({ input: s.photo, chain: parseTransformation({ path: `w-${w}`, query: [] }), accept: 'image/webp', contentType: 'image/jpeg' })).data;
  const out = {} as Record<MissKind, MissRun>;
  for (const kind of order) {
    switch (kind) {
      case 'raw':
        out.raw = await inProcess(`raw sharp ${sharp.versions.sharp} in-process`, widths, s, (w) => loupeLikeWebp(sharp, s.photo, w));
        break;
      case 'pipeline':
        out.pipeline = await inProcess('Loupe image pipeline in-process (limiter 2)', widths, s, viaPipeline(pipeline));
        break;
      case 'pipeline4':
        out.pipeline4 = await inProcess('what-if: pipeline in-process, limiter 4', widths, s, viaPipeline(pipeline4));
        break;
      case 'raw2':
        out.raw2 = await inProcess('raw sharp in-process, 2 in flight', widths, s, (w) => loupeLikeWebp(sharp, s.photo, w), 2);
        break;
      case 'loupe':
        out.loupe = await httpMisses('loupe serve (HTTP)', s.loupe, (w) => `${s.loupe.url}/img/tr:w-${w}/${file}`, widths, s, true);
        break;
      case 'ipx':
        out.ipx = await httpMisses('ipx 3 (HTTP)', s.ipx, (w) => `${s.ipx.url}/w_${w},f_webp/${file}`, widths, s, false);
        break;
      case 'raw034':
        out.raw034 = await raw034(widths, s);
        break;
    }
  }
  return out;
}
